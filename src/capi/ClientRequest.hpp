#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::capi {

// What a client puts in its opening handshake (RFC 6455 4.1): the server's authority, its
// nonce and what it offers.
struct ClientOffer {
  // The Host field's value; absent when the application sends Host itself (Microsoft's
  // WebSocketBeginClientHandshake leaves Host to the application's initial headers).
  std::optional<std::string> host;
  std::string sec_websocket_key;
  // Subprotocol names in the client's order of preference (RFC 6455 4.1 item 10).
  std::vector<std::string> subprotocols;
  // Extensions, one per element, each as `name; param; param=value` (RFC 6455 4.1 item 11).
  std::vector<std::string> extensions;
};

// A fresh Sec-WebSocket-Key: 16 random bytes from OpenSSL's RAND_bytes, base64-encoded
// (RFC 6455 4.1 item 7); absent when the random generator fails.
std::optional<std::string> new_sec_websocket_key();

// Why `offer` cannot be sent, or nothing: a subprotocol that is not a token or appears twice
// (RFC 6455 4.1 item 10), an extension that is not exactly one extension (RFC 6455 9.1), a key
// that is not the base64 of 16 bytes (RFC 6455 4.1 item 7), or a CR or LF in the host.
std::optional<std::string> check_client_offer(const ClientOffer& offer);

// One header field of the request a client sends.
struct RequestField {
  std::string_view name;
  std::string value;
};

// The header fields of the opening handshake request for a checked `offer` (RFC 6455 4.1
// items 4 to 11): Host when given, Upgrade, Connection, Sec-WebSocket-Key,
// Sec-WebSocket-Version, then Sec-WebSocket-Protocol and Sec-WebSocket-Extensions when
// anything is offered, each list in one field (RFC 9110 5.3).
std::vector<RequestField> client_request_fields(const ClientOffer& offer);

} // namespace wsh::capi
