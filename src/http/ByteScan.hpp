#pragma once

#include "http/ByteClass.hpp"

#include <cstddef>
#include <cstring>
#include <string_view>

#include "util/Simd.hpp"

namespace wsh::http {

// The searches of the parser: each finds the first byte of a line, a token or a value that is
// not of a class of k_byte_classes. With SSE2 the bytes of a set that lies inside the class are
// passed over sixteen at a time, and every other byte (a candidate) is looked up in the table,
// which decides, as picohttpparser's findchar_fast does; without it every byte is looked up.
// Loads never leave the view: near its end the last sixteen bytes are loaded again,
// overlapping, so inputs that end at a guard page stay safe.

namespace detail {

#if WSH_SIMD_SSE2
using Chunk = __m128i;
#endif

// The bytes from `low` to `high`, after OR-ing each with `fold` (0x20 makes a range of
// lower-case letters take the capitals too).
template <unsigned char low, unsigned char high, unsigned char fold = 0>
struct Range {
  static constexpr bool contains(unsigned char byte) {
    const auto folded = static_cast<unsigned char>(byte | fold);
    return folded >= low && folded <= high;
  }
#if WSH_SIMD_SSE2
  // 0xff in each byte of `chunk` in the range: one equality, or one signed comparison after
  // shifting [low, high] to the bottom of the signed range.
  static Chunk mask(Chunk chunk) {
    if constexpr (fold != 0) {
      chunk = _mm_or_si128(chunk, _mm_set1_epi8(static_cast<char>(fold)));
    }
    if constexpr (low == high) {
      return _mm_cmpeq_epi8(chunk, _mm_set1_epi8(static_cast<char>(low)));
    }
    const Chunk shifted = _mm_add_epi8(chunk, _mm_set1_epi8(static_cast<char>(0x80 - low)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + high - low + 1 - 256)));
  }
#endif
};

// The bytes of any of `Ranges`.
template <typename... Ranges>
struct AnyOf {
  static constexpr bool contains(unsigned char byte) { return (Ranges::contains(byte) || ...); }
#if WSH_SIMD_SSE2
  static Chunk mask(Chunk chunk) {
    return (Ranges::mask(chunk) | ...);
  }
#endif
};

// The bytes outside `Set`.
template <typename Set>
struct NoneOf {
  static constexpr bool contains(unsigned char byte) { return !Set::contains(byte); }
#if WSH_SIMD_SSE2
  static Chunk mask(Chunk chunk) {
    return _mm_xor_si128(Set::mask(chunk), _mm_set1_epi8(-1));
  }
#endif
};

// True when every byte outside `Stops` is in `classes`: a search may then pass over the bytes
// outside `Stops` without looking them up. Checked at compile time for each search below.
template <typename Stops>
constexpr bool stops_at_every_byte_outside(ByteClasses classes) {
  for (int c = 0; c < 256; ++c) {
    const auto byte = static_cast<unsigned char>(c);
    if (!Stops::contains(byte) && (k_byte_classes[byte] & classes) == 0) {
      return false;
    }
  }
  return true;
}

// The candidates of a token: any byte but a letter, a digit and '-', which every usual field
// name and method is made of.
using TokenStops = NoneOf<AnyOf<Range<'a', 'z', 0x20>, Range<'0', '9'>, Range<'-', '-'>>>;
// The candidates of a field value: the controls, HTAB included, and DEL.
using FieldValueStops = AnyOf<Range<0x00, 0x1f>, Range<0x7f, 0x7f>>;
// The candidates of a path and query: any byte but the usual ones (letters, digits, '&' to
// ';', '=', '?', '@' and '_').
using PathStops = NoneOf<AnyOf<Range<'a', 'z', 0x20>, Range<'&', ';'>, Range<'=', '='>,
                               Range<'?', '@'>, Range<'_', '_'>>>;

#if WSH_SIMD_SSE2
// One bit per byte of the sixteen at `at` that is in `Stops`.
template <typename Stops>
unsigned stop_bits(const char* at) {
  const Chunk chunk = _mm_loadu_si128(reinterpret_cast<const Chunk*>(at));
  return static_cast<unsigned>(_mm_movemask_epi8(Stops::mask(chunk)));
}
#endif

} // namespace detail

// Offset of the first byte of text[from, end) that is in none of `classes`, or `end`; `from`
// is at most `end`. With SSE2, the bytes outside `Stops` are passed over and the bytes from
// `end` to the end of `text` may be loaded (never past the end of `text`).
template <ByteClasses classes, typename Stops>
[[gnu::always_inline]] inline std::size_t find_not_in(std::string_view text, std::size_t from,
                                                      std::size_t end) {
  static_assert(detail::stops_at_every_byte_outside<Stops>(classes),
                "a search may only pass over bytes of its classes");
  const char* const bytes = text.data();
  std::size_t i = from;
#if WSH_SIMD_SSE2
  const std::size_t size = text.size();
  if (size >= 16) {
    // Whole chunks, then the last sixteen bytes less those before `i`.
    while (i + 16 <= size) {
      if (const unsigned stops = detail::stop_bits<Stops>(bytes + i); stops != 0) {
        const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(stops));
        if (at >= end || !has_class(bytes[at], classes)) {
          return at < end ? at : end;
        }
        i = at + 1;
      } else {
        i += 16;
      }
      if (i >= end) {
        return end;
      }
    }
    const std::size_t tail = size - 16;
    for (unsigned stops = detail::stop_bits<Stops>(bytes + tail) >> (i - tail); stops != 0;
         stops &= stops - 1U) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(stops));
      if (at >= end || !has_class(bytes[at], classes)) {
        return at < end ? at : end;
      }
    }
    return end;
  }
#endif
  while (i < end && has_class(bytes[i], classes)) {
    ++i;
  }
  return i;
}

// Where a token ends (RFC 9110 5.6.2): the first byte in [from, end) that is not a tchar.
inline std::size_t find_token_end(std::string_view text, std::size_t from, std::size_t end) {
  return find_not_in<byte_class::k_tchar, detail::TokenStops>(text, from, end);
}

// Where a field value ends (RFC 9110 5.5): the first byte in [from, end) that may not be in a
// field value (a control other than HTAB, or DEL), which for a good line is its CR or LF.
[[gnu::always_inline]] inline std::size_t find_field_value_end(std::string_view text,
                                                               std::size_t from, std::size_t end) {
  return find_not_in<byte_class::k_field_value, detail::FieldValueStops>(text, from, end);
}

// The first byte in [from, end) that a path or query may not hold as it is (RFC 3986 3.3,
// 3.4): '%' (which must start a pct-encoded byte) and every byte outside pchar, '/' and '?'.
inline std::size_t find_path_end(std::string_view text, std::size_t from, std::size_t end) {
  return find_not_in<byte_class::k_path, detail::PathStops>(text, from, end);
}

// Where the field line that starts at `begin` has its name end and its value end.
struct FieldLineStops {
  std::size_t name_end = 0;  // find_token_end(text, begin, text.size())
  std::size_t value_end = 0; // find_field_value_end(text, name_end + 1, text.size()) when a
                             // name and a colon start the line; text.size() otherwise
};

// The two searches of a field line (RFC 9112 5: field-name ":" OWS field-value OWS) to the end
// of `text`. With SSE2 both look at the same first sixteen bytes, where a usual name, its colon
// and often its whole value lie; the table decides every candidate, as in find_not_in.
[[gnu::always_inline]] inline FieldLineStops find_field_line_stops(std::string_view text,
                                                                   std::size_t begin) {
  const std::size_t size = text.size();
  std::size_t name_from = begin; // the bytes before it are tchars
#if WSH_SIMD_SSE2
  if (size >= 16 && begin < size) {
    const char* const bytes = text.data();
    const std::size_t load = begin < size - 16 ? begin : size - 16;
    const auto shift = static_cast<unsigned>(begin - load);
    const detail::Chunk chunk =
        _mm_loadu_si128(reinterpret_cast<const detail::Chunk*>(bytes + load));
    const unsigned name_stops =
        static_cast<unsigned>(_mm_movemask_epi8(detail::TokenStops::mask(chunk))) >> shift;
    if (name_stops != 0) {
      const std::size_t name_end = begin + static_cast<std::size_t>(__builtin_ctz(name_stops));
      if (!has_class(bytes[name_end], byte_class::k_tchar)) {
        if (bytes[name_end] != ':' || name_end == begin) {
          return {name_end, size};
        }
        const unsigned value_stops =
            static_cast<unsigned>(_mm_movemask_epi8(detail::FieldValueStops::mask(chunk))) >>
            static_cast<unsigned>(name_end + 1 - load);
        if (value_stops != 0) {
          const std::size_t at =
              name_end + 1 + static_cast<std::size_t>(__builtin_ctz(value_stops));
          return {name_end, has_class(bytes[at], byte_class::k_field_value)
                                ? find_field_value_end(text, at + 1, size)
                                : at};
        }
        const std::size_t after = load + 16;
        return {name_end, after == size ? size : find_field_value_end(text, after, size)};
      }
    } else if (load == begin) {
      name_from = begin + 16;
    }
  }
#endif
  const std::size_t name_end = find_token_end(text, name_from, size);
  if (name_end == size || text[name_end] != ':' || name_end == begin) {
    return {name_end, size};
  }
  return {name_end, find_field_value_end(text, name_end + 1, size)};
}

// Offset of the first LF at or after `from`, or text.size().
inline std::size_t find_lf(std::string_view text, std::size_t from) {
  if (from >= text.size()) {
    return text.size();
  }
  const void* at = std::memchr(text.data() + from, '\n', text.size() - from);
  return at == nullptr ? text.size()
                       : static_cast<std::size_t>(static_cast<const char*>(at) - text.data());
}

} // namespace wsh::http
