#include "http/RequestParser.hpp"

#include "http/ByteScan.hpp"
#include "http/Grammar.hpp"
#include "http/HeaderEnd.hpp"
#include "http/HeaderLine.hpp"
#include "http/Host.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

namespace wsh::http {

namespace {

using diagnostics::DiagnosticId;
using diagnostics::make_diagnostic;
using util::describe_byte;

constexpr std::size_t k_npos = std::string_view::npos;

ParseError malformed(DiagnosticId id, std::size_t offset, std::string message) {
  return ParseError{ParseErrorKind::malformed, id, offset, std::move(message)};
}

// One line of the header block: [begin, end) without its line ending.
struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t next = 0; // where the following line starts
  bool lf_only = false; // ended by LF alone
};

// Whether `text` starts with `prefix`, compared as bytes (inlined for a literal prefix).
inline bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::memcmp(text.data(), prefix.data(), prefix.size()) == 0;
}

// The bytes of a percent-encoding of `c` ("%" and two upper-case hex digits, RFC 3986 2.1).
std::string percent_encoded(char c) {
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(c);
  return {'%', k_hex[byte >> 4U], k_hex[byte & 0xfU]};
}

class RequestReader {
public:
  RequestReader(std::string_view input, const ParseOptions& options)
      : m_input(input), m_options(options) {}

  std::optional<ParseError> read(Request& request);

private:
  std::optional<ParseError> read_request_line(const Line& line, Request& request) const;
  std::optional<ParseError> find_target_end(std::size_t begin, std::size_t end,
                                            std::size_t& target_end, bool& brackets) const;
  std::optional<ParseError> check_target_form(std::string_view method, std::size_t begin,
                                              std::size_t end, bool brackets) const;
  std::optional<ParseError> check_no_brackets(std::size_t begin, std::size_t end) const;
  std::optional<ParseError> check_version(std::size_t begin, std::size_t end) const;
  std::optional<ParseError> read_field(const Line& line, Request& request) const;

  // The field value between `begin` and `end` without the OWS around it (RFC 9112 5).
  std::string_view value_of(std::size_t begin, std::size_t end) const {
    while (begin < end && is_ows(m_input[begin])) {
      ++begin;
    }
    while (end > begin && is_ows(m_input[end - 1])) {
      --end;
    }
    return slice(begin, end);
  }

  // The bytes [begin, end), which the caller keeps inside the input (no bounds check).
  std::string_view slice(std::size_t begin, std::size_t end) const {
    return {m_input.data() + begin, end - begin};
  }

  std::string_view m_input;
  const ParseOptions& m_options;
};

// RFC 9112 2.2: a CR not followed by LF must be rejected (or replaced) by a recipient. Each
// loop over a line's bytes stops at it and asks here, so no extra pass is needed.
inline std::optional<ParseError> bare_cr_at(std::string_view input, std::size_t pos,
                                            std::size_t end) {
  if (pos < end && input[pos] == '\r') {
    return malformed(DiagnosticId::bare_cr, pos,
                     "a CR byte that is not followed by LF, inside a line");
  }
  return std::nullopt;
}

// request-line = method SP request-target SP HTTP-version            (RFC 9112 3)
// method       = token                                                (RFC 9110 9.1)
std::optional<ParseError> RequestReader::read_request_line(const Line& line,
                                                           Request& request) const {
  if (line.begin == line.end) {
    return malformed(DiagnosticId::malformed_request_line, line.begin, "the request line is empty");
  }
  // A method is short: byte by byte.
  std::size_t i = line.begin;
  while (i < line.end && is_tchar(m_input[i])) {
    ++i;
  }
  if (auto error = bare_cr_at(m_input, i, line.end)) {
    return error;
  }
  if (i == line.end) {
    return malformed(DiagnosticId::malformed_request_line, i,
                     "the request line ends after the method; expected "
                     "`method SP request-target SP HTTP-version`");
  }
  if (m_input[i] != ' ') {
    if (i == line.begin && is_ows(m_input[i])) {
      return malformed(DiagnosticId::malformed_request_line, i,
                       "the request line starts with whitespace");
    }
    if (is_ows(m_input[i])) {
      return malformed(DiagnosticId::malformed_request_line, i,
                       "a tab follows the method; the separator is a single space");
    }
    if (m_input[i] == ':' && i != line.begin) {
      return malformed(DiagnosticId::missing_request_line, line.begin,
                       fmt::format("the first line is a header field ({}:), not a request line; "
                                   "the request line, such as `GET /chat HTTP/1.1`, is missing",
                                   slice(line.begin, i)));
    }
    return malformed(
        DiagnosticId::invalid_method, i,
        fmt::format("{} is not allowed in a method (a token)", describe_byte(m_input[i])));
  }
  if (i == line.begin) {
    return malformed(DiagnosticId::malformed_request_line, i,
                     "the request line starts with a space");
  }
  request.method = slice(line.begin, i);

  const std::size_t target_begin = i + 1;
  if (target_begin < line.end && m_input[target_begin] == ' ') {
    return malformed(DiagnosticId::malformed_request_line, target_begin,
                     "two spaces where one separates the method from the request target");
  }
  std::size_t target_end = 0;
  bool brackets = false;
  if (auto error = find_target_end(target_begin, line.end, target_end, brackets)) {
    return error;
  }
  if (target_end == line.end) {
    return malformed(DiagnosticId::malformed_request_line, line.end,
                     "the request line has no HTTP version after the request target");
  }
  // The space after the target: the version follows, unless what follows starts another word
  // and a space comes later, which makes this space a raw one inside the target.
  const std::size_t version_begin = target_end + 1;
  const std::string_view rest = slice(version_begin, line.end);
  if (!starts_with(rest, "HTTP/")) {
    const std::size_t words = rest.find_first_not_of(' ');
    if (words != 0 && words != std::string_view::npos && starts_with(rest.substr(words), "HTTP/")) {
      return malformed(DiagnosticId::malformed_request_line, version_begin,
                       "two spaces where one separates the request target from the HTTP version");
    }
    if (rest.find(' ') != std::string_view::npos) {
      return malformed(DiagnosticId::invalid_request_target, target_end,
                       "a raw space in the request target; percent-encode it as %20");
    }
  }
  if (auto error = check_target_form(request.method, target_begin, target_end, brackets)) {
    return error;
  }
  request.target = slice(target_begin, target_end);
  if (auto error = check_version(version_begin, line.end)) {
    return error;
  }
  request.version = slice(version_begin, line.end);
  return std::nullopt;
}

// The bytes of a request target (RFC 9112 3.2, RFC 3986): pchar, "/" and "?" of a path and
// query, pct-encoded = "%" HEXDIG HEXDIG, and "[" "]" of an IP literal (placed by
// check_target_form). Sets `target_end` to the first other byte, or to `end`; a space there
// ends the target, anything else is refused at its position.
std::optional<ParseError> RequestReader::find_target_end(std::size_t begin, std::size_t end,
                                                         std::size_t& target_end,
                                                         bool& brackets) const {
  std::size_t i = find_path_end(m_input, begin, end);
  for (; i < end; i = find_path_end(m_input, i + 1, end)) {
    const char c = m_input[i];
    if (c == '%') {
      if (i + 2 >= end || !has_class(m_input[i + 1], byte_class::k_hex_digit) ||
          !has_class(m_input[i + 2], byte_class::k_hex_digit)) {
        return malformed(DiagnosticId::invalid_request_target, i,
                         "'%' in the request target must start a percent-encoded byte ('%' and "
                         "two hex digits); a '%' itself is written %25");
      }
      i += 2;
      continue;
    }
    if (c != '[' && c != ']') {
      break;
    }
    brackets = true;
  }
  target_end = i;
  if (i == end || m_input[i] == ' ') {
    return std::nullopt;
  }
  const char c = m_input[i];
  const auto byte = static_cast<unsigned char>(c);
  if (c == '#') {
    return malformed(DiagnosticId::invalid_request_target, i,
                     "a fragment ('#...') in the request target; clients never send it");
  }
  if (auto error = bare_cr_at(m_input, i, end)) {
    return error;
  }
  if (has_class(c, byte_class::k_control)) {
    return malformed(DiagnosticId::invalid_request_target, i,
                     fmt::format("control {} in the request target; percent-encode it as {}",
                                 describe_byte(c), percent_encoded(c)));
  }
  if (byte >= 0x80) {
    return malformed(DiagnosticId::invalid_request_target, i,
                     fmt::format("non-ASCII {} in the request target; percent-encode it as {}",
                                 describe_byte(c), percent_encoded(c)));
  }
  return malformed(DiagnosticId::invalid_request_target, i,
                   fmt::format("{} is not allowed in a request target (RFC 3986); percent-encode "
                               "it as {}",
                               describe_byte(c), percent_encoded(c)));
}

// '[' and ']' appear in a target only around the IP literal of a host (RFC 3986 3.2.2).
std::optional<ParseError> RequestReader::check_no_brackets(std::size_t begin,
                                                           std::size_t end) const {
  const std::size_t at = slice(begin, end).find_first_of("[]");
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  const char c = m_input[begin + at];
  return malformed(DiagnosticId::invalid_request_target, begin + at,
                   fmt::format("{} is allowed in a request target only around an IP literal "
                               "host; percent-encode it as {}",
                               describe_byte(c), percent_encoded(c)));
}

// request-target = origin-form / absolute-form / authority-form / asterisk-form (RFC 9112 3.2)
// origin-form    = absolute-path [ "?" query ]
// absolute-form  = absolute-URI; a sender must not send userinfo     (RFC 9110 4.2.4)
// authority-form = uri-host ":" port, only for CONNECT               (RFC 9112 3.2.3)
// asterisk-form  = "*"; which methods may use it is the engine's concern (RFC 9112 3.2.4)
std::optional<ParseError> RequestReader::check_target_form(std::string_view method,
                                                           std::size_t begin, std::size_t end,
                                                           bool brackets) const {
  const std::string_view target = slice(begin, end);
  const auto no_brackets = [&](std::size_t from) {
    return brackets ? check_no_brackets(from, end) : std::nullopt;
  };
  if (target.front() == '/') {
    return no_brackets(begin);
  }
  if (target == "*") {
    return std::nullopt;
  }
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )              (RFC 3986 3.1)
  std::size_t scheme_end = 0;
  if (has_class(target.front(), byte_class::k_alpha)) {
    scheme_end = 1;
    while (scheme_end < target.size() && has_class(target[scheme_end], byte_class::k_scheme)) {
      ++scheme_end;
    }
  }
  const bool has_scheme = scheme_end > 0 && scheme_end < target.size() && target[scheme_end] == ':';
  if (has_scheme && starts_with(target.substr(scheme_end + 1), "//")) {
    // hier-part = "//" authority path-abempty; authority = [ userinfo "@" ] host [ ":" port ]
    const std::size_t authority = scheme_end + 3;
    const std::size_t authority_end = std::min(target.find_first_of("/?", authority), end - begin);
    if (const std::size_t at = target.substr(0, authority_end).find('@', authority);
        at != std::string_view::npos) {
      return malformed(DiagnosticId::userinfo_in_target, begin + authority,
                       fmt::format("userinfo (`{}@`) in the request target; a URI sent in a "
                                   "request must not carry it",
                                   target.substr(authority, at - authority)));
    }
    return no_brackets(begin + authority_end);
  }
  if (target.find(':') != std::string_view::npos && !check_host(target)) {
    if (method == "CONNECT") {
      return std::nullopt;
    }
    return malformed(DiagnosticId::authority_form_target, begin,
                     fmt::format("the request target `{}` is a host and port (authority-form), "
                                 "which only CONNECT uses; a {} names a path: `{} /path "
                                 "HTTP/1.1` with `Host: {}`",
                                 target, method, method, target));
  }
  if (has_scheme) {
    return no_brackets(begin);
  }
  return malformed(DiagnosticId::invalid_request_target, begin,
                   "the request target must start with '/' (origin-form) or a scheme such as "
                   "ws: (absolute-form)");
}

// HTTP-version = HTTP-name "/" DIGIT "." DIGIT; HTTP-name = %s"HTTP"   (RFC 9112 2.3)
std::optional<ParseError> RequestReader::check_version(std::size_t begin, std::size_t end) const {
  if (end - begin == 8 && starts_with(slice(begin, end), "HTTP/1.1")) {
    return std::nullopt;
  }
  constexpr std::string_view k_shape = "HTTP/0.0";
  for (std::size_t k = 0; k < k_shape.size(); ++k) {
    const std::size_t i = begin + k;
    if (i == end) {
      return malformed(DiagnosticId::invalid_http_version, i,
                       "the HTTP version is cut short; expected HTTP/1.1");
    }
    const char c = m_input[i];
    const bool ok = k_shape[k] == '0' ? has_class(c, byte_class::k_digit) : c == k_shape[k];
    if (auto error = bare_cr_at(m_input, i, end); error && !ok) {
      return error;
    }
    if (!ok) {
      return malformed(
          DiagnosticId::invalid_http_version, i,
          fmt::format("{} where the version `HTTP/` DIGIT `.` DIGIT expects {}; "
                      "HTTP-name is case-sensitive",
                      describe_byte(c),
                      k_shape[k] == '0' ? std::string("a digit") : describe_byte(k_shape[k])));
    }
  }
  const std::size_t after = begin + k_shape.size();
  if (auto error = bare_cr_at(m_input, after, end)) {
    return error;
  }
  if (after != end && is_ows(m_input[after])) {
    return malformed(DiagnosticId::malformed_request_line, after,
                     fmt::format("{} after the HTTP version; the request line ends right after "
                                 "{}",
                                 m_input[after] == ' ' ? "a space" : "a tab", slice(begin, after)));
  }
  if (after != end) {
    return malformed(DiagnosticId::invalid_http_version, after,
                     "bytes after the HTTP version; the request line ends with HTTP/1.1");
  }
  return std::nullopt;
}

// field-line = field-name ":" OWS field-value OWS                      (RFC 9112 5)
// field-value = *field-content; field-vchar = VCHAR / obs-text         (RFC 9110 5.5)
// The field line [line.begin, line.end), whose end is known; the reader of clean lines in
// read() makes the same two searches, on the whole input.
std::optional<ParseError> RequestReader::read_field(const Line& line, Request& request) const {
  const HeaderLine read = read_header_line(m_input, line.begin, line.end, line.lf_only);
  const std::string_view name = slice(line.begin, read.name_end);
  const auto named = [&](ParseError error) {
    error.header = name;
    return error;
  };
  switch (read.shape) {
  case LineShape::obs_fold:
    return malformed(DiagnosticId::obs_fold, read.problem_at,
                     "this line starts with whitespace, continuing the previous field "
                     "(obsolete line folding)");
  case LineShape::bare_cr:
    return malformed(DiagnosticId::bare_cr, read.problem_at,
                     "a CR byte that is not followed by LF, inside a line");
  case LineShape::missing_colon:
    if (read.problem_at == line.begin) {
      return malformed(DiagnosticId::missing_colon, line.begin,
                       "this header line has no colon; expected `Name: value`");
    }
    return named(malformed(
        DiagnosticId::missing_colon, read.problem_at,
        fmt::format("no colon after the field name `{}`; expected `{}: value`", name, name)));
  case LineShape::whitespace_before_colon:
    return named(
        malformed(DiagnosticId::whitespace_before_colon, read.problem_at,
                  fmt::format("whitespace between the field name `{}` and the colon", name)));
  case LineShape::invalid_name:
    if (read.problem_at == line.begin && m_input[read.problem_at] == ':') {
      return malformed(DiagnosticId::invalid_field_name, read.problem_at,
                       "the field name before ':' is empty");
    }
    return malformed(DiagnosticId::invalid_field_name, read.problem_at,
                     fmt::format("{} is not allowed in a field name (a token)",
                                 describe_byte(m_input[read.problem_at])));
  case LineShape::control_byte:
    return named(malformed(DiagnosticId::control_byte_in_value, read.problem_at,
                           fmt::format("control {} in the value of {}",
                                       describe_byte(m_input[read.problem_at]), name)));
  case LineShape::field:
    break;
  }
  if (request.fields.size() == m_options.max_fields) {
    return ParseError{ParseErrorKind::too_large, DiagnosticId::too_many_fields, line.begin,
                      fmt::format("more than {} header fields", m_options.max_fields)};
  }
  request.fields.push_back(Field{name, value_of(read.name_end + 1, line.end)});
  return std::nullopt;
}

std::optional<ParseError> RequestReader::read(Request& request) {
  if (m_input.empty()) {
    return std::optional<ParseError>(ParseError{ParseErrorKind::incomplete,
                                                DiagnosticId::empty_input, 0,
                                                "the input is empty: no request arrived"});
  }
  request.input = m_input;
  request.method = {};
  request.target = {};
  request.version = {};
  request.fields.clear();
  request.fields.reserve(32); // browsers send 10 to 20 fields: one allocation, no regrowth
  request.diagnostics.clear();

  // One pass: each line is found, bounded by the limit, and read; the empty line ends it.
  const std::size_t size = m_input.size();
  const std::size_t limit = m_options.max_header_bytes;
  const auto too_large = [&](std::string message) {
    return std::optional<ParseError>(ParseError{ParseErrorKind::too_large,
                                                DiagnosticId::header_block_too_large, limit,
                                                std::move(message)});
  };
  std::size_t empty_line_at = k_npos;
  std::size_t block_end = k_npos;
  bool truncated = false;
  std::size_t first_lf_only = k_npos;
  const std::size_t max_fields = m_options.max_fields;
  std::size_t pos = skip_leading_empty_lines(m_input);
  bool first = true;
  while (block_end == k_npos) {
    if (!first) {
      // A clean field line, read in one pass: a token, a colon, field-value bytes up to CR LF
      // or LF. Any other line is read below once its end is known.
      if (request.fields.size() < max_fields) {
        const FieldLineStops stops = find_field_line_stops(m_input, pos);
        const std::size_t stop = stops.value_end;
        if (stop + 1 < size && m_input[stop] == '\r' && m_input[stop + 1] == '\n' &&
            stop + 2 <= limit) {
          request.fields.push_back(
              Field{slice(pos, stops.name_end), value_of(stops.name_end + 1, stop)});
          pos = stop + 2;
          continue;
        }
        if (stop < size && m_input[stop] == '\n' && stop + 1 <= limit) {
          request.fields.push_back(
              Field{slice(pos, stops.name_end), value_of(stops.name_end + 1, stop)});
          if (first_lf_only == k_npos) {
            first_lf_only = stop;
          }
          pos = stop + 1;
          continue;
        }
      }
      if (pos + 1 < size && m_input[pos] == '\r' && m_input[pos + 1] == '\n' && pos + 2 <= limit) {
        empty_line_at = pos; // the empty line that ends the header block
        block_end = pos + 2;
        break;
      }
    }
    Line line;
    line.begin = pos;
    // The line's end: its first byte that no field value holds, when that is the CR of CR LF
    // (most lines); the first LF otherwise.
    const std::size_t stop = find_field_value_end(m_input, pos, size);
    const std::size_t newline_at =
        stop + 1 < size && m_input[stop] == '\r' && m_input[stop + 1] == '\n'
            ? stop + 1
            : find_lf(m_input, pos);
    if (newline_at == size) {
      if (size > limit) {
        return too_large(fmt::format(
            "no end of the header block in the first {} bytes (--max-header-bytes)", limit));
      }
      if (!m_options.allow_truncated) {
        return std::optional<ParseError>(
            ParseError{ParseErrorKind::incomplete, DiagnosticId::incomplete_request, size,
                       fmt::format("the input ends after {} bytes, before the empty line that "
                                   "ends the header block",
                                   size)});
      }
      truncated = true;
      block_end = size;
      empty_line_at = size;
      line.end = size;
      line.next = size;
      if (line.end > line.begin && m_input[line.end - 1] == '\r') {
        --line.end;
      }
      if (line.begin == line.end) {
        break;
      }
    } else {
      if (newline_at + 1 > limit) {
        return too_large(fmt::format("the header block runs past the limit of {} bytes "
                                     "(--max-header-bytes)",
                                     limit));
      }
      line.next = newline_at + 1;
      line.end = newline_at;
      if (line.end > line.begin && m_input[line.end - 1] == '\r') {
        --line.end;
      } else {
        line.lf_only = true;
      }
      if (line.lf_only && first_lf_only == k_npos) {
        first_lf_only = line.end;
      }
      if (line.begin == line.end && !first) {
        empty_line_at = line.begin;
        block_end = line.next; // the empty line that ends the header block
        break;
      }
    }
    auto error = first ? read_request_line(line, request) : read_field(line, request);
    if (error) {
      return error;
    }
    first = false;
    pos = line.next;
  }
  request.header_size = block_end;
  request.empty_line_at = empty_line_at;
  if (request.method.empty()) {
    return malformed(DiagnosticId::malformed_request_line, pos,
                     "the input holds only empty lines, no request line");
  }

  if (first_lf_only != k_npos) {
    request.diagnostics.push_back(make_diagnostic(
        DiagnosticId::lf_line_endings, first_lf_only,
        "lines end with LF alone, not CRLF (the first one here); accepted leniently"));
  }
  if (truncated) {
    request.diagnostics.push_back(make_diagnostic(
        DiagnosticId::truncated_request, size,
        fmt::format("the input ends after {} bytes without the empty line; treating the end of "
                    "input as the end of the headers (--allow-truncated)",
                    size)));
  }
  if (request.bytes_after_headers() > 0) {
    request.diagnostics.push_back(make_diagnostic(
        DiagnosticId::data_after_headers, block_end,
        fmt::format("{}{} bytes follow the header block; they were counted, not parsed",
                    m_options.more_input_unread ? "at least " : "",
                    request.bytes_after_headers())));
  }
  return std::nullopt;
}

} // namespace

std::optional<ParseError> parse_request_into(std::string_view input, const ParseOptions& options,
                                             Request& request) {
  return RequestReader(input, options).read(request);
}

util::Expected<Request, ParseError> parse_request(std::string_view input,
                                                  const ParseOptions& options) {
  Request request;
  if (auto error = parse_request_into(input, options, request)) {
    return util::unexpected(std::move(*error));
  }
  return request;
}

} // namespace wsh::http
