// faye-websocket 0.11.4 (websocket-driver 0.7.4, websocket-extensions 0.1.4) on Node.js 20:
// WebSocket.isWebSocket() (driver/base.js), then the hybi driver's _handshakeResponse()
// (driver/hybi.js) and websocket-extensions' parser (lib/parser.js). The test server destroys
// the socket of an upgrade isWebSocket() does not recognise, as faye's README example leaves it
// to the application.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_get[] = {"GET"};

constexpr Refusal k_not_found = respond(404, "HTTP/1.1 404 Not Found", {}, MessageIn::none);
constexpr Refusal k_not_websocket = closes("not a WebSocket request: {method} {target}");

constexpr Step k_steps[] = {
    node_upgrade_step(k_not_found,
                      "llhttp F_UPGRADE: no 'upgrade' event, the server's request listener "
                      "answers"),
    node_connection_step(k_not_found, k_node_connection_rows),
    {.test = Test::method_in,
     .list = k_get,
     .refusal = k_not_websocket,
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "websocket-driver lib/websocket/driver/base.js isWebSocket: method === 'GET'",
     .evidence = "method-post, method-head, method-put, method-options"},
    {.test = Test::field_has_token,
     .lines = Lines::joined,
     .grammar = Grammar::split_spaces,
     .field = "Connection",
     .value = "upgrade",
     .refusal = k_not_websocket,
     .cause = "connection-list-spacing",
     .rfc = rfc::k_connection,
     .source = "driver/base.js isWebSocket: connection.toLowerCase().split(/ *, */)",
     .evidence = "connection-keep-alive-upgrade, connection-upgrade-keep-alive are taken"},
    {.test = Test::field_equals,
     .lines = Lines::joined,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = k_not_websocket,
     .cause = "upgrade-whole-value",
     .rfc = rfc::k_upgrade,
     .source = "driver/base.js isWebSocket: upgrade.toLowerCase() === 'websocket'",
     .evidence = "upgrade-websocket-h2c, upgrade-h2c-websocket, upgrade-twice, "
                 "upgrade-versioned, upgrade-h2c"},
    {.test = Test::field_equals_exact,
     .lines = Lines::joined,
     .field = "Sec-WebSocket-Version",
     .value = "13",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request",
                        "Unsupported WebSocket version: {value|js}", MessageIn::body),
     .cause = "version-not-13",
     .rfc = rfc::k_ws_version,
     .source = "driver/hybi.js _handshakeResponse: version !== Hybi.VERSION",
     .evidence = "version-missing, version-8, version-14, version-13-8, version-duplicate, "
                 "version-empty, version-leading-zero"},
    {.test = Test::field_present,
     .field = "Sec-WebSocket-Key",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request",
                        "Missing handshake request header: Sec-WebSocket-Key", MessageIn::body),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "driver/hybi.js _handshakeResponse: typeof secKey !== 'string'; not validated",
     .evidence = "key-missing; key-empty, key-short, key-not-base64 are taken"},
    {.test = Test::extensions_valid,
     .lines = Lines::joined,
     .extension_rule = ExtensionRule::token_params_list,
     .field = "Sec-WebSocket-Extensions",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request",
                        "Invalid Sec-WebSocket-Extensions header: {value}", MessageIn::body),
     .cause = "extension-list-strict",
     .rfc = rfc::k_extensions,
     .source = "websocket-extensions lib/parser.js parseHeader: EXT_LIST regular expression",
     .evidence = "ext-malformed, ext-garbage; ext-empty is taken"},
};

} // namespace

const ServerProfile& faye_websocket_profile() {
  static const ServerProfile k_profile = {
      .name = "faye-websocket",
      .library = "faye-websocket (websocket-driver)",
      .version = "0.11.4 on Node.js v20.20.2",
      .settings = "new WebSocket(req, socket, body) for every request WebSocket.isWebSocket() "
                  "accepts; other upgrades are logged and their socket destroyed",
      .source = "https://github.com/faye/websocket-driver-node lib/websocket/driver/hybi.js",
      .http = &node_http(),
      .steps = k_steps,
      .accept_over = AcceptOver::joined,
      .accept_lines = Lines::joined,
      .accept_flaw_cause = "accept-over-joined-keys",
  };
  return k_profile;
}

} // namespace wsh::servers
