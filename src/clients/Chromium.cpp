#include "clients/Registry.hpp"

#include <array>

// Chromium's network stack: HttpStreamParser and HttpResponseHeaders read the head,
// WebSocketBasicHandshakeStream::ValidateUpgradeResponse checks it
// (net/websockets/websocket_basic_handshake_stream.cc), WebSocketExtensionParser and
// WebSocketDeflateParameters the extensions. The console line names the URL first.
namespace wsh::clients {

namespace {

// ValidateUpgradeResponse: ValidateUpgrade, ValidateSecWebSocketAccept, ValidateConnection,
// ValidateSubProtocol, ValidateExtensions, in this order, after the status.
constexpr std::array k_order = {Check::status,     Check::upgrade,     Check::accept,
                                Check::connection, Check::subprotocol, Check::extensions};

} // namespace

const ClientProfile k_chromium = {
    .name = "chromium",
    .product = "Chromium 156.0.8078.114 (Debian 12)",
    .prefix = "WebSocket connection to '{url}' failed: ",
    .status_line =
        {
            // HttpUtil::LocateStartOfStatusLine skips what precedes "HTTP"; HttpResponseHeaders
            // ParseVersion takes any "http/" case-insensitively, ParseStatusLine skips spaces
            // and reads the leading digits (none: 200).
            .leading_empty_line = accepts(),
            .lf_only = accepts(),
            .version_1_0 = accepts(),
            .version_1_higher_minor = accepts(),
            .version_2_or_more = accepts(),
            .version_major_only = accepts(),
            .version_lowercase = accepts(),
            // No "HTTP" at the start: an HTTP/0.9 answer, which WebSockets refuse.
            .version_not_http =
                fails("Error during WebSocket handshake: net::ERR_INVALID_HTTP_RESPONSE"),
            .skips_extra_spaces = true,
            .code_one_or_two_digits = accepts(),
            .code_leading_zero_long = accepts(),
            .code_over_999 = accepts(),
            .code_empty = accepts(),
            .code_not_digits = accepts(),
            .code_when_not_digits = 200,
            .reason_missing = accepts(),
            .reason_not_utf8 = accepts(),
        },
    .field_lines =
        {
            .field_line_lf_only = accepts(),
            .empty_line_lf_only = accepts(),
            .line_not_utf8 = accepts(),
            // HttpResponseHeaders::Parse joins continuation lines and trims names.
            .obs_fold = unfolds(),
            .obs_fold_after_empty = unfolds(),
            .space_before_colon = trims_name(),
            .space_before_colon_special = trims_name(),
            .missing_colon = skips(),
            .space_in_name = accepts(),
            .invalid_name = accepts(),
            // HttpStreamParser refuses a NUL anywhere in the head.
            .nul_in_value =
                fails("Error during WebSocket handshake: net::ERR_INVALID_HTTP_RESPONSE"),
            .control_in_value = accepts(),
            .del_in_value = accepts(),
            .bare_cr = accepts(),
            .invalid_content_length = accepts(),
            // HttpStreamParser's kMaxHeaderBufSize, 256 KiB.
            .max_head_bytes = 262144,
            .head_too_large =
                fails("Error during WebSocket handshake: net::ERR_RESPONSE_HEADERS_TOO_BIG"),
        },
    .status =
        {
            // The handshake stream takes a 1xx as the response (no interim handling).
            .continue_100 = accepts(),
            .other_1xx = accepts(),
            .not_101 = "Error during WebSocket handshake: Unexpected response code: {status}",
            // A 401 goes to the HTTP authentication code, which has no credentials to offer.
            .own_status = 401,
            .own_status_message = "HTTP Authentication failed; no valid credentials available",
        },
    .order = k_order,
    // GetSingleHeaderValue: every comma-separated value of every line; more than one fails.
    .upgrade =
        {
            .lines = Lines::elements,
            .match = Match::only_element,
            .missing = "Error during WebSocket handshake: 'Upgrade' header is missing",
            .several = "Error during WebSocket handshake: 'Upgrade' header must not appear more "
                       "than once in a response",
            .mismatch = "Error during WebSocket handshake: 'Upgrade' header value is not "
                        "'WebSocket': {value}",
        },
    // HasHeaderValue("Connection", "Upgrade"): any element, case-insensitively.
    .connection =
        {
            .lines = Lines::elements,
            .match = Match::any_element,
            .missing = "Error during WebSocket handshake: 'Connection' header is missing",
            .mismatch = "Error during WebSocket handshake: 'Connection' header value must "
                        "contain 'Upgrade'",
        },
    .accept =
        {
            .lines = Lines::elements,
            .match = Match::only_element,
            .case_insensitive = false,
            .missing = "Error during WebSocket handshake: 'Sec-WebSocket-Accept' header is "
                       "missing",
            .several = "Error during WebSocket handshake: 'Sec-WebSocket-Accept' header must not "
                       "appear more than once in a response",
            .mismatch = "Error during WebSocket handshake: Incorrect 'Sec-WebSocket-Accept' "
                        "header value",
        },
    // ValidateSubProtocol: more than one value first, then unrequested, then unknown, then
    // missing.
    .subprotocol =
        {
            .lines = Lines::elements,
            .one_element_only = true,
            .absent_when_offered = "Error during WebSocket handshake: Sent non-empty "
                                   "'Sec-WebSocket-Protocol' header but no response was "
                                   "received",
            .present_when_not_offered = "Error during WebSocket handshake: Response must not "
                                        "include 'Sec-WebSocket-Protocol' header if not present "
                                        "in request: {value}",
            .not_offered = "Error during WebSocket handshake: 'Sec-WebSocket-Protocol' header "
                           "value '{value}' in response does not match any of sent values",
            .several = "Error during WebSocket handshake: 'Sec-WebSocket-Protocol' header must "
                       "not appear more than once in a response",
        },
    // ValidateExtensions and WebSocketDeflateParameters::Initialize.
    .extensions =
        {
            .syntax_error = "Error during WebSocket handshake: 'Sec-WebSocket-Extensions' header "
                            "value is rejected by the parser: {value}",
            .unknown = "Error during WebSocket handshake: Found an unsupported extension '{name}' "
                       "in 'Sec-WebSocket-Extensions' header",
            .duplicate = DuplicateDeflate::fail,
            .duplicate_deflate =
                "Error during WebSocket handshake: Received duplicate permessage-deflate response",
            .deflate =
                {
                    .unknown_parameter =
                        fails("Error during WebSocket handshake: Error in permessage-deflate: "
                              "Received an unexpected permessage-deflate extension parameter"),
                    .duplicate_parameter =
                        fails("Error during WebSocket handshake: Error in permessage-deflate: "
                              "Received duplicate permessage-deflate extension parameter "
                              "{param}"),
                    .value_on_flag =
                        fails("Error during WebSocket handshake: Error in permessage-deflate: "
                              "Received invalid {param} parameter"),
                    .window_out_of_range =
                        fails("Error during WebSocket handshake: Error in permessage-deflate: "
                              "Received invalid {param} parameter"),
                    .window_leading_zero =
                        fails("Error during WebSocket handshake: Error in permessage-deflate: "
                              "Received invalid {param} parameter"),
                    .window_quoted = accepts(),
                    .client_window_bare =
                        fails("Error during WebSocket handshake: Error in permessage-deflate: "
                              "client_max_window_bits must have value"),
                },
        },
    // WebSocketBasicStream: a reserved opcode is a frame header error.
    .frames = {.reserved_opcode = "Invalid frame header",
               .reserved_data_opcode = "Unrecognized frame opcode: {opcode}"},
};

} // namespace wsh::clients
