#include "clients/Common.hpp"
#include "clients/Registry.hpp"

#include <array>

// npm undici 7.30.3 WebSocket on Node 20: its own llhttp build reads the head
// (lib/dispatcher/client-h1.js), lib/web/websocket/connection.js checks it. The error event
// carries an empty TypeError whatever went wrong, so every failure reads "TypeError".
namespace wsh::clients {

namespace {

// processResponse: status, protocols sent but none back, Upgrade, Connection, accept,
// extensions, then the protocol's value.
constexpr std::array k_order = {Check::status, Check::upgrade,    Check::connection,
                                Check::accept, Check::extensions, Check::subprotocol};

constexpr std::string_view k_type_error = "TypeError";

} // namespace

const ClientProfile k_undici = {
    .name = "undici",
    .product = "undici 7.30.3 on Node 20.20.2",
    .status_line =
        {
            .leading_empty_line = accepts(),
            .lf_only = fails(k_type_error),
            .version_1_0 = accepts(),
            .version_1_higher_minor = fails(k_type_error),
            .version_2_or_more = accepts(),
            .version_major_only = fails(k_type_error),
            .version_lowercase = fails(k_type_error),
            .version_not_http = fails(k_type_error),
            .code_one_or_two_digits = fails(k_type_error),
            .code_leading_zero_long = fails(k_type_error),
            .code_over_999 = fails(k_type_error),
            .code_empty = fails(k_type_error),
            .code_not_digits = fails(k_type_error),
            .reason_missing = accepts(),
            .reason_not_utf8 = accepts(),
        },
    .field_lines =
        {
            .field_line_lf_only = fails(k_type_error),
            .empty_line_lf_only = fails(k_type_error),
            .line_not_utf8 = accepts(),
            .obs_fold = fails(k_type_error),
            .obs_fold_after_empty = fails(k_type_error),
            .space_before_colon = fails(k_type_error),
            .space_before_colon_special = fails(k_type_error),
            .missing_colon = fails(k_type_error),
            .space_in_name = fails(k_type_error),
            .invalid_name = fails(k_type_error),
            .nul_in_value = fails(k_type_error),
            .control_in_value = fails(k_type_error),
            .del_in_value = fails(k_type_error),
            .bare_cr = fails(k_type_error),
            .invalid_content_length = fails(k_type_error),
            .special_names = k_llhttp_special_names,
            // client-h1.js keeps a value's trailing whitespace.
            .trims_trailing_whitespace = false,
            .max_head_bytes = 16384,
            .head_too_large = fails(k_type_error),
        },
    .status =
        {
            // client-h1.js destroys the socket on a 100 and waits past another 1xx.
            .continue_100 = accepts(),
            .other_1xx = skips(),
            .closed_while_waiting = k_type_error,
            .not_101 = k_type_error,
        },
    .order = k_order,
    // headersList.get joins repeated fields with ", "; each compares the whole value.
    .upgrade = {.lines = Lines::joined,
                .match = Match::whole_value,
                .missing = k_type_error,
                .mismatch = k_type_error},
    .connection = {.lines = Lines::joined,
                   .match = Match::whole_value,
                   .missing = k_type_error,
                   .mismatch = k_type_error},
    .accept = {.lines = Lines::joined,
               .match = Match::whole_value,
               .case_insensitive = false,
               .missing = k_type_error,
               .mismatch = k_type_error},
    .subprotocol = {.lines = Lines::joined,
                    .empty_is_absent = true,
                    .absent_when_offered = k_type_error,
                    .present_when_not_offered = k_type_error,
                    .not_offered = k_type_error},
    // parseExtensions (lib/web/websocket/util.js) splits at ';' only, then looks for the
    // name permessage-deflate; parameters are not checked.
    .extensions =
        {
            .grammar = ExtensionGrammar::semicolon_pairs,
            .syntax_error = k_type_error,
            .unknown = k_type_error,
        },
    .frames = {.reserved_opcode = k_type_error},
};

} // namespace wsh::clients
