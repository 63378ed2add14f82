#pragma once

#include "servers/ServerProfile.hpp"

namespace wsh::servers {

// The HTTP layers several profiled servers share, one file each.

// Node.js 20's http server (llhttp 9.3.1 in strict mode, Node's 16 KiB header limit): the
// layer under ws, WebSocket-Node and faye-websocket.
const HttpReading& node_http();

// Go 1.19's net/http server (textproto reader, 1 MiB + 4 KiB head, ServeMux): the layer under
// gorilla/websocket and nhooyr.io/websocket.
const HttpReading& go_http();

// The diagnostics each part of the handshake is refused for by the RFC, shared by the
// profiles' steps (the engine's ids; a step's cause names the server's rule otherwise).
namespace rfc {
inline constexpr diagnostics::DiagnosticId k_method[] = {diagnostics::DiagnosticId::method_not_get};
inline constexpr diagnostics::DiagnosticId k_version[] = {
    diagnostics::DiagnosticId::unsupported_http_version,
    diagnostics::DiagnosticId::invalid_http_version};
inline constexpr diagnostics::DiagnosticId k_target[] = {
    diagnostics::DiagnosticId::invalid_request_target};
inline constexpr diagnostics::DiagnosticId k_host[] = {diagnostics::DiagnosticId::missing_host,
                                                       diagnostics::DiagnosticId::duplicate_host,
                                                       diagnostics::DiagnosticId::invalid_host};
inline constexpr diagnostics::DiagnosticId k_upgrade[] = {
    diagnostics::DiagnosticId::missing_upgrade, diagnostics::DiagnosticId::upgrade_not_websocket,
    diagnostics::DiagnosticId::hop_by_hop_headers_stripped};
inline constexpr diagnostics::DiagnosticId k_connection[] = {
    diagnostics::DiagnosticId::missing_connection_upgrade,
    diagnostics::DiagnosticId::hop_by_hop_headers_stripped,
    diagnostics::DiagnosticId::invalid_token_list};
inline constexpr diagnostics::DiagnosticId k_key[] = {diagnostics::DiagnosticId::missing_key,
                                                      diagnostics::DiagnosticId::duplicate_key,
                                                      diagnostics::DiagnosticId::invalid_key};
inline constexpr diagnostics::DiagnosticId k_ws_version[] = {
    diagnostics::DiagnosticId::missing_version, diagnostics::DiagnosticId::unsupported_version,
    diagnostics::DiagnosticId::duplicate_version};
inline constexpr diagnostics::DiagnosticId k_subprotocol[] = {
    diagnostics::DiagnosticId::invalid_token_list};
inline constexpr diagnostics::DiagnosticId k_extensions[] = {
    diagnostics::DiagnosticId::invalid_extension_offer};
inline constexpr diagnostics::DiagnosticId k_content_length[] = {
    diagnostics::DiagnosticId::invalid_content_length,
    diagnostics::DiagnosticId::repeated_content_length};
inline constexpr diagnostics::DiagnosticId k_transfer_encoding[] = {
    diagnostics::DiagnosticId::invalid_transfer_encoding,
    diagnostics::DiagnosticId::unknown_transfer_coding,
    diagnostics::DiagnosticId::transfer_encoding_not_chunked,
    diagnostics::DiagnosticId::transfer_encoding_with_content_length};
} // namespace rfc

} // namespace wsh::servers
