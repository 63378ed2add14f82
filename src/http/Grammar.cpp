#include "http/Grammar.hpp"

#include <cstdint>
#include <cstring>

namespace wsh::http {

namespace {

constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
constexpr std::uint64_t k_highs = 0x8080808080808080ULL;

std::uint64_t load8(const char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

} // namespace

std::size_t find_invalid_value_byte(std::string_view text) {
  std::size_t i = 0;
  // Eight bytes at a time: a word with no byte below 0x20 and none equal to 0x7f is all valid
  // (the usual "has less than" and "has zero" bit tricks; obs-text >= 0x80 never trips them).
  for (; i + 8 <= text.size(); i += 8) {
    const std::uint64_t word = load8(text.data() + i);
    const std::uint64_t below_space = (word - k_ones * 0x20U) & ~word & k_highs;
    const std::uint64_t del = word ^ (k_ones * 0x7fU);
    const std::uint64_t has_del = (del - k_ones) & ~del & k_highs;
    if ((below_space | has_del) == 0) {
      continue;
    }
    for (std::size_t k = i; k < i + 8; ++k) {
      if (!is_field_value_byte(text[k])) {
        return k;
      }
    }
  }
  for (; i < text.size(); ++i) {
    if (!is_field_value_byte(text[i])) {
      return i;
    }
  }
  return std::string_view::npos;
}

} // namespace wsh::http
