#pragma once

#include "handshake/Findings.hpp"
#include "handshake/HandshakeFields.hpp"
#include "handshake/Outcome.hpp"
#include "handshake/ServerPolicy.hpp"

namespace wsh::handshake {

// RFC 6455 4.2.1 item 8 and 4.1 item 10: reads every Sec-WebSocket-Protocol line as a list of
// unique tokens into the outcome's offered subprotocols (repeats reported once and dropped).
void read_offered_subprotocols(const HandshakeFields& fields, Findings& findings, Outcome& outcome);

// RFC 6455 4.2.2 item 5: the subprotocol the server answers with is one the client offered, or
// none. Takes the application's choice, or picks one by --accept-protocols, and sets the
// outcome's selected subprotocol when it is valid.
void select_subprotocol(const ServerPolicy& policy, const HandshakeFields& fields,
                        Findings& findings, Outcome& outcome);

} // namespace wsh::handshake
