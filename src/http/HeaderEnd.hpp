#pragma once

#include <cstddef>
#include <string_view>

namespace wsh::http {

// Where a header block ends (RFC 9112 2.1, 2.2): at the empty line after its last field line,
// a line ending being CRLF or, leniently, LF alone. The one home of that rule; the parser
// records the empty line it reads (Request::empty_line_at) and streams are cut with these.

// The offset of the first byte after the empty lines at the start of `input`, which RFC 9112
// 2.2 asks servers to skip before a request line.
std::size_t skip_leading_empty_lines(std::string_view input);

// The offset just past the empty line that ends the header block, or npos. Empty lines before
// the request line are skipped, as RFC 9112 2.2 asks of servers. A stream of requests is cut
// with it before each is parsed.
std::size_t find_header_end(std::string_view input);

// The offset just past the first empty line that ends a line starting before it: past the
// first LF at or after `from` that LF or CR LF follows, or npos. Leading empty lines are not
// skipped, so a search can resume inside a header block (after an oversized one, or across
// reads: it needs at most the two bytes before the new ones).
std::size_t find_header_end_from(std::string_view input, std::size_t from);

} // namespace wsh::http
