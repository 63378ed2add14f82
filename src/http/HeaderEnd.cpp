#include "http/HeaderEnd.hpp"

#include "http/ByteScan.hpp"

namespace wsh::http {

std::size_t skip_leading_empty_lines(std::string_view input) {
  std::size_t pos = 0;
  while (true) {
    if (input.substr(pos).starts_with("\r\n")) {
      pos += 2;
    } else if (input.substr(pos).starts_with('\n')) {
      pos += 1;
    } else {
      return pos;
    }
  }
}

std::size_t find_header_end(std::string_view input) {
  // An LF followed by LF or by CRLF ends the block.
  std::size_t pos = skip_leading_empty_lines(input);
  while (true) {
    const std::size_t newline = find_line_feed_before_cr_or_lf(input, pos);
    if (newline == std::string_view::npos) {
      return std::string_view::npos;
    }
    if (input[newline + 1] == '\n') {
      return newline + 2;
    }
    if (newline + 2 < input.size() && input[newline + 2] == '\n') {
      return newline + 3;
    }
    pos = newline + 1;
  }
}

} // namespace wsh::http
