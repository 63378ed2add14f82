// WebSocket-Node (npm websocket) 1.0.35 on Node.js 20, autoAcceptConnections false and every
// request accepted: lib/WebSocketServer.js handleUpgrade(), lib/WebSocketRequest.js
// readHandshake() (reject() puts the reason in X-WebSocket-Reject-Reason). What Node does not
// hand over as an upgrade gets the test server's 404.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_versions[] = {"13", "8"};

constexpr Refusal k_not_found = respond(404, "HTTP/1.1 404 Not Found", {}, MessageIn::none);

constexpr Step k_steps[] = {
    node_upgrade_step(k_not_found,
                      "llhttp F_UPGRADE: no 'upgrade' event, the server's request listener "
                      "answers"),
    node_connection_step(k_not_found, k_node_connection_rows),
    {.test = Test::field_nonempty,
     .lines = Lines::first,
     .field = "Host",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request", "Client must provide a Host header.",
                        MessageIn::header),
     .cause = "host-required",
     .rfc = rfc::k_host,
     .source = "lib/WebSocketRequest.js readHandshake: if (!this.host) (Node keeps the first "
               "Host line)",
     .evidence = "host-missing, host-empty; host-duplicate and host-invalid-* are taken"},
    {.test = Test::field_nonempty,
     .lines = Lines::joined,
     .field = "Sec-WebSocket-Key",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request",
                        "Client must provide a value for Sec-WebSocket-Key.", MessageIn::header),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "lib/WebSocketRequest.js readHandshake: if (!this.key); the key is not validated",
     .evidence = "key-missing, key-empty; key-short, key-long, key-not-base64 are taken"},
    {.test = Test::version_number_truthy,
     .lines = Lines::joined,
     .number = NumberRule::parse_int,
     .field = "Sec-WebSocket-Version",
     .refusal =
         respond(400, "HTTP/1.1 400 Bad Request",
                 "Client must provide a value for Sec-WebSocket-Version.", MessageIn::header),
     .cause = "version-required",
     .rfc = rfc::k_ws_version,
     .source = "lib/WebSocketRequest.js readHandshake: parseInt(version, 10) is NaN",
     .evidence = "version-missing, version-empty"},
    {.test = Test::version_number_in,
     .lines = Lines::joined,
     .number = NumberRule::parse_int,
     .field = "Sec-WebSocket-Version",
     .list = k_versions,
     .refusal = respond(426, "HTTP/1.1 426 Upgrade Required",
                        "Unsupported websocket client version: {value}Only versions 8 and 13 "
                        "are supported.",
                        MessageIn::header),
     .cause = "version-not-13-or-8",
     .rfc = rfc::k_ws_version,
     .source = "lib/WebSocketRequest.js readHandshake: switch on the parsed version",
     .evidence = "version-14; version-8, version-13-8, version-duplicate(-different) and "
                 "version-leading-zero read as 13 or 8"},
};

} // namespace

const ServerProfile& node_websocket_profile() {
  static const ServerProfile k_profile = {
      .name = "node-websocket",
      .library = "websocket (WebSocket-Node)",
      .version = "1.0.35 on Node.js v20.20.2",
      .settings = "WebSocketServer({httpServer, autoAcceptConnections: false}), every request "
                  "accepted with no subprotocol",
      .source = "https://github.com/theturtle32/WebSocket-Node lib/WebSocketRequest.js",
      .http = &node_http(),
      .steps = k_steps,
      .accept_over = AcceptOver::joined,
      .accept_lines = Lines::joined,
      .accept_flaw_cause = "accept-over-joined-keys",
  };
  return k_profile;
}

} // namespace wsh::servers
