#include "cli/RequestStream.hpp"

#include "http/RequestParser.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace wsh::cli {

namespace {

constexpr std::size_t k_read_size = 65536;

// Counts the newlines in [at, end): 64 bytes per step as four 16-byte vector compares summed
// into one byte counter per lane, which compilers turn into a handful of SIMD instructions.
std::size_t count_newlines_portable(const char* at, const char* const end) {
  using Lanes = std::uint8_t __attribute__((vector_size(16)));
  constexpr std::size_t k_step = 4 * sizeof(Lanes);
  constexpr std::size_t k_steps_per_round = 63; // a byte counter holds 255 >= 4 * 63 matches
  std::size_t count = 0;
  while (static_cast<std::size_t>(end - at) >= k_step) {
    const std::size_t steps =
        std::min(static_cast<std::size_t>(end - at) / k_step, k_steps_per_round);
    Lanes counts{};
    for (std::size_t i = 0; i < steps; ++i, at += k_step) {
      Lanes first;
      Lanes second;
      Lanes third;
      Lanes fourth;
      std::memcpy(&first, at, sizeof(Lanes));
      std::memcpy(&second, at + sizeof(Lanes), sizeof(Lanes));
      std::memcpy(&third, at + 2 * sizeof(Lanes), sizeof(Lanes));
      std::memcpy(&fourth, at + 3 * sizeof(Lanes), sizeof(Lanes));
      // A match compares as all ones, -1; the sum of four is -4 to 0.
      counts -= reinterpret_cast<Lanes>((first == '\n') + (second == '\n') + (third == '\n') +
                                        (fourth == '\n'));
    }
    std::array<std::uint64_t, sizeof(Lanes) / 8> words{};
    std::memcpy(words.data(), &counts, sizeof(Lanes));
    for (std::uint64_t word : words) {
      word = (word & 0x00ff00ff00ff00ffU) + ((word >> 8U) & 0x00ff00ff00ff00ffU);
      count += static_cast<std::size_t>((word * 0x0001000100010001U) >> 48U);
    }
  }
  return count + static_cast<std::size_t>(std::count(at, end, '\n'));
}

#if defined(__x86_64__)
// The same with AVX2: 64 bytes per step as two 32-byte compares, each into its own byte
// counters, summed with one vpsadbw per round.
[[gnu::target("avx2")]] std::size_t count_newlines_avx2(const char* at, const char* const end) {
  constexpr std::size_t k_half = 32;
  constexpr std::size_t k_step = 2 * k_half;
  constexpr std::size_t k_steps_per_round = 255; // a byte counter holds 255 matches
  const __m256i line_feed = _mm256_set1_epi8('\n');
  std::size_t count = 0;
  while (static_cast<std::size_t>(end - at) >= k_step) {
    const std::size_t steps =
        std::min(static_cast<std::size_t>(end - at) / k_step, k_steps_per_round);
    __m256i low = _mm256_setzero_si256();
    __m256i high = _mm256_setzero_si256();
    for (std::size_t i = 0; i < steps; ++i, at += k_step) {
      // A match compares as all ones, -1.
      low = _mm256_sub_epi8(
          low,
          _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), line_feed));
      high = _mm256_sub_epi8(
          high, _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at + k_half)),
                                  line_feed));
    }
    const __m256i zero = _mm256_setzero_si256();
    const __m256i sums = _mm256_add_epi64(_mm256_sad_epu8(low, zero), _mm256_sad_epu8(high, zero));
    const __m128i pairs =
        _mm_add_epi64(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
    count += static_cast<std::size_t>(_mm_cvtsi128_si64(pairs)) +
             static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(pairs, pairs)));
  }
  return count + static_cast<std::size_t>(std::count(at, end, '\n'));
}
#endif

// The newlines in [at, end), with AVX2 where the processor has it (chosen once).
std::size_t count_newlines(const char* at, const char* const end) {
#if defined(__x86_64__)
  static const bool has_avx2 = __builtin_cpu_supports("avx2") != 0;
  if (has_avx2) {
    return count_newlines_avx2(at, end);
  }
#endif
  return count_newlines_portable(at, end);
}

// Whether reading `fd` can wait for a writer: anything but a regular file.
bool may_block(int fd) {
  struct stat status {};
  return ::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode);
}

} // namespace

RequestStream::RequestStream(int fd, std::size_t max_header_bytes,
                             std::function<void()> before_wait)
    : m_fd(fd), m_max_header_bytes(max_header_bytes),
      m_before_wait(before_wait && may_block(fd) ? std::move(before_wait) : nullptr),
      m_buffer(new char[max_header_bytes + 2 * k_read_size]),
      m_capacity(max_header_bytes + 2 * k_read_size) {}

// Appends one read to the buffer, first dropping consumed bytes. False at the end of input or
// on an error.
bool RequestStream::fill() {
  if (m_eof || m_error != 0) {
    return false;
  }
  if (m_start > 0) {
    count_lines_up_to(m_start);
    m_line_counted = 0;
    std::memmove(m_buffer.get(), m_buffer.get() + m_start, m_size - m_start);
    m_size -= m_start;
    m_offset += m_start;
    m_start = 0;
  }
  const std::size_t room = std::min(k_read_size, m_capacity - m_size);
  if (m_before_wait) {
    pollfd descriptor{m_fd, POLLIN, 0};
    if (::poll(&descriptor, 1, 0) == 0) {
      m_before_wait();
    }
  }
  ssize_t n = 0;
  do {
    n = ::read(m_fd, m_buffer.get() + m_size, room);
  } while (n < 0 && errno == EINTR);
  m_size += static_cast<std::size_t>(std::max<ssize_t>(n, 0));
  if (n < 0) {
    m_error = errno;
    return false;
  }
  if (n == 0) {
    m_eof = true;
    return false;
  }
  return true;
}

void RequestStream::count_lines_up_to(std::size_t position) {
  m_line += count_newlines(m_buffer.get() + m_line_counted, m_buffer.get() + position);
  m_line_counted = position;
}

std::size_t RequestStream::line_of(const Piece& piece) {
  count_lines_up_to(static_cast<std::size_t>(piece.offset - m_offset));
  return m_line;
}

// After an oversized header block: drop bytes up to the end of that block, keeping only what
// could start the terminator, so memory stays bounded however long the block is.
bool RequestStream::skip_to_after_header_end() {
  while (true) {
    const std::string_view pending(m_buffer.get() + m_start, m_size - m_start);
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (pending[i] != '\n') {
        continue;
      }
      if (i + 1 < pending.size() && pending[i + 1] == '\n') {
        m_start += i + 2;
        return true;
      }
      if (i + 2 < pending.size() && pending[i + 1] == '\r' && pending[i + 2] == '\n') {
        m_start += i + 3;
        return true;
      }
    }
    if (pending.size() > 2) {
      m_start += pending.size() - 2;
    }
    if (!fill()) {
      m_start = m_size;
      return false;
    }
  }
}

RequestStream::Piece RequestStream::next() {
  if (m_resync) {
    m_resync = false;
    skip_to_after_header_end();
  }
  while (true) {
    // Blank lines between requests belong to no request.
    while (m_start < m_size) {
      if (m_buffer[m_start] == '\n') {
        m_start += 1;
      } else if (m_buffer[m_start] == '\r' && m_start + 1 < m_size &&
                 m_buffer[m_start + 1] == '\n') {
        m_start += 2;
      } else {
        break;
      }
    }
    const std::string_view pending(m_buffer.get() + m_start, m_size - m_start);
    const bool cr_may_start_blank = pending == "\r" && !m_eof;
    const std::size_t end =
        cr_may_start_blank ? std::string_view::npos : http::find_header_end(pending);
    Piece piece;
    piece.offset = m_offset + m_start;
    if (end != std::string_view::npos && end <= m_max_header_bytes) {
      piece.kind = Kind::request;
      piece.bytes = pending.substr(0, end);
      m_start += end;
      return piece;
    }
    if (end != std::string_view::npos || pending.size() > m_max_header_bytes) {
      piece.kind = Kind::too_large;
      piece.bytes = pending.substr(0, std::min(pending.size(), m_max_header_bytes + 1));
      m_resync = true;
      return piece;
    }
    if (!fill()) {
      const std::string_view rest(m_buffer.get() + m_start, m_size - m_start);
      piece.offset = m_offset + m_start;
      if (m_error != 0) {
        piece.kind = Kind::error;
        piece.error_number = m_error;
        return piece;
      }
      if (rest.empty() || rest == "\r") {
        piece.kind = Kind::end;
        return piece;
      }
      piece.kind = Kind::truncated;
      piece.bytes = rest;
      m_start = m_size;
      return piece;
    }
  }
}

} // namespace wsh::cli
