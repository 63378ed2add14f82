#include "http/RequestParser.hpp"

#include "http/Grammar.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <optional>

namespace wsh::http {

namespace {

using diagnostics::DiagnosticId;
using diagnostics::make_diagnostic;
using util::describe_byte;

constexpr std::size_t k_npos = std::string_view::npos;

std::size_t skip_leading_empty_lines(std::string_view input) {
  std::size_t pos = 0;
  while (true) {
    if (input.substr(pos).starts_with("\r\n")) {
      pos += 2;
    } else if (input.substr(pos).starts_with('\n')) {
      pos += 1;
    } else {
      return pos;
    }
  }
}

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

  util::Expected<Request, ParseError> read();

private:
  Line line_from(std::size_t begin, std::size_t block_end) const;
  std::optional<ParseError> check_bare_cr(const Line& line) const;
  std::optional<ParseError> read_request_line(const Line& line, Request& request) const;
  std::optional<ParseError> check_request_target(std::size_t begin, std::size_t end) const;
  std::optional<ParseError> check_version(std::size_t begin, std::size_t end) const;
  std::optional<ParseError> read_field(const Line& line, Request& request) const;

  std::string_view slice(std::size_t begin, std::size_t end) const {
    return m_input.substr(begin, end - begin);
  }

  std::string_view m_input;
  const ParseOptions& m_options;
};

Line RequestReader::line_from(std::size_t begin, std::size_t block_end) const {
  Line line;
  line.begin = begin;
  const std::size_t newline = slice(0, block_end).find('\n', begin);
  if (newline == k_npos) {
    // Only a truncated request gets here: its last line has no ending at all.
    line.end = block_end;
    line.next = block_end;
    if (line.end > begin && m_input[line.end - 1] == '\r') {
      --line.end;
    }
    return line;
  }
  line.next = newline + 1;
  line.end = newline;
  if (line.end > begin && m_input[line.end - 1] == '\r') {
    --line.end;
  } else {
    line.lf_only = true;
  }
  return line;
}

// RFC 9112 2.2: a CR not followed by LF must be rejected (or replaced) by a recipient.
std::optional<ParseError> RequestReader::check_bare_cr(const Line& line) const {
  const std::size_t cr = slice(0, line.end).find('\r', line.begin);
  if (cr != k_npos) {
    return malformed(DiagnosticId::bare_cr, cr,
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
  const std::size_t last_space = slice(0, line.end).rfind(' ');
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
  for (std::size_t i = begin; i < end; ++i) {
    const auto c = static_cast<unsigned char>(m_input[i]);
    if (c == ' ') {
      return malformed(DiagnosticId::invalid_request_target, i,
                       "a raw space in the request target; percent-encode it as %20");
    }
    if (c == '#') {
      return malformed(DiagnosticId::invalid_request_target, i,
                       "a fragment ('#...') in the request target; clients never send it");
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
  constexpr std::string_view k_shape = "HTTP/0.0";
  for (std::size_t k = 0; k < k_shape.size(); ++k) {
    const std::size_t i = begin + k;
    if (i == end) {
      return malformed(DiagnosticId::invalid_http_version, i,
                       "the HTTP version is cut short; expected HTTP/1.1");
    }
    const char c = m_input[i];
    const bool ok = k_shape[k] == '0' ? (c >= '0' && c <= '9') : c == k_shape[k];
    if (!ok) {
      return malformed(
          DiagnosticId::invalid_http_version, i,
          fmt::format("{} where the version `HTTP/` DIGIT `.` DIGIT expects {}; "
                      "HTTP-name is case-sensitive",
                      describe_byte(c),
                      k_shape[k] == '0' ? std::string("a digit") : describe_byte(k_shape[k])));
    }
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
  for (std::size_t v = i + 1; v < line.end; ++v) {
    const auto c = static_cast<unsigned char>(m_input[v]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      ParseError error =
          malformed(DiagnosticId::control_byte_in_value, v,
                    fmt::format("control {} in the value of {}", describe_byte(m_input[v]), name));
      error.header = name;
      return error;
    }
  }
  if (request.fields.size() == m_options.max_fields) {
    return ParseError{ParseErrorKind::too_large, DiagnosticId::too_many_fields, line.begin,
                      fmt::format("more than {} header fields", m_options.max_fields)};
  }
  request.fields.push_back(Field{name, trim_ows(slice(i + 1, line.end))});
  return std::nullopt;
}

util::Expected<Request, ParseError> RequestReader::read() {
  if (m_input.empty()) {
    return util::unexpected(ParseError{ParseErrorKind::incomplete, DiagnosticId::empty_input, 0,
                                       "the input is empty: no request arrived"});
  }
  std::size_t block_end = find_header_end(m_input);
  bool truncated = false;
  if (block_end == k_npos) {
    if (m_input.size() > m_options.max_header_bytes) {
      return util::unexpected(ParseError{
          ParseErrorKind::too_large, DiagnosticId::header_block_too_large,
          m_options.max_header_bytes,
          fmt::format("no end of the header block in the first {} bytes (--max-header-bytes)",
                      m_options.max_header_bytes)});
    }
    if (!m_options.allow_truncated) {
      return util::unexpected(ParseError{
          ParseErrorKind::incomplete, DiagnosticId::incomplete_request, m_input.size(),
          fmt::format("the input ends after {} bytes, before the empty line that ends the "
                      "header block",
                      m_input.size())});
    }
    block_end = m_input.size();
    truncated = true;
  } else if (block_end > m_options.max_header_bytes) {
    return util::unexpected(ParseError{
        ParseErrorKind::too_large, DiagnosticId::header_block_too_large, m_options.max_header_bytes,
        fmt::format("the header block is {} bytes, over the limit of {} (--max-header-bytes)",
                    block_end, m_options.max_header_bytes)});
  }

  Request request;
  request.input = m_input;
  request.header_size = block_end;
  std::size_t first_lf_only = k_npos;
  std::size_t pos = skip_leading_empty_lines(m_input);
  bool first = true;
  while (pos < block_end) {
    const Line line = line_from(pos, block_end);
    if (auto error = check_bare_cr(line)) {
      return util::unexpected(std::move(*error));
    }
    if (line.lf_only && first_lf_only == k_npos) {
      first_lf_only = line.end;
    }
    if (line.begin == line.end && !first) {
      break; // the empty line that ends the header block
    }
    auto error = first ? read_request_line(line, request) : read_field(line, request);
    if (error) {
      return util::unexpected(std::move(*error));
    }
    first = false;
    pos = line.next;
  }
  if (request.method.empty()) {
    return util::unexpected(malformed(DiagnosticId::malformed_request_line, pos,
                                      "the input holds only empty lines, no request line"));
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
  return request;
}

} // namespace

std::size_t find_header_end(std::string_view input) {
  std::size_t pos = skip_leading_empty_lines(input);
  while (true) {
    const std::size_t newline = input.find('\n', pos);
    if (newline == k_npos) {
      return k_npos;
    }
    if (newline + 1 < input.size() && input[newline + 1] == '\n') {
      return newline + 2;
    }
    if (newline + 2 < input.size() && input[newline + 1] == '\r' && input[newline + 2] == '\n') {
      return newline + 3;
    }
    pos = newline + 1;
  }
}

util::Expected<Request, ParseError> parse_request(std::string_view input,
                                                  const ParseOptions& options) {
  return RequestReader(input, options).read();
}

} // namespace wsh::http
