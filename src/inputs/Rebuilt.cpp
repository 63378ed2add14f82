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

} // namespace wsh::inputs
