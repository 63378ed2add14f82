#pragma once

#include "http/ByteClass.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace wsh::http {

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" /
//         "~" / DIGIT / ALPHA                                          (RFC 9110 5.6.2)
constexpr bool is_tchar(char c) {
  return has_class(c, byte_class::k_tchar);
}

// token = 1*tchar                                                     (RFC 9110 5.6.2)
constexpr bool is_token(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  for (const char c : text) {
    if (!is_tchar(c)) {
      return false;
    }
  }
  return true;
}

namespace detail {
// Four or eight bytes as one word, each byte OR-ed with 0x20.
inline std::uint32_t folded4(const char* bytes) {
  std::uint32_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  return word | 0x20202020U;
}
inline std::uint64_t folded8(const char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  return word | 0x2020202020202020U;
}
} // namespace detail

// Case-insensitive equality of a token with a lowercase name of letters, digits and '-',
// compared a word at a time with every byte OR-ed with 0x20 (the last word overlapping the one
// before). Exact for such names: 0x20 is the only bit between a letter and its capital, and
// the other bytes that fold onto '-' or a digit are controls, which no token holds. A value
// compared with a name of letters only is compared exactly too. Inlined, so the name folds
// into constants.
[[gnu::always_inline]] inline bool token_equals_lowercase(std::string_view token,
                                                          std::string_view lowercase) {
  const std::size_t size = lowercase.size();
  if (token.size() != size) {
    return false;
  }
  const char* a = token.data();
  const char* b = lowercase.data();
  if (size >= 8) {
    for (std::size_t i = 0; i + 8 <= size; i += 8) {
      if (detail::folded8(a + i) != detail::folded8(b + i)) {
        return false;
      }
    }
    return size % 8 == 0 || detail::folded8(a + size - 8) == detail::folded8(b + size - 8);
  }
  if (size >= 4) {
    return detail::folded4(a) == detail::folded4(b) &&
           detail::folded4(a + size - 4) == detail::folded4(b + size - 4);
  }
  for (std::size_t i = 0; i < size; ++i) {
    if ((static_cast<unsigned char>(a[i]) | 0x20U) != (static_cast<unsigned char>(b[i]) | 0x20U)) {
      return false;
    }
  }
  return true;
}

// OWS = *( SP / HTAB )                                                (RFC 9110 5.6.3)
constexpr bool is_ows(char c) {
  return c == ' ' || c == '\t';
}

// The text without leading and trailing OWS.
constexpr std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && is_ows(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_ows(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// ASCII case-insensitive equality, as tokens such as "websocket" and "upgrade" compare.
constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::string_view::size_type i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') {
      x = static_cast<char>(x - 'A' + 'a');
    }
    if (y >= 'A' && y <= 'Z') {
      y = static_cast<char>(y - 'A' + 'a');
    }
    if (x != y) {
      return false;
    }
  }
  return true;
}

} // namespace wsh::http
