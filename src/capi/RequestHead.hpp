#pragma once

#include <ws-handshake/websocket.h>

#include <cstddef>
#include <span>
#include <string>

namespace wsh::capi {

// The request line of every rebuilt request head. Name/value pairs carry no method, target or
// version, so the head says what an opening handshake must (RFC 6455 4.1 item 2, RFC 9112 3):
// the engine's checks of the request line cannot apply to requests given as pairs.
inline constexpr std::string_view k_rebuilt_request_line = "GET / HTTP/1.1\r\n";

// The status line of every rebuilt response head. WebSocketEndClientHandshake is called with
// the fields of a 101 (RFC 6455 4.1: any other status ends the handshake before it), so the
// checks of the status line cannot apply to responses given as pairs.
inline constexpr std::string_view k_rebuilt_status_line = "HTTP/1.1 101 Switching Protocols\r\n";

// Writes `start_line` then `headers` into `head` as the head the engine reads: `name: value`
// CRLF for each pair in order, then the empty line (RFC 9112 2.1, 5). A colon, CR or LF in a
// name and a CR or LF in a value would forge a line, so each becomes a NUL, which the engine
// refuses in a name (RFC 9110 5.6.2) and in a value (RFC 9110 5.5). Writing stops after
// `limit + 1` bytes: the engine's reader refuses a head longer than `limit` at that byte
// whatever follows, so a huge message costs no more than a refused one.
void rebuild_head(std::string_view start_line, std::span<const WEB_SOCKET_HTTP_HEADER> headers,
                  std::size_t limit, std::string& head);

} // namespace wsh::capi
