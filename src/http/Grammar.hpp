#pragma once

#include <array>
#include <string_view>

namespace wsh::http {

namespace detail {
// One flag per byte value: DIGIT, ALPHA and the bytes of `others`, so the per-byte grammar
// checks (tchar here, reg-name in Host.cpp) are a single table lookup.
constexpr std::array<bool, 256> alnum_and(std::string_view others) {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[static_cast<std::size_t>(c)] =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        others.find(static_cast<char>(c)) != std::string_view::npos;
  }
  return table;
}
constexpr std::array<bool, 256> k_tchar = alnum_and("!#$%&'*+-.^_`|~");
} // namespace detail

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" /
//         "~" / DIGIT / ALPHA                                          (RFC 9110 5.6.2)
constexpr bool is_tchar(char c) {
  return detail::k_tchar[static_cast<unsigned char>(c)];
}

// The same as is_token for a non-empty text, without a branch per byte: field names are
// checked whole, and nearly always pass.
constexpr bool all_tchar(std::string_view text) {
  const auto tchar_bit = [&text](std::size_t i) {
    return static_cast<unsigned>(detail::k_tchar[static_cast<unsigned char>(text[i])]);
  };
  unsigned valid = 1;
  std::size_t i = 0;
  for (; i + 4 <= text.size(); i += 4) {
    valid &= tchar_bit(i) & tchar_bit(i + 1) & tchar_bit(i + 2) & tchar_bit(i + 3);
  }
  for (; i < text.size(); ++i) {
    valid &= tchar_bit(i);
  }
  return valid != 0;
}

// field-vchar = VCHAR / obs-text, or SP / HTAB between them           (RFC 9110 5.5):
// every byte but the controls (0x00-0x1f except HTAB) and DEL.
constexpr bool is_field_value_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 0x20 && byte != 0x7f) || byte == '\t';
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

// Offset of the first byte of `text` that may not appear in a field value (a control other
// than HTAB, or DEL), or npos; looks at eight bytes at a time.
std::size_t find_invalid_value_byte(std::string_view text);

// Case-insensitive equality of a field name (a token, as the parser guarantees) with a
// lowercase name of letters, digits and '-'. Folding with 0x20 is exact for such names.
bool token_equals_lowercase(std::string_view token, std::string_view lowercase);

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
