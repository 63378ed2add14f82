#pragma once

#include "handshake/Outcome.hpp"

#include <string>

namespace wsh::output {

// The exact bytes a server writes to the socket: status line, CRLF-terminated header lines and
// the empty line (RFC 9112 4); the error response when the handshake failed.
std::string render_http(const handshake::Outcome& outcome);

} // namespace wsh::output
