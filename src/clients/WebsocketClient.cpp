#include "clients/Common.hpp"
#include "clients/Registry.hpp"

#include <array>

// Debian's python3-websocket (websocket-client) 1.2.3, websocket.create_connection:
// _http.py read_headers decodes each line as UTF-8, strips it, splits the status line at
// spaces and the fields at the first colon into a dict of lower-cased names (the last line
// wins); _handshake.py _get_resp_headers and _validate check it.
namespace wsh::clients {

namespace {

// _validate: Upgrade and Connection, the subprotocol, then the accept.
constexpr std::array k_order = {Check::status, Check::upgrade, Check::connection,
                                Check::subprotocol, Check::accept};

constexpr std::string_view k_invalid = "Invalid WebSocket Header";

// SUPPORTED_REDIRECT_STATUSES: 301, 302, 303.
constexpr std::array<unsigned, 3> k_redirects = {301, 302, 303};

} // namespace

const ClientProfile k_websocket_client = {
    .name = "websocket-client",
    .product = "websocket-client 1.2.3 on Python 3.11 (Debian 12)",
    .status_line =
        {
            // An empty first line ends the head before any status: "%d" % None.
            .leading_empty_line = fails("%d format: a real number is required, not NoneType"),
            .lf_only = accepts(),
            .version_1_0 = accepts(),
            .version_1_higher_minor = accepts(),
            .version_2_or_more = accepts(),
            .version_major_only = accepts(),
            .version_lowercase = accepts(),
            .version_not_http = accepts(),
            // int(status_info[1]).
            .code_one_or_two_digits = accepts(),
            .code_leading_zero_long = accepts(),
            .code_over_999 = accepts(),
            .code_empty = fails("invalid literal for int() with base 10: {code|py}"),
            .code_not_digits = fails("invalid literal for int() with base 10: {code|py}"),
            .reason_missing = accepts(),
            .reason_not_utf8 = accepts(),
        },
    .field_lines =
        {
            .field_line_lf_only = accepts(),
            .empty_line_lf_only = accepts(),
            .line_not_utf8 = fails("{utf8}"),
            // A stripped continuation line has no colon.
            .obs_fold = fails("Invalid header"),
            .obs_fold_after_empty = fails("Invalid header"),
            .space_before_colon = accepts(),
            .space_before_colon_special = accepts(),
            .missing_colon = fails("Invalid header"),
            .space_in_name = accepts(),
            .invalid_name = accepts(),
            .nul_in_value = accepts(),
            .control_in_value = accepts(),
            .del_in_value = accepts(),
            .bare_cr = accepts(),
            .invalid_content_length = accepts(),
        },
    .status =
        {
            .continue_100 = accepts(),
            .other_1xx = accepts(),
            .not_101 = "Handshake status {status} {reason|none}",
            .redirect_statuses = k_redirects,
            .redirect_schemes = k_ws_schemes,
        },
    .order = k_order,
    // [x.strip().lower() for x in r.split(',')]: any element.
    .upgrade = {.lines = Lines::last,
                .match = Match::any_element,
                .missing = k_invalid,
                .mismatch = k_invalid},
    .connection = {.lines = Lines::last,
                   .match = Match::any_element,
                   .missing = k_invalid,
                   .mismatch = k_invalid},
    // result.lower() against the lower-cased accept.
    .accept = {.lines = Lines::last,
               .match = Match::whole_value,
               .case_insensitive = true,
               .missing = k_invalid,
               .mismatch = k_invalid},
    .subprotocol = {.lines = Lines::last,
                    .case_insensitive = true,
                    .only_when_offered = true,
                    .empty_is_absent = true,
                    .absent_when_offered = k_invalid,
                    .not_offered = k_invalid},
    // No extension support: Sec-WebSocket-Extensions is never read.
    .extensions = {.ignored = true},
    .frames = {.reserved_opcode = "('Invalid opcode %r', {opcode})"},
};

} // namespace wsh::clients
