#include "clients/Common.hpp"
#include "clients/Registry.hpp"

#include <array>

// npm ws 8.23.0 on Node 20: Node's http client (llhttp 9) reads the head and emits 'upgrade'
// only for a 101 with an Upgrade value and a Connection naming upgrade, else 'response'
// (Unexpected server response); then ws checks the head in lib/websocket.js (initAsClient's
// 'upgrade' handler) and lib/extension.js, lib/permessage-deflate.js.
namespace wsh::clients {

namespace {

// 'response' unless llhttp's upgrade flags are set; then Upgrade, Sec-WebSocket-Accept,
// Sec-WebSocket-Protocol, Sec-WebSocket-Extensions (lib/websocket.js).
constexpr std::array k_order = {Check::status,    Check::upgrade_present, Check::connection,
                                Check::upgrade,   Check::accept,          Check::subprotocol,
                                Check::extensions};

constexpr std::string_view k_unexpected = "Unexpected server response: {status}";
constexpr std::string_view k_bad_extensions = "Invalid Sec-WebSocket-Extensions header";

} // namespace

const ClientProfile k_node_ws = {
    .name = "node-ws",
    .product = "ws 8.23.0 on Node 20.20.2 (llhttp)",
    .status_line =
        {
            .leading_empty_line = accepts(),
            .lf_only = fails("Parse Error: Missing expected CR after response line"),
            .version_1_0 = accepts(),
            .version_1_higher_minor = fails("Parse Error: Invalid HTTP version"),
            .version_2_or_more = accepts(),
            .version_major_only = fails("Parse Error: Expected dot"),
            .version_lowercase = fails("Parse Error: Expected HTTP/, RTSP/ or ICE/"),
            .version_not_http = fails("Parse Error: Expected HTTP/, RTSP/ or ICE/"),
            // llhttp: three digits, then a space or the line's end.
            .code_one_or_two_digits = fails("Parse Error: Invalid status code"),
            .code_leading_zero_long = fails("Parse Error: Invalid response status"),
            .code_over_999 = fails("Parse Error: Invalid response status"),
            .code_empty = fails("Parse Error: Invalid status code"),
            .code_not_digits = fails("Parse Error: Invalid status code"),
            .reason_missing = accepts(),
            .reason_not_utf8 = accepts(),
        },
    .field_lines =
        {
            .field_line_lf_only = fails("Parse Error: Missing expected CR after header value"),
            .empty_line_lf_only = fails("Parse Error: Invalid header field char"),
            .line_not_utf8 = accepts(),
            .obs_fold = fails("Parse Error: Unexpected whitespace after header value"),
            .obs_fold_after_empty = fails("Parse Error: Invalid header value char"),
            .space_before_colon = fails("Parse Error: Invalid header token"),
            .space_before_colon_special = fails("Parse Error: Invalid header field char"),
            .missing_colon = fails("Parse Error: Invalid header token"),
            .space_in_name = fails("Parse Error: Invalid header token"),
            .invalid_name = fails("Parse Error: Invalid header token"),
            .nul_in_value = fails("Parse Error: Invalid header value char"),
            .control_in_value = fails("Parse Error: Invalid header value char"),
            .del_in_value = fails("Parse Error: Invalid header value char"),
            .bare_cr = fails("Parse Error: Missing expected LF after header value"),
            .invalid_content_length = fails("Parse Error: Invalid character in Content-Length"),
            .special_names = k_llhttp_special_names,
            // Node's --max-http-header-size, 16 KiB.
            .max_head_bytes = 16384,
            .head_too_large = fails("Parse Error: Header overflow"),
        },
    .status =
        {
            // Node's http client emits 'information' for a 1xx and reads on.
            .continue_100 = skips(),
            .other_1xx = skips(),
            .closed_while_waiting = "socket hang up",
            .not_101 = k_unexpected,
        },
    .order = k_order,
    // Node joins repeated Upgrade fields with ", "; ws compares the whole value.
    .upgrade = {.lines = Lines::joined,
                .match = Match::whole_value,
                .missing = k_unexpected,
                .empty = k_unexpected,
                .mismatch = "Invalid Upgrade header"},
    // llhttp's F_CONNECTION_UPGRADE: an "upgrade" token in any Connection line.
    .connection = {.lines = Lines::elements,
                   .match = Match::any_element,
                   .missing = k_unexpected,
                   .mismatch = k_unexpected},
    .accept = {.lines = Lines::joined,
               .match = Match::whole_value,
               .case_insensitive = false,
               .missing = "Invalid Sec-WebSocket-Accept header",
               .mismatch = "Invalid Sec-WebSocket-Accept header"},
    .subprotocol = {.lines = Lines::joined,
                    .absent_when_offered = "Server sent no subprotocol",
                    .present_when_not_offered = "Server sent a subprotocol but none was requested",
                    .not_offered = "Server sent an invalid subprotocol"},
    // extension.js parse, then one name that must be permessage-deflate, then
    // PerMessageDeflate.accept (normalizeParams checks every offer, acceptAsClient uses the
    // first).
    .extensions =
        {
            .names_before_parameters = true,
            .not_requested = "Server sent a Sec-WebSocket-Extensions header but no extension was "
                             "requested",
            .syntax_error = k_bad_extensions,
            .unknown = "Server indicated an extension that was not requested",
            .duplicate = DuplicateDeflate::use_first,
            .deflate =
                {
                    .unknown_parameter = fails(k_bad_extensions),
                    .duplicate_parameter = fails(k_bad_extensions),
                    .value_on_flag = fails(k_bad_extensions),
                    .window_out_of_range = fails(k_bad_extensions),
                    // Number(value): "010" is 10.
                    .window_leading_zero = accepts(),
                    .window_quoted = accepts(),
                    .client_window_bare = fails(k_bad_extensions),
                },
        },
    .frames = {.reserved_opcode = "Invalid WebSocket frame: invalid opcode {opcode}"},
};

} // namespace wsh::clients
