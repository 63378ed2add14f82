#include "http/HeaderEnd.hpp"

#include "http/ByteScan.hpp"

#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace wsh::http {

namespace {

// The offset just past the first LF at or after `from` that LF or CR LF follows: LFs that CR or
// LF follows are found sixteen bytes at a time where the processor has SSE2 (a byte at a time
// elsewhere), and each is checked.
std::size_t find_end_by_lines(std::string_view input, std::size_t from) {
  for (std::size_t pos = from;;) {
    const std::size_t lf = find_line_feed_before_cr_or_lf(input, pos);
    if (lf == std::string_view::npos) {
      return std::string_view::npos;
    }
    if (input[lf + 1] == '\n') {
      return lf + 2;
    }
    if (lf + 2 < input.size() && input[lf + 2] == '\n') {
      return lf + 3;
    }
    pos = lf + 1;
  }
}

#if defined(__SSE2__)
// The header block is looked for 64 bytes at a time: one bit per byte for LF and for CR, and
// an LF followed by LF or by CR LF is an end. Bits 0 to 61 of a window see the two bytes
// after them, so windows overlap by two bytes.
constexpr std::size_t k_window = 64;
constexpr std::size_t k_window_step = k_window - 2;

// Where LF and CR sit in a window, one bit per byte, bit 0 first.
struct WindowBits {
  std::uint64_t lf = 0;
  std::uint64_t cr = 0;
};

// The bits of the LFs that start an end of the header block: LF LF or LF CR LF.
constexpr std::uint64_t block_ends(WindowBits bits) {
  return bits.lf & ((bits.lf >> 1U) | ((bits.cr >> 1U) & (bits.lf >> 2U)));
}

// The offset just past the end that starts with the LF at `lf`, which block_ends found.
std::size_t past_end_at(std::string_view input, std::size_t lf) {
  return input[lf + 1] == '\n' ? lf + 2 : lf + 3;
}

// The bits of one window as two 32-byte AVX2 compares.
[[gnu::target("avx2")]] WindowBits window_bits(const char* window) {
  const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(window));
  const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(window + 32));
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i cr = _mm256_set1_epi8('\r');
  const auto low_lf = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, lf)));
  const auto high_lf =
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, lf)));
  const auto low_cr = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, cr)));
  const auto high_cr =
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, cr)));
  return {low_lf | (std::uint64_t{high_lf} << 32U), low_cr | (std::uint64_t{high_cr} << 32U)};
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
    if (const std::uint64_t ends = block_ends(window_bits(input.data() + at)) & k_exact;
        ends != 0) {
      return past_end_at(input, at + static_cast<std::size_t>(__builtin_ctzll(ends)));
    }
  }
  if (at >= size) {
    return std::string_view::npos;
  }
  const std::size_t tail = size - k_window;
  WindowBits bits = window_bits(input.data() + tail);
  bits.lf >>= at - tail;
  bits.cr >>= at - tail;
  const std::uint64_t ends = block_ends(bits);
  return ends != 0 ? past_end_at(input, at + static_cast<std::size_t>(__builtin_ctzll(ends)))
                   : std::string_view::npos;
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

} // namespace wsh::http
