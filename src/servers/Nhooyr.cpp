// nhooyr.io/websocket 1.8.7 with websocket.Accept(w, r, nil) (same-origin check, "no context
// takeover" compression) on Go 1.19.8 net/http: accept.go verifyClientRequest,
// authenticateOrigin, acceptCompression and acceptDeflate. Each refusal's text is both the
// response body and what Accept returns (logged by the test server).
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_get[] = {"GET"};

constexpr Step k_steps[] = {
    {.test = Test::version_at_least_1_1,
     .refusal = respond(426, "{http} 426 Upgrade Required",
                        "WebSocket protocol violation: handshake request must be at least "
                        "HTTP/1.1: {version|go}",
                        MessageIn::body),
     .cause = "http-version-below-1.1",
     .rfc = rfc::k_version,
     .source = "accept.go verifyClientRequest: !r.ProtoAtLeast(1, 1)",
     .evidence = "http-1.0, sample-broken-http-1.0"},
    {.test = Test::field_has_token,
     .lines = Lines::each,
     .grammar = Grammar::split_trim,
     .field = "Connection",
     .value = "Upgrade",
     .refusal = respond(426, "{http} 426 Upgrade Required",
                        "WebSocket protocol violation: Connection header {value|go} does not "
                        "contain Upgrade",
                        MessageIn::body),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "accept.go verifyClientRequest: headerContainsTokenIgnoreCase (split at commas, "
               "TrimSpace)",
     .evidence = "connection-missing, connection-close, connection-quoted, connection-empty"},
    {.test = Test::field_has_token,
     .lines = Lines::each,
     .grammar = Grammar::split_trim,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = respond(426, "{http} 426 Upgrade Required",
                        "WebSocket protocol violation: Upgrade header {value|go} does not "
                        "contain websocket",
                        MessageIn::body),
     .cause = "upgrade-token-list",
     .rfc = rfc::k_upgrade,
     .source = "accept.go verifyClientRequest: headerContainsTokenIgnoreCase",
     .evidence = "upgrade-missing, upgrade-h2c, upgrade-empty, upgrade-versioned"},
    {.test = Test::method_in,
     .list = k_get,
     .refusal = respond(405, "{http} 405 Method Not Allowed",
                        "WebSocket protocol violation: handshake request method is not GET but "
                        "{method|go}",
                        MessageIn::log),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "accept.go verifyClientRequest: r.Method != \"GET\"",
     .evidence = "method-post, method-get-lowercase, method-head, method-put, method-options"},
    {.test = Test::field_equals_exact,
     .lines = Lines::first,
     .field = "Sec-WebSocket-Version",
     .value = "13",
     .refusal = respond(400, "{http} 400 Bad Request",
                        "unsupported WebSocket protocol version (only 13 is supported): "
                        "{value|go}",
                        MessageIn::body),
     .cause = "version-not-13",
     .rfc = rfc::k_ws_version,
     .source = "accept.go verifyClientRequest: r.Header.Get(\"Sec-WebSocket-Version\") != \"13\"",
     .evidence = "version-missing, version-8, version-14, version-13-8, version-empty, "
                 "version-leading-zero; version-duplicate(-different) read the first line"},
    {.test = Test::field_nonempty,
     .lines = Lines::first,
     .field = "Sec-WebSocket-Key",
     .refusal = respond(400, "{http} 400 Bad Request",
                        "WebSocket protocol violation: missing Sec-WebSocket-Key", MessageIn::body),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "accept.go verifyClientRequest: r.Header.Get(\"Sec-WebSocket-Key\") == \"\"",
     .evidence = "key-missing, key-empty, sample-broken-missing-key"},
    {.test = Test::origin_same_host,
     .origin_rule = OriginRule::go_url_host_if_set,
     .refusal = respond(403, "{http} 403 Forbidden",
                        "request Origin {origin|go} is not authorized for Host {host|go}",
                        MessageIn::body),
     .cause = "origin-not-same",
     .source = "accept.go authenticateOrigin: strings.EqualFold(r.Host, url.Parse(Origin).Host)",
     .evidence = "origin-null, origin-cross, origin-cross-port, origin-no-port, origin-invalid, "
                 "host-no-port, host-other-name, host-empty, sample-rfc6455-example"},
    {.test = Test::extensions_valid,
     .extension_rule = ExtensionRule::deflate_known_params,
     .field = "Sec-WebSocket-Extensions",
     .refusal = respond(400, "{http} 400 Bad Request",
                        "unsupported permessage-deflate parameter: {element|go}", MessageIn::body),
     .cause = "deflate-parameter-unsupported",
     .rfc = rfc::k_extensions,
     .source = "accept.go acceptDeflate: only the no_context_takeover flags and "
               "client_max_window_bits (the first permessage-deflate offer decides)",
     .evidence = "ext-deflate-bits-7, ext-deflate-unknown-param, ext-deflate-no-context-value, "
                 "ext-deflate-server-bits-10, ext-deflate-two-offers"},
};

} // namespace

const ServerProfile& nhooyr_profile() {
  static const ServerProfile k_profile = {
      .name = "nhooyr",
      .library = "nhooyr.io/websocket",
      .version = "1.8.7 on Go 1.19.8",
      .settings = "websocket.Accept(w, r, nil) under http.HandleFunc(\"/\") (same-origin check, "
                  "no context takeover compression)",
      .source = "https://github.com/nhooyr/websocket accept.go",
      .http = &go_http(),
      .steps = k_steps,
  };
  return k_profile;
}

} // namespace wsh::servers
