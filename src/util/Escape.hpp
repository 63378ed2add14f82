#pragma once

#include <string>
#include <string_view>

namespace wsh::util {

// Bytes from a capture made safe for a terminal: printable ASCII stays, a backslash doubles,
// \t \r \n show as such, and every other byte (controls, DEL, bytes >= 0x80) as \xHH, so an
// escape sequence in a request can never reach the terminal raw.
std::string escape_for_terminal(std::string_view bytes);

// Appends the escaped form of `bytes` to `out` (see escape_for_terminal).
void append_escaped(std::string& out, std::string_view bytes);

// How many characters the escaped form of `bytes` takes.
std::size_t escaped_width(std::string_view bytes);

// A byte named for a message: 'x' when printable, "a space", or "byte 0x1b".
std::string describe_byte(char c);

} // namespace wsh::util
