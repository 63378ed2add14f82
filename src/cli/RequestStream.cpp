#include "cli/RequestStream.hpp"

#include "http/ByteScan.hpp"
#include "http/HeaderEnd.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace wsh::cli {

namespace {

constexpr std::size_t k_read_size = 65536;

// Counts the newlines in [at, end): 64 bytes per step as four 16-byte vector compares summed
// into one byte counter per lane, which compilers turn into a handful of SIMD instructions
// (with WSH_SIMD=0, std::count alone).
std::size_t count_newlines(const char* at, const char* const end) {
#if WSH_SIMD
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
#else
  return static_cast<std::size_t>(std::count(at, end, '\n'));
#endif
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

// After an oversized header block: drop bytes up to the end of that block, keeping only the
// two bytes that could start its end, so memory stays bounded however long the block is.
bool RequestStream::skip_to_after_header_end() {
  while (true) {
    const std::string_view pending(m_buffer.get() + m_start, m_size - m_start);
    if (const std::size_t end = http::find_header_end_from(pending, 0);
        end != std::string_view::npos) {
      m_start += end;
      return true;
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
    // Blank lines between requests belong to no request (RFC 9112 2.2); a CR at the end of a
    // read may start one.
    m_start += http::skip_leading_empty_lines({m_buffer.get() + m_start, m_size - m_start});
    const std::string_view pending(m_buffer.get() + m_start, m_size - m_start);
    const bool cr_may_start_blank = pending == "\r" && !m_eof;
    const std::size_t end =
        cr_may_start_blank ? std::string_view::npos : http::find_header_end_from(pending, 0);
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
