#include "handshake/Findings.hpp"

#include <algorithm>

namespace wsh::handshake {

bool Findings::error_since(std::size_t before) const {
  return std::any_of(m_diagnostics.begin() + static_cast<std::ptrdiff_t>(before),
                     m_diagnostics.end(), [](const diagnostics::Diagnostic& diagnostic) {
                       return diagnostic.severity == diagnostics::Severity::error;
                     });
}

} // namespace wsh::handshake
