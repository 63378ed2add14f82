#pragma once

#include "diagnostics/Catalogue.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace wsh::servers {

// What a server does with a request it will not upgrade: answer with a status, close the
// connection without a response, or keep waiting for bytes that never come.
enum class Answer : std::uint8_t { respond, close, wait };

// Where the server puts the text that says why it refused: the response body, its log, the
// status line's reason phrase, or a response header (WebSocket-Node's reject reason).
enum class MessageIn : std::uint8_t { none, body, log, status_line, header };

// One refusal: the answer, the status and status line (templates, see MessageTemplate.hpp), and
// the library's own text, placeholders filled in when predicted.
struct Refusal {
  Answer answer = Answer::respond;
  unsigned status = 0;
  std::string_view status_line{};
  std::string_view message{};
  MessageIn where = MessageIn::none;
};

// A refusal answered with `status`.
constexpr Refusal respond(unsigned status, std::string_view status_line, std::string_view message,
                          MessageIn where) {
  return {Answer::respond, status, status_line, message, where};
}

// The connection closed without a response; `log` is what the library logged, if anything.
constexpr Refusal closes(std::string_view log = {}) {
  return {Answer::close, 0, {}, log, log.empty() ? MessageIn::none : MessageIn::log};
}

// No answer at all: the server waits for the rest of a head that never ends.
constexpr Refusal waits(std::string_view log = {}) {
  return {Answer::wait, 0, {}, log, log.empty() ? MessageIn::none : MessageIn::log};
}

// What a server's reader does with one shape of bytes: go on (reading it the lenient way the
// RFC allows), repair it as the library does, or refuse.
enum class Action : std::uint8_t {
  accept,             // reads it as the RFC's lenient reader would
  refuse,             // answers with the reaction's refusal
  unfold,             // joins an obs-fold line to the field before it (RFC 9112 5.2)
  unfold_after_strip, // the same, appending " " + the line to the value already stripped, so
                      // an empty first value keeps a leading space (Tornado)
  separate,           // reads a whitespace-led line as a field line of its own
  trim_name,          // drops the whitespace between a field name and its colon
  drop_line,          // the line names no field a check looks at (kept as written, or skipped)
  keep_byte,          // keeps a control byte or bare CR inside the value
  split_at_cr,        // ends the line at a bare CR (str.splitlines)
  swallow_to_colon,   // reads on, across line ends, until the next colon ends the field name
};

// One rule of a reader: the action and, for a refusal, the answer.
struct Reaction {
  Action action = Action::accept;
  Refusal refusal{};
};

// Reads it the RFC's lenient way.
constexpr Reaction accepts() {
  return {Action::accept, {}};
}
// Refuses with `refusal`.
constexpr Reaction refuses(Refusal refusal) {
  return {Action::refuse, refusal};
}
// Repairs it with `action`, as the library does.
constexpr Reaction does(Action action) {
  return {action, {}};
}

// Where the head ends for the server: at the first empty line after the request line (CRLF or
// LF alone, RFC 9112 2.2), at the first \r?\n\r?\n even before the request line (Tornado's
// read_until_regex), or only at the first CRLF CRLF (a reader that never ends a line at LF).
enum class HeadEnd : std::uint8_t { empty_line, first_blank, crlf_crlf };

// Which bytes end a line inside the head: CRLF or LF, CRLF only (LF alone stays in the line),
// or any line break (CR alone too, as Python's str.splitlines).
enum class LineEnd : std::uint8_t { crlf_or_lf, crlf_only, any_break };

// How the request line is cut into method, target and version.
enum class RequestLineSplit : std::uint8_t {
  parser,        // a state machine with one reaction per shape (llhttp, Beast, Jetty, lws)
  at_spaces,     // split(" ", 2): at the first two spaces, the rest is the version
  exactly_three, // split(" ") must give exactly three parts (Tornado)
  whitespace,    // split() on runs of whitespace, exactly three parts (Autobahn)
};

// How a server reads the request line (RFC 9112 3).
struct RequestLineReading {
  RequestLineSplit split = RequestLineSplit::parser;
  // For the split styles: the parts are not three.
  Reaction split_failed{};
  // For the parser style, one reaction per shape that breaks `method SP target SP version`.
  Reaction extra_spaces{};    // two spaces or more between the parts
  Reaction trailing_space{};  // a space after the version
  Reaction tabs{};            // HTAB between the parts
  Reaction missing_version{}; // `GET /` only (read as HTTP/0.9 by some)
  Reaction raw_space{};       // a space inside the target: four parts
};

// How leading whitespace and trailing whitespace are taken off a field value.
enum class LeadingStrip : std::uint8_t { ows, spaces_only };

// How a server reads field lines (RFC 9112 5, 5.2; RFC 9110 5.5), one reaction per fault.
struct FieldLineReading {
  // A line ending in LF alone, by where it is (RFC 9112 2.2 lets a recipient accept it).
  Reaction lf_request_line{};
  Reaction lf_field_line{};
  Reaction lf_empty_line{};
  // A CR not followed by LF inside a line (RFC 9112 2.2: reject or replace with SP).
  Reaction bare_cr{};
  // A line starting with whitespace: after a field, and right after the request line.
  Reaction obs_fold{};
  Reaction obs_fold_first{};
  // Whitespace between the name and the colon (RFC 9112 5.1: reject with 400); the special
  // reaction is for the names in `special_names` (llhttp tracks those itself).
  Reaction space_before_colon{};
  Reaction space_before_colon_special{};
  Reaction tab_before_colon{};
  Reaction missing_colon{};
  Reaction empty_name{};
  Reaction space_in_name{};
  Reaction nul_in_name{};
  Reaction ctl_in_name{};
  Reaction non_ascii_name{};
  Reaction other_in_name{}; // another byte that is not a tchar
  Reaction nul_in_value{};
  Reaction ctl_in_value{}; // 0x01-0x1f but HTAB
  Reaction del_in_value{};
  std::span<const std::string_view> special_names{};
  LeadingStrip leading_strip = LeadingStrip::ows;
  // The value keeps its trailing whitespace (RFC 9112 5.1 says it is not part of it).
  bool keeps_trailing_whitespace = false;
};

// What a size limit counts.
enum class Measure : std::uint8_t {
  head_bytes,          // the whole head, the empty line included
  line_bytes,          // the longest line (request line or field line), its CRLF included
  field_line_bytes,    // the longest field line, without its line end
  request_line_bytes,  // the request line, without its line end
  target_bytes,        // the request-target
  value_bytes,         // the longest field value
  field_count,         // the number of field lines
  target_names_values, // target + every name + every value (Node's header byte count)
  lines_plus_three,    // every line's length plus 3, empty line included (WebSocket++)
  beast_buffer,        // Beast's 1536-byte read buffer: the request line, then what is left of
                       // the head after the first 1536 bytes' complete lines, must fit in it
};

// One limit: the largest count accepted and what exceeding it gets.
struct Limit {
  Measure measure = Measure::head_bytes;
  std::size_t largest = 0;
  Refusal refusal{};
  std::string_view cause{};
};

// What one check of the server tests (the predictor implements each generically; the
// parameters come from the Step).
enum class Test : std::uint8_t {
  method_in,             // the method is one of `list` (exact)
  method_token,          // the method is a token (RFC 9110 9.1)
  method_not_in,         // the method is none of `list` (CONNECT, which servers route apart)
  version_in,            // the version matches one of `list` ('?' stands for a digit)
  version_at_least_1_1,  // HTTP/major.minor with (major, minor) >= (1, 1)
  target_form_in,        // the target's form is one of `list`: origin, absolute, authority,
                         // asterisk, relative, or connect (authority-form with CONNECT)
  target_without,        // the target holds none of the bytes in `value`
  target_ascii,          // the target holds no byte above 0x7f
  target_percent_valid,  // every % is followed by two hex digits
  target_clean_path,     // the path has no `//` and no dot segment (Go's ServeMux)
  target_no_fragment,    // the target has no `#...` (Autobahn)
  field_present,         // `field` has a line
  field_nonempty,        // `field` has a line and its value (per `lines`) is not empty
  field_single,          // `field` has at most one line
  field_equals,          // the value (per `lines`) equals `value`, case-insensitively
  field_equals_exact,    // the value (per `lines`) equals `value` byte for byte
  field_differs,         // the value (per `lines`) is absent or not `value` (case-insensitive)
  field_equals_stripped, // the value (per `lines`), whitespace stripped, equals `value`
                         // case-insensitively (Python\'s .lower().strip())
  field_has_token,       // the value, read as a list per `grammar`, has the token `value`
  field_contains,        // the value (per `lines`) holds `value`, case-insensitively
  field_list_syntax,     // every line parses as a list per `grammar`
  key_valid,             // Sec-WebSocket-Key (per `lines`) is valid per `key_rule`
  version_number_in,     // the value (per `lines`), read per `number`, is one of `list`
  version_number_truthy, // the value reads per `number` as neither NaN nor 0 (JavaScript's
                         // `!value` in WebSocket-Node)
  origin_same_host,      // no Origin, or its host[:port] equals the Host per `origin_rule`
  origin_has_host,       // no Origin, or it parses as a URL with a host (Autobahn)
  host_valid,            // the Host value is valid per `host_rule`
  subprotocols_valid,    // Sec-WebSocket-Protocol parses per `grammar` without duplicates
  no_subprotocols,       // no Sec-WebSocket-Protocol element is offered
  extensions_valid,      // Sec-WebSocket-Extensions is accepted per `extension_rule`
  content_length_valid,  // every Content-Length value reads as a number per `number` (exact:
                         // 1*DIGIT, RFC 9110 8.6; python_int: Python's int(), a sign allowed)
  content_length_single_value,  // the Content-Length values agree
  content_length_at_most,       // every Content-Length, read as C's strtoul, is at most `value`
  no_length_with_chunked,       // not both Transfer-Encoding and Content-Length (RFC 9112 6.1)
  transfer_coding_known,        // Transfer-Encoding is absent or its last coding is `chunked`
  transfer_coding_only_chunked, // Transfer-Encoding is absent or exactly `chunked` (Go)
  transfer_chunked_once, // no coding follows `chunked` and `chunked` comes once (llhttp, Jetty)
  no_body,               // the request announces no body (Content-Length 0 or absent)
  nothing_after_head,    // no byte follows the head
};

// How the lines of a repeated field become the value a check compares.
enum class Lines : std::uint8_t {
  joined,       // every line's value joined with ", " (Node's header object, Autobahn)
  joined_comma, // joined with "," (Tornado's HTTPHeaders.get)
  first,        // the first line only (Go's Header.Get, a multidict's get)
  last,         // the last line only
  each,         // each line on its own: the check passes when one line passes (a message
                // quotes the first line, as Go's Header.Get)
};

// How a list field is cut into elements before a token is looked for.
enum class Grammar : std::uint8_t {
  split_trim,          // split at ',' and trim whitespace (never fails)
  split_spaces,        // split at / *, */ (faye-websocket): only spaces are trimmed
  strict,              // 1#token (RFC 9110 5.6.1): a syntax error fails (Python websockets)
  strict_protocols,    // 1#( token [ "/" token ] ), the Upgrade grammar (RFC 9110 7.8)
  go_token_list,       // gorilla's tokenListContainsValue: a line stops at its first bad token
  leading_token,       // each element's leading token counts (Beast's token_list)
  llhttp_connection,   // llhttp's Connection scan: comma-separated, OWS trimmed, unquoted
  ws_subprotocol,      // ws's subprotocol.parse: strict tokens, no duplicates
  duplicates,          // split and trim; a repeated element fails (Autobahn)
  opt_token_list,      // elements are tokens or empty, an empty value allowed (Beast)
  lws_tokenize,        // libwebsockets' lws_tokenize with RFC 7230 delimiters: a quoted string
                       // fails; a token matches when it is a case-insensitive prefix of the
                       // wanted one (strncasecmp over the token's length)
  token_list_no_empty, // tokens separated by commas, no empty element, repeats allowed
                       // (libwebsockets' lws_tokenize with a comma-separated list)
  split_unquote,       // split at ',', trim, and take surrounding quotes off (Jetty's QuoteUtil)
};

// How a Sec-WebSocket-Key value is judged.
enum class KeyRule : std::uint8_t {
  nonempty,          // any non-empty value
  at_most_24,        // any value of 24 bytes or fewer (Beast)
  ws_regex,          // /^[+/0-9A-Za-z]{22}==$/ (ws)
  base64_strict,     // Python base64.b64decode(validate=True) gives 16 bytes
  base64_lenient,    // Python base64.b64decode() (bytes outside the alphabet dropped) gives 16
  autobahn_length,   // 24 characters (Autobahn)
  autobahn_padding,  // ending "==" (Autobahn)
  autobahn_alphabet, // the characters before "==" from the base64 alphabet (Autobahn)
};

// How a Sec-WebSocket-Version value is read as a number.
enum class NumberRule : std::uint8_t {
  exact,      // compared as a string
  js_number,  // JavaScript's +value: whitespace, leading zeros, fractions and 0x allowed
  parse_int,  // JavaScript's parseInt(value, 10): leading digits, the rest ignored
  stream_int, // C++ istream >> int: leading whitespace, digits, the rest ignored; WebSocket++
              // reads an absent or empty value as 0 before it gets there
  java_int,   // Java's Integer.parseInt: [+-]digits only; anything else throws
  python_int, // Python's int(): surrounding whitespace, [+-]digits, underscores
};

// How Origin is compared with Host by a same-origin check.
enum class OriginRule : std::uint8_t {
  go_url_host,        // Go's url.Parse(Origin).Host against the request's Host (the absolute
                      // target's authority when it has one), ASCII case-insensitively
  go_url_host_if_set, // the same, an empty Origin counting as none (nhooyr's Header.Get)
  python_netloc,      // urlparse(Origin).netloc lowercased against the Host field as given
};

// How a Host value is judged.
enum class HostRule : std::uint8_t {
  go_valid_host, // httpguts.ValidHostHeader: the bytes Go allows in a Host
  numeric_port,  // after the last ':' (outside brackets) digits worth 1 to 65535 (Jetty's
                 // HostPort)
  atoi_port,     // after the last ':' (outside brackets) C's atoi() gives 1 to 65535, or
                 // nothing follows (WebSocket++'s uri)
  python_port,   // after the last ':' something Python's int() reads (Autobahn)
  uri_host,      // a Host java.net.URI takes in a request URL (Jetty): no space or other
                 // byte URI refuses, no ':' left in the host once the port is cut off
};

// How Sec-WebSocket-Extensions is judged.
enum class ExtensionRule : std::uint8_t {
  rfc6455_list,         // the RFC 6455 9.1 grammar (handshake::parse_extension_list)
  token_params_list,    // 1#( token *( ";" token [ "=" ( token / quoted-string ) ] ) ) with no
                        // empty element, any quoted-string, an empty value counting as none
                        // (websocket-extensions' EXT_LIST, WebSocket++'s extract_parameters)
  deflate_params,       // permessage-deflate parameters known and valid, once each (Autobahn)
  deflate_known_params, // permessage-deflate parameters, first offer: known ones only, a
                        // server_max_window_bits never (nhooyr)
  deflate_param_names,  // permessage-deflate parameters named as RFC 7692 names them (Jetty)
  deflate_window_8,     // the first permessage-deflate offer websockets accepts (known
                        // parameters, once each, window bits "8" to "15") does not ask
                        // server_max_window_bits=8, which zlib cannot deflate with
};

// One check of the server's, in the server's order. Which fields matter depends on `test`.
struct Step {
  Test test = Test::field_present;
  Lines lines = Lines::joined;
  Grammar grammar = Grammar::split_trim;
  KeyRule key_rule = KeyRule::nonempty;
  NumberRule number = NumberRule::exact;
  OriginRule origin_rule = OriginRule::go_url_host;
  HostRule host_rule = HostRule::go_valid_host;
  ExtensionRule extension_rule = ExtensionRule::rfc6455_list;
  std::string_view field{};
  std::string_view value{};
  // The step applies only when the request has a line of this field.
  std::string_view when{};
  // The step applies only to these HTTP versions ('?' a digit); empty: to every version.
  std::span<const std::string_view> when_version{};
  std::span<const std::string_view> list{};
  // What the server answers when the test fails.
  Refusal refusal{};
  // The server's rule, in kebab-case, for when the RFC allows what it refuses.
  std::string_view cause{};
  // The engine's diagnostics that mean the RFC refuses the request for the same reason.
  std::span<const diagnostics::DiagnosticId> rfc{};
  // Where the rule is in the library, and the measured requests that show it.
  std::string_view source{};
  std::string_view evidence{};
};

// A server's HTTP layer: how it finds the head, reads the lines, limits sizes, and what it
// checks on the request line before the handshake code runs. Servers on one HTTP stack share
// one of these.
struct HttpReading {
  std::string_view name{};
  std::string_view source{};
  HeadEnd head_end = HeadEnd::empty_line;
  LineEnd line_end = LineEnd::crlf_or_lf;
  Reaction leading_empty_line{};
  RequestLineReading request_line{};
  FieldLineReading fields{};
  std::span<const Limit> limits{};
  std::span<const Step> request_line_steps{};
  // Checks the HTTP layer makes on the fields before the application sees the request.
  std::span<const Step> field_steps{};
};

// Which key value the Sec-WebSocket-Accept of a 101 is computed over (RFC 6455 4.2.2 item 5.4
// wants the key without surrounding OWS, sent once).
enum class AcceptOver : std::uint8_t {
  key,       // the key as RFC 6455 means it
  joined,    // every Sec-WebSocket-Key line joined (", " or "," per `accept_lines`)
  untrimmed, // the value with the whitespace the reader keeps
};

// One server library with its default settings: who it is, its HTTP layer, its handshake checks
// in its own order, and how its 101 is built. Plain data; `predict` reads it.
struct ServerProfile {
  std::string_view name{};
  std::string_view library{};
  std::string_view version{};
  std::string_view settings{};
  std::string_view source{};
  const HttpReading* http = nullptr;
  std::span<const Step> steps{};
  AcceptOver accept_over = AcceptOver::key;
  Lines accept_lines = Lines::first;
  std::string_view accept_flaw_cause{};
  // The status line of its 101.
  std::string_view switching_status_line = "HTTP/1.1 101 Switching Protocols";
};

} // namespace wsh::servers
