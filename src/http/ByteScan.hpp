#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wsh::http {

// Searches for the bytes that end or break a header line, sixteen bytes at a time where the
// processor has SSE2 (every x86-64 does), a byte at a time elsewhere. They never read outside
// the view: near its end the last sixteen bytes are loaded again, overlapping, instead of
// reading past it, so inputs that end at a guard page stay safe.

namespace detail {

#if defined(__SSE2__)
using Chunk = __m128i;

// 0xff in each byte of `chunk` that lies in [low, high], compared as unsigned bytes.
template <unsigned char low, unsigned char high>
inline Chunk in_range(Chunk chunk) {
  // Shifting [low, high] to the bottom of the signed range makes it one signed comparison.
  const Chunk shifted = _mm_add_epi8(chunk, _mm_set1_epi8(static_cast<char>(0x80 - low)));
  return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + high - low + 1 - 256)));
}

inline Chunk equal_to(Chunk chunk, char byte) {
  return _mm_cmpeq_epi8(chunk, _mm_set1_epi8(byte));
}
#endif

// The bytes no field line may hold but at its end (RFC 9110 5.5): controls, HTAB included,
// and DEL.
struct ControlByte {
  static constexpr bool test(unsigned char byte) { return byte < 0x20 || byte == 0x7f; }
#if defined(__SSE2__)
  static Chunk test(Chunk chunk) {
    const Chunk controls = _mm_cmpeq_epi8(_mm_min_epu8(chunk, _mm_set1_epi8(0x1f)), chunk);
    return _mm_or_si128(controls, equal_to(chunk, 0x7f));
  }
#endif
};

#if defined(__SSE2__)
// The colon that ends a field name (RFC 9112 5).
struct Colon {
  static Chunk test(Chunk chunk) { return equal_to(chunk, ':'); }
};

// Any byte but a letter, a digit and '-': every tchar of a usual field name is one of those,
// so a name without such a byte is a token (RFC 9110 5.6.2) without a closer look.
struct NotAlnumOrDash {
  static Chunk test(Chunk chunk) {
    const Chunk letters = in_range<'a', 'z'>(_mm_or_si128(chunk, _mm_set1_epi8(0x20)));
    const Chunk digits = in_range<'0', '9'>(chunk);
    const Chunk plain = _mm_or_si128(_mm_or_si128(letters, digits), equal_to(chunk, '-'));
    return _mm_xor_si128(plain, _mm_set1_epi8(-1));
  }
};
#endif

// What the request target of a clean request line may not hold (RFC 9112 3.2, RFC 3986):
// a space, '#', a control, DEL or a byte past ASCII.
struct NotTargetByte {
  static constexpr bool test(unsigned char byte) {
    return byte <= 0x20 || byte >= 0x7f || byte == '#';
  }
#if defined(__SSE2__)
  static Chunk test(Chunk chunk) {
    const Chunk printable = in_range<0x21, 0x7e>(chunk);
    return _mm_or_si128(_mm_xor_si128(printable, _mm_set1_epi8(-1)), equal_to(chunk, '#'));
  }
#endif
};

} // namespace detail

// Offset of the first byte of text[from, end) of the class `Bytes`, or `end`. The bytes from
// `end` to the end of `text` may be looked at (never past the end of `text`).
template <typename Bytes>
std::size_t find_first(std::string_view text, std::size_t from, std::size_t end) {
  const char* bytes = text.data();
  std::size_t i = from;
#if defined(__SSE2__)
  const auto mask_at = [bytes](std::size_t at) {
    const detail::Chunk chunk = _mm_loadu_si128(reinterpret_cast<const detail::Chunk*>(bytes + at));
    return static_cast<unsigned>(_mm_movemask_epi8(Bytes::test(chunk)));
  };
  const auto first_in = [&](unsigned mask, std::size_t base) {
    const std::size_t at = base + static_cast<std::size_t>(__builtin_ctz(mask));
    return at < end ? at : end;
  };
  for (; i < end && i + 16 <= text.size(); i += 16) {
    if (const unsigned mask = mask_at(i); mask != 0) {
      return first_in(mask, i);
    }
  }
  if (i < end && text.size() >= 16) {
    // The last sixteen bytes, less the ones before `i` that were looked at already.
    const std::size_t tail = text.size() - 16;
    const unsigned mask = mask_at(tail) >> (i - tail);
    return mask != 0 ? first_in(mask, i) : end;
  }
#endif
  for (; i < end; ++i) {
    if (Bytes::test(static_cast<unsigned char>(bytes[i]))) {
      return i;
    }
  }
  return end;
}

// Offset of the first control byte or DEL at or after `from`, or text.size().
inline std::size_t find_control_byte(std::string_view text, std::size_t from) {
  return find_first<detail::ControlByte>(text, from, text.size());
}

// Offset of the first byte in text[begin, end) that a request target may not hold, or `end`.
inline std::size_t find_invalid_target_byte(std::string_view text, std::size_t begin,
                                            std::size_t end) {
  return find_first<detail::NotTargetByte>(text, begin, end);
}

// Reads the field lines from `begin` on while they have the usual shape: a name of letters,
// digits and '-', a colon, then no control byte or DEL before a CR that LF follows, the LF
// before `limit`. Calls `on_field(name, colon, cr)` with the offsets of each such line, and
// stops at the first line of another shape (an empty line, another name byte, HTAB, LF
// alone, a bad byte, the end of the input) or when `on_field` returns false. Returns where
// the first line it did not take begins, for the caller to read byte by byte. Sixteen bytes
// at a time, never reading outside `text`.
template <typename OnField>
std::size_t read_usual_field_lines(std::string_view text, std::size_t begin, std::size_t limit,
                                   OnField on_field) {
#if defined(__SSE2__)
  if (text.size() < 16) {
    return begin;
  }
  const char* const base = text.data();
  const char* const end = base + text.size();
  const char* const last_load = end - 16;
  const char* const stop = base + std::min(limit, text.size());
  // The bits of `Bytes` for the sixteen bytes at `at` (fewer at the end of the text).
  const auto bits = [last_load](const char* at, auto bytes) {
    const char* const from = at <= last_load ? at : last_load;
    const detail::Chunk chunk = _mm_loadu_si128(reinterpret_cast<const detail::Chunk*>(from));
    return static_cast<unsigned>(_mm_movemask_epi8(decltype(bytes)::test(chunk))) >>
           static_cast<unsigned>(at - from);
  };
  const char* line = base + begin;
  while (line < end) {
    const char* at = line;
    unsigned stops = 0;
    unsigned controls = 0;
    while (true) {
      controls = bits(at, detail::ControlByte{});
      stops = controls | bits(at, detail::Colon{});
      if (stops != 0) {
        break;
      }
      if (bits(at, detail::NotAlnumOrDash{}) != 0 || at + 16 >= end) {
        return static_cast<std::size_t>(line - base);
      }
      at += 16;
    }
    const auto first = static_cast<unsigned>(__builtin_ctz(stops));
    const unsigned before = (1U << first) - 1U;
    if ((controls & (1U << first)) != 0 || at + first == line ||
        (bits(at, detail::NotAlnumOrDash{}) & before) != 0) {
      return static_cast<std::size_t>(line - base);
    }
    const char* const colon = at + first;
    const char* cr = nullptr;
    if (const unsigned after = controls & ~(before | (1U << first)); after != 0) {
      cr = at + __builtin_ctz(after);
    } else {
      // The rest of the value: whole chunks, then the overlapping last one.
      for (at += 16; at <= last_load; at += 16) {
        const detail::Chunk chunk = _mm_loadu_si128(reinterpret_cast<const detail::Chunk*>(at));
        if (const auto found =
                static_cast<unsigned>(_mm_movemask_epi8(detail::ControlByte::test(chunk)));
            found != 0) {
          cr = at + __builtin_ctz(found);
          break;
        }
      }
      if (cr == nullptr) {
        const unsigned found = at < end ? bits(at, detail::ControlByte{}) : 0U;
        if (found == 0) {
          return static_cast<std::size_t>(line - base);
        }
        cr = at + __builtin_ctz(found);
      }
    }
    if (cr + 2 > stop || cr[0] != '\r' || cr[1] != '\n' ||
        !on_field(static_cast<std::size_t>(line - base), static_cast<std::size_t>(colon - base),
                  static_cast<std::size_t>(cr - base))) {
      return static_cast<std::size_t>(line - base);
    }
    line = cr + 2;
  }
  return static_cast<std::size_t>(line - base);
#else
  (void)text;
  (void)limit;
  (void)on_field;
  return begin;
#endif
}

// Offset of the first LF at or after `from` that CR or LF follows, or npos: where a header
// block may end (RFC 9112 2.2).
inline std::size_t find_line_feed_before_cr_or_lf(std::string_view text, std::size_t from) {
  const std::size_t size = text.size();
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 17 <= size; i += 16) {
    const auto load = [&text](std::size_t at) {
      return _mm_loadu_si128(reinterpret_cast<const detail::Chunk*>(text.data() + at));
    };
    const detail::Chunk here = load(i);
    const detail::Chunk next = load(i + 1);
    const auto feeds = static_cast<unsigned>(_mm_movemask_epi8(detail::equal_to(here, '\n')));
    const auto breaks = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(detail::equal_to(next, '\n'), detail::equal_to(next, '\r'))));
    if (const unsigned both = feeds & breaks; both != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(both));
    }
  }
#endif
  for (; i + 1 < size; ++i) {
    if (text[i] == '\n' && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      return i;
    }
  }
  return std::string_view::npos;
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
