#include "http/RequestParser.hpp"

#include "http/ByteScan.hpp"
#include "http/Grammar.hpp"
#include "http/HeaderEnd.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <cstring>
#include <optional>

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

class RequestReader {
public:
  RequestReader(std::string_view input, const ParseOptions& options)
      : m_input(input), m_options(options) {}

  std::optional<ParseError> read(Request& request);

private:
  std::optional<ParseError> read_request_line(const Line& line, Request& request) const;
  std::optional<ParseError> check_request_target(std::size_t begin, std::size_t end) const;
  std::optional<ParseError> check_version(std::size_t begin, std::size_t end) const;
  std::optional<ParseError> read_field(const Line& line, Request& request) const;

  // The value between a colon and a CR of a line without control bytes, without the OWS
  // around it: only spaces, since such a line holds no HTAB.
  std::string_view value_of_clean_line(std::size_t colon, std::size_t end) const {
    std::size_t begin = colon + 1;
    while (begin < end && m_input[begin] == ' ') {
      ++begin;
    }
    while (end > begin && m_input[end - 1] == ' ') {
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
  // The version has no space, so a request line ending in " HTTP/1.1" has its last space
  // there; any other is searched for.
  const std::size_t last_space =
      line.end - line.begin > 9 && slice(line.end - 9, line.end) == " HTTP/1.1"
          ? line.end - 9
          : slice(0, line.end).rfind(' ');
  if (last_space < target_begin) {
    return malformed(DiagnosticId::malformed_request_line, line.end,
                     "the request line has no HTTP version after the request target");
  }
  if (last_space == target_begin || m_input[target_begin] == ' ') {
    return malformed(DiagnosticId::malformed_request_line, target_begin,
                     "two spaces where one separates the method from the request target");
  }
  if (auto error = check_request_target(target_begin, last_space)) {
    return error;
  }
  request.target = slice(target_begin, last_space);
  if (auto error = check_version(last_space + 1, line.end)) {
    return error;
  }
  request.version = slice(last_space + 1, line.end);
  return std::nullopt;
}

// request-target = origin-form / absolute-form / authority-form / asterisk-form (RFC 9112 3.2);
// a GET that opens a WebSocket uses origin-form (absolute-path [ "?" query ]) or, to a proxy,
// absolute-form (absolute-URI). Neither holds a space, a fragment, a control or non-ASCII byte.
std::optional<ParseError> RequestReader::check_request_target(std::size_t begin,
                                                              std::size_t end) const {
  for (std::size_t i = find_invalid_target_byte(m_input, begin, end); i < end; ++i) {
    const auto c = static_cast<unsigned char>(m_input[i]);
    if (c == ' ') {
      return malformed(DiagnosticId::invalid_request_target, i,
                       "a raw space in the request target; percent-encode it as %20");
    }
    if (c == '#') {
      return malformed(DiagnosticId::invalid_request_target, i,
                       "a fragment ('#...') in the request target; clients never send it");
    }
    if (auto error = bare_cr_at(m_input, i, end)) {
      return error;
    }
    if (c < 0x20 || c == 0x7f) {
      return malformed(DiagnosticId::invalid_request_target, i,
                       fmt::format("control {} in the request target", describe_byte(m_input[i])));
    }
    if (c >= 0x80) {
      return malformed(DiagnosticId::invalid_request_target, i,
                       fmt::format("non-ASCII {} in the request target; percent-encode it",
                                   describe_byte(m_input[i])));
    }
  }
  if (m_input[begin] == '/') {
    return std::nullopt;
  }
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )              (RFC 3986 3.1)
  const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::size_t i = begin;
  if (is_alpha(m_input[i])) {
    ++i;
    while (i < end && (is_alpha(m_input[i]) || (m_input[i] >= '0' && m_input[i] <= '9') ||
                       m_input[i] == '+' || m_input[i] == '-' || m_input[i] == '.')) {
      ++i;
    }
    if (i < end && m_input[i] == ':') {
      return std::nullopt;
    }
  }
  if (slice(begin, end) == "*") {
    return malformed(DiagnosticId::invalid_request_target, begin,
                     "the asterisk-form target `*` is only for OPTIONS");
  }
  return malformed(DiagnosticId::invalid_request_target, begin,
                   "the request target must start with '/' (origin-form) or a scheme such as "
                   "ws: (absolute-form)");
}

// HTTP-version = HTTP-name "/" DIGIT "." DIGIT; HTTP-name = %s"HTTP"   (RFC 9112 2.3)
std::optional<ParseError> RequestReader::check_version(std::size_t begin, std::size_t end) const {
  if (slice(begin, end) == "HTTP/1.1") {
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
    const bool ok = k_shape[k] == '0' ? (c >= '0' && c <= '9') : c == k_shape[k];
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
  if (auto error = bare_cr_at(m_input, begin + k_shape.size(), end)) {
    return error;
  }
  if (begin + k_shape.size() != end) {
    return malformed(DiagnosticId::invalid_http_version, begin + k_shape.size(),
                     "bytes after the HTTP version; the request line ends with HTTP/1.1");
  }
  return std::nullopt;
}

// field-line = field-name ":" OWS field-value OWS                      (RFC 9112 5)
// field-value = *field-content; field-vchar = VCHAR / obs-text         (RFC 9110 5.5)
std::optional<ParseError> RequestReader::read_field(const Line& line, Request& request) const {
  if (is_ows(m_input[line.begin])) {
    return malformed(DiagnosticId::obs_fold, line.begin,
                     "this line starts with whitespace, continuing the previous field "
                     "(obsolete line folding)");
  }
  std::size_t i = line.begin;
  while (i < line.end && is_tchar(m_input[i])) {
    ++i;
  }
  if (auto error = bare_cr_at(m_input, i, line.end)) {
    return error;
  }
  if (i == line.end) {
    return malformed(DiagnosticId::missing_colon, line.begin,
                     "this header line has no colon; expected `Name: value`");
  }
  const char stop = m_input[i];
  if (stop != ':') {
    if (is_ows(stop)) {
      std::size_t after = i;
      while (after < line.end && is_ows(m_input[after])) {
        ++after;
      }
      if (after < line.end && m_input[after] == ':' && i != line.begin) {
        ParseError error =
            malformed(DiagnosticId::whitespace_before_colon, i,
                      fmt::format("whitespace between the field name `{}` and the colon",
                                  slice(line.begin, i)));
        error.header = slice(line.begin, i);
        return error;
      }
    }
    return malformed(
        DiagnosticId::invalid_field_name, i,
        fmt::format("{} is not allowed in a field name (a token)", describe_byte(stop)));
  }
  if (i == line.begin) {
    return malformed(DiagnosticId::invalid_field_name, i, "the field name before ':' is empty");
  }
  const std::string_view name = slice(line.begin, i);
  if (const std::size_t bad = find_invalid_value_byte(slice(i + 1, line.end));
      bad != std::string_view::npos) {
    const std::size_t v = i + 1 + bad;
    if (m_input[v] == '\r') {
      return malformed(DiagnosticId::bare_cr, v,
                       "a CR byte that is not followed by LF, inside a line");
    }
    ParseError error =
        malformed(DiagnosticId::control_byte_in_value, v,
                  fmt::format("control {} in the value of {}", describe_byte(m_input[v]), name));
    error.header = name;
    return error;
  }
  if (request.fields.size() == m_options.max_fields) {
    return ParseError{ParseErrorKind::too_large, DiagnosticId::too_many_fields, line.begin,
                      fmt::format("more than {} header fields", m_options.max_fields)};
  }
  request.fields.push_back(Field{name, trim_ows(slice(i + 1, line.end))});
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
  const std::size_t limit = m_options.max_header_bytes;
  const auto too_large = [&](std::string message) {
    return std::optional<ParseError>(ParseError{ParseErrorKind::too_large,
                                                DiagnosticId::header_block_too_large, limit,
                                                std::move(message)});
  };
  std::size_t block_end = k_npos;
  bool truncated = false;
  std::size_t first_lf_only = k_npos;
  std::size_t pos = skip_leading_empty_lines(m_input);
  bool first = true;
  while (block_end == k_npos) {
    // The usual field lines in one pass; any other line, byte by byte below.
    if (!first) {
      std::size_t room = m_options.max_fields - request.fields.size();
      pos = read_usual_field_lines(
          m_input, pos, limit, [&](std::size_t name, std::size_t colon, std::size_t cr) {
            if (room == 0) {
              return false;
            }
            --room;
            request.fields.push_back(Field{slice(name, colon), value_of_clean_line(colon, cr)});
            return true;
          });
      if (m_input.substr(pos, 2) == "\r\n" && pos + 2 <= limit) {
        block_end = pos + 2; // the empty line that ends the header block
        break;
      }
    }
    Line line;
    line.begin = pos;
    // Most lines end at their first control byte, a CR before LF; the others (LF alone, HTAB,
    // a bad byte, the limit) are read byte by byte below, as are the bytes of a field name.
    const std::size_t stop = find_control_byte(m_input, pos);
    const bool crlf_first =
        stop + 1 < m_input.size() && m_input[stop] == '\r' && m_input[stop + 1] == '\n';
    const std::size_t newline_at = crlf_first ? stop + 1 : find_lf(m_input, pos);
    if (crlf_first && newline_at + 1 <= limit) {
      line.end = stop;
      line.next = newline_at + 1;
      if (line.begin == line.end && !first) {
        block_end = line.next; // the empty line that ends the header block
        break;
      }
    } else if (newline_at == m_input.size()) {
      if (m_input.size() > limit) {
        return too_large(fmt::format(
            "no end of the header block in the first {} bytes (--max-header-bytes)", limit));
      }
      if (!m_options.allow_truncated) {
        return std::optional<ParseError>(ParseError{
            ParseErrorKind::incomplete, DiagnosticId::incomplete_request, m_input.size(),
            fmt::format("the input ends after {} bytes, before the empty line that ends the "
                        "header block",
                        m_input.size())});
      }
      truncated = true;
      block_end = m_input.size();
      line.end = block_end;
      line.next = block_end;
      if (line.end > line.begin && m_input[line.end - 1] == '\r') {
        --line.end;
      }
      if (line.begin == line.end) {
        break;
      }
    } else {
      const std::size_t at = newline_at;
      if (at + 1 > limit) {
        return too_large(fmt::format("the header block runs past the limit of {} bytes "
                                     "(--max-header-bytes)",
                                     limit));
      }
      line.next = at + 1;
      line.end = at;
      if (line.end > line.begin && m_input[line.end - 1] == '\r') {
        --line.end;
      } else {
        line.lf_only = true;
      }
      if (line.lf_only && first_lf_only == k_npos) {
        first_lf_only = line.end;
      }
      if (line.begin == line.end && !first) {
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
        DiagnosticId::truncated_request, m_input.size(),
        fmt::format("the input ends after {} bytes without the empty line; treating the end of "
                    "input as the end of the headers (--allow-truncated)",
                    m_input.size())));
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
