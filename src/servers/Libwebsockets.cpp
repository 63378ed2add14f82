// libwebsockets 4.1.6 with one protocol ("echo", protocols[0]) and its default log levels:
// lib/roles/http/parsers.c lws_parse (header names matched against its token table, values
// stored in the 4096-byte ah data without trailing-space trimming; a line without ':' keeps
// extending the name), lib/roles/http/server/server.c lws_http_action and
// lws_process_ws_upgrade (Upgrade compared whole with strcasecmp; Connection tokens; the
// subprotocol must be one the vhost serves), lib/roles/ws/server-ws.c handshake_0405 (Host and
// key present; no version check). Refusals close the connection or answer lws's HTML status page.
#include "servers/HttpStacks.hpp"
#include "servers/Registry.hpp"

namespace wsh::servers {

namespace {

constexpr Refusal k_forbidden = respond(403, "HTTP/1.0 403 Forbidden", {}, MessageIn::none);
constexpr Refusal k_out_of_space = closes("Ran out of header data space");

// The head's parts must fit the ah data (LWS_DEF_HEADER_LEN 4096 with lws's per-fragment
// bookkeeping): measured on the baseline request, one dimension at a time (limits.json).
constexpr Limit k_limits[] = {
    {Measure::field_line_bytes, 3764, k_out_of_space, "line-too-long"},
    {Measure::target_bytes, 3771, k_out_of_space, "target-too-long"},
    {Measure::field_count, 185, k_out_of_space, "too-many-fields"},
    {Measure::head_bytes, 4248, k_out_of_space, "header-block-too-large"},
};

constexpr Step k_request_line_steps[] = {
    {.test = Test::target_percent_valid,
     .refusal = k_forbidden,
     .cause = "target-bad-percent",
     .rfc = rfc::k_target,
     .source = "lib/roles/http/parsers.c: URI %-decoding fails, the request is forbidden",
     .evidence = "target-bad-percent"},
};

constexpr HttpReading k_http = {
    .name = "libwebsockets 4.1.6 lws_parse",
    .source = "https://github.com/warmcat/libwebsockets lib/roles/http/parsers.c",
    .head_end = HeadEnd::empty_line,
    .line_end = LineEnd::crlf_or_lf, // lf-line-endings, lf-one-line are taken
    .leading_empty_line = refuses(closes("Missing URI in HTTP request")),
    .request_line =
        {
            .split = RequestLineSplit::parser,
            .extra_spaces = accepts(),
            .trailing_space = accepts(),
            .tabs = refuses(k_forbidden),
            .missing_version = accepts(),
            .raw_space = accepts(),
        },
    .fields =
        {
            .bare_cr = does(Action::split_at_cr),       // a CR ends the value (bare-CR holdout)
            .obs_fold = does(Action::swallow_to_colon), // obs-fold loses the next field: 404
            .obs_fold_first = does(Action::swallow_to_colon),
            .space_before_colon = does(Action::drop_line), // "upgrade " is no known token
            .space_before_colon_special = does(Action::drop_line),
            .tab_before_colon = does(Action::drop_line),
            .missing_colon = does(Action::swallow_to_colon), // missing-colon waits forever
            .empty_name = refuses(waits()),                  // empty-field-name waits forever
            .space_in_name = does(Action::drop_line),
            .nul_in_name = does(Action::drop_line),
            .ctl_in_name = does(Action::drop_line),
            .non_ascii_name = does(Action::drop_line),
            .other_in_name = does(Action::drop_line),
            .nul_in_value = does(Action::keep_byte),
            .ctl_in_value = does(Action::keep_byte),
            .del_in_value = does(Action::keep_byte),
            .leading_strip = LeadingStrip::spaces_only, // key-tab-before: the tab is hashed
            .keeps_trailing_whitespace = true,          // key-trailing-spaces, upgrade-padded
        },
    .limits = k_limits,
    .request_line_steps = k_request_line_steps,
};

constexpr Refusal k_failed = closes("hs0405 has failed the connection");

constexpr std::string_view k_connect[] = {"CONNECT"};

constexpr Step k_steps[] = {
    {.test = Test::method_not_in,
     .list = k_connect,
     .refusal = waits(),
     .cause = "method-connect",
     .rfc = rfc::k_method,
     .source = "lib/roles/http/parsers.c: a CONNECT request waits for what it tunnels",
     .evidence = "holdout: CONNECT {authority}"},
    {.test = Test::field_nonempty,
     .lines = Lines::each,
     .field = "Upgrade",
     .refusal = respond(404, "HTTP/1.1 404 Not Found", {}, MessageIn::none),
     .cause = "upgrade-missing",
     .rfc = rfc::k_upgrade,
     .source = "server.c: no Upgrade, an HTTP request with no mount: 404",
     .evidence = "upgrade-missing, upgrade-empty, obs-fold, space-before-colon"},
    {.test = Test::field_differs,
     .lines = Lines::first,
     .field = "Upgrade",
     .value = "h2c",
     .refusal = closes(),
     .cause = "upgrade-h2c",
     .rfc = rfc::k_upgrade,
     .source = "server.c: Upgrade: h2c takes the HTTP/2 upgrade path, which this vhost lacks",
     .evidence = "upgrade-h2c"},
    {.test = Test::field_equals,
     .lines = Lines::first,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = k_forbidden,
     .cause = "upgrade-whole-value",
     .rfc = rfc::k_upgrade,
     .source = "server.c: strcasecmp(upgrade, \"websocket\") on the value with its trailing "
               "spaces, else 403",
     .evidence = "upgrade-websocket-h2c, upgrade-h2c-websocket, upgrade-versioned, "
                 "upgrade-padded; upgrade-twice reads the first line"},
    {.test = Test::field_has_token,
     .lines = Lines::joined,
     .grammar = Grammar::lws_tokenize,
     .field = "Connection",
     .value = "upgrade",
     .refusal = closes("lws_process_ws_upgrade: malformed or absent conn hdr"),
     .cause = "connection-no-upgrade-token",
     .rfc = rfc::k_connection,
     .source = "server.c lws_process_ws_upgrade: lws_tokenize the Connection value (RFC 7230 "
               "delimiters; strncasecmp(token, \"upgrade\", token_len))",
     .evidence = "connection-missing, connection-close, connection-quoted, connection-empty"},
    {.test = Test::subprotocols_valid,
     .lines = Lines::joined,
     .grammar = Grammar::token_list_no_empty,
     .field = "Sec-WebSocket-Protocol",
     .refusal = closes(),
     .cause = "subprotocol-list-strict",
     .rfc = rfc::k_subprotocol,
     .source = "server.c lws_process_ws_upgrade: lws_tokenize fails on the list (\"malformatted "
               "protocol list\" at a level not logged by default)",
     .evidence = "protocol-empty-element, protocol-comma, protocol-non-token, "
                 "protocol-space-separated, sample-broken-obs-fold: closed, nothing logged"},
    {.test = Test::no_subprotocols,
     .lines = Lines::joined,
     .field = "Sec-WebSocket-Protocol",
     .refusal = closes("No supported protocol \"{value}\""),
     .cause = "subprotocol-not-served",
     .source = "server.c lws_process_ws_upgrade: an offered list with none of the vhost's "
               "protocols fails the connection",
     .evidence = "protocol-chat, protocol-chat-superchat, protocol-two-fields, every capture "
                 "with chat, superchat; protocol-empty is taken"},
    {.test = Test::field_nonempty,
     .lines = Lines::first,
     .field = "Host",
     .refusal = k_failed,
     .cause = "host-required",
     .rfc = rfc::k_host,
     .source = "lib/roles/ws/server-ws.c handshake_0405: WSI_TOKEN_HOST length",
     .evidence = "host-missing, host-empty"},
    {.test = Test::field_nonempty,
     .lines = Lines::first,
     .field = "Sec-WebSocket-Key",
     .refusal = k_failed,
     .cause = "key-required",
     .rfc = rfc::k_key,
     .source = "lib/roles/ws/server-ws.c handshake_0405: WSI_TOKEN_KEY length; not validated",
     .evidence = "key-missing, key-empty"},
};

} // namespace

const ServerProfile& libwebsockets_profile() {
  static const ServerProfile k_profile = {
      .name = "libwebsockets",
      .library = "libwebsockets",
      .version = "4.1.6",
      .settings = "one protocol, \"echo\", as protocols[0]; default log levels",
      .source = "https://github.com/warmcat/libwebsockets lib/roles/http/server/server.c",
      .http = &k_http,
      .steps = k_steps,
      .accept_over = AcceptOver::untrimmed,
      .accept_flaw_cause = "accept-over-untrimmed-key",
  };
  return k_profile;
}

} // namespace wsh::servers
