// Tornado 6.2: http1connection.py HTTP1Connection._read_message/_read_body, httputil.py
// parse_request_start_line and HTTPHeaders.parse/parse_line, web.py routing (a handler on
// r"/.*") and RequestHandler's 405, websocket.py WebSocketHandler.get, check_origin and
// WebSocketProtocol13._handle_websocket_headers. A malformed message is answered with a bare
// 400 and logged ("Malformed HTTP message from ..."); the handler's refusals carry their text in
// the body.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_bad_request = "HTTP/1.1 400 Bad Request";

constexpr Refusal malformed(std::string_view reason) {
  return respond(400, k_bad_request, reason, MessageIn::log);
}

constexpr Limit k_limits[] = {
    // max_header_size: the delimiter must be found within 65536 bytes.
    {Measure::head_bytes, 65536,
     closes("Unsatisfiable read, closing connection: delimiter re.compile(b'\\r?\\n\\r?\\n') not "
            "found within 65536 bytes"),
     "header-block-too-large"},
};

constexpr std::string_view k_versions[] = {"HTTP/1.?"};

constexpr Step k_request_line_steps[] = {
    {.test = Test::version_in,
     .list = k_versions,
     .refusal = malformed("Malformed HTTP version in HTTP Request-Line: {version|py}"),
     .cause = "http-version-not-1",
     .rfc = rfc::k_version,
     .source = "httputil.py parse_request_start_line: re.match(r\"^HTTP/1\\.[0-9]$\", version)",
     .evidence = "http-2.0, http-version-lowercase; http-1.0 and http-1.2 pass"},
};

constexpr Step k_field_steps[] = {
    {.test = Test::no_length_with_chunked,
     .refusal = malformed("Response with both Transfer-Encoding and Content-Length"),
     .cause = "transfer-encoding-with-content-length",
     .rfc = rfc::k_transfer_encoding,
     .source = "http1connection.py _read_body",
     .evidence = "transfer-encoding-and-length"},
    {.test = Test::content_length_single_value,
     .lines = Lines::joined_comma,
     .field = "Content-Length",
     .refusal = malformed("Multiple unequal Content-Lengths: {value|py}"),
     .cause = "content-length-conflict",
     .rfc = rfc::k_content_length,
     .source = "http1connection.py _read_body: re.split(r\",\\s*\", headers[\"Content-Length\"])",
     .evidence = "content-length-conflict"},
    {.test = Test::content_length_valid,
     .number = NumberRule::python_int,
     .field = "Content-Length",
     .refusal = malformed("Only integer Content-Length is allowed: {value}"),
     .cause = "invalid-content-length",
     .rfc = rfc::k_content_length,
     .source = "http1connection.py _read_body: int(headers[\"Content-Length\"]) (a sign passes)",
     .evidence = "content-length-invalid; content-length-negative is taken"},
};

constexpr HttpReading k_http = {
    .name = "Tornado 6.2 HTTP1Connection",
    .source = "https://github.com/tornadoweb/tornado tornado/http1connection.py, httputil.py",
    .head_end = HeadEnd::first_blank, // read_until_regex(b"\r?\n\r?\n")
    .line_end = LineEnd::crlf_or_lf,  // HTTPHeaders.parse splits at \n and drops a final \r
    .leading_empty_line = accepts(),  // _parse_headers: data.lstrip("\r\n")
    .request_line =
        {
            .split = RequestLineSplit::exactly_three, // method, path, version = line.split(" ")
            .split_failed = refuses(malformed("Malformed HTTP request line")),
        },
    .fields =
        {
            .bare_cr = does(Action::keep_byte),
            .obs_fold = does(Action::unfold_after_strip), // parse_line: " " + line.lstrip()
            .obs_fold_first = refuses(malformed("first header line cannot start with whitespace")),
            .space_before_colon = does(Action::drop_line), // the name keeps its space
            .space_before_colon_special = does(Action::drop_line),
            .tab_before_colon = does(Action::drop_line),
            .missing_colon = refuses(malformed("no colon in header line")),
            .empty_name = does(Action::drop_line),
            .space_in_name = does(Action::drop_line),
            .nul_in_name = does(Action::drop_line),
            .ctl_in_name = does(Action::drop_line),
            .non_ascii_name = does(Action::drop_line),
            .other_in_name = does(Action::drop_line),
            .nul_in_value = does(Action::keep_byte),
            .ctl_in_value = does(Action::keep_byte),
            .del_in_value = does(Action::keep_byte),
        },
    .limits = k_limits,
    .request_line_steps = k_request_line_steps,
    .field_steps = k_field_steps,
};

constexpr std::string_view k_origin_form[] = {"origin"};
constexpr std::string_view k_get[] = {"GET"};
constexpr std::string_view k_supported_methods[] = {"GET",   "HEAD", "POST",   "DELETE",
                                                    "PATCH", "PUT",  "OPTIONS"};
constexpr std::string_view k_ws_versions[] = {"7", "8", "13"};

constexpr Refusal bad_request(std::string_view body) {
  return respond(400, k_bad_request, body, MessageIn::body);
}

constexpr Step k_steps[] = {
    {.test = Test::method_in,
     .list = k_supported_methods,
     .refusal = respond(405, "HTTP/1.1 405 Method Not Allowed", "405: Method Not Allowed",
                        MessageIn::body),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "web.py RequestHandler._execute: method not in SUPPORTED_METHODS, checked before "
               "the 404 of an unrouted target",
     .evidence = "method-get-lowercase; holdout: CONNECT {authority}"},
    {.test = Test::target_form_in,
     .list = k_origin_form,
     .refusal = respond(404, "HTTP/1.1 404 Not Found", "404: Not Found", MessageIn::body),
     .cause = "target-not-origin-form",
     .rfc = rfc::k_target,
     .source = "web.py Application routing: the path (the whole target) must match r\"/.*\"",
     .evidence = "target-absolute-http, target-absolute-ws, target-absolute-other-host, "
                 "target-authority-form, target-asterisk, target-relative"},
    {.test = Test::method_in,
     .list = k_get,
     .refusal = respond(405, "HTTP/1.1 405 Method Not Allowed", "405: Method Not Allowed",
                        MessageIn::body),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "web.py RequestHandler._execute / the default post() etc. raise HTTPError(405)",
     .evidence = "method-post, method-get-lowercase, method-head, method-put, method-options"},
    {.test = Test::field_equals,
     .lines = Lines::joined_comma,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = bad_request("Can \"Upgrade\" only to \"WebSocket\"."),
     .cause = "upgrade-whole-value",
     .rfc = rfc::k_upgrade,
     .source = "websocket.py WebSocketHandler.get: headers.get(\"Upgrade\", \"\").lower() != "
               "\"websocket\"",
     .evidence = "upgrade-missing, upgrade-websocket-h2c, upgrade-h2c-websocket, upgrade-twice, "
                 "upgrade-versioned, space-before-colon"},
    {.test = Test::field_has_token,
     .lines = Lines::joined_comma,
     .grammar = Grammar::split_trim,
     .field = "Connection",
     .value = "upgrade",
     .refusal = bad_request("\"Connection\" must be \"Upgrade\"."),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "websocket.py WebSocketHandler.get: \"upgrade\" in the split, stripped, "
               "lowercased Connection",
     .evidence = "connection-missing, connection-close, connection-quoted, connection-empty"},
    {.test = Test::origin_same_host,
     .origin_rule = OriginRule::python_netloc,
     .refusal = respond(403, "HTTP/1.1 403 Forbidden", "Cross origin websockets not allowed",
                        MessageIn::body),
     .cause = "origin-not-same",
     .source = "websocket.py check_origin: urlparse(origin).netloc.lower() == Host as given",
     .evidence = "origin-null, origin-cross, origin-cross-port, origin-no-port, origin-invalid, "
                 "origin-duplicate, host-missing, host-duplicate, host-invalid-*, host-empty, "
                 "host-no-port, host-other-name, sample-rfc6455-example"},
    {.test = Test::version_number_in,
     .lines = Lines::joined_comma,
     .field = "Sec-WebSocket-Version",
     .list = k_ws_versions,
     .refusal = respond(426, "HTTP/1.1 426 Upgrade Required", {}, MessageIn::none),
     .cause = "version-not-7-8-13",
     .rfc = rfc::k_ws_version,
     .source = "websocket.py get_websocket_protocol: version in (\"7\", \"8\", \"13\"), else 426 "
               "with Sec-WebSocket-Version: 7, 8, 13",
     .evidence = "version-missing, version-14, version-13-8, version-duplicate, version-empty, "
                 "version-leading-zero"},
    {.test = Test::field_nonempty,
     .lines = Lines::joined_comma,
     .field = "Host",
     .refusal = bad_request("Missing/Invalid WebSocket headers"),
     .cause = "host-required",
     .rfc = rfc::k_host,
     .source = "websocket.py WebSocketProtocol13._handle_websocket_headers",
     .evidence = "none measured alone: a same-origin Origin needs a Host"},
    {.test = Test::field_nonempty,
     .lines = Lines::joined_comma,
     .field = "Sec-WebSocket-Key",
     .refusal = bad_request("Missing/Invalid WebSocket headers"),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "websocket.py WebSocketProtocol13._handle_websocket_headers; not validated",
     .evidence = "key-missing, key-empty; key-short, key-not-base64 are taken"},
};

} // namespace

const ServerProfile& tornado_profile() {
  static const ServerProfile k_profile = {
      .name = "tornado",
      .library = "Tornado",
      .version = "6.2 on Python 3.11.2",
      .settings = "a WebSocketHandler on r\"/.*\" (default check_origin)",
      .source = "https://github.com/tornadoweb/tornado tornado/websocket.py",
      .http = &k_http,
      .steps = k_steps,
      .accept_over = AcceptOver::joined,
      .accept_lines = Lines::joined_comma,
      .accept_flaw_cause = "accept-over-joined-keys",
  };
  return k_profile;
}

} // namespace wsh::servers
