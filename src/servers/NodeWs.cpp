// ws 8.23.0's WebSocketServer with its own HTTP server (Node.js 20): lib/websocket-server.js,
// handleUpgrade() and completeUpgrade(); lib/subprotocol.js; the 426 of the server's request
// listener for what Node does not hand over as an upgrade.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_get[] = {"GET"};
constexpr std::string_view k_versions[] = {"13", "8"};

constexpr Refusal k_upgrade_required =
    respond(426, "HTTP/1.1 426 Upgrade Required", "Upgrade Required", MessageIn::body);

constexpr Step k_steps[] = {
    // Node emits 'upgrade' only when llhttp saw an Upgrade value and a Connection token
    // `upgrade`; anything else reaches ws's request listener, which answers 426.
    node_upgrade_step(k_upgrade_required,
                      "llhttp F_UPGRADE; ws lib/websocket-server.js: the constructor's request "
                      "listener"),
    node_connection_step(k_upgrade_required,
                         "connection-missing, connection-close, connection-quoted, "
                         "connection-empty; connection-two-fields and connection-upgrade-close "
                         "are upgrades"),
    {.test = Test::method_in,
     .list = k_get,
     .refusal =
         respond(405, "HTTP/1.1 405 Method Not Allowed", "Invalid HTTP method", MessageIn::body),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "ws lib/websocket-server.js: handleUpgrade, req.method !== 'GET'",
     .evidence = "method-post, method-head, method-put, method-options"},
    {.test = Test::field_equals,
     .lines = Lines::joined,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request", "Invalid Upgrade header", MessageIn::body),
     .cause = "upgrade-whole-value",
     .rfc = rfc::k_upgrade,
     .source = "ws lib/websocket-server.js: upgrade.toLowerCase() !== 'websocket' (Node joins "
               "repeated lines with \", \")",
     .evidence = "upgrade-websocket-h2c, upgrade-h2c-websocket, upgrade-twice, upgrade-versioned, "
                 "upgrade-h2c"},
    {.test = Test::key_valid,
     .lines = Lines::joined,
     .key_rule = KeyRule::ws_regex,
     .field = "Sec-WebSocket-Key",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request",
                        "Missing or invalid Sec-WebSocket-Key header", MessageIn::body),
     .cause = "invalid-key",
     .rfc = rfc::k_key,
     .source = "ws lib/websocket-server.js: keyRegex = /^[+/0-9A-Za-z]{22}==$/",
     .evidence = "key-missing, key-duplicate, key-short, key-not-base64, key-no-padding, "
                 "key-url-safe, key-empty; key-nonzero-pad-bits is taken"},
    {.test = Test::version_number_in,
     .lines = Lines::joined,
     .number = NumberRule::js_number,
     .field = "Sec-WebSocket-Version",
     .list = k_versions,
     .refusal = respond(400, "HTTP/1.1 400 Bad Request",
                        "Missing or invalid Sec-WebSocket-Version header", MessageIn::body),
     .cause = "version-not-13-or-8",
     .rfc = rfc::k_ws_version,
     .source = "ws lib/websocket-server.js: +req.headers['sec-websocket-version'] is 13 or 8",
     .evidence = "version-missing, version-14, version-13-8, version-duplicate, version-empty; "
                 "version-8 and version-leading-zero are taken"},
    {.test = Test::subprotocols_valid,
     .lines = Lines::joined,
     .grammar = Grammar::ws_subprotocol,
     .field = "Sec-WebSocket-Protocol",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request", "Invalid Sec-WebSocket-Protocol header",
                        MessageIn::body),
     .cause = "subprotocol-list-strict",
     .rfc = rfc::k_subprotocol,
     .source = "ws lib/subprotocol.js: parse() throws on an empty element or a duplicate",
     .evidence = "protocol-empty-element, protocol-comma, protocol-empty, "
                 "protocol-duplicate-token, protocol-non-token, protocol-space-separated"},
};

} // namespace

const ServerProfile& node_ws_profile() {
  static const ServerProfile k_profile = {
      .name = "node-ws",
      .library = "ws",
      .version = "8.23.0 on Node.js v20.20.2",
      .settings = "new WebSocketServer({host, port}): its own HTTP server, no perMessageDeflate",
      .source = "https://github.com/websockets/ws lib/websocket-server.js",
      .http = &node_http(),
      .steps = k_steps,
  };
  return k_profile;
}

} // namespace wsh::servers
