#pragma once

#include "util/TextPosition.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wsh::output {

// The input a rendering refers to: the name to print in diagnostics and its bytes, from which
// lines and columns are computed. In batch mode `bytes` is one request of a longer stream,
// which starts at line `first_line` and byte `first_offset` of that stream.
struct Source {
  std::string_view name;
  std::string_view bytes;
  std::size_t first_line = 1;
  std::uint64_t first_offset = 0;

  // Line (in the stream) and column of byte `offset` of `bytes`.
  util::LineColumn locate(std::size_t offset) const {
    util::LineColumn position = util::locate(bytes, offset);
    position.line += first_line - 1;
    return position;
  }
};

} // namespace wsh::output
