// aiohttp 3.8.4 (Debian's, with its C parser on a vendored llhttp 6 and the backported check for
// repeated singleton fields): _http_parser.pyx and http_parser.py (SINGLETON_HEADERS, limits of
// 8190 bytes per line and field and 128 fields), web_urldispatcher.py (add_get adds HEAD),
// web_ws.py WebSocketResponse._handshake. A parser error is answered "HTTP/1.0 400 Bad Request"
// with the error's text as the body.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_parser_error_line = "HTTP/1.0 400 Bad Request";

constexpr Refusal parser_error(std::string_view message) {
  return respond(400, k_parser_error_line, message, MessageIn::body);
}

constexpr Reaction parse_error(std::string_view message) {
  return refuses(parser_error(message));
}

constexpr std::string_view k_special_names[] = {"connection", "content-length", "proxy-connection",
                                                "transfer-encoding", "upgrade"};

constexpr Limit k_limits[] = {
    {Measure::target_bytes, 8190,
     parser_error("Got more than 8190 bytes when reading: {value|bytes100}."), "target-too-long"},
    {Measure::value_bytes, 8190,
     parser_error("Got more than 8190 bytes when reading: {value|bytes100}."), "line-too-long"},
    {Measure::field_count, 128, parser_error("Too many headers received"), "too-many-fields"},
};

// llhttp 6's method table, case-sensitive.
constexpr std::string_view k_methods[] = {
    "DELETE",     "GET",      "HEAD",       "POST",     "PUT",    "CONNECT",   "OPTIONS",
    "TRACE",      "COPY",     "LOCK",       "MKCOL",    "MOVE",   "PROPFIND",  "PROPPATCH",
    "SEARCH",     "UNLOCK",   "BIND",       "REBIND",   "UNBIND", "ACL",       "REPORT",
    "MKACTIVITY", "CHECKOUT", "MERGE",      "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE",
    "PATCH",      "PURGE",    "MKCALENDAR", "LINK",     "UNLINK", "SOURCE"};
constexpr std::string_view k_version_shapes[] = {"HTTP/?.?", ""};
constexpr std::string_view k_url_starts[] = {"origin", "absolute", "asterisk", "relative",
                                             "connect"};
constexpr std::string_view k_url_forms[] = {"origin", "absolute", "asterisk", "connect"};

constexpr Step k_request_line_steps[] = {
    {.test = Test::method_in,
     .list = k_methods,
     .refusal = parser_error("Bad status line 'Invalid method encountered'"),
     .cause = "method-not-known",
     .rfc = rfc::k_method,
     .source = "llhttp 6 (vendored by aiohttp): the method switch",
     .evidence = "method-get-lowercase"},
    {.test = Test::version_in,
     .list = k_version_shapes,
     .refusal = parser_error("Expected HTTP/"),
     .cause = "http-version-not-http",
     .rfc = rfc::k_version,
     .source = "llhttp 6: req_http_start",
     .evidence = "http-version-lowercase; http-1.2, http-2.0 and http-version-missing are taken"},
    {.test = Test::target_form_in,
     .list = k_url_starts,
     .refusal = parser_error("Unexpected start char in url"),
     .cause = "target-form",
     .rfc = rfc::k_target,
     .source = "llhttp 6: url_start",
     .evidence = "target-authority-form"},
    {.test = Test::target_form_in,
     .list = k_url_forms,
     .refusal = parser_error("Invalid characters in url"),
     .cause = "target-form",
     .rfc = rfc::k_target,
     .source = "llhttp 6: url_schema",
     .evidence = "target-relative"},
};

constexpr Step k_field_steps[] = {
    {.test = Test::content_length_valid,
     .field = "Content-Length",
     .refusal = parser_error("Invalid character in Content-Length"),
     .cause = "invalid-content-length",
     .rfc = rfc::k_content_length,
     .source = "llhttp 6: header_value_content_length",
     .evidence = "content-length-invalid, content-length-negative"},
    {.test = Test::field_single,
     .field = "Content-Length",
     .refusal = parser_error("Duplicate Content-Length"),
     .cause = "repeated-content-length",
     .rfc = rfc::k_content_length,
     .source = "llhttp 6: F_CONTENT_LENGTH already set",
     .evidence = "content-length-conflict"},
    {.test = Test::no_length_with_chunked,
     .refusal = parser_error("Content-Length can't be present with Transfer-Encoding"),
     .cause = "transfer-encoding-with-content-length",
     .rfc = rfc::k_transfer_encoding,
     .source = "llhttp 6: llhttp__after_headers_complete",
     .evidence = "transfer-encoding-and-length"},
    {.test = Test::field_single,
     .field = "Host",
     .refusal = parser_error("Duplicate 'Host' header found."),
     .cause = "duplicate-host",
     .rfc = rfc::k_host,
     .source = "http_parser.py / _http_parser.pyx: a repeated SINGLETON_HEADERS field (Host, "
               "Content-Type, User-Agent, ...)",
     .evidence = "host-duplicate, host-duplicate-different"},
};

constexpr HttpReading k_http = {
    .name = "aiohttp 3.8.4 C parser (llhttp 6)",
    .source = "https://github.com/aio-libs/aiohttp aiohttp/_http_parser.pyx, http_parser.py",
    .head_end = HeadEnd::empty_line,
    .line_end = LineEnd::crlf_or_lf, // lf-line-endings, lf-one-line are taken
    .leading_empty_line = accepts(),
    .request_line =
        {
            .split = RequestLineSplit::parser,
            .extra_spaces = accepts(),
            .trailing_space = parse_error("Bad status line 'Expected CRLF after version'"),
            .tabs = parse_error("Bad status line 'Expected space after method'"),
            .missing_version = accepts(), // http-version-missing is answered 101
            .raw_space = parse_error("Expected HTTP/"),
        },
    .fields =
        {
            .bare_cr = parse_error("Missing expected LF after header value"),
            .obs_fold = accepts(),                         // obs-fold: unfolded
            .obs_fold_first = does(Action::drop_line),     // obs-fold-first-line is taken
            .space_before_colon = does(Action::drop_line), // llhttp 6 keeps "X-Custom "
            .space_before_colon_special = parse_error("Invalid header field char"),
            .tab_before_colon = parse_error("Invalid header token"),
            .missing_colon = parse_error("Invalid header token"),
            .empty_name = does(Action::drop_line),
            .space_in_name = does(Action::drop_line),
            .nul_in_name = parse_error("Invalid header token"),
            .ctl_in_name = parse_error("Invalid header token"),
            .non_ascii_name = parse_error("Invalid header token"),
            .other_in_name = parse_error("Invalid header token"),
            .nul_in_value = parse_error("Invalid header value char"),
            .ctl_in_value = parse_error("Invalid header value char"),
            .del_in_value = parse_error("Invalid header value char"),
            .special_names = k_special_names,
            .keeps_trailing_whitespace = true, // version-trailing-space: "13 " is kept
        },
    .limits = k_limits,
    .request_line_steps = k_request_line_steps,
    .field_steps = k_field_steps,
};

constexpr std::string_view k_routed_forms[] = {"origin", "absolute"};
constexpr std::string_view k_get_head[] = {"GET", "HEAD"};
constexpr std::string_view k_ws_versions[] = {"13", "8", "7"};

constexpr Refusal bad_request(std::string_view body) {
  return respond(400, "HTTP/1.1 400 Bad Request", body, MessageIn::body);
}

constexpr Step k_steps[] = {
    {.test = Test::target_form_in,
     .list = k_routed_forms,
     .refusal = respond(404, "HTTP/1.1 404 Not Found", "404: Not Found", MessageIn::body),
     .cause = "target-not-routed",
     .rfc = rfc::k_target,
     .source = "web_urldispatcher.py: the route \"/{tail:.*}\" matches the request's path",
     .evidence = "target-asterisk"},
    {.test = Test::method_in,
     .list = k_get_head,
     .refusal = respond(405, "HTTP/1.1 405 Method Not Allowed", "405: Method Not Allowed",
                        MessageIn::body),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "web_urldispatcher.py: add_get registers GET and HEAD",
     .evidence = "method-post, method-put, method-options; method-head is answered 101"},
    {.test = Test::field_equals,
     .lines = Lines::first,
     .field = "Expect",
     .value = "100-continue",
     .when = "Expect",
     .refusal = respond(417, "HTTP/1.1 417 Expectation Failed", "Unknown Expect: {value}",
                        MessageIn::body),
     .cause = "expectation-unknown",
     .source = "web_urldispatcher.py _default_expect_handler: HTTPExpectationFailed",
     .evidence = "probes: expect-other; expect-100-continue is answered 100 then 101"},
    {.test = Test::field_equals_stripped,
     .lines = Lines::first,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = bad_request("No WebSocket UPGRADE hdr: {value|none}"),
     .cause = "upgrade-whole-value",
     .rfc = rfc::k_upgrade,
     .source = "web_ws.py _handshake: headers.get(UPGRADE, \"\").lower().strip() != \"websocket\"",
     .evidence = "upgrade-missing, upgrade-websocket-h2c, upgrade-h2c-websocket, upgrade-h2c, "
                 "upgrade-empty, upgrade-versioned; upgrade-twice reads the first line"},
    {.test = Test::field_contains,
     .lines = Lines::first,
     .field = "Connection",
     .value = "upgrade",
     .refusal = bad_request("No CONNECTION upgrade hdr: {value|none}"),
     .cause = "connection-first-line-only",
     .rfc = rfc::k_connection,
     .source = "web_ws.py _handshake: \"upgrade\" not in headers.get(CONNECTION, \"\").lower() "
               "(the first line, as a substring)",
     .evidence = "connection-missing, connection-close, connection-empty, "
                 "connection-two-fields; connection-quoted is taken"},
    {.test = Test::version_number_in,
     .lines = Lines::first,
     .field = "Sec-WebSocket-Version",
     .list = k_ws_versions,
     .refusal = bad_request("Unsupported version: {value}"),
     .cause = "version-not-7-8-13",
     .rfc = rfc::k_ws_version,
     .source = "web_ws.py _handshake: version not in (\"13\", \"8\", \"7\") (trailing "
               "whitespace kept)",
     .evidence = "version-missing, version-14, version-13-8, version-empty, "
                 "version-leading-zero, version-trailing-space"},
    {.test = Test::key_valid,
     .lines = Lines::first,
     .key_rule = KeyRule::base64_lenient,
     .field = "Sec-WebSocket-Key",
     .refusal = bad_request("Handshake error: {value|py}"),
     .cause = "invalid-key",
     .rfc = rfc::k_key,
     .source = "web_ws.py _handshake: len(base64.b64decode(key)) != 16",
     .evidence = "key-missing, key-short, key-long, key-not-base64, key-no-padding, key-url-safe, "
                 "key-empty"},
};

} // namespace

const ServerProfile& aiohttp_profile() {
  static const ServerProfile k_profile = {
      .name = "aiohttp",
      .library = "aiohttp",
      .version = "3.8.4 on Python 3.11.2",
      .settings = "web.WebSocketResponse() on add_get(\"/{tail:.*}\")",
      .source = "https://github.com/aio-libs/aiohttp aiohttp/web_ws.py",
      .http = &k_http,
      .steps = k_steps,
      .accept_over = AcceptOver::untrimmed,
      .accept_flaw_cause = "accept-over-untrimmed-key",
  };
  return k_profile;
}

} // namespace wsh::servers
