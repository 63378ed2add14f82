#include "cli/RequestStream.hpp"

#include "http/RequestParser.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <unistd.h>
#include <utility>

namespace wsh::cli {

namespace {
constexpr std::size_t k_read_size = 65536;
} // namespace

RequestStream::RequestStream(int fd, std::size_t max_header_bytes,
                             std::function<void()> before_wait)
    : m_fd(fd), m_max_header_bytes(max_header_bytes), m_before_wait(std::move(before_wait)),
      m_buffer(new char[max_header_bytes + 2 * k_read_size]),
      m_capacity(max_header_bytes + 2 * k_read_size) {}

// Appends one read to the buffer, first dropping consumed bytes. False at the end of input or
// on an error.
bool RequestStream::fill() {
  if (m_eof || m_error != 0) {
    return false;
  }
  if (m_start > 0) {
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

void RequestStream::consume(std::size_t count) {
  // Lines are few and long: jumping from newline to newline beats looking at every byte.
  const char* at = m_buffer.get() + m_start;
  const char* const end = at + count;
  while ((at = static_cast<const char*>(
              std::memchr(at, '\n', static_cast<std::size_t>(end - at)))) != nullptr) {
    ++m_line;
    ++at;
  }
  m_start += count;
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
        consume(i + 2);
        return true;
      }
      if (i + 2 < pending.size() && pending[i + 1] == '\r' && pending[i + 2] == '\n') {
        consume(i + 3);
        return true;
      }
    }
    if (pending.size() > 2) {
      consume(pending.size() - 2);
    }
    if (!fill()) {
      consume(m_size - m_start);
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
        consume(1);
      } else if (m_buffer[m_start] == '\r' && m_start + 1 < m_size &&
                 m_buffer[m_start + 1] == '\n') {
        consume(2);
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
    piece.line = m_line;
    if (end != std::string_view::npos && end <= m_max_header_bytes) {
      piece.kind = Kind::request;
      piece.bytes = pending.substr(0, end);
      consume(end);
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
