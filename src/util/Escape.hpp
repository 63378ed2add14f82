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

// The same for text that is meant to be read as UTF-8 (a client's message, which may hold a
// curly apostrophe): each valid sequence of a visible character stays; C0 and C1 controls,
// DEL, the bidirectional and invisible format characters (U+200B-U+200F, U+2028-U+202E,
// U+2060-U+206F, U+FEFF) and every byte of invalid UTF-8 are escaped as \xHH.
void append_escaped_text(std::string& out, std::string_view bytes);

// How many characters the escaped form of `bytes` takes.
std::size_t escaped_width(std::string_view bytes);

// A byte named for a message: 'x' when printable, "a space", or "byte 0x1b".
std::string describe_byte(char c);

// A piece of the input quoted in a message: between backquotes, escaped, its first 60 bytes
// and "..." when there are more. A backquote inside shows as \x60, so the quotation's ends are
// the only backquotes (--redact finds them).
std::string quote_input(std::string_view text);

} // namespace wsh::util
