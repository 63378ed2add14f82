#pragma once

#include "handshake/Findings.hpp"
#include "handshake/HandshakeFields.hpp"
#include "handshake/ServerPolicy.hpp"
#include "http/Request.hpp"

namespace wsh::handshake {

// The server's own policy, checked after the RFC's rules and only when it was given, so a
// request the RFC refuses is refused for the RFC's reason first. Each check is a no-op without
// its setting.

// --host: the request's Host names the authority the server serves (host compared without
// regard to case, ports as numbers; no port means the default, 80 or 443).
void check_served_host(const ServerPolicy& policy, const HandshakeFields& fields,
                       Findings& findings);

// --allow-origin: every Origin line names an allowed origin. A request without Origin (not a
// browser) passes, as gorilla's CheckOrigin and Spring's origin check let it.
void check_allowed_origin(const ServerPolicy& policy, const HandshakeFields& fields,
                          Findings& findings);

// --max-line-bytes: no line of the head, request line included, is longer than the limit
// (counted without its CR LF).
void check_line_lengths(const ServerPolicy& policy, const http::Request& request,
                        Findings& findings);

} // namespace wsh::handshake
