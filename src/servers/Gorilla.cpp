// gorilla/websocket 1.5.0 with a zero Upgrader (same-origin CheckOrigin, no compression) on Go
// 1.19.8 net/http: server.go Upgrader.Upgrade and checkSameOrigin, util.go
// tokenListContainsValue. Upgrade's returnError answers http.StatusText; the test server logs the
// error, which carries the reason.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_get[] = {"GET"};

constexpr Refusal bad_request(std::string_view log) {
  return respond(400, "{http} 400 Bad Request", log, MessageIn::log);
}

constexpr Step k_steps[] = {
    {.test = Test::field_has_token,
     .lines = Lines::each,
     .grammar = Grammar::go_token_list,
     .field = "Connection",
     .value = "upgrade",
     .refusal = bad_request("websocket: the client is not using the websocket protocol: 'upgrade' "
                            "token not found in 'Connection' header"),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "server.go Upgrade: tokenListContainsValue(r.Header, \"Connection\", \"upgrade\")",
     .evidence = "connection-missing, connection-close, connection-quoted, connection-empty"},
    {.test = Test::field_has_token,
     .lines = Lines::each,
     .grammar = Grammar::go_token_list,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = bad_request("websocket: the client is not using the websocket protocol: "
                            "'websocket' token not found in 'Upgrade' header"),
     .cause = "upgrade-token-list",
     .rfc = rfc::k_upgrade,
     .source = "server.go Upgrade; util.go tokenListContainsValue stops a line at its first "
               "non-token",
     .evidence = "upgrade-missing, upgrade-h2c, upgrade-empty, upgrade-versioned"},
    {.test = Test::method_in,
     .list = k_get,
     .refusal = respond(405, "{http} 405 Method Not Allowed",
                        "websocket: the client is not using the websocket protocol: request "
                        "method is not GET",
                        MessageIn::log),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "server.go Upgrade: r.Method != http.MethodGet",
     .evidence = "method-post, method-get-lowercase, method-head, method-put, method-options"},
    {.test = Test::field_has_token,
     .lines = Lines::each,
     .grammar = Grammar::go_token_list,
     .field = "Sec-Websocket-Version",
     .value = "13",
     .refusal = bad_request(
         "websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header"),
     .cause = "version-not-13",
     .rfc = rfc::k_ws_version,
     .source = "server.go Upgrade: tokenListContainsValue(r.Header, \"Sec-Websocket-Version\", "
               "\"13\")",
     .evidence = "version-missing, version-8, version-14, version-empty, version-leading-zero; "
                 "version-13-8 and version-duplicate-different pass"},
    {.test = Test::origin_same_host,
     .origin_rule = OriginRule::go_url_host,
     .refusal =
         respond(403, "{http} 403 Forbidden",
                 "websocket: request origin not allowed by Upgrader.CheckOrigin", MessageIn::log),
     .cause = "origin-not-same",
     .source = "server.go checkSameOrigin: equalASCIIFold(url.Parse(Origin).Host, r.Host)",
     .evidence = "origin-null, origin-cross, origin-cross-port, origin-no-port, origin-invalid, "
                 "host-no-port, host-other-name, host-invalid-port, host-empty, "
                 "target-absolute-other-host, sample-rfc6455-example"},
    {.test = Test::field_nonempty,
     .lines = Lines::first,
     .field = "Sec-Websocket-Key",
     .refusal = bad_request("websocket: not a websocket handshake: 'Sec-WebSocket-Key' header "
                            "is missing or blank"),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "server.go Upgrade: r.Header.Get(\"Sec-Websocket-Key\") == \"\"; not validated",
     .evidence = "key-missing, key-empty; key-short, key-long, key-not-base64 are taken"},
    {.test = Test::nothing_after_head,
     .refusal = closes("websocket: client sent data before handshake is complete"),
     .cause = "data-before-handshake-complete",
     .source = "server.go Upgrade: brw.Reader.Buffered() > 0 after Hijack",
     .evidence = "frame-after-head, garbage-after-head, second-request-after-head, "
                 "content-length-5-body, transfer-encoding-chunked, transfer-encoding-and-length"},
};

} // namespace

const ServerProfile& gorilla_profile() {
  static const ServerProfile k_profile = {
      .name = "gorilla",
      .library = "gorilla/websocket",
      .version = "1.5.0 on Go 1.19.8",
      .settings = "a zero websocket.Upgrader{} (same-origin CheckOrigin, no compression) under "
                  "http.HandleFunc(\"/\")",
      .source = "https://github.com/gorilla/websocket server.go",
      .http = &go_http(),
      .steps = k_steps,
  };
  return k_profile;
}

} // namespace wsh::servers
