#pragma once

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <string_view>

namespace wsh::bench {

// A Sec-WebSocket-Accept value and its terminating NUL, as EVP_EncodeBlock writes it.
using AcceptValue = std::array<char, 29>;

// The least work an accept value takes (RFC 6455 4.2.2 item 5.4): OpenSSL's SHA-1 of the key
// and the GUID, then base64 of the digest, with SHA-1 fetched once and one context reused.
class AcceptFloor {
public:
  AcceptFloor();

  // base64(SHA-1(sec_websocket_key + GUID)).
  AcceptValue accept(std::string_view sec_websocket_key);

private:
  struct MdDeleter {
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
  };
  struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
  };

  std::unique_ptr<EVP_MD, MdDeleter> m_sha1;
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> m_context;
};

// The same value through OpenSSL's one-shot SHA1(), the trap: OpenSSL 3 fetches SHA-1 from its
// provider again on every call.
AcceptValue accept_one_shot(std::string_view sec_websocket_key);

} // namespace wsh::bench
