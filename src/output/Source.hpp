#pragma once

#include "inputs/SourceMap.hpp"
#include "util/TextPosition.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wsh::output {

// The input a rendering refers to: the name to print in diagnostics and its bytes, from which
// lines and columns are computed. In batch mode `bytes` is one request of a longer stream,
// which starts at line `first_line` and byte `first_offset` of that stream. When the bytes were
// rebuilt from another format (a pasted header block, curl, a HAR), `map` leads each byte back
// to the user's file, and positions are that file's.
struct Source {
  std::string_view name;
  std::string_view bytes;
  std::size_t first_line = 1;
  std::uint64_t first_offset = 0;
  const inputs::SourceMap* map = nullptr;

  // The line of the source shown around a byte, and where in it the byte is.
  struct Excerpt {
    std::string_view line;
    // 0-based byte index of the byte in `line`.
    std::size_t caret = 0;
    // The line is not in the user's file (an assumed request line): it is the rebuilt one.
    bool assumed = false;
  };

  bool mapped() const { return map != nullptr && map->original() != nullptr; }

  // Line (in the stream, or in the user's file) and column of byte `offset` of `bytes`.
  util::LineColumn locate(std::size_t offset) const {
    if (mapped()) {
      return map->original()->locate(map->origin(offset).offset);
    }
    util::LineColumn position = util::locate(bytes, offset);
    position.line += first_line - 1;
    return position;
  }

  // The byte offset of byte `offset` of `bytes` in the whole input (the stream, or the user's
  // file).
  std::uint64_t offset_in_input(std::size_t offset) const {
    return mapped() ? map->origin(offset).offset : first_offset + offset;
  }

  // The line to show for byte `offset`: the user's line where there is one, else the rebuilt
  // line, marked assumed. A byte of an assumed empty line (the end of a head a reader adds) is
  // shown at its place in the user's file, which is real.
  Excerpt excerpt(std::size_t offset) const {
    if (mapped()) {
      const inputs::Origin origin = map->origin(offset);
      if (!origin.assumed || util::line_at(bytes, offset).empty()) {
        const std::string_view line = map->original()->line_at(origin.offset);
        return {line,
                origin.offset -
                    static_cast<std::size_t>(line.data() - map->original()->bytes().data()),
                false};
      }
      const std::string_view line = util::line_at(bytes, offset);
      return {line, offset - static_cast<std::size_t>(line.data() - bytes.data()), true};
    }
    const std::string_view line = util::line_at(bytes, offset);
    return {line, offset - static_cast<std::size_t>(line.data() - bytes.data()), false};
  }
};

} // namespace wsh::output
