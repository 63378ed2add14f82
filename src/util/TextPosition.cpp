#include "util/TextPosition.hpp"

#include <algorithm>

namespace wsh::util {

LineColumn locate(std::string_view input, std::size_t offset) {
  offset = std::min(offset, input.size());
  const std::string_view before = input.substr(0, offset);
  LineColumn position;
  position.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n');
  position.column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  return position;
}

std::string_view line_at(std::string_view input, std::size_t offset) {
  offset = std::min(offset, input.size());
  const std::size_t newline_before = input.substr(0, offset).rfind('\n');
  const std::size_t start = newline_before == std::string_view::npos ? 0 : newline_before + 1;
  std::size_t end = input.find('\n', offset);
  if (end == std::string_view::npos) {
    end = input.size();
  }
  if (end > start && input[end - 1] == '\r') {
    --end;
  }
  return input.substr(start, end - start);
}

} // namespace wsh::util
