#include "clients/Registry.hpp"

#include <array>

// Firefox: nsHttpResponseHead::ParseStatusLine and nsHttpHeaderArray read the head
// (netwerk/protocol/http), WebSocketChannel::OnStartRequest checks it
// (netwerk/protocol/websocket/WebSocketChannel.cpp). The console shows one sentence for every
// handshake failure; MOZ_LOG=nsWebSocket:4 tells the reasons apart.
namespace wsh::clients {

namespace {

// OnStartRequest: status, Upgrade, Connection, Sec-WebSocket-Accept, the subprotocol, then
// HandleExtensions.
constexpr std::array k_order = {Check::status, Check::upgrade,     Check::connection,
                                Check::accept, Check::subprotocol, Check::extensions};

constexpr std::string_view k_cannot_connect =
    "Firefox can\xE2\x80\x99t establish a connection to the server at {url}.";
constexpr std::string_view k_bad_status_line =
    "The status line of the HTTP response is invalid\nFirefox can\xE2\x80\x99t establish a "
    "connection to the server at {url}.";

} // namespace

const ClientProfile k_firefox = {
    .name = "firefox",
    .product = "Firefox ESR 153.8.0esr (Debian 12)",
    .status_line =
        {
            .leading_empty_line = accepts(),
            .lf_only = accepts(),
            // WebSocketChannel needs HTTP/1.1 or later; ParseVersion reads "HTTP/1.2" as 1.1
            // and fails on a version it cannot read.
            .version_1_0 = fails(k_cannot_connect),
            .version_1_higher_minor = accepts(),
            .version_2_or_more = fails(k_cannot_connect),
            .version_major_only = fails(k_cannot_connect),
            .version_lowercase = fails(k_cannot_connect),
            .version_not_http = fails(k_cannot_connect),
            .skips_extra_spaces = true,
            // A code of more than three digits is an invalid status line (NS_ERROR_PARSING_HTTP
            // _STATUS_LINE); a shorter one is read.
            .code_one_or_two_digits = accepts(),
            .code_leading_zero_long = fails(k_bad_status_line),
            .code_over_999 = fails(k_bad_status_line),
            .code_empty = fails(k_bad_status_line),
            .code_not_digits = fails(k_bad_status_line),
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
            // nsHttpHeaderArray::ParseHeaderLine drops a line whose name is not a token.
            .space_before_colon = skips(),
            .space_before_colon_special = skips(),
            .missing_colon = skips(),
            .space_in_name = skips(),
            .invalid_name = skips(),
            .nul_in_value = fails(k_cannot_connect),
            .control_in_value = accepts(),
            .del_in_value = accepts(),
            .bare_cr = accepts(),
            .invalid_content_length = accepts(),
        },
    .status =
        {
            // nsHttpTransaction skips 1xx responses and waits for the final one.
            .continue_100 = skips(),
            .other_1xx = skips(),
            .closed_while_waiting = k_cannot_connect,
            .not_101 = k_cannot_connect,
        },
    .order = k_order,
    // nsHttpHeaderArray merges repeated fields with ", "; the checks look for a token in it.
    .upgrade = {.lines = Lines::joined,
                .match = Match::any_element,
                .missing = k_cannot_connect,
                .mismatch = k_cannot_connect},
    .connection = {.lines = Lines::joined,
                   .match = Match::any_element,
                   .missing = k_cannot_connect,
                   .mismatch = k_cannot_connect},
    .accept = {.lines = Lines::joined,
               .match = Match::whole_value,
               .case_insensitive = false,
               .missing = k_cannot_connect,
               .mismatch = k_cannot_connect},
    // Only checked when subprotocols were offered: the answer must be one of them.
    .subprotocol = {.lines = Lines::joined,
                    .only_when_offered = true,
                    .not_offered = k_cannot_connect},
    // ParseWebSocketExtension: only permessage-deflate, once, with valid parameters.
    .extensions =
        {
            .empty_is_syntax_error = false,
            .syntax_error = k_cannot_connect,
            .unknown = k_cannot_connect,
            .duplicate = DuplicateDeflate::fail,
            .duplicate_deflate = k_cannot_connect,
            .deflate =
                {
                    .unknown_parameter = fails(k_cannot_connect),
                    .duplicate_parameter = fails(k_cannot_connect),
                    .value_on_flag = fails(k_cannot_connect),
                    .window_out_of_range = fails(k_cannot_connect),
                    .window_leading_zero = accepts(),
                    .window_quoted = accepts(),
                    .client_window_bare = fails(k_cannot_connect),
                },
        },
    .frames = {.reserved_opcode =
                   "The connection to {url} was interrupted while the page was loading.",
               .reserved_data_opcode = k_cannot_connect,
               .fails_before_open = true},
};

} // namespace wsh::clients
