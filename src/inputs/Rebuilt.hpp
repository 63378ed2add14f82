#pragma once

#include "inputs/SourceMap.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::inputs {

// Bytes rebuilt as HTTP/1.1 (a request head or a response head) and the map from each of them
// back to the user's file. `append_copy` and `append_assumed` write and map in one step, so no
// byte is written without saying where it came from.
class RebuiltBytes {
public:
  RebuiltBytes() = default;
  explicit RebuiltBytes(const OriginalText& original) : m_map(original) {}

  // Appends `text`, which the user's file holds from byte `original` on.
  void append_copy(std::string_view text, std::size_t original);

  // Appends one byte that the user's file holds at `original` (a character read from an
  // escape, such as curl's $'\x41').
  void append_char(char c, std::size_t original);

  // Appends `text`, which is not in the user's file, for the place `original`.
  void append_assumed(std::string_view text, std::size_t original);

  const std::string& bytes() const { return m_bytes; }
  const SourceMap& map() const { return m_map; }
  bool empty() const { return m_bytes.empty(); }

private:
  std::string m_bytes;
  SourceMap m_map;
};

// A statement a reader makes about the input once, for standard error: what it assumed, what
// the format cannot tell, a line it left out.
struct ReaderNote {
  std::string text;
  // The byte of the user's file it is about, when it is about one.
  std::optional<std::size_t> offset;
  // The text quotes the user's file between backquotes (a line left out, a URL), which under
  // --redact may be a credential no rule found.
  bool quotes_input = false;
};

// One opening handshake a reader found: the request and, where the input holds one, the
// response, each rebuilt as HTTP/1.1 bytes with a map back to the user's file (none for a
// capture whose bytes are the wire's own, as pcap's).
struct RebuiltHandshake {
  RebuiltBytes request;
  std::optional<RebuiltBytes> response;
  // What follows the file's name in diagnostics ("#3 (client ... -> server ..., time)"), empty
  // for the only handshake of a file.
  std::string label;
  // The request is a WebSocket over HTTP/2 (RFC 8441 extended CONNECT), not an HTTP/1.1
  // upgrade: its method and :protocol, as recorded.
  bool extended_connect = false;
};

// One line of a text input (a pasted block, a transcript): without its LF or CR LF, where it
// starts, and its number from 1.
struct TextLine {
  std::string_view text;
  std::size_t offset = 0;
  std::size_t number = 0;
};

// The lines of `bytes`, cut at each LF; a CR before the LF is dropped.
std::vector<TextLine> split_lines(std::string_view bytes);

// Everything a reader found in one input.
// Bytes of the user's file a reader did not read and that may hold a secret (the value of a
// curl argument such as -u user:password): --redact hides them too, since an excerpt of a
// line that holds them quotes them.
struct UnreadSpan {
  std::size_t offset = 0;
  std::size_t size = 0;
};

struct ReadResult {
  std::vector<RebuiltHandshake> handshakes;
  std::vector<ReaderNote> notes;
  std::vector<UnreadSpan> unread;
};

} // namespace wsh::inputs
