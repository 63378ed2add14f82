#include "http/ResponseParser.hpp"

#include "http/HeaderEnd.hpp"

#include <fmt/format.h>

namespace wsh::http {

namespace {

using diagnostics::DiagnosticId;

// The next line from `pos`: [begin, end) without its ending, where the following line starts,
// and whether it ended with LF alone.
struct NextLine {
  std::size_t end = 0;
  std::size_t next = 0;
  bool lf_only = false;
};

NextLine next_line(std::string_view input, std::size_t pos) {
  std::size_t lf = input.find('\n', pos);
  if (lf == std::string_view::npos) {
    lf = input.size();
  }
  NextLine line{lf, lf + 1, true};
  if (lf > pos && input[lf - 1] == '\r') {
    line.end = lf - 1;
    line.lf_only = false;
  }
  return line;
}

} // namespace

std::optional<ParseError> parse_response_into(std::string_view input, const ParseOptions& options,
                                              Response& response, std::size_t from) {
  response.input = input;
  response.lines.clear();
  response.fields.clear();
  response.status_line = response.version = response.status_code = response.reason = {};
  response.space_before_reason = false;
  response.leading_empty_lines = 0;
  if (input.size() == from) {
    return ParseError{ParseErrorKind::incomplete, DiagnosticId::empty_response, from,
                      "the response is empty: the server sent nothing"};
  }
  const std::size_t head_end = find_header_end(input.substr(from));
  const std::size_t end = head_end == std::string_view::npos ? head_end : from + head_end;
  const std::size_t limit = options.max_header_bytes;
  if (end == std::string_view::npos || end - from > limit) {
    if (end != std::string_view::npos || input.size() - from > limit) {
      return ParseError{ParseErrorKind::too_large, DiagnosticId::response_header_block_too_large,
                        from + limit,
                        fmt::format("no end of the response's header block in the first {} bytes "
                                    "(--max-header-bytes)",
                                    limit)};
    }
    return ParseError{ParseErrorKind::incomplete, DiagnosticId::incomplete_response, input.size(),
                      fmt::format("the response ends after {} bytes, before the empty line that "
                                  "ends its header block",
                                  input.size())};
  }
  response.header_size = end;
  std::size_t pos = from;
  // Empty lines before the status line.
  while (true) {
    const NextLine line = next_line(input, pos);
    if (line.end != pos) {
      break;
    }
    ++response.leading_empty_lines;
    pos = line.next;
  }
  const NextLine status = next_line(input, pos);
  response.status_line = input.substr(pos, status.end - pos);
  response.status_line_lf_only = status.lf_only;
  const std::string_view text = response.status_line;
  const std::size_t first_space = text.find(' ');
  response.version = text.substr(0, first_space);
  if (first_space != std::string_view::npos) {
    const std::size_t second_space = text.find(' ', first_space + 1);
    response.status_code = text.substr(first_space + 1, second_space == std::string_view::npos
                                                            ? std::string_view::npos
                                                            : second_space - first_space - 1);
    if (second_space != std::string_view::npos) {
      response.space_before_reason = true;
      response.reason = text.substr(second_space + 1);
    } else {
      response.reason = text.substr(text.size());
    }
  } else {
    response.status_code = text.substr(text.size());
    response.reason = text.substr(text.size());
  }
  pos = status.next;
  while (pos < end) {
    const NextLine line = next_line(input, pos);
    if (line.end == pos) {
      response.empty_line_at = pos;
      break;
    }
    const HeaderLine read = read_header_line(input, pos, line.end, line.lf_only);
    response.lines.push_back(read);
    if (read.shape != LineShape::obs_fold && read.shape != LineShape::missing_colon &&
        !read.name.empty()) {
      response.fields.push_back(Field{read.name, read.value});
    }
    pos = line.next;
  }
  return std::nullopt;
}

} // namespace wsh::http
