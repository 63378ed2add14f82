#pragma once

#include "handshake/Outcome.hpp"

namespace wsh::handshake {

// The error response a server sends with `status` (RFC 6455 4.4, RFC 9110 15.5.6 and
// 15.5.22, RFC 6585 5): 426 names the version and the protocol to upgrade to, 405 the
// allowed method; every one closes the connection.
void set_error_response(Outcome& outcome, unsigned status);

// Concludes an outcome whose checks have run: under `strict` warnings become errors; the
// first error in the RFC's order decides the status, the HRESULT and the error response;
// without one, the 101 with the accept value and the negotiated subprotocol and extensions
// (RFC 6455 4.2.2 item 5). Then the diagnostics are put in input order.
void conclude(Outcome& outcome, bool strict);

} // namespace wsh::handshake
