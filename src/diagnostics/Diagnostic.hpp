#pragma once

#include "diagnostics/Catalogue.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace wsh::diagnostics {

// One problem found in one request: which rule, where (a byte offset into the input), and a
// message naming the offending text. Severity starts as the catalogue's and is raised to error
// under --strict.
struct Diagnostic {
  DiagnosticId id{};
  Severity severity = Severity::error;
  std::size_t offset = 0;
  // The field the problem is in, when there is one (a view into the input or a literal).
  std::string_view header;
  std::string message;
};

// A diagnostic with the catalogue's severity.
Diagnostic make_diagnostic(DiagnosticId id, std::size_t offset, std::string message,
                           std::string_view header = {});

} // namespace wsh::diagnostics
