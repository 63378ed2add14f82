#pragma once

#include "handshake/Findings.hpp"
#include "handshake/HandshakeFields.hpp"
#include "http/Request.hpp"

namespace wsh::handshake {

// RFC 9112 6.1 and 6.3 on an upgrade request: Content-Length and Transfer-Encoding decide
// where a request ends, and a front end and a back end that read them differently see
// different requests on one connection (request smuggling). A server must refuse an invalid
// Content-Length, a Transfer-Encoding whose final coding is not chunked, and (so that no 101
// follows) one with both fields; a body that is well framed is still a risk on an upgrade,
// since a server that switches protocols after the header block reads it as frames.
void check_message_framing(const http::Request& request, const HandshakeFields& fields,
                           Findings& findings);

} // namespace wsh::handshake
