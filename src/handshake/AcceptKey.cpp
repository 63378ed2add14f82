#include "handshake/AcceptKey.hpp"

#include "util/Base64.hpp"

// The low-level SHA-1 functions are deprecated in OpenSSL 3 but still there. They skip the
// provider machinery: the first EVP_MD_fetch builds OpenSSL's provider and name tables, about
// 5 million instructions, more than the rest of a single run together.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <cstdint>
#include <stdexcept>

namespace wsh::handshake {

std::array<char, 28> compute_accept(std::string_view sec_websocket_key) {
  SHA_CTX context;
  std::array<std::uint8_t, SHA_DIGEST_LENGTH> digest{};
  if (SHA1_Init(&context) != 1 ||
      SHA1_Update(&context, sec_websocket_key.data(), sec_websocket_key.size()) != 1 ||
      SHA1_Update(&context, k_websocket_guid.data(), k_websocket_guid.size()) != 1 ||
      SHA1_Final(digest.data(), &context) != 1) {
    throw std::runtime_error("OpenSSL SHA-1 failed");
  }
  return util::base64_encode_20(digest);
}

} // namespace wsh::handshake
