#include "AcceptFloor.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

namespace wsh::bench {

namespace {

constexpr std::string_view k_websocket_guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

AcceptValue encode(const std::array<unsigned char, SHA_DIGEST_LENGTH>& digest) {
  AcceptValue value{};
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(value.data()), digest.data(), SHA_DIGEST_LENGTH);
  return value;
}

} // namespace

AcceptFloor::AcceptFloor()
    : m_sha1(EVP_MD_fetch(nullptr, "SHA1", nullptr)), m_context(EVP_MD_CTX_new()) {
  if (!m_sha1 || !m_context) {
    throw std::runtime_error("OpenSSL has no SHA-1 or cannot allocate a digest context");
  }
}

AcceptValue AcceptFloor::accept(std::string_view sec_websocket_key) {
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  if (EVP_DigestInit_ex(m_context.get(), m_sha1.get(), nullptr) != 1 ||
      EVP_DigestUpdate(m_context.get(), sec_websocket_key.data(), sec_websocket_key.size()) != 1 ||
      EVP_DigestUpdate(m_context.get(), k_websocket_guid.data(), k_websocket_guid.size()) != 1 ||
      EVP_DigestFinal_ex(m_context.get(), digest.data(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL SHA-1 failed");
  }
  return encode(digest);
}

AcceptValue accept_one_shot(std::string_view sec_websocket_key) {
  // Key and GUID in one buffer, as SHA1() takes a single input.
  std::array<unsigned char, 128> input{};
  if (sec_websocket_key.size() + k_websocket_guid.size() > input.size()) {
    throw std::invalid_argument("Sec-WebSocket-Key too long for the one-shot floor");
  }
  const auto guid_start =
      std::copy(sec_websocket_key.begin(), sec_websocket_key.end(), input.begin());
  std::copy(k_websocket_guid.begin(), k_websocket_guid.end(), guid_start);
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(input.data(), sec_websocket_key.size() + k_websocket_guid.size(), digest.data());
  return encode(digest);
}

} // namespace wsh::bench
