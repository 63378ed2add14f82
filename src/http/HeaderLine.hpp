#pragma once

#include <cstddef>
#include <string_view>

namespace wsh::http {

// What one line of a header block is (RFC 9112 5, 5.2; RFC 9110 5.5): a well-formed field
// line, or the first rule it breaks. The request parser stops at a line that is not a field;
// the response reader records it and reads on, as lenient clients do.
enum class LineShape {
  field,                   // field-name ":" OWS field-value OWS
  obs_fold,                // starts with SP or HTAB: continues the previous line (5.2)
  whitespace_before_colon, // `Name : value`
  missing_colon,           // no colon at all
  invalid_name,            // a byte that is not a tchar before the colon, or an empty name
  control_byte,            // a control byte (not HTAB) or DEL in the value
  bare_cr,                 // a CR that LF does not follow, inside the line
};

// One line of a header block, read as a lenient reader takes it.
struct HeaderLine {
  // The line without its line ending: [begin, end) of the input.
  std::size_t begin = 0;
  std::size_t end = 0;
  // Ended by LF alone, not CRLF (RFC 9112 2.2).
  bool lf_only = false;
  LineShape shape = LineShape::field;
  // The offending byte, for every shape but `field`.
  std::size_t problem_at = 0;
  // Where the token that starts the line ends (the field name of a good line).
  std::size_t name_end = 0;
  // As a lenient reader takes them: the bytes before the first colon, OWS trimmed, and after
  // it, OWS trimmed; both empty for a line without a colon; for obs_fold, the value is the
  // whole line without its OWS.
  std::string_view name;
  std::string_view value;
};

// Reads the line input[begin, end) (its ending already cut off): its shape, where its name
// ends, and its name and value. The rules are tried in the order the request parser reports
// them: leading whitespace, a CR where the name stops, no colon, a byte that stops the name,
// an empty name, a control byte or CR in the value.
HeaderLine read_header_line(std::string_view input, std::size_t begin, std::size_t end,
                            bool lf_only);

} // namespace wsh::http
