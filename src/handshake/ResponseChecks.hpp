#pragma once

#include "handshake/ExtensionNegotiation.hpp"
#include "handshake/Findings.hpp"
#include "handshake/HandshakeFields.hpp"
#include "handshake/Outcome.hpp"
#include "http/Response.hpp"

#include <optional>
#include <string>
#include <vector>

namespace wsh::handshake {

// The checks a client runs on a server's response to its opening request (RFC 6455 4.1, the
// server's half of 4.2.2), one function per rule, called in the RFC's order; and the reading
// rules of RFC 9112 4 and 5 that the tolerant reader left to them. Each reports every problem
// it finds through `findings`, whose offsets are into the response.

// RFC 9112 4, 2.2: the status line's shape, its version (HTTP/1.1: Upgrade exists in HTTP/1.1
// only) and the empty lines before it. Returns the status code when it is three digits.
std::optional<unsigned> check_status_line(const http::Response& response, Findings& findings);

// RFC 9112 2.2, 5, 5.2; RFC 9110 5.5: every header line that breaks the field-line grammar,
// and the first line ended by LF alone.
void check_response_lines(const http::Response& response, Findings& findings);

// RFC 6455 4.1: the status is 101; any other is explained by what it usually means.
void check_status_101(const http::Response& response, const HandshakeFields& fields,
                      unsigned status, Findings& findings);

// RFC 6455 4.1 (second item): one Upgrade, `websocket` case-insensitively.
void check_response_upgrade(const HandshakeFields& fields, Findings& findings);

// RFC 6455 4.1 (third item): Connection lists `upgrade`.
void check_response_connection(const HandshakeFields& fields, Findings& findings);

// RFC 6455 4.1 (fourth item): one Sec-WebSocket-Accept, the value computed from the request's
// key. `request` is the request as a server read it; a wrong value is explained.
void check_response_accept(const HandshakeFields& fields, const Outcome& request,
                           Findings& findings);

// RFC 6455 4.1 (fifth item), 9.1; RFC 7692 7: only extensions the client offered, and a
// permessage-deflate answer valid for one of its offers. Sets the negotiated extensions.
void check_response_extensions(const HandshakeFields& fields, const Outcome& request,
                               const DeflateOffers& deflate_offers, Findings& findings,
                               std::vector<std::string>& negotiated);

// RFC 6455 4.1 (sixth item): at most one subprotocol, one the client offered. Sets the
// negotiated subprotocol.
void check_response_subprotocol(const HandshakeFields& fields, const Outcome& request,
                                Findings& findings, std::optional<std::string>& negotiated);

// RFC 9110 8.6, RFC 9112 6.1: a 1xx response carries neither Content-Length nor
// Transfer-Encoding; and the frames after the header block, counted.
void check_response_framing(const http::Response& response, const HandshakeFields& fields,
                            Findings& findings);

} // namespace wsh::handshake
