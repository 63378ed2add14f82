#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace wsh::cli {

// Cuts a stream of requests written back to back (--batch) into one request head at a time,
// in constant memory: one block of --max-header-bytes plus two reads of 64 KiB. Blank lines between
// requests are skipped (RFC 9112 2.2).
class RequestStream {
public:
  // What next() found.
  enum class Kind {
    request,   // a complete header block
    too_large, // no end of the header block within the limit; the stream resumes after it
    truncated, // the input ended inside a request
    end,       // nothing more
    error,     // reading failed (errno in `error_number`)
  };

  // One piece of the stream: its bytes (valid until the next call) and the byte offset in the
  // stream where it starts.
  struct Piece {
    Kind kind = Kind::end;
    std::string_view bytes;
    std::uint64_t offset = 0;
    int error_number = 0;
  };

  // `before_wait` runs when the next read would block (a live pipe or terminal), so results
  // gathered so far can be written before the stream waits for more.
  RequestStream(int fd, std::size_t max_header_bytes, std::function<void()> before_wait = {});

  // The next request head, or why there is none.
  Piece next();

  // The line of the stream on which `piece`, the last one next() returned, starts. Lines are
  // counted only here and before a refill drops bytes, as most results never print one.
  std::size_t line_of(const Piece& piece);

private:
  bool fill();
  void count_lines_up_to(std::size_t position);
  bool skip_to_after_header_end();

  int m_fd;
  std::size_t m_max_header_bytes;
  std::function<void()> m_before_wait;
  // One block, never zeroed or regrown: the pending bytes are moved to its front before a read.
  std::unique_ptr<char[]> m_buffer;
  std::size_t m_capacity = 0;
  std::size_t m_size = 0;
  std::size_t m_start = 0;        // first unconsumed byte of m_buffer
  std::uint64_t m_offset = 0;     // stream offset of m_buffer[0]
  std::size_t m_line = 1;         // stream line of m_buffer[m_line_counted]
  std::size_t m_line_counted = 0; // newlines before this position of m_buffer are in m_line
  bool m_eof = false;
  int m_error = 0;
  bool m_resync = false; // skip the rest of an oversized header block first
};

} // namespace wsh::cli
