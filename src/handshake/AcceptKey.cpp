#include "handshake/AcceptKey.hpp"

#include "util/Base64.hpp"

#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

namespace wsh::handshake {

namespace {

struct MdDeleter {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

const EVP_MD* sha1() {
  static const std::unique_ptr<EVP_MD, MdDeleter> k_sha1{EVP_MD_fetch(nullptr, "SHA1", nullptr)};
  if (!k_sha1) {
    throw std::runtime_error("OpenSSL has no SHA-1 implementation available");
  }
  return k_sha1.get();
}

EVP_MD_CTX* thread_context() {
  thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> t_context{EVP_MD_CTX_new()};
  if (!t_context) {
    throw std::runtime_error("OpenSSL could not allocate a digest context");
  }
  return t_context.get();
}

} // namespace

std::array<char, 28> compute_accept(std::string_view sec_websocket_key) {
  EVP_MD_CTX* context = thread_context();
  std::array<std::uint8_t, 20> digest{};
  unsigned int digest_size = 0;
  if (EVP_DigestInit_ex(context, sha1(), nullptr) != 1 ||
      EVP_DigestUpdate(context, sec_websocket_key.data(), sec_websocket_key.size()) != 1 ||
      EVP_DigestUpdate(context, k_websocket_guid.data(), k_websocket_guid.size()) != 1 ||
      EVP_DigestFinal_ex(context, digest.data(), &digest_size) != 1 || digest_size != 20) {
    throw std::runtime_error("OpenSSL SHA-1 failed");
  }
  return util::base64_encode_20(digest);
}

} // namespace wsh::handshake
