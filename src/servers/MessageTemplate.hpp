#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wsh::servers {

// The values a message or status-line template may name, taken from the request as the server
// read it. An absent optional is a field the request does not have.
struct MessageValues {
  std::string method;                // {method}
  std::string target;                // {target}
  std::string version;               // {version}: the HTTP-version as the server split it
  std::string request_line;          // {request_line}
  std::string parts;                 // {parts}: how many parts a split request line gave
  std::optional<std::string> value;  // {value}: the value the failing check compared
  std::optional<std::string> host;   // {host}: the Host the server compared with
  std::optional<std::string> origin; // {origin}
  std::string line;                  // {line}: the line at fault, without its ending
  std::string name;                  // {name}: the field name at fault, as written
  std::string element;               // {element}: a list element or parameter at fault
  std::string byte;              // {byte}: the byte at fault, as 0x1b (lowercase hex, no padding)
  std::string position;          // {position}: where a list parser stopped, counted from 0
  std::string detail;            // {detail}: a sub-message chosen by the check (its own template)
  std::string message;           // {message}: the rendered message, for a status line quoting it
  std::string http = "HTTP/1.1"; // {http}: HTTP/1.0 for an HTTP/1.0 request, else HTTP/1.1
};

// The template with every {placeholder} replaced. A placeholder may carry one modifier:
// `|py` (Python's repr of the text as a str, None when absent), `|none` (the text, or None
// when absent), `|js` (the text, or undefined when absent), `|go` (Go's %q), `|bytes100` (Python's
// repr of a bytearray of the first 100 bytes followed by "..."). Unknown placeholders are kept as
// written.
std::string render_message(std::string_view message_template, const MessageValues& values);

// Python's repr() of a str made of these bytes (each byte one code point, as latin-1).
std::string python_repr(std::string_view text);

// Go's strconv.Quote of these bytes.
std::string go_quote(std::string_view text);

} // namespace wsh::servers
