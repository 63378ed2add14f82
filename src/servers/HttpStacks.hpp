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

// Node's http server emits 'upgrade' only when llhttp saw an Upgrade value (F_UPGRADE) and a
// Connection token `upgrade` on one of its lines (F_CONNECTION_UPGRADE); any other request goes
// to the server's request listener, which answers `refusal`. The two steps every Node profile
// begins with; `listener` names that listener, `evidence` the table rows of the Connection one.
constexpr Step node_upgrade_step(Refusal refusal, std::string_view listener) {
  return {.test = Test::field_nonempty,
          .lines = Lines::each,
          .field = "Upgrade",
          .refusal = refusal,
          .cause = "upgrade-missing",
          .rfc = rfc::k_upgrade,
          .source = listener,
          .evidence = "upgrade-missing, upgrade-empty"};
}

constexpr Step node_connection_step(Refusal refusal, std::string_view evidence) {
  return {.test = Test::field_has_token,
          .lines = Lines::each,
          .grammar = Grammar::llhttp_connection,
          .field = "Connection",
          .value = "upgrade",
          .refusal = refusal,
          .cause = "connection-no-upgrade-token",
          .rfc = rfc::k_connection,
          .source = "llhttp F_CONNECTION_UPGRADE (each Connection line's tokens)",
          .evidence = evidence};
}

// The rows every Node profile's Connection step is measured on.
inline constexpr std::string_view k_node_connection_rows =
    "connection-missing, connection-close, connection-quoted, connection-empty";

} // namespace wsh::servers
