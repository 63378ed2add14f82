#include "clients/Registry.hpp"

#include <array>

// Debian's golang-github-gorilla-websocket-dev 1.5.0 on Go 1.19, websocket.DefaultDialer:
// net/http.ReadResponse and net/textproto read the head; Dialer.DialContext (client.go)
// checks it.
namespace wsh::clients {

namespace {

// DialContext: status, Upgrade, Connection and accept in one condition, then the
// subprotocol (taken as is) and the extensions.
constexpr std::array k_order = {Check::status, Check::upgrade,     Check::connection,
                                Check::accept, Check::subprotocol, Check::extensions};

constexpr std::string_view k_bad_handshake = "websocket: bad handshake";

} // namespace

const ClientProfile k_gorilla = {
    .name = "gorilla",
    .product = "gorilla/websocket 1.5.0 on Go 1.19.8 (Debian 12)",
    .status_line =
        {
            // ReadResponse: strings.Cut(line, " ") fails on the empty line.
            .leading_empty_line = fails("malformed HTTP response \"\""),
            .lf_only = accepts(),
            .version_1_0 = accepts(),
            .version_1_higher_minor = accepts(),
            .version_2_or_more = accepts(),
            .version_major_only = fails("malformed HTTP version {version|go}"),
            .version_lowercase = fails("malformed HTTP version {version|go}"),
            .version_not_http = fails("malformed HTTP version {version|go}"),
            // The code is checked before ParseHTTPVersion, after TrimLeft of spaces; it must
            // be three characters that Atoi reads.
            .code_before_version = true,
            .skips_extra_spaces = true,
            .code_one_or_two_digits = fails("malformed HTTP status code {code|go}"),
            .code_leading_zero_long = fails("malformed HTTP status code {code|go}"),
            .code_over_999 = fails("malformed HTTP status code {code|go}"),
            .code_empty = fails("malformed HTTP status code {code|go}"),
            .code_not_digits = fails("malformed HTTP status code {code|go}"),
            .reason_missing = accepts(),
            .reason_not_utf8 = accepts(),
        },
    .field_lines =
        {
            .field_line_lf_only = accepts(),
            .empty_line_lf_only = accepts(),
            .line_not_utf8 = accepts(),
            // textproto.Reader.ReadMIMEHeader joins continuation lines; Go 1.19 keeps a name
            // with a space as written.
            .obs_fold = unfolds(),
            .obs_fold_after_empty = unfolds(),
            .space_before_colon = accepts(),
            .space_before_colon_special = accepts(),
            .missing_colon = fails("malformed MIME header: missing colon: {line|go}"),
            .space_in_name = accepts(),
            .invalid_name = accepts(),
            .nul_in_value = accepts(),
            .control_in_value = accepts(),
            .del_in_value = accepts(),
            .bare_cr = accepts(),
            .invalid_content_length = accepts(),
            // readTransfer's shouldClose deletes a Connection field that says close.
            .drops_connection_close = true,
        },
    .status =
        {
            // ReadResponse returns a 1xx like any response.
            .continue_100 = accepts(),
            .other_1xx = accepts(),
            .not_101 = k_bad_handshake,
        },
    .order = k_order,
    // tokenListContainsValue: any element of any line, case-insensitively.
    .upgrade = {.lines = Lines::elements,
                .match = Match::any_element,
                .missing = k_bad_handshake,
                .mismatch = k_bad_handshake},
    .connection = {.lines = Lines::elements,
                   .match = Match::any_element,
                   .missing = k_bad_handshake,
                   .mismatch = k_bad_handshake},
    // resp.Header.Get: the first line.
    .accept = {.lines = Lines::first,
               .match = Match::whole_value,
               .case_insensitive = false,
               .missing = k_bad_handshake,
               .mismatch = k_bad_handshake},
    // conn.subprotocol = resp.Header.Get("Sec-Websocket-Protocol"), unchecked.
    .subprotocol = {.lines = Lines::first},
    // parseExtensions (util.go) stops at a syntax error; only permessage-deflate is looked at,
    // and it must carry both no_context_takeover parameters.
    .extensions =
        {
            .grammar = ExtensionGrammar::lenient_stop,
            .empty_is_syntax_error = false,
            .ignores_other_names = true,
            .duplicate = DuplicateDeflate::use_first,
            .deflate =
                {
                    .requires_no_context_takeover =
                        fails("websocket: invalid compression negotiation"),
                },
        },
    .frames = {.reserved_opcode = "websocket: bad opcode {opcode}"},
};

} // namespace wsh::clients
