#pragma once

#include <string>
#include <string_view>

namespace wsh::clients {

// The values a message template may name, taken from the bytes of the request and response.
struct MessageValues {
  std::string url;    // {url}: the URL the client connected to
  std::string status; // {status}: the status code as the client read it
  std::string reason; // {reason}: the reason phrase ({reason|none}: None when absent)
  bool has_reason = false;
  std::string code;     // {code}: the status-code token as written
  std::string version;  // {version}: the HTTP-version token as written
  std::string line;     // {line}: the line at fault, without its ending
  std::string value;    // {value}: the value at fault
  std::string elements; // {elements}: a list's elements, joined as the client joins them
  std::string name;     // {name}: an extension's name
  std::string param;    // {param}: a parameter's name
  std::string params;   // {params}: an extension's parameters as Python prints a list of pairs
  std::string syntax;   // {syntax}: where a strict list parser stopped, as websockets says it
  std::string opcode;   // {opcode}: a frame's opcode, in decimal
  std::string utf8;     // {utf8}: Python's UnicodeDecodeError text for the line at fault
};

// The template with every {placeholder} replaced. A placeholder may carry one modifier:
// `|py` (Python's repr of a str), `|go` (Go's %q), `|none` (Python's None when empty, for
// {reason}), `|bytes100` (Python's repr of a bytearray of the first 100 bytes and "...").
// Unknown placeholders are kept as written.
std::string render_message(std::string_view message_template, const MessageValues& values);

// Python's repr() of a str made of these bytes (each byte one code point, as latin-1).
std::string python_repr(std::string_view text);

// Go's strconv.Quote of these bytes.
std::string go_quote(std::string_view text);

} // namespace wsh::clients
