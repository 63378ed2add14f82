#include "handshake/AcceptKey.hpp"

#include "util/Base64.hpp"

// The low-level SHA-1 functions are deprecated in OpenSSL 3 but still there. They skip the
// provider machinery: the first EVP_MD_fetch builds OpenSSL's provider and name tables, about
// 5 million instructions, more than the rest of a single run together.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace wsh::handshake {

namespace {

// The key and the GUID padded to whole blocks, and the blocks hashed with one SHA1_Update: SHA-1's
// padding (FIPS 180-4 5.1.1) written here saves SHA1_Final's copies and its cleansing of a state
// that hashed nothing secret (the key and the accept value both travel in clear). Returns false,
// hashing nothing, when the message does not fit in two blocks.
bool digest_in_two_blocks(std::string_view key, std::array<std::uint8_t, 20>& digest) {
  constexpr std::size_t k_block = 64;
  // The 0x80 byte and the 64-bit length that follow the message.
  constexpr std::size_t k_padding_least = 9;
  const std::size_t size = key.size() + k_websocket_guid.size();
  if (size + k_padding_least > 2 * k_block) {
    return false;
  }
  std::array<unsigned char, 2 * k_block> blocks{};
  std::memcpy(blocks.data(), key.data(), key.size());
  std::memcpy(blocks.data() + key.size(), k_websocket_guid.data(), k_websocket_guid.size());
  blocks[size] = 0x80;
  const std::size_t padded = size + k_padding_least <= k_block ? k_block : 2 * k_block;
  std::uint64_t bits = std::uint64_t{size} * 8;
  for (std::size_t i = 1; i <= 8; ++i) {
    blocks[padded - i] = static_cast<unsigned char>(bits & 0xffU);
    bits >>= 8U;
  }
  SHA_CTX context;
  if (SHA1_Init(&context) != 1 || SHA1_Update(&context, blocks.data(), padded) != 1) {
    throw std::runtime_error("OpenSSL SHA-1 failed");
  }
  const std::array<SHA_LONG, 5> state = {context.h0, context.h1, context.h2, context.h3,
                                         context.h4};
  for (std::size_t word = 0; word < state.size(); ++word) {
    for (std::size_t byte = 0; byte < 4; ++byte) {
      digest[4 * word + byte] = static_cast<std::uint8_t>(state[word] >> (24 - 8 * byte));
    }
  }
  return true;
}

} // namespace

std::array<char, 28> compute_accept(std::string_view sec_websocket_key) {
  std::array<std::uint8_t, SHA_DIGEST_LENGTH> digest{};
  if (digest_in_two_blocks(sec_websocket_key, digest)) {
    return util::base64_encode_20(digest);
  }
  SHA_CTX context;
  if (SHA1_Init(&context) != 1 ||
      SHA1_Update(&context, sec_websocket_key.data(), sec_websocket_key.size()) != 1 ||
      SHA1_Update(&context, k_websocket_guid.data(), k_websocket_guid.size()) != 1 ||
      SHA1_Final(digest.data(), &context) != 1) {
    throw std::runtime_error("OpenSSL SHA-1 failed");
  }
  return util::base64_encode_20(digest);
}

std::array<std::uint8_t, 20> sha1_of(std::string_view first, std::string_view second) {
  std::array<std::uint8_t, SHA_DIGEST_LENGTH> digest{};
  SHA_CTX context;
  if (SHA1_Init(&context) != 1 || SHA1_Update(&context, first.data(), first.size()) != 1 ||
      SHA1_Update(&context, second.data(), second.size()) != 1 ||
      SHA1_Final(digest.data(), &context) != 1) {
    throw std::runtime_error("OpenSSL SHA-1 failed");
  }
  return digest;
}

} // namespace wsh::handshake
