// Python websockets 10.4, the legacy asyncio server (websockets.serve) on Python 3.11:
// legacy/http.py read_request/read_headers/read_line (MAX_LINE 4110, MAX_HEADERS 256, the
// asyncio stream's 64 KiB limit), legacy/server.py handshake() and its error answers,
// legacy/handshake.py check_request, headers.py parse_connection/parse_upgrade/parse_extension.
// A refused request line or field line is an InvalidMessage: 400 with the generic body
// "did not receive a valid HTTP request"; the reason is in the debug log, quoted here.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_bad_request = "HTTP/1.1 400 Bad Request";

constexpr Refusal invalid_message(std::string_view reason) {
  return respond(400, k_bad_request, reason, MessageIn::log);
}

constexpr Refusal invalid_handshake(std::string_view reason) {
  return respond(400, k_bad_request, reason, MessageIn::body);
}

constexpr Refusal invalid_upgrade(std::string_view reason) {
  return respond(426, "HTTP/1.1 426 Upgrade Required", reason, MessageIn::body);
}

constexpr Limit k_limits[] = {
    {Measure::line_bytes, 65536,
     invalid_message("Separator is found, but chunk is longer than limit"), "line-too-long"},
    {Measure::line_bytes, 4110, invalid_message("SecurityError: line too long"), "line-too-long"},
    {Measure::field_count, 256, invalid_message("SecurityError: too many HTTP headers"),
     "too-many-fields"},
};

constexpr std::string_view k_get[] = {"GET"};
constexpr std::string_view k_http_1_1[] = {"HTTP/1.1"};

constexpr Step k_request_line_steps[] = {
    {.test = Test::method_in,
     .list = k_get,
     .refusal = invalid_message("unsupported HTTP method: {method}"),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "legacy/http.py read_request: method != b\"GET\"",
     .evidence = "method-post, method-get-lowercase, method-head, method-put, method-options"},
    {.test = Test::version_in,
     .list = k_http_1_1,
     .refusal = invalid_message("unsupported HTTP version: {version}"),
     .cause = "http-version-not-1.1",
     .rfc = rfc::k_version,
     .source = "legacy/http.py read_request: version != b\"HTTP/1.1\"",
     .evidence = "http-1.0, http-2.0, http-1.2, http-version-lowercase, "
                 "request-line-double-space, request-line-trailing-space, target-raw-space"},
};

constexpr HttpReading k_http = {
    .name = "websockets 10.4 legacy/http.py",
    .source = "https://github.com/python-websockets/websockets src/websockets/legacy/http.py",
    .head_end = HeadEnd::empty_line,
    .line_end = LineEnd::crlf_or_lf,
    .leading_empty_line =
        refuses(invalid_message("invalid HTTP request line: ")), // leading-empty-line
    .request_line =
        {
            .split = RequestLineSplit::at_spaces, // request_line.split(b" ", 2)
            .split_failed = refuses(invalid_message("invalid HTTP request line: {request_line}")),
        },
    .fields =
        {
            // read_line: a line must end with CRLF.
            .lf_request_line =
                refuses(invalid_message("connection closed while reading HTTP request line")),
            .lf_field_line =
                refuses(invalid_message("connection closed while reading HTTP headers")),
            .lf_empty_line =
                refuses(invalid_message("connection closed while reading HTTP headers")),
            .bare_cr = refuses(invalid_message("invalid HTTP header value: {value}")),
            .obs_fold = refuses(invalid_message("invalid HTTP header line: {line}")),
            .obs_fold_first = refuses(invalid_message("invalid HTTP header name: {name}")),
            .space_before_colon = refuses(invalid_message("invalid HTTP header name: {name}")),
            .space_before_colon_special =
                refuses(invalid_message("invalid HTTP header name: {name}")),
            .tab_before_colon = refuses(invalid_message("invalid HTTP header name: {name}")),
            .missing_colon = refuses(invalid_message("invalid HTTP header line: {line}")),
            .empty_name = refuses(invalid_message("invalid HTTP header name: ")),
            .space_in_name = refuses(invalid_message("invalid HTTP header name: {name}")),
            .nul_in_name = refuses(invalid_message("invalid HTTP header name: {name}")),
            .ctl_in_name = refuses(invalid_message("invalid HTTP header name: {name}")),
            .non_ascii_name = refuses(invalid_message("invalid HTTP header name: {name}")),
            .other_in_name = refuses(invalid_message("invalid HTTP header name: {name}")),
            .nul_in_value = refuses(invalid_message("invalid HTTP header value: {value}")),
            .ctl_in_value = refuses(invalid_message("invalid HTTP header value: {value}")),
            .del_in_value = refuses(invalid_message("invalid HTTP header value: {value}")),
        },
    .limits = k_limits,
    .request_line_steps = k_request_line_steps,
};

constexpr Step k_steps[] = {
    {.test = Test::field_list_syntax,
     .grammar = Grammar::strict,
     .field = "Connection",
     .refusal = invalid_handshake("Failed to open a WebSocket connection: invalid Connection "
                                  "header: {detail} at {position} in {value}."),
     .cause = "connection-list-strict",
     .rfc = rfc::k_connection,
     .source = "legacy/handshake.py check_request: parse_connection (headers.py parse_list)",
     .evidence = "connection-quoted, connection-empty"},
    {.test = Test::field_present,
     .field = "Connection",
     .refusal = invalid_upgrade("Failed to open a WebSocket connection: empty Connection header."),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "legacy/handshake.py check_request: InvalidUpgrade(\"Connection\", \"\")",
     .evidence = "connection-missing"},
    {.test = Test::field_has_token,
     .lines = Lines::joined,
     .field = "Connection",
     .value = "upgrade",
     .refusal = invalid_upgrade(
         "Failed to open a WebSocket connection: invalid Connection header: {value}."),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "legacy/handshake.py check_request: any(value.lower() == \"upgrade\")",
     .evidence = "connection-close, sample-broken-proxy-stripped-upgrade"},
    {.test = Test::field_list_syntax,
     .grammar = Grammar::strict_protocols,
     .field = "Upgrade",
     .refusal = invalid_handshake("Failed to open a WebSocket connection: invalid Upgrade "
                                  "header: {detail} at {position} in {value}."),
     .cause = "upgrade-list-strict",
     .rfc = rfc::k_upgrade,
     .source = "legacy/handshake.py check_request: parse_upgrade",
     .evidence = "upgrade-empty"},
    {.test = Test::field_present,
     .field = "Upgrade",
     .refusal = invalid_upgrade("Failed to open a WebSocket connection: empty Upgrade header."),
     .cause = "upgrade-missing",
     .rfc = rfc::k_upgrade,
     .source = "legacy/handshake.py check_request: InvalidUpgrade(\"Upgrade\", \"\")",
     .evidence = "upgrade-missing"},
    {.test = Test::field_equals,
     .lines = Lines::joined,
     .field = "Upgrade",
     .value = "websocket",
     .refusal =
         invalid_upgrade("Failed to open a WebSocket connection: invalid Upgrade header: {value}."),
     .cause = "upgrade-whole-value",
     .rfc = rfc::k_upgrade,
     .source = "legacy/handshake.py check_request: len(upgrade) == 1 and upgrade[0].lower() == "
               "\"websocket\"",
     .evidence = "upgrade-websocket-h2c, upgrade-h2c-websocket, upgrade-twice, upgrade-versioned, "
                 "upgrade-h2c"},
    {.test = Test::field_present,
     .field = "Sec-WebSocket-Key",
     .refusal = invalid_handshake(
         "Failed to open a WebSocket connection: missing Sec-WebSocket-Key header."),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "legacy/handshake.py check_request: headers[\"Sec-WebSocket-Key\"]",
     .evidence = "key-missing"},
    {.test = Test::field_single,
     .field = "Sec-WebSocket-Key",
     .refusal = invalid_handshake("Failed to open a WebSocket connection: invalid "
                                  "Sec-WebSocket-Key header: more than one Sec-WebSocket-Key "
                                  "header found."),
     .cause = "duplicate-key",
     .rfc = rfc::k_key,
     .source = "legacy/handshake.py check_request: MultipleValuesError",
     .evidence = "key-duplicate, key-duplicate-same"},
    {.test = Test::field_nonempty,
     .lines = Lines::first,
     .field = "Sec-WebSocket-Key",
     .refusal = invalid_handshake(
         "Failed to open a WebSocket connection: empty Sec-WebSocket-Key header."),
     .cause = "invalid-key",
     .rfc = rfc::k_key,
     .source = "exceptions.py InvalidHeader.__str__ for an empty value",
     .evidence = "key-empty"},
    {.test = Test::key_valid,
     .lines = Lines::first,
     .key_rule = KeyRule::base64_strict,
     .field = "Sec-WebSocket-Key",
     .refusal = invalid_handshake(
         "Failed to open a WebSocket connection: invalid Sec-WebSocket-Key header: {value}."),
     .cause = "invalid-key",
     .rfc = rfc::k_key,
     .source = "legacy/handshake.py check_request: base64.b64decode(validate=True), 16 bytes",
     .evidence = "key-short, key-long, key-not-base64, key-no-padding, key-url-safe"},
    {.test = Test::field_present,
     .field = "Sec-WebSocket-Version",
     .refusal = invalid_handshake(
         "Failed to open a WebSocket connection: missing Sec-WebSocket-Version header."),
     .cause = "version-required",
     .rfc = rfc::k_ws_version,
     .source = "legacy/handshake.py check_request: headers[\"Sec-WebSocket-Version\"]",
     .evidence = "version-missing"},
    {.test = Test::field_single,
     .field = "Sec-WebSocket-Version",
     .refusal = invalid_handshake("Failed to open a WebSocket connection: invalid "
                                  "Sec-WebSocket-Version header: more than one "
                                  "Sec-WebSocket-Version header found."),
     .cause = "duplicate-version",
     .rfc = rfc::k_ws_version,
     .source = "legacy/handshake.py check_request: MultipleValuesError",
     .evidence = "version-duplicate, version-duplicate-different"},
    {.test = Test::field_nonempty,
     .lines = Lines::first,
     .field = "Sec-WebSocket-Version",
     .refusal = invalid_handshake(
         "Failed to open a WebSocket connection: empty Sec-WebSocket-Version header."),
     .cause = "version-not-13",
     .rfc = rfc::k_ws_version,
     .source = "exceptions.py InvalidHeader.__str__ for an empty value",
     .evidence = "version-empty"},
    {.test = Test::field_equals_exact,
     .lines = Lines::first,
     .field = "Sec-WebSocket-Version",
     .value = "13",
     .refusal = invalid_handshake("Failed to open a WebSocket connection: invalid "
                                  "Sec-WebSocket-Version header: {value}."),
     .cause = "version-not-13",
     .rfc = rfc::k_ws_version,
     .source = "legacy/handshake.py check_request: s_w_version != \"13\"",
     .evidence = "version-8, version-14, version-13-8, version-leading-zero"},
    {.test = Test::field_single,
     .field = "Origin",
     .refusal = invalid_handshake("Failed to open a WebSocket connection: invalid Origin "
                                  "header: more than one Origin header found."),
     .cause = "duplicate-origin",
     .source = "legacy/server.py process_origin: MultipleValuesError",
     .evidence = "origin-duplicate"},
    {.test = Test::extensions_valid,
     .extension_rule = ExtensionRule::rfc6455_list,
     .field = "Sec-WebSocket-Extensions",
     .refusal = invalid_handshake("Failed to open a WebSocket connection: invalid "
                                  "Sec-WebSocket-Extensions header: expected token at "
                                  "{position} in {value}."),
     .cause = "extension-list-strict",
     .rfc = rfc::k_extensions,
     .source = "legacy/server.py process_extensions: parse_extension of each line (the server "
               "offers permessage-deflate by default)",
     .evidence = "ext-malformed, ext-garbage, ext-empty"},
    {.test = Test::extensions_valid,
     .extension_rule = ExtensionRule::deflate_window_8,
     .field = "Sec-WebSocket-Extensions",
     .refusal = respond(500, "HTTP/1.1 500 Internal Server Error",
                        "ValueError: Invalid initialization option", MessageIn::log),
     .cause = "deflate-window-8",
     .source = "extensions/permessage_deflate.py: the accepted offer's server_max_window_bits=8 "
               "(below the default 12) reaches zlib.compressobj(wbits=-8)",
     .evidence = "probes: ext-server-bits-8"},
};

} // namespace

const ServerProfile& python_websockets_profile() {
  static const ServerProfile k_profile = {
      .name = "python-websockets",
      .library = "websockets (legacy asyncio server)",
      .version = "10.4 on Python 3.11.2",
      .settings = "websockets.serve(handler, host, port)",
      .source = "https://github.com/python-websockets/websockets src/websockets/legacy/server.py",
      .http = &k_http,
      .steps = k_steps,
  };
  return k_profile;
}

} // namespace wsh::servers
