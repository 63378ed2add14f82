// Autobahn|Python 22.7.1 on asyncio with WebSocketServerFactory("ws://127.0.0.1:PORT"):
// websocket/protocol.py WebSocketServerProtocol.processHandshake (the head up to the first CRLF
// CRLF; parseHttpHeader's str.splitlines, stripped lower-case keys and values, repeated fields
// joined with ", "), succeedHandshake (extension offers) and websocket/compress_deflate.py
// PerMessageDeflateOffer.parse. failHandshake puts its reason in the status line and logs it.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr Refusal fail(std::string_view reason) {
  return respond(400, "HTTP/1.1 400 {message}", reason, MessageIn::status_line);
}

constexpr Refusal fail_with(unsigned status, std::string_view reason) {
  return respond(status, status == 405 ? "HTTP/1.1 405 {message}" : "HTTP/1.1 505 {message}",
                 reason, MessageIn::status_line);
}

constexpr std::string_view k_get[] = {"GET"};
constexpr std::string_view k_http_1_1[] = {"HTTP/1.1"};

constexpr Step k_request_line_steps[] = {
    {.test = Test::method_in,
     .list = k_get,
     .refusal = fail_with(405, "HTTP method \"{method}\" not allowed"),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "protocol.py processHandshake: rl[0].strip() != \"GET\"",
     .evidence = "method-post, method-get-lowercase, method-head, method-put, method-options"},
    {.test = Test::version_in,
     .list = k_http_1_1,
     .refusal = fail_with(505, "Unsupported HTTP version \"{version}\""),
     .cause = "http-version-not-1.1",
     .rfc = rfc::k_version,
     .source = "protocol.py processHandshake: the version must be HTTP/1.1",
     .evidence = "http-1.0, http-2.0, http-1.2, http-version-lowercase"},
    {.test = Test::target_no_fragment,
     .refusal = fail("HTTP requested resource contains a fragment identifier \"{element}\""),
     .cause = "target-fragment",
     .rfc = rfc::k_target,
     .source = "protocol.py processHandshake: urlparse(uri).fragment != \"\"",
     .evidence = "target-fragment"},
};

constexpr HttpReading k_http = {
    .name = "Autobahn|Python 22.7.1 parseHttpHeader",
    .source = "https://github.com/crossbario/autobahn-python autobahn/websocket/protocol.py",
    .head_end = HeadEnd::crlf_crlf, // data.find(b"\x0d\x0a\x0d\x0a"); LF alone waits forever
    .line_end = LineEnd::any_break, // decode('iso-8859-1').splitlines()
    .leading_empty_line = refuses(fail("Bad HTTP request status line \"\"")),
    .request_line =
        {
            .split = RequestLineSplit::whitespace, // http_status_line.split(), three parts
            .split_failed = refuses(fail("Bad HTTP request status line \"{request_line}\"")),
        },
    .fields =
        {
            .obs_fold = does(Action::separate), // a line without ':' is skipped
            .obs_fold_first = does(Action::separate),
            .space_before_colon = does(Action::trim_name), // keys are stripped
            .space_before_colon_special = does(Action::trim_name),
            .tab_before_colon = does(Action::trim_name),
            .missing_colon = does(Action::drop_line),
            .empty_name = does(Action::drop_line), // h.find(":") must be > 0
            .space_in_name = does(Action::drop_line),
            .nul_in_name = does(Action::drop_line),
            .ctl_in_name = does(Action::drop_line),
            .non_ascii_name = does(Action::drop_line),
            .other_in_name = does(Action::drop_line),
            .nul_in_value = does(Action::keep_byte),
            .ctl_in_value = does(Action::keep_byte),
            .del_in_value = does(Action::keep_byte),
        },
    .request_line_steps = k_request_line_steps,
};

constexpr std::string_view k_ws_versions[] = {"13", "8"};
constexpr std::string_view k_deflate_messages[] = {
    "illegal extension parameter '{element}' for extension 'permessage-deflate'",
    "illegal extension parameter value '{value}' for parameter '{element}' of extension "
    "'permessage-deflate'",
    "multiple occurrence of extension parameter '{element}' for extension 'permessage-deflate'"};

constexpr Step k_steps[] = {
    {.test = Test::field_present,
     .field = "Host",
     .refusal = fail("HTTP Host header missing in opening handshake request"),
     .cause = "host-required",
     .rfc = rfc::k_host,
     .source = "protocol.py processHandshake: 'host' not in self.http_headers",
     .evidence = "host-missing, sample-broken-missing-host"},
    {.test = Test::field_single,
     .field = "Host",
     .refusal = fail("HTTP Host header appears more than once in opening handshake request"),
     .cause = "duplicate-host",
     .rfc = rfc::k_host,
     .source = "protocol.py processHandshake: http_headers_cnt[\"host\"] > 1",
     .evidence = "host-duplicate, host-duplicate-different"},
    {.test = Test::host_valid,
     .host_rule = HostRule::python_port,
     .field = "Host",
     .refusal = fail("invalid port \"{element}\" in HTTP Host header \"{value}\""),
     .cause = "host-port-not-a-number",
     .rfc = rfc::k_host,
     .source = "protocol.py processHandshake: int(port) after rsplit(\":\", 1)",
     .evidence = "host-invalid-port; the port is not compared (no externalPort)"},
    {.test = Test::field_present,
     .field = "Upgrade",
     .refusal = respond(200, "HTTP/1.1 200 OK", {}, MessageIn::none),
     .cause = "upgrade-missing",
     .rfc = rfc::k_upgrade,
     .source = "protocol.py processHandshake: no Upgrade and webStatus: sendServerStatus()",
     .evidence = "upgrade-missing, sample-broken-proxy-stripped-upgrade"},
    {.test = Test::field_has_token,
     .lines = Lines::joined,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = fail("HTTP Upgrade headers do not include \"websocket\" value "
                     "(case-insensitive): \"{value}\""),
     .cause = "upgrade-token-list",
     .rfc = rfc::k_upgrade,
     .source = "protocol.py processHandshake: split(\",\"), strip().lower() == \"websocket\"",
     .evidence = "upgrade-h2c, upgrade-empty, upgrade-versioned"},
    {.test = Test::field_present,
     .field = "Connection",
     .refusal = fail("HTTP Connection header missing"),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "protocol.py processHandshake: 'connection' not in self.http_headers",
     .evidence = "connection-missing"},
    {.test = Test::field_has_token,
     .lines = Lines::joined,
     .field = "Connection",
     .value = "upgrade",
     .refusal = fail("HTTP Connection headers do not include \"upgrade\" value "
                     "(case-insensitive): \"{value}\""),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "protocol.py processHandshake: split(\",\"), strip().lower() == \"upgrade\"",
     .evidence = "connection-close, connection-quoted, connection-empty"},
    {.test = Test::field_present,
     .field = "Sec-WebSocket-Version",
     .refusal = fail("WebSocket connection denied - Hixie76 protocol not supported."),
     .cause = "version-required",
     .rfc = rfc::k_ws_version,
     .source = "protocol.py processHandshake: no sec-websocket-version (Hixie-76)",
     .evidence = "version-missing"},
    {.test = Test::field_single,
     .field = "Sec-WebSocket-Version",
     .refusal = fail("HTTP Sec-WebSocket-Version header appears more than once in opening "
                     "handshake request"),
     .cause = "duplicate-version",
     .rfc = rfc::k_ws_version,
     .source = "protocol.py processHandshake: http_headers_cnt[\"sec-websocket-version\"] > 1",
     .evidence = "version-duplicate, version-duplicate-different"},
    {.test = Test::version_number_in,
     .number = NumberRule::python_int,
     .field = "Sec-WebSocket-Version",
     .refusal = fail("could not parse HTTP Sec-WebSocket-Version header \"{value}\" in opening "
                     "handshake request"),
     .cause = "version-not-a-number",
     .rfc = rfc::k_ws_version,
     .source = "protocol.py processHandshake: int(version)",
     .evidence = "version-13-8, version-empty"},
    {.test = Test::version_number_in,
     .number = NumberRule::python_int,
     .field = "Sec-WebSocket-Version",
     .list = k_ws_versions,
     .refusal = fail("WebSocket version {value} not supported (supported versions: 13,8)"),
     .cause = "version-not-13-or-8",
     .rfc = rfc::k_ws_version,
     .source = "protocol.py processHandshake: version not in self.versions",
     .evidence = "version-14; version-8 and version-leading-zero are taken"},
    {.test = Test::subprotocols_valid,
     .lines = Lines::joined,
     .grammar = Grammar::duplicates,
     .field = "Sec-WebSocket-Protocol",
     .refusal = fail("duplicate protocol \"{element}\" specified in HTTP Sec-WebSocket-Protocol "
                     "header"),
     .cause = "duplicate-subprotocol",
     .rfc = rfc::k_subprotocol,
     .source = "protocol.py processHandshake: split(\",\"), strip(), no repeats",
     .evidence = "protocol-duplicate-token, protocol-comma; protocol-empty-element is taken"},
    {.test = Test::field_single,
     .field = "Origin",
     .refusal = fail("HTTP Origin header appears more than once in opening handshake request"),
     .cause = "duplicate-origin",
     .source = "protocol.py processHandshake: http_headers_cnt[\"origin\"] > 1",
     .evidence = "origin-duplicate"},
    {.test = Test::origin_has_host,
     .field = "Origin",
     .refusal = fail("HTTP Origin header invalid: No host part in Origin '{value}'"),
     .cause = "origin-no-host",
     .source = "protocol.py _url_to_origin: urlsplit(origin).hostname is empty",
     .evidence = "origin-invalid; origin-null is taken"},
    {.test = Test::field_present,
     .field = "Sec-WebSocket-Key",
     .refusal = fail("HTTP Sec-WebSocket-Key header missing"),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "protocol.py processHandshake: 'sec-websocket-key' not in self.http_headers",
     .evidence = "key-missing"},
    {.test = Test::field_single,
     .field = "Sec-WebSocket-Key",
     .refusal = fail("HTTP Sec-WebSocket-Key header appears more than once in opening handshake "
                     "request"),
     .cause = "duplicate-key",
     .rfc = rfc::k_key,
     .source = "protocol.py processHandshake: http_headers_cnt[\"sec-websocket-key\"] > 1",
     .evidence = "key-duplicate, key-duplicate-same"},
    {.test = Test::key_valid,
     .key_rule = KeyRule::autobahn_length,
     .field = "Sec-WebSocket-Key",
     .refusal = fail("bad Sec-WebSocket-Key (length must be 24 ASCII chars) \"{value}\""),
     .cause = "invalid-key",
     .rfc = rfc::k_key,
     .source = "protocol.py processHandshake: len(key) != 24",
     .evidence = "key-short, key-long, key-no-padding, key-empty"},
    {.test = Test::key_valid,
     .key_rule = KeyRule::autobahn_padding,
     .field = "Sec-WebSocket-Key",
     .refusal = fail("bad Sec-WebSocket-Key (invalid base64 encoding) \"{value}\""),
     .cause = "invalid-key",
     .rfc = rfc::k_key,
     .source = "protocol.py processHandshake: key[-2:] != \"==\"",
     .evidence = "key-not-base64"},
    {.test = Test::key_valid,
     .key_rule = KeyRule::autobahn_alphabet,
     .field = "Sec-WebSocket-Key",
     .refusal = fail("bad character \"{element}\" in Sec-WebSocket-Key (invalid base64 "
                     "encoding) \"{value}\""),
     .cause = "invalid-key",
     .rfc = rfc::k_key,
     .source = "protocol.py processHandshake: each of key[:-2] in the base64 alphabet",
     .evidence = "key-url-safe"},
    {.test = Test::field_single,
     .field = "Sec-WebSocket-Extensions",
     .refusal = fail("HTTP Sec-WebSocket-Extensions header appears more than once in opening "
                     "handshake request"),
     .cause = "extensions-one-line",
     .rfc = rfc::k_extensions,
     .source = "protocol.py processHandshake: http_headers_cnt[\"sec-websocket-extensions\"] > 1",
     .evidence = "ext-two-fields"},
    {.test = Test::extensions_valid,
     .extension_rule = ExtensionRule::deflate_params,
     .field = "Sec-WebSocket-Extensions",
     .list = k_deflate_messages,
     .refusal = fail("{detail}"),
     .cause = "deflate-offer-refused",
     .rfc = rfc::k_extensions,
     .source = "protocol.py succeedHandshake: PerMessageDeflateOffer.parse fails the handshake "
               "(RFC 7692 5 says decline the offer)",
     .evidence = "ext-malformed, ext-deflate-bits-7, ext-deflate-bits-16, "
                 "ext-deflate-unknown-param, ext-deflate-duplicate-param, "
                 "ext-deflate-no-context-value, ext-deflate-two-offers"},
};

} // namespace

const ServerProfile& autobahn_profile() {
  static const ServerProfile k_profile = {
      .name = "autobahn",
      .library = "Autobahn|Python",
      .version = "22.7.1 on Python 3.11.2 (asyncio)",
      .settings = "WebSocketServerFactory(\"ws://127.0.0.1:PORT\")",
      .source = "https://github.com/crossbario/autobahn-python autobahn/websocket/protocol.py",
      .http = &k_http,
      .steps = k_steps,
  };
  return k_profile;
}

} // namespace wsh::servers
