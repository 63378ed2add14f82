#include "http/HeaderEnd.hpp"

#include "http/ByteScan.hpp"

#include <cstdint>

#if WSH_SIMD_SSE2
#include <immintrin.h>
#endif

namespace wsh::http {

namespace {

constexpr std::size_t k_npos = std::string_view::npos;

// The offset just past the empty line that follows the LF at `lf`, or npos: an LF followed
// by LF, or by CR LF, ends a header block (RFC 9112 2.1, 2.2). Every search below only finds
// candidates, LFs that CR or LF follows, and asks here.
std::size_t end_after_line_feed(std::string_view input, std::size_t lf) {
  if (lf + 1 < input.size() && input[lf + 1] == '\n') {
    return lf + 2;
  }
  if (lf + 2 < input.size() && input[lf + 1] == '\r' && input[lf + 2] == '\n') {
    return lf + 3;
  }
  return k_npos;
}

#if WSH_SIMD_SSE2
// Offset of the first LF at or after `from` that CR or LF follows, or npos: sixteen bytes at a
// time, then byte by byte for the last ones.
std::size_t find_candidate(std::string_view text, std::size_t from) {
  const std::size_t size = text.size();
  std::size_t i = from;
  const auto load = [&text](std::size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
  };
  for (; i + 17 <= size; i += 16) {
    const __m128i here = load(i);
    const __m128i next = load(i + 1);
    const auto feeds =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(here, _mm_set1_epi8('\n'))));
    const auto breaks = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(next, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(next, _mm_set1_epi8('\r')))));
    if (const unsigned both = feeds & breaks; both != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(both));
    }
  }
  for (; i + 1 < size; ++i) {
    if (text[i] == '\n' && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      return i;
    }
  }
  return k_npos;
}
#else
// Offset of the first LF at or after `from`, or npos: every LF is a candidate.
std::size_t find_candidate(std::string_view text, std::size_t from) {
  const std::size_t lf = find_lf(text, from);
  return lf < text.size() ? lf : k_npos;
}
#endif

// The end after the first candidate at or after `from` that is one, line by line.
std::size_t find_end_by_lines(std::string_view input, std::size_t from) {
  for (std::size_t pos = from;;) {
    const std::size_t lf = find_candidate(input, pos);
    if (lf == k_npos) {
      return k_npos;
    }
    if (const std::size_t end = end_after_line_feed(input, lf); end != k_npos) {
      return end;
    }
    pos = lf + 1;
  }
}

#if WSH_SIMD_SSE2
// The header block is looked for 64 bytes at a time: one bit per byte for LF and for CR, and a
// candidate is an LF that LF or CR follows. Bits 0 to 62 of a window see the byte after them,
// so windows overlap by one byte.
constexpr std::size_t k_window = 64;
constexpr std::size_t k_window_step = k_window - 1;

// One bit per byte of the 32 at `half` equal to `byte`.
[[gnu::target("avx2")]] std::uint32_t bits_equal(__m256i half, char byte) {
  return static_cast<std::uint32_t>(
      _mm256_movemask_epi8(_mm256_cmpeq_epi8(half, _mm256_set1_epi8(byte))));
}

// The LFs of a window that LF or CR follows, one bit per byte, bit 0 first.
[[gnu::target("avx2")]] std::uint64_t window_candidates(const char* window) {
  const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(window));
  const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(window + 32));
  const std::uint64_t lfs = bits_equal(low, '\n') | (std::uint64_t{bits_equal(high, '\n')} << 32U);
  const std::uint64_t crs = bits_equal(low, '\r') | (std::uint64_t{bits_equal(high, '\r')} << 32U);
  return lfs & ((lfs | crs) >> 1U);
}

// The first end among `candidates`, LFs at `base` + bit, or npos.
std::size_t first_end(std::string_view input, std::size_t base, std::uint64_t candidates) {
  for (; candidates != 0; candidates &= candidates - 1U) {
    const std::size_t lf = base + static_cast<std::size_t>(__builtin_ctzll(candidates));
    if (const std::size_t end = end_after_line_feed(input, lf); end != k_npos) {
      return end;
    }
  }
  return k_npos;
}

// The search over whole windows, then one last window that ends with the input, shifted so no
// byte is looked at twice or read past the end.
[[gnu::target("avx2")]] std::size_t find_end_avx2(std::string_view input, std::size_t from) {
  constexpr std::uint64_t k_exact = (std::uint64_t{1} << k_window_step) - 1U;
  const std::size_t size = input.size();
  if (size < k_window) {
    return find_end_by_lines(input, from);
  }
  std::size_t at = from;
  for (; at + k_window <= size; at += k_window_step) {
    const std::uint64_t candidates = window_candidates(input.data() + at) & k_exact;
    if (const std::size_t end = first_end(input, at, candidates); end != k_npos) {
      return end;
    }
  }
  if (at >= size) {
    return k_npos;
  }
  const std::size_t tail = size - k_window;
  return first_end(input, at, window_candidates(input.data() + tail) >> (at - tail));
}

// The AVX2 windows where the processor has AVX2 (chosen once); without it the search line by
// line, which beats windows built from four SSE2 compares each.
std::size_t find_end(std::string_view input, std::size_t from) {
  static const bool has_avx2 = __builtin_cpu_supports("avx2") != 0;
  return has_avx2 ? find_end_avx2(input, from) : find_end_by_lines(input, from);
}
#else
std::size_t find_end(std::string_view input, std::size_t from) {
  return find_end_by_lines(input, from);
}
#endif

} // namespace

std::size_t skip_leading_empty_lines(std::string_view input) {
  std::size_t pos = 0;
  while (pos < input.size()) {
    if (input[pos] == '\n') {
      pos += 1;
    } else if (input[pos] == '\r' && pos + 1 < input.size() && input[pos + 1] == '\n') {
      pos += 2;
    } else {
      break;
    }
  }
  return pos;
}

std::size_t find_header_end(std::string_view input) {
  return find_end(input, skip_leading_empty_lines(input));
}

std::size_t find_header_end_from(std::string_view input, std::size_t from) {
  return find_end(input, from);
}

} // namespace wsh::http
