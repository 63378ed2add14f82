#include "clients/Common.hpp"
#include "clients/Registry.hpp"

#include <array>

// Debian's python3-websockets 10.4, websockets.connect: legacy/http.py read_response reads the
// head (any error there becomes "did not receive a valid HTTP response"), legacy/client.py
// handshake and legacy/handshake.py check_response check it, headers.py parses the lists.
namespace wsh::clients {

namespace {

// handshake(): status (redirects first), check_response (Connection, Upgrade, accept), then
// process_extensions and process_subprotocol.
constexpr std::array k_order = {Check::status, Check::connection, Check::upgrade,
                                Check::accept, Check::extensions, Check::subprotocol};

constexpr std::string_view k_invalid = "did not receive a valid HTTP response";
constexpr std::string_view k_unsupported_extension =
    "Unsupported extension: name = {name}, params = {params}";

} // namespace

const ClientProfile k_python_websockets = {
    .name = "python-websockets",
    .product = "websockets 10.4 on Python 3.11 (Debian 12)",
    .status_line =
        {
            // read_line wants CRLF; status_line.split(b" ", 2) wants three parts; the version
            // must be exactly HTTP/1.1; int(code) in 100..999; the reason must decode as UTF-8.
            .leading_empty_line = fails(k_invalid),
            .lf_only = fails(k_invalid),
            .version_1_0 = fails(k_invalid),
            .version_1_higher_minor = fails(k_invalid),
            .version_2_or_more = fails(k_invalid),
            .version_major_only = fails(k_invalid),
            .version_lowercase = fails(k_invalid),
            .version_not_http = fails(k_invalid),
            .code_one_or_two_digits = fails(k_invalid),
            .code_leading_zero_long = accepts(),
            .code_over_999 = fails(k_invalid),
            .code_empty = fails(k_invalid),
            .code_below_100 = fails(k_invalid),
            .code_not_digits = fails(k_invalid),
            .reason_missing = fails(k_invalid),
            .reason_not_utf8 = fails(k_invalid),
        },
    .field_lines =
        {
            // read_headers: name must match _token_re, value _value_re, no obs-fold.
            .field_line_lf_only = fails(k_invalid),
            .empty_line_lf_only = fails(k_invalid),
            .line_not_utf8 = accepts(),
            .obs_fold = fails(k_invalid),
            .obs_fold_after_empty = fails(k_invalid),
            .space_before_colon = fails(k_invalid),
            .space_before_colon_special = fails(k_invalid),
            .missing_colon = fails(k_invalid),
            .space_in_name = fails(k_invalid),
            .invalid_name = fails(k_invalid),
            .nul_in_value = fails(k_invalid),
            .control_in_value = fails(k_invalid),
            .del_in_value = fails(k_invalid),
            .bare_cr = fails(k_invalid),
            .invalid_content_length = accepts(),
            // MAX_LINE = 4110 bytes with the CRLF, MAX_HEADERS = 256 (legacy/http.py).
            .max_line_bytes = 4110,
            .line_too_long = fails(k_invalid),
            .max_fields = 256,
            .too_many_fields = fails(k_invalid),
        },
    .status =
        {
            .continue_100 = accepts(),
            .other_1xx = accepts(),
            .not_101 = "server rejected WebSocket connection: HTTP {status}",
            // RedirectHandshake for 301, 302, 303, 307 and 308, to a ws:// or wss:// URI.
            .redirect_statuses = k_redirect_statuses_all,
            .redirect_schemes = k_ws_schemes,
            .redirect_without_location = "missing Location header",
        },
    .order = k_order,
    // Exactly one protocol, "websocket" in any case.
    .upgrade = {.lines = Lines::elements,
                .match = Match::only_element,
                .grammar = ListGrammar::upgrade_protocols,
                .missing = "empty Upgrade header",
                .several = "invalid Upgrade header: {elements}",
                .mismatch = "invalid Upgrade header: {elements}",
                .syntax_error = "invalid Upgrade header: {syntax}"},
    // sum(parse_connection(value) for each line): any option equal to "upgrade".
    .connection = {.lines = Lines::elements,
                   .match = Match::any_element,
                   .grammar = ListGrammar::tokens,
                   .element_separator = " ",
                   .missing = "empty Connection header",
                   .mismatch = "invalid Connection header: {elements}",
                   .syntax_error = "invalid Connection header: {syntax}"},
    // headers["Sec-WebSocket-Accept"]: MultipleValuesError on two lines.
    .accept = {.lines = Lines::first,
               .match = Match::whole_value,
               .case_insensitive = false,
               .one_line_only = true,
               .missing = "missing Sec-WebSocket-Accept header",
               .empty = "empty Sec-WebSocket-Accept header",
               .several = "invalid Sec-WebSocket-Accept header: more than one "
                          "Sec-WebSocket-Accept header found",
               .mismatch = "invalid Sec-WebSocket-Accept header: {value}"},
    // process_subprotocol.
    .subprotocol = {.lines = Lines::elements,
                    .grammar = ListGrammar::tokens,
                    .one_element_only = true,
                    .present_when_not_offered = "no subprotocols supported",
                    .not_offered = "unsupported subprotocol: {value}",
                    .several = "multiple subprotocols: {elements}",
                    .syntax_error = "invalid Sec-WebSocket-Protocol header: {syntax}"},
    // process_extensions: each element must be accepted by a factory
    // (ClientPerMessageDeflateFactory.process_response_params), else NegotiationError.
    .extensions =
        {
            .syntax_error = "invalid Sec-WebSocket-Extensions header: {syntax}",
            .unknown = k_unsupported_extension,
            .duplicate = DuplicateDeflate::fail,
            .duplicate_deflate = k_unsupported_extension,
            .deflate =
                {
                    .unknown_parameter = fails(k_unsupported_extension),
                    .duplicate_parameter = fails(k_unsupported_extension),
                    .value_on_flag = fails(k_unsupported_extension),
                    .window_out_of_range = fails(k_unsupported_extension),
                    // _MAX_WINDOW_BITS_VALUES holds "8" to "15" as strings.
                    .window_leading_zero = fails(k_unsupported_extension),
                    .window_quoted = accepts(),
                    .client_window_bare = fails(k_unsupported_extension),
                    .against_offer = fails(k_unsupported_extension),
                },
        },
    .frames = {.reserved_opcode = "sent 1002 (protocol error); no close frame received"},
};

} // namespace wsh::clients
