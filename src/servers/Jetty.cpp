// Jetty 9.4.57 native WebSocket API (a WebSocketHandler whose factory registers an endpoint) on
// OpenJDK 17: jetty-http HttpParser (request line, fields, Host as HostPortHttpField, framing,
// maxHeaderBytes 8192; a BadMessageException is answered with its reason in the status line),
// jetty-server HttpChannelOverHttp.headerComplete/upgrade (an Upgrade without Connection:
// upgrade is a bad message), jetty-websocket-server WebSocketServerFactory.isUpgradeRequest
// (anything else falls through to a 404) and acceptWebSocket (the request URI, the version,
// HandshakeRFC6455's key, the extension stack).
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

// A BadMessageException: the reason is the status line's and the body's.
constexpr Refusal bad_message(std::string_view reason) {
  return respond(400, "HTTP/1.1 400 {message}", reason, MessageIn::status_line);
}

constexpr Reaction bad_field(std::string_view reason) {
  return refuses(bad_message(reason));
}

constexpr Refusal k_too_large = respond(431, "HTTP/1.1 431 Request Header Fields Too Large",
                                        "Header is too large 8193>8192", MessageIn::log);

constexpr Limit k_limits[] = {
    // "GET " and the URI count against maxHeaderBytes while the URI is read: 414.
    {Measure::target_bytes, 8188,
     respond(414, "HTTP/1.1 414 URI Too Long", "URI is too large >8192", MessageIn::log),
     "target-too-long"},
    {Measure::target_bytes, 7877, k_too_large, "target-too-long"},
    {Measure::head_bytes, 8406, k_too_large, "header-block-too-large"},
};

constexpr std::string_view k_versions[] = {"HTTP/1.0", "HTTP/1.1", "http/1.0", "http/1.1",
                                           "HTTP/2.0"};
constexpr std::string_view k_http_1[] = {"HTTP/1.0", "HTTP/1.1", "http/1.0", "http/1.1"};
constexpr std::string_view k_not_authority[] = {"origin", "absolute", "asterisk", "relative",
                                                "connect"};
constexpr std::string_view k_uri_forms[] = {"origin", "absolute", "asterisk", "connect"};

constexpr Step k_request_line_steps[] = {
    {.test = Test::version_in,
     .list = k_versions,
     .refusal =
         respond(505, "HTTP/1.1 505 Unknown Version", "Unknown Version", MessageIn::status_line),
     .cause = "http-version-unknown",
     .rfc = rfc::k_version,
     .source = "HttpParser.parseLine: HttpVersion.CACHE (case-insensitive)",
     .evidence = "http-1.2; http-version-lowercase is taken"},
    {.test = Test::version_in,
     .list = k_http_1,
     .refusal =
         respond(426, "HTTP/1.1 426 Upgrade Required", "Upgrade Required", MessageIn::status_line),
     .cause = "http-version-2",
     .rfc = rfc::k_version,
     .source = "HttpChannelOverHttp.headerComplete: HTTP/2 on an HTTP/1.1 connector",
     .evidence = "http-2.0"},
    {.test = Test::target_form_in,
     .list = k_not_authority,
     .refusal = bad_message("Bad URI"),
     .cause = "target-form",
     .rfc = rfc::k_target,
     .source = "HttpURI.parseRequestTarget: an authority for a method other than CONNECT",
     .evidence = "target-authority-form"},
    {.test = Test::target_form_in,
     .list = k_uri_forms,
     .refusal = bad_message("Bad Request"),
     .cause = "target-form",
     .rfc = rfc::k_target,
     .source = "HttpChannel: a relative path is a bad message",
     .evidence = "target-relative"},
    {.test = Test::target_percent_valid,
     .refusal = bad_message("Bad Request"),
     .cause = "target-bad-percent",
     .rfc = rfc::k_target,
     .source = "HttpURI.getDecodedPath: an invalid %-escape",
     .evidence = "target-bad-percent"},
};

constexpr std::string_view k_dispatched[] = {"origin", "absolute", "authority", "relative",
                                             "connect"};
constexpr std::string_view k_http_1_1[] = {"HTTP/1.1", "http/1.1"};

constexpr Step k_field_steps[] = {
    {.test = Test::content_length_valid,
     .field = "Content-Length",
     .refusal = bad_message("Invalid Content-Length Value"),
     .cause = "invalid-content-length",
     .rfc = rfc::k_content_length,
     .source = "HttpParser.parsedHeader: convertContentLength",
     .evidence = "content-length-invalid, content-length-negative"},
    {.test = Test::field_single,
     .field = "Content-Length",
     .refusal = bad_message("Multiple Content-Lengths"),
     .cause = "content-length-conflict",
     .rfc = rfc::k_content_length,
     .source = "HttpParser.parsedHeader: a second, different Content-Length",
     .evidence = "content-length-conflict"},
    {.test = Test::no_length_with_chunked,
     .refusal = bad_message("Transfer-Encoding and Content-Length"),
     .cause = "transfer-encoding-with-content-length",
     .rfc = rfc::k_transfer_encoding,
     .source = "HttpParser.parsedHeader",
     .evidence = "transfer-encoding-and-length"},
    {.test = Test::transfer_chunked_once,
     .field = "Transfer-Encoding",
     .refusal = bad_message("Bad Transfer-Encoding, multiple chunked tokens"),
     .cause = "transfer-coding-after-chunked",
     .rfc = rfc::k_transfer_encoding,
     .source = "HttpParser.parsedHeader",
     .evidence = "holdout: Transfer-Encoding: chunked, chunked"},
    {.test = Test::transfer_coding_known,
     .field = "Transfer-Encoding",
     .refusal = bad_message("Bad Transfer-Encoding, chunked not last"),
     .cause = "transfer-coding-not-chunked",
     .rfc = rfc::k_transfer_encoding,
     .source = "HttpParser.parsedHeader",
     .evidence = "transfer-encoding-gzip"},
    {.test = Test::field_equals,
     .lines = Lines::first,
     .field = "Expect",
     .value = "100-continue",
     .when = "Expect",
     .refusal = respond(417, "HTTP/1.1 417 Expectation Failed", "Expectation Failed",
                        MessageIn::status_line),
     .cause = "expectation-unknown",
     .source = "HttpChannelOverHttp: an unknown expectation is a bad message 417",
     .evidence = "probes: expect-other"},
    {.test = Test::host_valid,
     .lines = Lines::first,
     .host_rule = HostRule::numeric_port,
     .field = "Host",
     .refusal = bad_message("Bad HostPort"),
     .cause = "host-port-not-a-number",
     .rfc = rfc::k_host,
     .source = "HttpParser.parsedHeader: new HostPortHttpField",
     .evidence = "host-invalid-port"},
    {.test = Test::field_present,
     .field = "Host",
     .when_version = k_http_1_1,
     .refusal = bad_message("No Host"),
     .cause = "host-required",
     .rfc = rfc::k_host,
     .source = "HttpParser.parseFields: HTTP/1.1 without Host",
     .evidence = "host-missing, sample-broken-missing-host"},
    {.test = Test::field_contains,
     .lines = Lines::last,
     .field = "Connection",
     .value = "upgrade",
     .when = "Upgrade",
     .refusal = bad_message("Bad Request"),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "HttpChannelOverHttp.upgrade: an Upgrade field and no Connection: upgrade",
     .evidence = "connection-missing, connection-close, connection-empty"},
    {.test = Test::target_form_in,
     .list = k_dispatched,
     .refusal = respond(400, "HTTP/1.1 400 Bad Request", {}, MessageIn::none),
     .cause = "target-asterisk",
     .rfc = rfc::k_target,
     .source = "ServletHandler: the asterisk-form target",
     .evidence = "target-asterisk"},
};

constexpr HttpReading k_http = {
    .name = "Jetty 9.4.57 HttpParser",
    .source = "https://github.com/eclipse/jetty.project jetty-http/src/main/java/org/eclipse/"
              "jetty/http/HttpParser.java",
    .head_end = HeadEnd::empty_line,
    .line_end = LineEnd::crlf_or_lf,
    .leading_empty_line = accepts(),
    .request_line =
        {
            .split = RequestLineSplit::parser,
            .extra_spaces = accepts(),
            .trailing_space = bad_field("Illegal character SPACE=' '"),
            .tabs = bad_field("Illegal character HTAB=0x9"),
            .missing_version = refuses(respond(505, "HTTP/1.1 505 {message}",
                                               "HTTP/0.9 not supported", MessageIn::status_line)),
            .raw_space = bad_field("Illegal character SPACE=' '"),
        },
    .fields =
        {
            .bare_cr = bad_field("Bad EOL"),
            .obs_fold = bad_field("Header Folding"),
            .obs_fold_first = bad_field("Header Folding"),
            .space_before_colon = bad_field("Illegal character SPACE=' '"),
            .space_before_colon_special = bad_field("Illegal character SPACE=' '"),
            .tab_before_colon = bad_field("Illegal character HTAB=0x9"),
            .missing_colon = bad_field("Illegal character SPACE=' '"),
            .empty_name = bad_field("Header Folding"),
            .space_in_name = bad_field("Illegal character SPACE=' '"),
            .nul_in_name = bad_field("Illegal character CNTL={byte}"),
            .ctl_in_name = bad_field("Illegal character CNTL={byte}"),
            .non_ascii_name = bad_field("Illegal character OTEXT={byte}"),
            .other_in_name = bad_field("Illegal character {byte}"),
            .nul_in_value = bad_field("Illegal character CNTL={byte}"),
            .ctl_in_value = bad_field("Illegal character CNTL={byte}"),
            .del_in_value = bad_field("Illegal character CNTL={byte}"),
        },
    .limits = k_limits,
    .request_line_steps = k_request_line_steps,
    .field_steps = k_field_steps,
};

constexpr Refusal k_not_found = respond(404, "HTTP/1.1 404 Not Found", {}, MessageIn::none);
constexpr std::string_view k_get[] = {"GET", "get"};
constexpr std::string_view k_ws_version_13[] = {"13"};

constexpr Refusal server_error(std::string_view log) {
  return respond(500, "HTTP/1.1 500 Server Error", log, MessageIn::log);
}

constexpr Step k_steps[] = {
    {.test = Test::field_equals,
     .lines = Lines::first,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = k_not_found,
     .cause = "upgrade-whole-value",
     .rfc = rfc::k_upgrade,
     .source = "WebSocketServerFactory.isUpgradeRequest: \"websocket\".equalsIgnoreCase(Upgrade)",
     .evidence = "upgrade-missing, upgrade-websocket-h2c, upgrade-h2c-websocket, upgrade-h2c, "
                 "upgrade-empty, upgrade-versioned"},
    {.test = Test::field_has_token,
     .lines = Lines::first,
     .grammar = Grammar::split_unquote,
     .field = "Connection",
     .value = "upgrade",
     .refusal = k_not_found,
     .cause = "connection-first-line-only",
     .rfc = rfc::k_connection,
     .source =
         "WebSocketServerFactory.isUpgradeRequest: QuoteUtil.splitAt(getHeader(\"connection\"))",
     .evidence = "connection-two-fields; connection-quoted is taken"},
    {.test = Test::method_in,
     .list = k_get,
     .refusal = k_not_found,
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "WebSocketServerFactory.isUpgradeRequest: \"GET\".equalsIgnoreCase(method)",
     .evidence = "method-post, method-head, method-put, method-options; method-get-lowercase is "
                 "taken"},
    {.test = Test::version_in,
     .list = k_http_1_1,
     .refusal = respond(404, "HTTP/1.1 404 Not Found", "Not a 'HTTP/1.1' request (was [{version}])",
                        MessageIn::log),
     .cause = "http-version-not-1.1",
     .rfc = rfc::k_version,
     .source = "WebSocketServerFactory.isUpgradeRequest: \"HTTP/1.1\".equals(getProtocol())",
     .evidence = "http-1.0, sample-broken-http-1.0"},
    {.test = Test::host_valid,
     .lines = Lines::first,
     .host_rule = HostRule::uri_host,
     .field = "Host",
     .refusal = server_error("Unable to accept websocket due to mangled URI"),
     .cause = "request-url-not-a-uri",
     .rfc = rfc::k_host,
     .source = "WebSocketServerFactory.acceptWebSocket: new URI(request URL) throws",
     .evidence = "host-invalid-space"},
    {.test = Test::target_without,
     .value = "\"{|}<>\\^` ",
     .refusal = server_error("Unable to accept websocket due to mangled URI"),
     .cause = "request-url-not-a-uri",
     .rfc = rfc::k_target,
     .source = "WebSocketServerFactory.acceptWebSocket: new URI(request URL) throws",
     .evidence = "target-quote, target-brace, target-pipe"},
    {.test = Test::version_number_in,
     .lines = Lines::first,
     .number = NumberRule::java_int,
     .field = "Sec-WebSocket-Version",
     .refusal = server_error("java.lang.NumberFormatException: For input string: \"{value}\""),
     .cause = "version-not-a-number",
     .rfc = rfc::k_ws_version,
     .source = "WebSocketServerFactory.acceptWebSocket: getHeaderInt(\"Sec-WebSocket-Version\")",
     .evidence = "version-13-8, version-empty"},
    {.test = Test::version_number_in,
     .lines = Lines::first,
     .number = NumberRule::java_int,
     .field = "Sec-WebSocket-Version",
     .list = k_ws_version_13,
     .refusal = respond(400, "HTTP/1.1 400 Bad Request",
                        "Unsupported websocket version specification", MessageIn::body),
     .cause = "version-not-13",
     .rfc = rfc::k_ws_version,
     .source = "WebSocketServerFactory.acceptWebSocket: no handshaker for the version",
     .evidence = "version-missing, version-8, version-14; version-leading-zero is taken"},
    {.test = Test::extensions_valid,
     .extension_rule = ExtensionRule::deflate_param_names,
     .field = "Sec-WebSocket-Extensions",
     .refusal = server_error("Cannot instantiate extension: class "
                             "org.eclipse.jetty.websocket.common.extensions.compress."
                             "PerMessageDeflateExtension"),
     .cause = "deflate-parameter-unknown",
     .rfc = rfc::k_extensions,
     .source = "WebSocketServerFactory.upgrade: ExtensionStack.negotiate, before the handshaker "
               "reads the key; PerMessageDeflateExtension.setConfig throws on an unknown parameter",
     .evidence = "ext-deflate-unknown-param"},
    {.test = Test::field_present,
     .field = "Sec-WebSocket-Key",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request",
                        "Missing request header 'Sec-WebSocket-Key'", MessageIn::log),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "HandshakeRFC6455.doHandshakeResponse; the key is not validated",
     .evidence = "key-missing; key-empty, key-short, key-not-base64 are taken"},
};

} // namespace

const ServerProfile& jetty_profile() {
  static const ServerProfile k_profile = {
      .name = "jetty",
      .library = "Jetty (native WebSocket API)",
      .version = "9.4.57 on OpenJDK 17",
      .settings = "a WebSocketHandler whose factory registers the echo endpoint; StdErrLog at "
                  "INFO",
      .source = "https://github.com/eclipse/jetty.project jetty-websocket/websocket-server",
      .http = &k_http,
      .steps = k_steps,
  };
  return k_profile;
}

} // namespace wsh::servers
