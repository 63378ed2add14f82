#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wsh::util {

// One decoded UTF-8 sequence: its code point and length, or U+FFFD with `valid` false and the
// length of the maximal invalid subsequence (at least one byte), as Unicode 15, 3.9 counts it.
struct Utf8Sequence {
  std::uint32_t code_point = 0;
  std::size_t length = 1;
  bool valid = false;
};

// Decodes the sequence at `at` (Unicode 15, table 3-7: no overlong forms, no surrogates,
// nothing past U+10FFFF).
Utf8Sequence decode_utf8(std::string_view bytes, std::size_t at);

} // namespace wsh::util
