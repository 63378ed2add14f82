#pragma once

#include <cstddef>
#include <string_view>

namespace wsh::util {

// A 1-based line and byte column, computed only when a position is printed.
struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};

// Line and column of byte `offset` in `input`; an offset at the end names the end.
LineColumn locate(std::string_view input, std::size_t offset);

// The line of `input` holding byte `offset`, without its line ending.
std::string_view line_at(std::string_view input, std::size_t offset);

} // namespace wsh::util
