#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace wsh::handshake {

// The GUID RFC 6455 1.3 appends to the client's key before hashing.
inline constexpr std::string_view k_websocket_guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key + GUID)) (RFC 6455 4.2.2
// item 5.4), with OpenSSL's SHA-1 called directly: no algorithm fetch per call (OpenSSL 3's
// SHA1() and EVP_Digest() fetch every time) and none at startup.
std::array<char, 28> compute_accept(std::string_view sec_websocket_key);

// The SHA-1 digest of `first` followed by `second`, for the slow paths that explain a wrong
// accept value (the key with another GUID, decoded, untrimmed).
std::array<std::uint8_t, 20> sha1_of(std::string_view first, std::string_view second);

} // namespace wsh::handshake
