// Go 1.19.8's net/http server: net/http/request.go readRequest (request line, version, URL,
// Host count), net/textproto/reader.go readMIMEHeader (folding, colons), net/http/transfer.go
// (Transfer-Encoding, Content-Length), net/http/server.go conn.readRequest (505, Host, field
// names and values; the error answers of conn.serve) and ServeMux.Handler (the 400 for `*`,
// the 301 to a cleaned path).
#include "servers/HttpStacks.hpp"

namespace wsh::servers {

namespace {

constexpr Refusal k_bad_request =
    respond(400, "HTTP/1.1 400 Bad Request", "400 Bad Request", MessageIn::body);
constexpr Refusal k_invalid_name = respond(400, "HTTP/1.1 400 Bad Request: invalid header name",
                                           "400 Bad Request: invalid header name", MessageIn::body);
constexpr Refusal k_invalid_value =
    respond(400, "HTTP/1.1 400 Bad Request: invalid header value",
            "400 Bad Request: invalid header value", MessageIn::body);

constexpr Limit k_limits[] = {
    // DefaultMaxHeaderBytes (1 << 20) plus the 4096 bytes of slack conn.readRequest allows.
    {Measure::head_bytes, 1052672,
     respond(431, "HTTP/1.1 431 Request Header Fields Too Large",
             "431 Request Header Fields Too Large", MessageIn::body),
     "header-block-too-large"},
};

constexpr std::string_view k_version_shape[] = {"HTTP/?.?"};
constexpr std::string_view k_version_1[] = {"HTTP/1.?"};
constexpr std::string_view k_uri_forms[] = {"origin", "absolute", "asterisk", "connect"};
constexpr std::string_view k_served_forms[] = {"origin", "absolute", "authority", "relative",
                                               "connect"};

constexpr Step k_request_line_steps[] = {
    {.test = Test::method_token,
     .refusal = k_bad_request,
     .cause = "method-not-token",
     .rfc = rfc::k_method,
     .source = "net/http/request.go readRequest: validMethod",
     .evidence = "method-get-lowercase is a token and passes here"},
    {.test = Test::version_in,
     .list = k_version_shape,
     .refusal = k_bad_request,
     .cause = "http-version-malformed",
     .rfc = rfc::k_version,
     .source = "net/http/request.go readRequest: ParseHTTPVersion (\"malformed HTTP version\")",
     .evidence = "http-version-lowercase, request-line-double-space, "
                 "request-line-trailing-space, target-raw-space (the rest is the version)"},
    {.test = Test::target_form_in,
     .list = k_uri_forms,
     .refusal = k_bad_request,
     .cause = "target-form",
     .rfc = rfc::k_target,
     .source = "net/url ParseRequestURI (called by readRequest)",
     .evidence = "target-authority-form, target-relative"},
    {.test = Test::target_percent_valid,
     .refusal = k_bad_request,
     .cause = "target-bad-percent",
     .rfc = rfc::k_target,
     .source = "net/url ParseRequestURI: unescape(path) fails on %zz",
     .evidence = "target-bad-percent"},
    {.test = Test::version_in,
     .list = k_version_1,
     .refusal =
         respond(505, "HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version",
                 "505 HTTP Version Not Supported: unsupported protocol version", MessageIn::body),
     .cause = "http-version-not-1",
     .rfc = rfc::k_version,
     .source = "net/http/server.go conn.readRequest: http1ServerSupportsRequest",
     .evidence = "http-2.0; http-1.2 and http-1.0 pass here"},
};

constexpr std::string_view k_http_1_1_or_later[] = {"HTTP/1.1", "HTTP/1.2", "HTTP/1.3",
                                                    "HTTP/1.4", "HTTP/1.5", "HTTP/1.6",
                                                    "HTTP/1.7", "HTTP/1.8", "HTTP/1.9"};
constexpr std::string_view k_connect[] = {"CONNECT"};

constexpr Step k_field_steps[] = {
    {.test = Test::field_single,
     .field = "Host",
     .refusal = k_bad_request,
     .cause = "duplicate-host",
     .rfc = rfc::k_host,
     .source = "net/http/request.go readRequest: \"too many Host headers\"",
     .evidence = "host-duplicate, host-duplicate-different"},
    {.test = Test::transfer_coding_only_chunked,
     .field = "Transfer-Encoding",
     .refusal = respond(501, "HTTP/1.1 501 Not Implemented", "Unsupported transfer encoding",
                        MessageIn::body),
     .cause = "transfer-coding-not-chunked",
     .rfc = rfc::k_transfer_encoding,
     .source = "net/http/transfer.go parseTransferEncoding: unsupportedTEError",
     .evidence = "transfer-encoding-gzip"},
    {.test = Test::content_length_single_value,
     .field = "Content-Length",
     .refusal = k_bad_request,
     .cause = "content-length-conflict",
     .rfc = rfc::k_content_length,
     .source = "net/http/transfer.go fixLength: \"message cannot contain multiple "
               "Content-Length headers\"",
     .evidence = "content-length-conflict"},
    {.test = Test::content_length_valid,
     .field = "Content-Length",
     .refusal = k_bad_request,
     .cause = "invalid-content-length",
     .rfc = rfc::k_content_length,
     .source = "net/http/transfer.go parseContentLength: \"bad Content-Length\"",
     .evidence = "content-length-invalid, content-length-negative"},
    {.test = Test::field_present,
     .field = "Host",
     .when_version = k_http_1_1_or_later,
     .refusal = respond(400, "HTTP/1.1 400 Bad Request: missing required Host header",
                        "400 Bad Request: missing required Host header", MessageIn::body),
     .cause = "host-required",
     .rfc = rfc::k_host,
     .source = "net/http/server.go conn.readRequest: \"missing required Host header\"",
     .evidence = "host-missing, sample-broken-missing-host"},
    {.test = Test::host_valid,
     .lines = Lines::first,
     .host_rule = HostRule::go_valid_host,
     .field = "Host",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request: malformed Host header",
                        "400 Bad Request: malformed Host header", MessageIn::body),
     .cause = "host-invalid",
     .rfc = rfc::k_host,
     .source = "net/http/server.go conn.readRequest: httpguts.ValidHostHeader",
     .evidence = "host-invalid-space, host-userinfo; host-invalid-port and host-empty pass here"},
    {.test = Test::field_equals,
     .lines = Lines::first,
     .field = "Expect",
     .value = "100-continue",
     .when = "Expect",
     .refusal = respond(417, "HTTP/1.1 417 Expectation Failed", {}, MessageIn::none),
     .cause = "expectation-unknown",
     .source = "net/http/server.go conn.serve: an Expect other than 100-continue is answered "
               "sendExpectationFailed",
     .evidence = "probes: expect-other"},
    {.test = Test::method_not_in,
     .list = k_connect,
     .refusal = respond(404, "HTTP/1.1 404 Not Found", "404 page not found", MessageIn::body),
     .cause = "method-connect",
     .rfc = rfc::k_method,
     .source = "net/http/server.go ServeMux.Handler: CONNECT is matched on its empty path",
     .evidence = "holdout: CONNECT {authority}"},
    {.test = Test::target_form_in,
     .list = k_served_forms,
     .refusal = respond(400, "HTTP/1.1 400 Bad Request", {}, MessageIn::none),
     .cause = "target-asterisk",
     .rfc = rfc::k_target,
     .source = "net/http/server.go ServeMux.ServeHTTP: RequestURI \"*\"",
     .evidence = "target-asterisk"},
    {.test = Test::target_clean_path,
     .refusal =
         respond(301, "HTTP/1.1 301 Moved Permanently", "Moved Permanently", MessageIn::body),
     .cause = "target-not-clean",
     .source = "net/http/server.go ServeMux.Handler: path != cleanPath(path) redirects",
     .evidence = "target-double-slash, target-dot-segments"},
};

constexpr HttpReading k_go_http = {
    .name = "Go 1.19.8 net/http",
    .source = "https://github.com/golang/go src/net/http/server.go, request.go, transfer.go; "
              "src/net/textproto/reader.go",
    .head_end = HeadEnd::empty_line,
    .line_end = LineEnd::crlf_or_lf,              // textproto reads to LF and drops a CR before it
    .leading_empty_line = refuses(k_bad_request), // leading-empty-line: "malformed HTTP request"
    .request_line =
        {
            .split = RequestLineSplit::at_spaces,   // parseRequestLine: strings.Cut twice
            .split_failed = refuses(k_bad_request), // http-version-missing, request-line-tabs
        },
    .fields =
        {
            .bare_cr = refuses(k_invalid_value),      // bare-cr-in-value
            .obs_fold = accepts(),                    // obs-fold: readContinuedLineSlice unfolds
            .obs_fold_first = refuses(k_bad_request), // "malformed MIME header initial line"
            .space_before_colon = refuses(k_invalid_name), // the name keeps the space
            .space_before_colon_special = refuses(k_invalid_name),
            .tab_before_colon = refuses(k_invalid_name),
            .missing_colon = refuses(k_bad_request), // "malformed MIME header line"
            .empty_name = does(Action::drop_line),   // an empty key is skipped
            .space_in_name = refuses(k_invalid_name),
            .nul_in_name = refuses(k_invalid_name),
            .ctl_in_name = refuses(k_invalid_name),
            .non_ascii_name = refuses(k_invalid_name),
            .other_in_name = refuses(k_invalid_name),
            .nul_in_value = refuses(k_invalid_value),
            .ctl_in_value = refuses(k_invalid_value),
            .del_in_value = refuses(k_invalid_value),
        },
    .limits = k_limits,
    .request_line_steps = k_request_line_steps,
    .field_steps = k_field_steps,
};

} // namespace

const HttpReading& go_http() {
  return k_go_http;
}

} // namespace wsh::servers
