#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wsh::http {

// A set of byte classes, one bit each: every per-byte rule of the HTTP and URI grammars is one
// lookup of a byte in k_byte_classes, the only place where each rule is written down. The SIMD
// searches in ByteScan.hpp only find candidates for these rules; a lookup here decides.
using ByteClasses = std::uint16_t;

namespace byte_class {
// tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" /
// "~" / DIGIT / ALPHA                                                  (RFC 9110 5.6.2)
inline constexpr ByteClasses k_tchar = 1U << 0U;
// field-vchar / SP / HTAB: every byte but the controls other than HTAB, and DEL (RFC 9110 5.5).
inline constexpr ByteClasses k_field_value = 1U << 1U;
// CTL: %x00-1F / %x7F                                                  (RFC 5234 B.1)
inline constexpr ByteClasses k_control = 1U << 2U;
// unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~"                    (RFC 3986 2.3)
inline constexpr ByteClasses k_unreserved = 1U << 3U;
// sub-delims: "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=" (RFC 3986 2.2)
inline constexpr ByteClasses k_sub_delim = 1U << 4U;
// The bytes of a path and query other than pct-encoded ones: pchar's unreserved, sub-delims,
// ":" and "@", and "/" and "?"                                   (RFC 3986 3.3, 3.4)
inline constexpr ByteClasses k_path = 1U << 5U;
// HEXDIG: DIGIT / "A"-"F", and "a"-"f" as RFC 3986 2.1 allows
inline constexpr ByteClasses k_hex_digit = 1U << 6U;
// ALPHA                                                                (RFC 5234 B.1)
inline constexpr ByteClasses k_alpha = 1U << 7U;
// DIGIT                                                                (RFC 5234 B.1)
inline constexpr ByteClasses k_digit = 1U << 8U;
// The bytes of a scheme after its first: ALPHA / DIGIT / "+" / "-" / "." (RFC 3986 3.1)
inline constexpr ByteClasses k_scheme = 1U << 9U;
} // namespace byte_class

namespace detail {

constexpr bool in(std::string_view bytes, int c) {
  return bytes.find(static_cast<char>(c)) != std::string_view::npos;
}

// The classes of byte `c`, built from the ABNF of each class above.
constexpr ByteClasses classes_of(int c) {
  using namespace byte_class;
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const bool digit = c >= '0' && c <= '9';
  const bool control = c < 0x20 || c == 0x7f;
  const bool unreserved = alpha || digit || in("-._~", c);
  const bool sub_delim = in("!$&'()*+,;=", c);
  ByteClasses classes = 0;
  const auto add = [&classes](bool member, ByteClasses bit) {
    if (member) {
      classes = static_cast<ByteClasses>(classes | bit);
    }
  };
  add(alpha || digit || in("!#$%&'*+-.^_`|~", c), k_tchar);
  add(!control || c == '\t', k_field_value);
  add(control, k_control);
  add(unreserved, k_unreserved);
  add(sub_delim, k_sub_delim);
  add(unreserved || sub_delim || in(":@/?", c), k_path);
  add(digit || in("ABCDEFabcdef", c), k_hex_digit);
  add(alpha, k_alpha);
  add(digit, k_digit);
  add(alpha || digit || in("+-.", c), k_scheme);
  return classes;
}

constexpr std::array<ByteClasses, 256> make_byte_classes() {
  std::array<ByteClasses, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[static_cast<std::size_t>(c)] = classes_of(c);
  }
  return table;
}

} // namespace detail

// The classes of each of the 256 byte values.
inline constexpr std::array<ByteClasses, 256> k_byte_classes = detail::make_byte_classes();

// True when byte `c` is in any of `classes`.
constexpr bool has_class(char c, ByteClasses classes) {
  return (k_byte_classes[static_cast<unsigned char>(c)] & classes) != 0;
}

} // namespace wsh::http
