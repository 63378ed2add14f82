// WebSocket++ 0.8.2 (server<config::asio> with only a message handler): http/impl/request.hpp
// consume() and process() (CRLF CRLF ends the head; 16000 bytes counting 3 per line ending;
// "Incomplete Request" without Host), http/impl/parser.hpp process_header (strip_lws around
// name and value, a name must be a token), impl/connection_impl.hpp
// process_handshake_request and initialize_processor, processors/processor.hpp
// is_websocket_handshake (substring matches) and get_websocket_version, processors/hybi13.hpp
// validate_handshake. Its fail log line ends with the error's category:value and message.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

// A parser exception: the status with an empty reason phrase.
constexpr Refusal parse_error(unsigned status, std::string_view status_line) {
  return respond(status, status_line, "websocketpp:31 HTTP parse error", MessageIn::log);
}

constexpr Refusal k_bad_request_parse = parse_error(400, "HTTP/1.1 400 ");

constexpr Limit k_limits[] = {
    {Measure::lines_plus_three, 16000, parse_error(431, "HTTP/1.1 431 "), "header-block-too-large"},
};

constexpr Step k_field_steps[] = {
    {.test = Test::field_nonempty,
     .lines = Lines::joined,
     .field = "Host",
     .refusal = k_bad_request_parse,
     .cause = "host-required",
     .rfc = rfc::k_host,
     .source = "http/impl/request.hpp consume: get_header(\"Host\").empty() -> \"Incomplete "
               "Request\"",
     .evidence = "host-missing, host-empty"},
    {.test = Test::content_length_at_most,
     .field = "Content-Length",
     .value = "32000000",
     .refusal = parse_error(413, "HTTP/1.1 413 "),
     .cause = "body-too-large",
     .rfc = rfc::k_content_length,
     .source = "http/impl/parser.hpp prepare_body: strtoul(Content-Length) > m_body_bytes_max",
     .evidence = "content-length-negative (strtoul wraps -1); content-length-invalid reads as 0"},
};

constexpr HttpReading k_http = {
    .name = "WebSocket++ 0.8.2 http::parser::request",
    .source = "https://github.com/zaphoyd/websocketpp websocketpp/http/impl/request.hpp",
    .head_end = HeadEnd::crlf_crlf, // lf-line-endings: waits for CRLF CRLF
    .line_end = LineEnd::crlf_only, // lf-one-line: the LF stays inside the value
    .leading_empty_line = refuses(k_bad_request_parse),
    .request_line =
        {
            .split = RequestLineSplit::at_spaces, // find(' ') twice, the rest is the version
            .split_failed = refuses(k_bad_request_parse),
        },
    .fields =
        {
            .bare_cr = does(Action::keep_byte),
            .obs_fold = does(Action::separate), // a line is split at its first ':'
            .obs_fold_first = does(Action::separate),
            .space_before_colon = does(Action::trim_name), // strip_lws(name)
            .space_before_colon_special = does(Action::trim_name),
            .tab_before_colon = does(Action::trim_name),
            .missing_colon = refuses(k_bad_request_parse), // "Invalid header line"
            .empty_name = does(Action::drop_line),         // "" is stored
            .space_in_name = refuses(k_bad_request_parse), // "Invalid header name"
            .nul_in_name = refuses(k_bad_request_parse),
            .ctl_in_name = refuses(k_bad_request_parse),
            .non_ascii_name = refuses(k_bad_request_parse),
            .other_in_name = refuses(k_bad_request_parse),
            .nul_in_value = does(Action::keep_byte),
            .ctl_in_value = does(Action::keep_byte),
            .del_in_value = does(Action::keep_byte),
        },
    .limits = k_limits,
    .field_steps = k_field_steps,
};

constexpr std::string_view k_get[] = {"GET"};
constexpr std::string_view k_http_1_1[] = {"HTTP/1.1"};
constexpr std::string_view k_known_versions[] = {"0", "7", "8", "13"};
constexpr std::string_view k_hybi_versions[] = {"7", "8", "13"};

constexpr Refusal k_upgrade_required = respond(426, "HTTP/1.1 426 Upgrade Required",
                                               "websocketpp:28 Upgrade required", MessageIn::log);

constexpr Refusal bad_request(std::string_view log) {
  return respond(400, "HTTP/1.1 400 Bad Request", log, MessageIn::log);
}

constexpr Step k_steps[] = {
    {.test = Test::field_contains,
     .lines = Lines::joined,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = k_upgrade_required,
     .cause = "upgrade-missing",
     .rfc = rfc::k_upgrade,
     .source = "processors/processor.hpp is_websocket_handshake: ci_find_substr(Upgrade, "
               "\"websocket\"); not a handshake and no http handler: 426",
     .evidence = "upgrade-missing, upgrade-h2c, upgrade-empty; every value holding websocket "
                 "passes"},
    {.test = Test::field_contains,
     .lines = Lines::joined,
     .field = "Connection",
     .value = "upgrade",
     .refusal = k_upgrade_required,
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "processors/processor.hpp is_websocket_handshake: ci_find_substr(Connection, "
               "\"upgrade\")",
     .evidence = "connection-missing, connection-close, connection-empty; connection-quoted "
                 "passes"},
    {.test = Test::version_number_in,
     .lines = Lines::joined,
     .number = NumberRule::stream_int,
     .field = "Sec-WebSocket-Version",
     .list = k_known_versions,
     .refusal = bad_request("websocketpp:30 Unsupported version"),
     .cause = "version-unsupported",
     .rfc = rfc::k_ws_version,
     .source = "impl/connection_impl.hpp initialize_processor: no processor, 400 with "
               "Sec-WebSocket-Version: 0,7,8,13",
     .evidence = "version-14; version-13-8, version-duplicate and version-leading-zero read 13"},
    {.test = Test::version_number_in,
     .lines = Lines::joined,
     .number = NumberRule::stream_int,
     .field = "Sec-WebSocket-Version",
     .list = k_hybi_versions,
     .refusal = respond(500, "HTTP/1.1 500 Internal Server Error",
                        "websocketpp.processor:30 Short Hybi00 Key", MessageIn::log),
     .cause = "version-missing-read-as-hixie-76",
     .rfc = rfc::k_ws_version,
     .source = "processors/processor.hpp get_websocket_version: an empty version is 0, the "
               "hybi00 processor, which wants the key3 bytes",
     .evidence = "version-missing, version-empty"},
    {.test = Test::method_in,
     .list = k_get,
     .refusal = bad_request("websocketpp.processor:18 Invalid HTTP method."),
     .cause = "method-not-get",
     .rfc = rfc::k_method,
     .source = "processors/hybi13.hpp validate_handshake: get_method() != \"GET\"",
     .evidence = "method-post, method-get-lowercase, method-head, method-put, method-options"},
    {.test = Test::version_in,
     .list = k_http_1_1,
     .refusal = bad_request("websocketpp.processor:19 Invalid HTTP version."),
     .cause = "http-version-not-1.1",
     .rfc = rfc::k_version,
     .source = "processors/hybi13.hpp validate_handshake: get_version() != \"HTTP/1.1\"",
     .evidence = "http-1.0, http-2.0, http-1.2, http-version-lowercase, "
                 "request-line-double-space, request-line-trailing-space, target-raw-space"},
    {.test = Test::field_nonempty,
     .lines = Lines::joined,
     .field = "Sec-WebSocket-Key",
     .refusal = bad_request("websocketpp.processor:21 A required HTTP header is missing"),
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "processors/hybi13.hpp validate_handshake: Sec-WebSocket-Key empty; not validated",
     .evidence = "key-missing, key-empty; key-short, key-long, key-not-base64 are taken"},
    {.test = Test::extensions_valid,
     .lines = Lines::joined,
     .extension_rule = ExtensionRule::token_params_list,
     .field = "Sec-WebSocket-Extensions",
     .refusal = bad_request("websocketpp.processor:28 Error parsing extension header"),
     .cause = "extension-list-strict",
     .rfc = rfc::k_extensions,
     .source = "processors/hybi13.hpp negotiate_extensions_helper: get_header_as_plist fails",
     .evidence = "ext-malformed, ext-garbage; ext-empty is taken"},
    {.test = Test::host_valid,
     .lines = Lines::joined,
     .host_rule = HostRule::atoi_port,
     .field = "Host",
     .refusal = bad_request("websocketpp:6 invalid uri"),
     .cause = "host-port-not-a-number",
     .rfc = rfc::k_host,
     .source = "impl/connection_impl.hpp process_handshake_request: get_uri(); uri's port parse",
     .evidence = "host-invalid-port; host-invalid-space and host-userinfo are taken"},
};

} // namespace

const ServerProfile& websocketpp_profile() {
  static const ServerProfile k_profile = {
      .name = "websocketpp",
      .library = "WebSocket++",
      .version = "0.8.2 on Boost.Asio 1.74",
      .settings = "server<config::asio> with only a message handler",
      .source = "https://github.com/zaphoyd/websocketpp websocketpp/impl/connection_impl.hpp",
      .http = &k_http,
      .steps = k_steps,
      .accept_over = AcceptOver::joined,
      .accept_lines = Lines::joined,
      .accept_flaw_cause = "accept-over-joined-keys",
  };
  return k_profile;
}

} // namespace wsh::servers
