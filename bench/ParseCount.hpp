#pragma once

#include <charconv>
#include <cstddef>
#include <optional>
#include <string_view>

namespace wsh::bench {

// A count given on the command line: a positive decimal number, nothing else.
inline std::optional<std::size_t> parse_count(std::string_view text) {
  std::size_t count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error != std::errc{} || end != text.data() + text.size() || count == 0) {
    return std::nullopt;
  }
  return count;
}

} // namespace wsh::bench
