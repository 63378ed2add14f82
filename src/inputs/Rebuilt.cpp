#include "inputs/Rebuilt.hpp"

namespace wsh::inputs {

void RebuiltBytes::append_copy(std::string_view text, std::size_t original) {
  m_map.copy(m_bytes.size(), text.size(), original);
  m_bytes += text;
}

void RebuiltBytes::append_char(char c, std::size_t original) {
  m_map.copy(m_bytes.size(), 1, original);
  m_bytes += c;
}

void RebuiltBytes::append_assumed(std::string_view text, std::size_t original) {
  m_map.assume(m_bytes.size(), text.size(), original);
  m_bytes += text;
}

std::vector<TextLine> split_lines(std::string_view bytes) {
  std::vector<TextLine> lines;
  std::size_t at = 0;
  std::size_t number = 1;
  while (at < bytes.size()) {
    std::size_t end = bytes.find('\n', at);
    const std::size_t next = end == std::string_view::npos ? bytes.size() : end + 1;
    end = end == std::string_view::npos ? bytes.size() : end;
    std::string_view text = bytes.substr(at, end - at);
    if (!text.empty() && text.back() == '\r') {
      text.remove_suffix(1);
    }
    lines.push_back({text, at, number});
    at = next;
    ++number;
  }
  return lines;
}

} // namespace wsh::inputs
