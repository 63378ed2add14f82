#pragma once

#include "util/TextPosition.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace wsh::inputs {

// The user's file as it was read (a header block, a curl transcript, a HAR), with the start of
// each of its lines found once, so that many positions in a large file are located by a binary
// search each instead of a count from the start.
class OriginalText {
public:
  explicit OriginalText(std::string_view bytes);

  std::string_view bytes() const { return m_bytes; }

  // 1-based line and byte column of `offset`.
  util::LineColumn locate(std::size_t offset) const;

  // The line holding `offset`, without its line ending.
  std::string_view line_at(std::size_t offset) const;

private:
  std::string_view m_bytes;
  // The offset of the first byte of each line after the first.
  std::vector<std::size_t> m_line_starts;
};

// Where a byte of a rebuilt request or response came from.
struct Origin {
  // The byte of the user's file it stands for (for a made-up byte, the place it was made for).
  std::size_t offset = 0;
  // The byte is not in the user's file: an assumed request line, a ": " put between a HAR
  // header's name and value, a CRLF in place of a pasted LF.
  bool assumed = false;
};

// A map from the bytes of a request or response rebuilt as HTTP/1.1 (by a reader in inputs/)
// back to the user's file, so that a diagnostic at a byte of the rebuilt bytes names the line
// and column where the user sees that byte. It is a list of runs: a copied run stands for as
// many bytes of the file, one for one; an assumed run stands for one place in the file.
class SourceMap {
public:
  SourceMap() = default;
  explicit SourceMap(const OriginalText& original) : m_original(&original) {}

  // The rebuilt bytes from `rebuilt` on, `size` of them, are the file's from `original` on.
  void copy(std::size_t rebuilt, std::size_t size, std::size_t original);

  // The rebuilt bytes from `rebuilt` on, `size` of them, are not in the file; they are made for
  // the place `original`.
  void assume(std::size_t rebuilt, std::size_t size, std::size_t original);

  // Where the byte at `rebuilt` came from; a byte past the last run (the end of the input, where
  // a missing field would go) maps to just past the last run's place.
  Origin origin(std::size_t rebuilt) const;

  const OriginalText* original() const { return m_original; }
  bool empty() const { return m_runs.empty(); }

private:
  struct Run {
    std::size_t rebuilt = 0;
    std::size_t size = 0;
    std::size_t original = 0;
    bool assumed = false;
  };
  void add(const Run& run);

  const OriginalText* m_original = nullptr;
  std::vector<Run> m_runs;
};

} // namespace wsh::inputs
