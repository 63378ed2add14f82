#pragma once

#include "inputs/Rebuilt.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wsh::inputs {

// How to read a pasted header block.
struct HeaderBlockOptions {
  // --target: the request-target of the assumed request line (RFC 9112 3.2), "/" without it.
  std::optional<std::string> target;
};

// Reads a header block pasted from devtools, Postman or a log (`original`): with or without a
// request line (`GET / HTTP/1.1` is assumed without one), LF or CRLF, `Name:value` with or
// without a space, HTTP/2 pseudo-headers (`:authority` becomes Host, `:method` and `:path` the
// request line, `:protocol` marks an extended CONNECT, RFC 8441 4). It rebuilds the request as
// CRLF lines `Name: value` with the map back to `original`; every line that is not a field
// line, and everything after the block's empty line, is named in a note, never dropped in
// silence. A block holds no line endings, order or spacing of the wire worth judging: one note
// says so.
ReadResult read_header_block(const OriginalText& original, const HeaderBlockOptions& options);

} // namespace wsh::inputs
