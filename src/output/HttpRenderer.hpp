#pragma once

#include "handshake/Outcome.hpp"

#include <string>

namespace wsh::output {

// The exact bytes a server writes to the socket: status line, CRLF-terminated header lines and
// the empty line (RFC 9112 4); the error response when the handshake failed.
// Appends them to `out`.
void render_http(const handshake::Outcome& outcome, std::string& out);

} // namespace wsh::output
