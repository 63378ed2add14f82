#pragma once

#include "inputs/Rebuilt.hpp"

#include <string>
#include <vector>

namespace wsh::inputs {

// One word of a command line after the shell's quoting is undone, with the byte of the
// original each of its characters came from.
struct ShellWord {
  std::string text;
  std::vector<std::size_t> origins;
};

// The words of a command line as bash reads them (POSIX: '...', "...", $'...' with its C
// escapes, backslash escapes and line continuations; bash(1) QUOTING), or, when it is written
// for cmd.exe (a ^" quote or a line ending in ^), as cmd.exe and then the Microsoft C runtime
// read them: ^ escapes the next character (^ before a line break continues the line), then
// "..." quotes and \" is a quote. Reading stops at the end of the first command (an unquoted
// line break, ; or &).
std::vector<ShellWord> split_command_line(std::string_view text, std::size_t offset = 0);

// Reads curl output or a curl command (`original`):
// - a `curl -v` transcript: `> ` lines are the request head, `< ` lines the response head;
// - a `curl --trace-ascii` transcript: the `=> Send header` and `<= Recv header` dumps;
// - a "Copy as cURL" command from Chromium or Firefox, bash or cmd quoting: the URL (bare or
//   --url; ws, wss, http, https), -H/--header, -b/--cookie, -X/--request, --compressed; the
//   request is rebuilt with the request line and Host that curl sends, then the -H fields in
//   order. Its Sec-WebSocket-Key was the browser's when it was copied: a note says so.
// Each handshake is mapped back to `original`.
ReadResult read_curl(const OriginalText& original);

} // namespace wsh::inputs
