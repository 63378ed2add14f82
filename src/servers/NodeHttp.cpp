// Node.js v20.20.2's http server: llhttp 9.3.1 (strict), Node's 16 KiB header limit and its
// clientError answer (400, or 431 for an overflow; the HPE_ code and reason are what Node's
// 'clientError' event carries). Sources: nodejs/llhttp src/llhttp/http.ts (the states and their
// error reasons), nodejs/node src/node_http_parser.cc (header_nread_ against
// max_http_header_size) and lib/_http_server.js (socketOnError: 400 or 431, Connection: close).
#include "servers/HttpStacks.hpp"

namespace wsh::servers {

namespace {

constexpr std::string_view k_bad_request = "HTTP/1.1 400 Bad Request";

constexpr Reaction parse_error(std::string_view message) {
  return refuses(respond(400, k_bad_request, message, MessageIn::log));
}

constexpr std::string_view k_special_names[] = {"connection", "content-length", "proxy-connection",
                                                "transfer-encoding", "upgrade"};

constexpr Limit k_limits[] = {
    // node_http_parser.cc counts the URL, every field name and every value against 16384.
    {Measure::target_names_values, 16383,
     respond(431, "HTTP/1.1 431 Request Header Fields Too Large",
             "HPE_HEADER_OVERFLOW: Parse Error: Header overflow", MessageIn::log),
     "header-block-too-large"},
};

// llhttp's method table (llhttp/constants.ts METHODS_HTTP), case-sensitive.
constexpr std::string_view k_methods[] = {
    "DELETE",     "GET",      "HEAD",       "POST",     "PUT",    "CONNECT",   "OPTIONS",
    "TRACE",      "COPY",     "LOCK",       "MKCOL",    "MOVE",   "PROPFIND",  "PROPPATCH",
    "SEARCH",     "UNLOCK",   "BIND",       "REBIND",   "UNBIND", "ACL",       "REPORT",
    "MKACTIVITY", "CHECKOUT", "MERGE",      "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE",
    "PATCH",      "PURGE",    "MKCALENDAR", "LINK",     "UNLINK", "SOURCE",    "QUERY"};
constexpr std::string_view k_version_shapes[] = {"HTTP/?.?", ""};
constexpr std::string_view k_versions[] = {"HTTP/0.9", "HTTP/1.0", "HTTP/1.1", "HTTP/2.0", ""};
constexpr std::string_view k_url_starts[] = {"origin", "absolute", "asterisk", "relative",
                                             "connect"};
constexpr std::string_view k_url_forms[] = {"origin", "absolute", "asterisk", "connect"};

constexpr Step k_request_line_steps[] = {
    {.test = Test::method_in,
     .list = k_methods,
     .refusal =
         respond(400, k_bad_request, "HPE_INVALID_METHOD: Parse Error: Invalid method encountered",
                 MessageIn::log),
     .cause = "method-not-known",
     .rfc = rfc::k_method,
     .source = "llhttp src/llhttp/http.ts: the method switch; METHODS_HTTP",
     .evidence = "method-get-lowercase"},
    {.test = Test::version_in,
     .list = k_version_shapes,
     .refusal = respond(400, k_bad_request,
                        "HPE_INVALID_CONSTANT: Parse Error: Expected HTTP/, RTSP/ or ICE/",
                        MessageIn::log),
     .cause = "http-version-not-http",
     .rfc = rfc::k_version,
     .source = "llhttp src/llhttp/http.ts: req_http_start",
     .evidence = "http-version-lowercase"},
    {.test = Test::version_in,
     .list = k_versions,
     .refusal = respond(400, k_bad_request,
                        "HPE_INVALID_VERSION: Parse Error: Invalid HTTP version", MessageIn::log),
     .cause = "http-version-unknown",
     .rfc = rfc::k_version,
     .source = "llhttp src/llhttp/http.ts: req_http_complete checks the version pair",
     .evidence = "http-1.2 (refused), http-2.0 and http-version-missing (read as 0.9) taken"},
    {.test = Test::target_form_in,
     .list = k_url_starts,
     .refusal =
         respond(400, k_bad_request, "HPE_INVALID_URL: Parse Error: Unexpected start char in url",
                 MessageIn::log),
     .cause = "target-form",
     .rfc = rfc::k_target,
     .source = "llhttp src/llhttp/url.ts: url_start",
     .evidence = "target-authority-form"},
    {.test = Test::target_form_in,
     .list = k_url_forms,
     .refusal = respond(400, k_bad_request,
                        "HPE_INVALID_URL: Parse Error: Invalid characters in url", MessageIn::log),
     .cause = "target-form",
     .rfc = rfc::k_target,
     .source = "llhttp src/llhttp/url.ts: url_schema",
     .evidence = "target-relative"},
    {.test = Test::target_ascii,
     .refusal = respond(400, k_bad_request,
                        "HPE_INVALID_URL: Parse Error: Invalid char in url path", MessageIn::log),
     .cause = "target-not-ascii",
     .rfc = rfc::k_target,
     .source = "llhttp src/llhttp/url.ts: url_path accepts URL_CHAR only",
     .evidence = "target-non-ascii; target-quote, target-brace, target-pipe, target-fragment "
                 "and target-asterisk are taken"},
};

constexpr std::string_view k_connect[] = {"CONNECT"};

constexpr Step k_field_steps[] = {
    {.test = Test::content_length_valid,
     .field = "Content-Length",
     .refusal = respond(400, k_bad_request,
                        "HPE_INVALID_CONTENT_LENGTH: Parse Error: Invalid character in "
                        "Content-Length",
                        MessageIn::log),
     .cause = "invalid-content-length",
     .rfc = rfc::k_content_length,
     .source = "llhttp src/llhttp/http.ts: header_value_content_length",
     .evidence = "content-length-invalid, content-length-negative"},
    {.test = Test::field_single,
     .field = "Content-Length",
     .refusal = respond(400, k_bad_request,
                        "HPE_UNEXPECTED_CONTENT_LENGTH: Parse Error: Duplicate Content-Length",
                        MessageIn::log),
     .cause = "repeated-content-length",
     .rfc = rfc::k_content_length,
     .source = "llhttp src/llhttp/http.ts: F_CONTENT_LENGTH already set",
     .evidence = "content-length-conflict"},
    {.test = Test::transfer_chunked_once,
     .field = "Transfer-Encoding",
     .refusal = respond(400, k_bad_request,
                        "HPE_INVALID_TRANSFER_ENCODING: Parse Error: Invalid `Transfer-Encoding` "
                        "header value",
                        MessageIn::log),
     .cause = "transfer-coding-after-chunked",
     .rfc = rfc::k_transfer_encoding,
     .source = "llhttp src/llhttp/http.ts: a coding after chunked (F_CHUNKED set)",
     .evidence = "holdout: Transfer-Encoding: chunked, chunked"},
    {.test = Test::no_length_with_chunked,
     .refusal = respond(400, k_bad_request,
                        "HPE_INVALID_CONTENT_LENGTH: Parse Error: Content-Length can't be present "
                        "with Transfer-Encoding",
                        MessageIn::log),
     .cause = "transfer-encoding-with-content-length",
     .rfc = rfc::k_transfer_encoding,
     .source = "llhttp src/native/api.c: llhttp__after_headers_complete (strict mode)",
     .evidence = "transfer-encoding-and-length; transfer-encoding-gzip is taken (an upgrade "
                 "reads no body)"},
    {.test = Test::method_not_in,
     .list = k_connect,
     .refusal = closes(),
     .cause = "method-connect",
     .rfc = rfc::k_method,
     .source = "lib/_http_server.js: a CONNECT request is a 'connect' event; with no listener "
               "the socket is destroyed",
     .evidence = "holdout: CONNECT {authority}"},
};

constexpr HttpReading k_node_http = {
    .name = "Node.js v20.20.2 http (llhttp 9.3.1)",
    .source = "nodejs/llhttp src/llhttp/http.ts; nodejs/node src/node_http_parser.cc, "
              "lib/_http_server.js",
    .head_end = HeadEnd::empty_line,
    .line_end = LineEnd::crlf_or_lf,
    .leading_empty_line = accepts(), // leading-empty-line: llhttp skips CRLF before a request
    .request_line =
        {
            .split = RequestLineSplit::parser,
            .extra_spaces = accepts(), // request-line-double-space
            .trailing_space =
                parse_error("HPE_INVALID_VERSION: Parse Error: Expected CRLF after version"),
            .tabs = parse_error("HPE_INVALID_METHOD: Parse Error: Expected space after method"),
            .missing_version = accepts(), // http-version-missing: read as HTTP/0.9
            .raw_space =
                parse_error("HPE_INVALID_CONSTANT: Parse Error: Expected HTTP/, RTSP/ or ICE/"),
        },
    .fields =
        {
            .lf_request_line =
                parse_error("HPE_INVALID_VERSION: Parse Error: Expected CRLF after version"),
            .lf_field_line =
                parse_error("HPE_CR_EXPECTED: Parse Error: Missing expected CR after header value"),
            .lf_empty_line =
                parse_error("HPE_CR_EXPECTED: Parse Error: Missing expected CR after header value"),
            .bare_cr =
                parse_error("HPE_LF_EXPECTED: Parse Error: Missing expected LF after header value"),
            .obs_fold = parse_error(
                "HPE_INVALID_HEADER_TOKEN: Parse Error: Unexpected whitespace after header value"),
            .obs_fold_first =
                parse_error("HPE_UNEXPECTED_SPACE: Parse Error: Unexpected space after start line"),
            .space_before_colon =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .space_before_colon_special =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header field char"),
            .tab_before_colon =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .missing_colon =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .empty_name =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .space_in_name =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .nul_in_name =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .ctl_in_name =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .non_ascii_name =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .other_in_name =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header token"),
            .nul_in_value =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header value char"),
            .ctl_in_value =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header value char"),
            .del_in_value =
                parse_error("HPE_INVALID_HEADER_TOKEN: Parse Error: Invalid header value char"),
            .special_names = k_special_names,
        },
    .limits = k_limits,
    .request_line_steps = k_request_line_steps,
    .field_steps = k_field_steps,
};

} // namespace

const HttpReading& node_http() {
  return k_node_http;
}

} // namespace wsh::servers
