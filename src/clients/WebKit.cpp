#include "clients/Common.hpp"
#include "clients/Registry.hpp"

#include <array>

// WebKitGTK: libsoup 3 reads the head (soup_headers_parse_response, libsoup/soup-headers.c) and
// checks it (soup_websocket_client_verify_handshake, libsoup/websocket/soup-websocket.c);
// WebKit refuses a final status other than 101 before libsoup looks.
namespace wsh::clients {

namespace {

// WebKit's status check, then libsoup: Upgrade and Connection, the subprotocol, the
// extensions, and the accept last.
constexpr std::array k_order = {Check::status,     Check::version,     Check::upgrade,
                                Check::connection, Check::subprotocol, Check::extensions,
                                Check::accept};

constexpr std::string_view k_unparsable = "Could not parse HTTP response";
constexpr std::string_view k_ignored = "Server ignored WebSocket handshake";

} // namespace

const ClientProfile k_webkit = {
    .name = "webkit",
    .product = "WebKitGTK 2.50.6 MiniBrowser, libsoup 3.2.3 (Debian 12)",
    .prefix = "WebSocket connection to '{url}' failed: ",
    .status_line =
        {
            .leading_empty_line = accepts(),
            .lf_only = accepts(),
            // soup_headers_parse_status_line: "HTTP/1.0" or "HTTP/1.1" only.
            .version_1_0 = accepts(),
            .version_1_higher_minor = fails(k_unparsable),
            .version_2_or_more = fails(k_unparsable),
            .version_major_only = fails(k_unparsable),
            .version_lowercase = fails(k_unparsable),
            .version_not_http = fails(k_unparsable),
            .skips_extra_spaces = true,
            // Exactly three digits.
            .code_one_or_two_digits = fails(k_unparsable),
            .code_leading_zero_long = fails(k_unparsable),
            .code_over_999 = fails(k_unparsable),
            .code_empty = fails(k_unparsable),
            .code_below_100 = fails(k_unparsable),
            .code_not_digits = fails(k_unparsable),
            .reason_missing = accepts(),
            .reason_not_utf8 = accepts(),
        },
    .field_lines =
        {
            .field_line_lf_only = accepts(),
            .empty_line_lf_only = accepts(),
            .line_not_utf8 = accepts(),
            .obs_fold = unfolds(),
            .obs_fold_after_empty = unfolds(),
            .space_before_colon = skips(),
            .space_before_colon_special = skips(),
            .missing_colon = skips(),
            .space_in_name = skips(),
            .invalid_name = skips(),
            .nul_in_value = fails(k_unparsable),
            .control_in_value = accepts(),
            .del_in_value = accepts(),
            .bare_cr = accepts(),
            .invalid_content_length = accepts(),
            .max_head_bytes = 65536,
            .head_too_large = fails("Header too big"),
        },
    .status =
        {
            .continue_100 = skips(),
            .other_1xx = skips(),
            .closed_while_waiting = "Connection terminated unexpectedly",
            .not_101 = "The server did not accept the WebSocket handshake.",
            .redirect_statuses = k_redirect_statuses_all,
            .redirect_schemes = k_web_schemes,
            // libsoup takes a 101 over HTTP/1.0 as no upgrade.
            .version_1_0_after_status = fails(k_ignored),
        },
    .order = k_order,
    // soup_message_headers_header_equals on the merged value; header_contains for Connection.
    .upgrade = {.lines = Lines::joined,
                .match = Match::whole_value,
                .missing = k_ignored,
                .mismatch = k_ignored},
    .connection = {.lines = Lines::joined,
                   .match = Match::any_element,
                   .missing = k_ignored,
                   .mismatch = k_ignored},
    // get_one (the last line), compared with g_ascii_strcasecmp.
    .accept = {.lines = Lines::last,
               .match = Match::whole_value,
               .case_insensitive = true,
               .missing = "Server returned incorrect \xE2\x80\x9CSec-WebSocket-Accept\xE2\x80\x9D "
                          "key",
               .mismatch = "Server returned incorrect \xE2\x80\x9CSec-WebSocket-Accept\xE2\x80\x9D "
                           "key"},
    .subprotocol = {.lines = Lines::last,
                    .case_insensitive = true,
                    .present_when_not_offered = "Server requested unsupported protocol",
                    .not_offered = "Server requested unsupported protocol"},
    // process_extensions and soup-websocket-extension-deflate.c.
    .extensions =
        {
            .empty_is_syntax_error = false,
            .syntax_error = "Server requested unsupported extension",
            .unknown = "Server requested unsupported extension",
            .duplicate = DuplicateDeflate::accept_then_fail,
            .duplicate_deflate = "Received invalid WebSocket data from the server",
            .deflate =
                {
                    .unknown_parameter =
                        fails("Invalid parameter '{param}' in permessage-deflate extension header"),
                    .duplicate_parameter =
                        fails("Server returned a duplicated parameter in \xE2\x80\x9Cpermessage-"
                              "deflate\xE2\x80\x9D WebSocket extension header"),
                    .value_on_flag = fails("Invalid value of parameter '{param}' in "
                                           "permessage-deflate extension header"),
                    .window_out_of_range = fails("Invalid value of parameter '{param}' in "
                                                 "permessage-deflate extension header"),
                    .window_leading_zero = accepts(),
                    .window_quoted = accepts(),
                    .client_window_bare = accepts(),
                },
        },
    .frames = {.reserved_opcode = "Received invalid WebSocket response from the server"},
};

} // namespace wsh::clients
