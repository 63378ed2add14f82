#pragma once

#include "handshake/Findings.hpp"
#include "handshake/HandshakeFields.hpp"
#include "handshake/Outcome.hpp"
#include "http/Request.hpp"

namespace wsh::handshake {

// The checks of RFC 6455 4.2.1 items 1 to 7 that a server runs on an opening request, one
// function per rule, called in the RFC's order. Each reports every problem it finds and never
// stops the others. (Items 8 and 9, the offers, are in Subprotocols and ExtensionNegotiation.)

// Item 1: the method is GET.
void check_method(const http::Request& request, Findings& findings);

// Item 1: the target is the resource name or an absolute URI (RFC 6455 4.1, 3): never `*`.
void check_request_target(const http::Request& request, Findings& findings);

// Item 1: HTTP/1.1 or higher, in an HTTP/1 request line.
void check_http_version(const http::Request& request, Findings& findings);

// Item 2: exactly one valid Host (RFC 9112 3.2, RFC 9110 7.2).
void check_host(const HandshakeFields& fields, Findings& findings);

// Items 3 and 4: Upgrade lists "websocket" and Connection lists "upgrade"; a request that
// lost both to a proxy is told apart.
void check_upgrade_and_connection(const HandshakeFields& fields, Findings& findings);

// Item 5: one Sec-WebSocket-Key, the base64 of 16 bytes. Sets the outcome's key and accept
// value when it is valid.
void check_sec_websocket_key(const HandshakeFields& fields, Findings& findings, Outcome& outcome);

// Item 6: one Sec-WebSocket-Version, 13.
void check_sec_websocket_version(const HandshakeFields& fields, Findings& findings);

// Item 7: Origin, which browsers send.
void check_origin(const HandshakeFields& fields, Findings& findings);

} // namespace wsh::handshake
