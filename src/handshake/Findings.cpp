#include "handshake/Findings.hpp"

#include <algorithm>

namespace wsh::handshake {

bool Findings::error_since(std::size_t before) const {
  return std::any_of(m_diagnostics.begin() + static_cast<std::ptrdiff_t>(before),
                     m_diagnostics.end(), [](const diagnostics::Diagnostic& diagnostic) {
                       return diagnostic.severity == diagnostics::Severity::error;
                     });
}

std::size_t empty_line_start(std::string_view input, std::size_t header_size) {
  const std::string_view block = input.substr(0, header_size);
  if (block.ends_with("\r\n\r\n") || block.ends_with("\n\r\n")) {
    return header_size - 2;
  }
  if (block.ends_with("\n\n")) {
    return header_size - 1;
  }
  return header_size;
}

} // namespace wsh::handshake
