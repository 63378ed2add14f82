#pragma once

#include "diagnostics/Diagnostic.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// Where the checks of one message (a request or a response) put what they find: diagnostics
// with byte offsets into the message's bytes. Every check reports through it, so a rule names
// its position the same way wherever it is checked.
class Findings {
public:
  // `input` is the whole message; `empty_line_at` the offset of the empty line that ends its
  // header block (where a missing field would have been).
  Findings(std::string_view input, std::size_t empty_line_at,
           std::vector<diagnostics::Diagnostic>& diagnostics)
      : m_input(input), m_empty_line_at(empty_line_at), m_diagnostics(diagnostics) {}

  // Byte offset of a view into the message.
  std::size_t offset_of(std::string_view part) const {
    return static_cast<std::size_t>(part.data() - m_input.data());
  }

  // Where a missing field would have been: the empty line that ends the header block.
  std::size_t missing_at() const { return m_empty_line_at; }

  // Adds a diagnostic with the catalogue's severity.
  void add(diagnostics::DiagnosticId id, std::size_t offset, std::string message,
           std::string_view header = {}) {
    m_diagnostics.push_back(diagnostics::make_diagnostic(id, offset, std::move(message), header));
  }

  // How many diagnostics there are so far, to ask later whether an error came after.
  std::size_t count() const { return m_diagnostics.size(); }

  // Whether an error was added after the first `before` diagnostics.
  bool error_since(std::size_t before) const;

private:
  std::string_view m_input;
  std::size_t m_empty_line_at;
  std::vector<diagnostics::Diagnostic>& m_diagnostics;
};

} // namespace wsh::handshake
