#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace wsh::clients {

// What a client does when its reader meets something: go on, drop it, repair it, or fail with
// the text it prints. One type for every rule of a profile, so the predictor reads them alike.
enum class Action : std::uint8_t {
  accept,           // takes it as it stands (a field keeps its name as written)
  trim_name,        // takes the field with the whitespace before its colon removed
  skip,             // ignores the line (or, for an interim response, waits for the next one)
  unfold,           // joins an obs-fold line to the previous field's value (RFC 9112 5.2)
  fail,             // the handshake fails with `message`
  accept_then_fail, // the connection opens, then fails with `message` on the first message
};

// One rule: the action and, for a failure, the message template (MessageTemplate.hpp lists
// its placeholders).
struct Reaction {
  Action action = Action::accept;
  std::string_view message{};
};

constexpr Reaction accepts() {
  return {Action::accept, {}};
}
constexpr Reaction skips() {
  return {Action::skip, {}};
}
constexpr Reaction unfolds() {
  return {Action::unfold, {}};
}
constexpr Reaction trims_name() {
  return {Action::trim_name, {}};
}
constexpr Reaction fails(std::string_view message) {
  return {Action::fail, message};
}
constexpr Reaction opens_then_fails(std::string_view message) {
  return {Action::accept_then_fail, message};
}

// How the client reads the status line (RFC 9112 4: HTTP-version SP status-code SP
// [reason-phrase]). Each shape of the version and of the code has its own reaction; the
// predictor classifies the bytes, the profile says what this client does with each class.
struct StatusLineReading {
  // Empty lines before the status line (RFC 9112 2.2 lets a server skip them, not a client).
  Reaction leading_empty_line{};
  // The status line ends with LF alone (RFC 9112 2.2).
  Reaction lf_only{};
  // HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 2.3), by class.
  Reaction version_1_0{};
  Reaction version_1_higher_minor{}; // HTTP/1.2 to HTTP/1.9
  Reaction version_2_or_more{};      // HTTP/2.0 and above, with a minor digit
  Reaction version_major_only{};     // "HTTP/2": no dot
  Reaction version_lowercase{};      // "http/1.1"
  Reaction version_not_http{};       // anything else, such as no version at all
  // Whether the code is checked before the version (Go's ReadResponse).
  bool code_before_version = false;
  // More spaces before the code are skipped.
  bool skips_extra_spaces = false;
  // status-code = 3DIGIT (RFC 9110 15), by shape; accepted shapes are read as a number.
  Reaction code_one_or_two_digits{};
  Reaction code_leading_zero_long{}; // four or more digits worth 999 or less, as 0101
  Reaction code_over_999{};
  Reaction code_empty{};      // nothing between the spaces
  Reaction code_below_100{};  // three digits worth less than 100, as 099
  Reaction code_not_digits{}; // a byte that is not a digit
  // Read instead when the code has no digits and code_not_digits accepts.
  unsigned code_when_not_digits = 0;
  // No space after the code (the grammar requires it even before an empty reason).
  Reaction reason_missing{};
  // A reason phrase that is not UTF-8 (obs-text is allowed by RFC 9112 4).
  Reaction reason_not_utf8{};
};

// How the client reads the field lines (RFC 9112 5, 5.2; RFC 9110 5.5), shape by shape.
struct FieldLineReading {
  Reaction field_line_lf_only{}; // a field line ending in LF alone
  Reaction empty_line_lf_only{}; // the empty line that ends the head is a bare LF
  // A line (status line included) that is not UTF-8: the Python reader that decodes it.
  Reaction line_not_utf8{};
  Reaction obs_fold{};             // continues a line that had a value
  Reaction obs_fold_after_empty{}; // continues a line whose value was empty
  Reaction space_before_colon{};   // `Name : value`
  // The same after a name the reader tracks itself (an llhttp "special" header).
  Reaction space_before_colon_special{};
  Reaction missing_colon{};
  Reaction space_in_name{}; // `X Bad: value`
  Reaction invalid_name{};  // another byte that is not a tchar, or an empty name
  // An empty name (`: value`), when it differs from invalid_name.
  std::optional<Reaction> empty_name{};
  Reaction nul_in_value{};
  Reaction control_in_value{}; // 0x01-0x08, 0x0A-0x1F
  Reaction del_in_value{};
  Reaction bare_cr{};
  // Content-Length that is not 1*DIGIT (RFC 9110 8.6).
  Reaction invalid_content_length{};
  // A Connection field naming `close` is removed from the head (Go's shouldClose).
  bool drops_connection_close = false;
  // Names the reader treats specially (case-insensitive); see space_before_colon_special.
  std::span<const std::string_view> special_names{};
  // Whether trailing whitespace is removed from values (RFC 9112 5.1 says it is not part of
  // the value); leading whitespace always is.
  bool trims_trailing_whitespace = true;
  // Limits: a line longer than max_line_bytes (line ending included), a value longer than
  // max_value_bytes, a head longer than max_head_bytes, more than max_fields field lines.
  std::size_t max_line_bytes = 0; // 0: no limit
  Reaction line_too_long{};
  std::size_t max_value_bytes = 0;
  Reaction value_too_long{};
  std::size_t max_head_bytes = 0;
  Reaction head_too_large{};
  std::size_t max_fields = 0;
  Reaction too_many_fields{};
};

// What the client does with the status code once the head is read (RFC 6455 4.1: anything but
// 101 fails, though a client may follow a 3xx redirect; RFC 9110 15.2 on 1xx).
struct StatusHandling {
  // A 100 Continue, and any other interim 1xx but 101: skip waits for the next response,
  // accept takes it as the final one.
  Reaction continue_100{};
  Reaction other_1xx{};
  // Printed when the server closes the connection while the client waits for more.
  std::string_view closed_while_waiting{};
  // Any final status but 101. Placeholders {status} and {reason}.
  std::string_view not_101{};
  // A status with a message of its own instead of not_101 (Chromium's 401), and that message.
  unsigned own_status = 0;
  std::string_view own_status_message{};
  // The statuses after which the client follows a Location, and the URL schemes it follows.
  std::span<const unsigned> redirect_statuses{};
  std::span<const std::string_view> redirect_schemes{};
  // Printed when the Location's scheme is not one of those (empty: not_101 instead).
  std::string_view redirect_bad_scheme{};
  // Printed for a redirect without a Location (empty: not_101).
  std::string_view redirect_without_location{};
  // A 101 with HTTP/1.0, checked after the status (libsoup).
  Reaction version_1_0_after_status{};
};

// How the values of a field's lines become what the client compares.
enum class Lines : std::uint8_t {
  joined,   // every line's value joined with ", " (Node's and Firefox's header maps, Fetch)
  first,    // the first line only (a multidict's get, Go's Header.Get)
  last,     // the last line only (a dict filled line by line)
  elements, // every comma-separated element of every line
};

// How a value is matched against the expected token or value.
enum class Match : std::uint8_t {
  whole_value, // the whole value equals it
  any_element, // one comma-separated element (OWS trimmed) equals it
  only_element // the only element equals it; more than one element fails with `several`
};

// The grammar a client parses a list field with before matching (RFC 9110 5.6.1).
enum class ListGrammar : std::uint8_t {
  split,            // split at commas, trim OWS; never fails
  tokens,           // 1#token, strictly: a syntax error fails with `syntax_error`
  upgrade_protocols // 1#( token [ "/" token ] ) (RFC 9110 7.8), strictly
};

// One of Upgrade, Connection, Sec-WebSocket-Accept: where the client looks and how it compares.
// Placeholders: {value} (the value as compared), {elements} (the elements joined with
// element_separator), {status}, {syntax} (websockets' "expected token at 0 in ").
struct FieldCheck {
  Lines lines = Lines::joined;
  Match match = Match::whole_value;
  ListGrammar grammar = ListGrammar::split;
  bool case_insensitive = true;
  // More than one line fails with `several`.
  bool one_line_only = false;
  std::string_view element_separator = ", ";
  std::string_view missing{};
  std::string_view empty{};   // empty: `mismatch`
  std::string_view several{}; // more than one line or element where only one is allowed
  std::string_view mismatch{};
  std::string_view syntax_error{};
};

// What the client does with Sec-WebSocket-Protocol (RFC 6455 4.1 steps 6, 4.2.2).
struct SubprotocolCheck {
  Lines lines = Lines::joined;
  ListGrammar grammar = ListGrammar::split;
  bool case_insensitive = false;
  // More than one element fails with `several` ({elements}).
  bool one_element_only = false;
  // The client looks at the field only when it offered subprotocols.
  bool only_when_offered = false;
  // An empty value counts as no value.
  bool empty_is_absent = false;
  // Never fails: takes the first element that was offered, or none (aiohttp).
  bool picks_first_offered = false;
  // Empty: accepted.
  std::string_view absent_when_offered{};
  std::string_view present_when_not_offered{}; // {value}
  std::string_view not_offered{};              // {value}
  std::string_view several{};                  // {elements}
  std::string_view syntax_error{};             // {syntax}
};

// How the client reads Sec-WebSocket-Extensions.
enum class ExtensionGrammar : std::uint8_t {
  rfc6455,         // RFC 6455 9.1 (handshake::parse_extension_list)
  semicolon_pairs, // undici: the value split at ';' into name[=value] pairs, commas not special
  lenient_stop,    // Go's gorilla: reads until the first syntax error and keeps what it has
};

// A second permessage-deflate in the answer.
enum class DuplicateDeflate : std::uint8_t {
  fail,            // with duplicate_deflate
  use_first,       // the first one is used (ws)
  accept_then_fail // agreed to, then the first compressed message fails (libsoup)
};

// The client's permessage-deflate parameter checks (RFC 7692 7.1), each a reaction.
// Placeholders: {param}, {value}, {name}, {params} (websockets' list repr).
struct DeflateRules {
  Reaction unknown_parameter{};
  Reaction duplicate_parameter{};
  Reaction value_on_flag{};       // a no_context_takeover parameter with a value
  Reaction window_out_of_range{}; // not 8 to 15 (or not digits)
  Reaction window_leading_zero{}; // 010: digits, in range, but with a leading zero
  Reaction window_quoted{};       // "10": a quoted-string value
  Reaction client_window_bare{};  // client_max_window_bits without a value
  // The answer must fit the request's offer (RFC 7692 7.1.1.1, 7.1.2): this reaction otherwise.
  std::optional<Reaction> against_offer{};
  // Both no_context_takeover parameters are required, else this fails (gorilla).
  std::optional<Reaction> requires_no_context_takeover{};
};

// What the client does with Sec-WebSocket-Extensions (RFC 6455 4.1 step 5, 9.1).
struct ExtensionCheck {
  bool ignored = false; // never looked at (no extension support)
  Lines lines = Lines::joined;
  ExtensionGrammar grammar = ExtensionGrammar::rfc6455;
  // An empty value: accept (ignored), or fail with syntax_error.
  bool empty_is_syntax_error = true;
  // The names must be exactly permessage-deflate once before any parameter is checked (ws).
  bool names_before_parameters = false;
  // Only permessage-deflate is looked at; other names are ignored (gorilla).
  bool ignores_other_names = false;
  // The client offered no extension but looks at the answer anyway.
  std::string_view not_requested{};
  std::string_view syntax_error{}; // {value}
  std::string_view unknown{};      // {name}, {params}
  DuplicateDeflate duplicate = DuplicateDeflate::fail;
  std::string_view duplicate_deflate{}; // {name}, {params}
  DeflateRules deflate{};
};

// One step of a client's checks of a 101, in the order it makes them.
enum class Check : std::uint8_t {
  status,
  version,
  upgrade_present, // only that an Upgrade with a value exists (Node's upgrade event)
  upgrade,
  connection,
  accept,
  subprotocol,
  extensions,
};

// What the client does with bytes that follow the head once open (RFC 6455 5.2).
struct FrameReading {
  // A frame whose opcode is reserved (3-7, B-F): placeholder {opcode}.
  std::string_view reserved_opcode{};
  // A reserved data opcode (3-7), when its text differs (empty: reserved_opcode).
  std::string_view reserved_data_opcode{};
  // A frame in the same read as the head fails the handshake before it opens (Firefox).
  bool fails_before_open = false;
};

// Everything known of one client's handshake behaviour, as data, read by clients::predict.
struct ClientProfile {
  std::string_view name{};    // as --client takes it
  std::string_view product{}; // what was measured, with its version
  // Put before every message (a browser's console line names the URL first).
  std::string_view prefix{};
  StatusLineReading status_line{};
  FieldLineReading field_lines{};
  StatusHandling status{};
  std::span<const Check> order{};
  FieldCheck upgrade{};
  FieldCheck connection{};
  FieldCheck accept{};
  SubprotocolCheck subprotocol{};
  ExtensionCheck extensions{};
  FrameReading frames{};
};

} // namespace wsh::clients
