// Boost.Beast of Boost 1.74 (Boost.Beast/300), websocket::stream::accept() with its defaults:
// websocket/impl/accept.hpp build_response (the checks, in order; a refusal's body is the
// error's message), http/impl/basic_parser.ipp (the request parser: any error closes the
// connection without a response) and websocket/stream.hpp tcp_frame_size, the 1536-byte
// static_buffer accept() reads the head through.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr Reaction closes_with(std::string_view log) {
  return refuses(closes(log));
}

constexpr Limit k_limits[] = {
    {Measure::beast_buffer, 1536, closes("beast.http:7 buffer overflow"),
     "head-too-large-for-buffer"},
};

constexpr std::string_view k_versions[] = {"HTTP/1.0", "HTTP/1.1"};

constexpr Step k_request_line_steps[] = {
    {.test = Test::version_in,
     .list = k_versions,
     .refusal = closes("beast.http:14 bad version"),
     .cause = "http-version-not-1.x",
     .rfc = rfc::k_version,
     .source = "http/detail/basic_parser.ipp parse_version: HTTP/1.0 or HTTP/1.1",
     .evidence = "http-2.0, http-1.2, http-version-lowercase"},
};

constexpr Step k_field_steps[] = {
    {.test = Test::field_list_syntax,
     .grammar = Grammar::opt_token_list,
     .field = "Connection",
     .refusal = closes("beast.http:18 bad value"),
     .cause = "connection-list-strict",
     .rfc = rfc::k_connection,
     .source = "http/impl/basic_parser.ipp do_field: validate_list(opt_token_list)",
     .evidence = "connection-quoted, sample-broken-connection-quoted"},
    {.test = Test::no_length_with_chunked,
     .refusal = closes("beast.http:19 bad Content-Length"),
     .cause = "transfer-encoding-with-content-length",
     .rfc = rfc::k_transfer_encoding,
     .source = "http/impl/basic_parser.ipp do_field: Content-Length after chunked",
     .evidence = "transfer-encoding-and-length"},
    {.test = Test::content_length_valid,
     .field = "Content-Length",
     .refusal = closes("beast.http:19 bad Content-Length"),
     .cause = "invalid-content-length",
     .rfc = rfc::k_content_length,
     .source = "http/impl/basic_parser.ipp do_field: parse_dec",
     .evidence = "content-length-invalid, content-length-negative"},
    {.test = Test::content_length_single_value,
     .field = "Content-Length",
     .refusal = closes("beast.http:19 bad Content-Length"),
     .cause = "content-length-conflict",
     .rfc = rfc::k_content_length,
     .source = "http/impl/basic_parser.ipp do_field: v != *existing",
     .evidence = "content-length-conflict"},
    {.test = Test::no_body,
     .refusal = closes("beast.http:4 unexpected body"),
     .cause = "body-on-upgrade",
     .source = "accept() reads into a request_parser<empty_body>",
     .evidence = "content-length-5-body; a chunked body of only the last chunk is read"},
};

constexpr HttpReading k_http = {
    .name = "Boost.Beast 1.74 http::basic_parser",
    .source = "https://github.com/boostorg/beast include/boost/beast/http/impl/basic_parser.ipp",
    .head_end = HeadEnd::empty_line,
    .line_end = LineEnd::crlf_or_lf,
    .leading_empty_line = closes_with("beast.http:12 bad method"),
    .request_line =
        {
            .split = RequestLineSplit::parser,
            .extra_spaces = closes_with("beast.http:13 bad target"),
            .trailing_space = closes_with("beast.http:14 bad version"),
            .tabs = closes_with("beast.http:12 bad method"),
            .missing_version = closes_with("beast.http:13 bad target"),
            .raw_space = closes_with("beast.http:14 bad version"),
        },
    .fields =
        {
            .lf_request_line = closes_with("beast.http:14 bad version"),
            .lf_field_line = closes_with("beast.http:18 bad value"),
            .lf_empty_line = closes_with("beast.http:11 bad line ending"),
            .bare_cr = closes_with("beast.http:11 bad line ending"),
            .obs_fold = does(Action::unfold), // obs-fold is taken
            .obs_fold_first = closes_with("beast.http:17 bad field"),
            .space_before_colon = closes_with("beast.http:17 bad field"),
            .space_before_colon_special = closes_with("beast.http:17 bad field"),
            .tab_before_colon = closes_with("beast.http:17 bad field"),
            .missing_colon = closes_with("beast.http:17 bad field"),
            .empty_name = closes_with("beast.http:17 bad field"),
            .space_in_name = closes_with("beast.http:17 bad field"),
            .nul_in_name = closes_with("beast.http:17 bad field"),
            .ctl_in_name = closes_with("beast.http:17 bad field"),
            .non_ascii_name = closes_with("beast.http:17 bad field"),
            .other_in_name = closes_with("beast.http:17 bad field"),
            .nul_in_value = closes_with("beast.http:18 bad value"),
            .ctl_in_value = closes_with("beast.http:18 bad value"),
            .del_in_value = closes_with("beast.http:18 bad value"),
        },
    .limits = k_limits,
    .request_line_steps = k_request_line_steps,
    .field_steps = k_field_steps,
};

constexpr std::string_view k_http_1_1[] = {"HTTP/1.1"};
constexpr std::string_view k_get[] = {"GET"};

constexpr Refusal bad_request(std::string_view message) {
  return respond(400, "{http} 400 Bad Request", message, MessageIn::body);
}

constexpr Step k_steps[] = {
    {.test = Test::version_in,
     .list = k_http_1_1,
     .refusal = bad_request("The WebSocket handshake was not HTTP/1.1"),
     .cause = "http-version-not-1.1",
     .rfc = rfc::k_version,
     .source = "websocket/impl/accept.hpp build_response: req.version() != 11",
     .evidence = "http-1.0, sample-broken-http-1.0"},
    {.test = Test::method_in,
     .list = k_get,
     .refusal = bad_request("The WebSocket handshake method was not GET"),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "websocket/impl/accept.hpp build_response: req.method() != verb::get",
     .evidence = "method-post, method-get-lowercase, method-head, method-put, method-options"},
    {.test = Test::field_present,
     .field = "Host",
     .refusal = bad_request("The WebSocket handshake Host field is missing"),
     .cause = "host-required",
     .rfc = rfc::k_host,
     .source = "websocket/impl/accept.hpp build_response: req.count(field::host)",
     .evidence = "host-missing; host-duplicate, host-invalid-*, host-empty are taken"},
    {.test = Test::field_present,
     .field = "Connection",
     .refusal = bad_request("The WebSocket handshake Connection field is missing"),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "websocket/impl/accept.hpp build_response: req.find(field::connection)",
     .evidence = "connection-missing"},
    {.test = Test::field_has_token,
     .lines = Lines::first,
     .grammar = Grammar::leading_token,
     .field = "Connection",
     .value = "upgrade",
     .refusal = bad_request("The WebSocket handshake Connection field is missing the upgrade "
                            "token"),
     .cause = "connection-first-line-only",
     .rfc = rfc::k_connection,
     .source = "websocket/impl/accept.hpp build_response: token_list of the first Connection "
               "field",
     .evidence = "connection-close, connection-empty, connection-two-fields"},
    {.test = Test::field_present,
     .field = "Upgrade",
     .refusal = bad_request("The WebSocket handshake Upgrade field is missing"),
     .cause = "upgrade-missing",
     .rfc = rfc::k_upgrade,
     .source = "websocket/impl/accept.hpp build_response: req.find(field::upgrade)",
     .evidence = "upgrade-missing"},
    {.test = Test::field_has_token,
     .lines = Lines::first,
     .grammar = Grammar::leading_token,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = bad_request("The WebSocket handshake Upgrade field is missing the websocket "
                            "token"),
     .cause = "upgrade-token-list",
     .rfc = rfc::k_upgrade,
     .source = "websocket/impl/accept.hpp build_response: token_list of the first Upgrade field",
     .evidence = "upgrade-h2c, upgrade-empty; upgrade-versioned is taken"},
    {.test = Test::field_present,
     .field = "Sec-WebSocket-Key",
     .refusal = bad_request("The WebSocket handshake Sec-WebSocket-Key field is missing"),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "websocket/impl/accept.hpp build_response: req.find(field::sec_websocket_key)",
     .evidence = "key-missing"},
    {.test = Test::key_valid,
     .lines = Lines::first,
     .key_rule = KeyRule::at_most_24,
     .field = "Sec-WebSocket-Key",
     .refusal = bad_request("The WebSocket handshake Sec-WebSocket-Key field is invalid"),
     .cause = "key-longer-than-24",
     .rfc = rfc::k_key,
     .source = "websocket/impl/accept.hpp build_response: key.size() > sec_ws_key_type::max_size_n",
     .evidence = "key-long; key-short, key-not-base64, key-empty are taken"},
    {.test = Test::field_present,
     .field = "Sec-WebSocket-Version",
     .refusal = bad_request("The WebSocket handshake Sec-WebSocket-Version field is missing"),
     .cause = "version-required",
     .rfc = rfc::k_ws_version,
     .source = "websocket/impl/accept.hpp build_response: req.find(field::sec_websocket_version)",
     .evidence = "version-missing"},
    {.test = Test::field_equals_exact,
     .lines = Lines::first,
     .field = "Sec-WebSocket-Version",
     .value = "13",
     .refusal =
         respond(426, "{http} 426 Upgrade Required",
                 "The WebSocket handshake Sec-WebSocket-Version field is invalid", MessageIn::body),
     .cause = "version-not-13",
     .rfc = rfc::k_ws_version,
     .source = "websocket/impl/accept.hpp build_response: 426 with Sec-WebSocket-Version: 13",
     .evidence = "version-8, version-14, version-13-8, version-empty, version-leading-zero"},
};

} // namespace

const ServerProfile& beast_profile() {
  static const ServerProfile k_profile = {
      .name = "beast",
      .library = "Boost.Beast",
      .version = "Boost 1.74 (Boost.Beast/300)",
      .settings = "synchronous websocket::stream<tcp::socket>::accept()",
      .source = "https://github.com/boostorg/beast include/boost/beast/websocket/impl/accept.hpp",
      .http = &k_http,
      .steps = k_steps,
  };
  return k_profile;
}

} // namespace wsh::servers
