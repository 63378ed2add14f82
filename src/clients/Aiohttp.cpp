#include "clients/Common.hpp"
#include "clients/Registry.hpp"

#include <array>

// Debian's python3-aiohttp 3.8.4 with its C parser (_http_parser.pyx over llhttp 6):
// ClientSession.ws_connect (client.py _ws_connect) checks the head; an llhttp error becomes
// ClientResponseError(400, message) with BadStatusLine or BadHttpMessage's text.
namespace wsh::clients {

namespace {

// _ws_connect: status, Upgrade, Connection, Sec-WebSocket-Accept, then the protocol.
constexpr std::array k_order = {Check::status, Check::upgrade, Check::connection, Check::accept,
                                Check::subprotocol};

// The schemes ClientSession._request follows (an empty one is a relative Location).
constexpr std::array<std::string_view, 3> k_http_schemes = {"http", "https", ""};

} // namespace

const ClientProfile k_aiohttp = {
    .name = "aiohttp",
    .product = "aiohttp 3.8.4 (C HTTP parser) on Python 3.11 (Debian 12)",
    .status_line =
        {
            .leading_empty_line = accepts(),
            .lf_only = accepts(),
            // llhttp 6: any "HTTP/" DIGIT "." DIGIT.
            .version_1_0 = accepts(),
            .version_1_higher_minor = accepts(),
            .version_2_or_more = accepts(),
            .version_major_only =
                fails("400, message=\"Bad status line 'Expected dot'\", url=URL('{url}')"),
            .version_lowercase = fails("400, message='Expected HTTP/', url=URL('{url}')"),
            .version_not_http = fails("400, message='Expected HTTP/', url=URL('{url}')"),
            // llhttp 6 reads any number of digits up to 999, none included (status 0).
            .code_one_or_two_digits = accepts(),
            .code_leading_zero_long = accepts(),
            .code_over_999 =
                fails("400, message=\"Bad status line 'Response overflow'\", url=URL('{url}')"),
            .code_empty = accepts(),
            .code_not_digits = fails(
                "400, message=\"Bad status line 'Invalid response status'\", url=URL('{url}')"),
            .reason_missing = accepts(),
            .reason_not_utf8 = accepts(),
        },
    .field_lines =
        {
            .field_line_lf_only = accepts(),
            .empty_line_lf_only = accepts(),
            .line_not_utf8 = accepts(),
            // llhttp 6 (not strict) unfolds, and its TOKEN includes a space.
            .obs_fold = unfolds(),
            .obs_fold_after_empty = unfolds(),
            .space_before_colon = accepts(),
            .space_before_colon_special =
                fails("400, message='Invalid header field char', url=URL('{url}')"),
            .missing_colon = fails("400, message='Invalid header token', url=URL('{url}')"),
            .space_in_name = accepts(),
            .invalid_name = fails("400, message='Invalid header token', url=URL('{url}')"),
            .empty_name = accepts(),
            .nul_in_value = fails("400, message='Invalid header value char', url=URL('{url}')"),
            .control_in_value = fails("400, message='Invalid header value char', url=URL('{url}')"),
            .del_in_value = fails("400, message='Invalid header value char', url=URL('{url}')"),
            .bare_cr =
                fails("400, message='Missing expected LF after header value', url=URL('{url}')"),
            .invalid_content_length =
                fails("400, message='Invalid character in Content-Length', url=URL('{url}')"),
            .special_names = k_llhttp_special_names,
            .trims_trailing_whitespace = false,
            // max_field_size = 8190 (LineTooLong shows the first 100 bytes), max_headers = 128.
            .max_value_bytes = 8190,
            .value_too_long = fails("400, message=\"Got more than 8190 bytes when reading: "
                                    "{value|bytes100}.\", url=URL('{url}')"),
            .max_fields = 128,
            .too_many_fields = fails("400, message='Too many headers received', url=URL('{url}')"),
        },
    .status =
        {
            .continue_100 = skips(),
            .other_1xx = skips(),
            .closed_while_waiting = "Server disconnected",
            .not_101 = "{status}, message='Invalid response status', url=URL('{url}')",
            .redirect_statuses = k_redirect_statuses_all,
            .redirect_schemes = k_http_schemes,
            .redirect_bad_scheme = "Can redirect only to http or https",
        },
    .order = k_order,
    // CIMultiDict.get: the first line, compared whole.
    .upgrade = {.lines = Lines::first,
                .match = Match::whole_value,
                .missing = "{status}, message='Invalid upgrade header', url=URL('{url}')",
                .mismatch = "{status}, message='Invalid upgrade header', url=URL('{url}')"},
    .connection = {.lines = Lines::first,
                   .match = Match::whole_value,
                   .missing = "{status}, message='Invalid connection header', url=URL('{url}')",
                   .mismatch = "{status}, message='Invalid connection header', url=URL('{url}')"},
    .accept = {.lines = Lines::first,
               .match = Match::whole_value,
               .case_insensitive = false,
               .missing = "{status}, message='Invalid challenge response', url=URL('{url}')",
               .mismatch = "{status}, message='Invalid challenge response', url=URL('{url}')"},
    // The first element of the first line that was offered, or none; never fails.
    .subprotocol = {.lines = Lines::first, .only_when_offered = true, .picks_first_offered = true},
    // compress=0: no extension offered, the answer is not read.
    .extensions = {.ignored = true},
    .frames = {.reserved_opcode = "Unexpected opcode={opcode}"},
};

} // namespace wsh::clients
