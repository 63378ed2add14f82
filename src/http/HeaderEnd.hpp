#pragma once

#include <cstddef>
#include <string_view>

namespace wsh::http {

// The offset of the first byte after the empty lines at the start of `input`, which RFC 9112
// 2.2 asks servers to skip before a request line.
std::size_t skip_leading_empty_lines(std::string_view input);

// The offset just past the empty line that ends the header block, or npos. Empty lines before
// the request line are skipped, as RFC 9112 2.2 asks of servers. A stream of requests is cut
// with it before each is parsed.
std::size_t find_header_end(std::string_view input);

} // namespace wsh::http
