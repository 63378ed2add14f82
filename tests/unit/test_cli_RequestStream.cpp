#include "cli/RequestStream.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>
#include <unistd.h>
#include <vector>

using wsh::cli::RequestStream;
using Kind = RequestStream::Kind;

namespace {

// A pipe fed by a writer thread, one chunk at a time: after each chunk but the last it waits
// until the reader has drained the pipe and is about to block (RequestStream's before_wait), so
// every chunk ends a read of the stream. Waits give up after two seconds, so a stream that
// stops reading fails the test instead of hanging it.
class PipeFeed {
public:
  explicit PipeFeed(std::vector<std::string> chunks) : m_chunks(std::move(chunks)) {
    int fds[2] = {-1, -1};
    REQUIRE(::pipe(fds) == 0);
    m_read_fd = fds[0];
    m_write_fd = fds[1];
    m_writer = std::thread([this] { write_all(); });
  }
  PipeFeed(const PipeFeed&) = delete;
  PipeFeed& operator=(const PipeFeed&) = delete;
  ~PipeFeed() {
    m_writer.join();
    ::close(m_read_fd);
  }

  int fd() const { return m_read_fd; }

  // For RequestStream's before_wait: the reader found the pipe empty.
  void reader_waits() { ++m_waits; }

private:
  void write_all() {
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
      const int waits = m_waits.load();
      const std::string& chunk = m_chunks[i];
      for (std::size_t done = 0; done < chunk.size();) {
        const ssize_t n = ::write(m_write_fd, chunk.data() + done, chunk.size() - done);
        if (n <= 0) {
          break;
        }
        done += static_cast<std::size_t>(n);
      }
      if (i + 1 < m_chunks.size()) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (m_waits.load() == waits && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
      }
    }
    ::close(m_write_fd);
  }

  std::vector<std::string> m_chunks;
  int m_read_fd = -1;
  int m_write_fd = -1;
  std::atomic<int> m_waits{0};
  std::thread m_writer;
};

// One piece as the test expects it.
struct Expected {
  Kind kind;
  std::string bytes; // the whole piece for a request or a truncated one; a prefix if too large
  std::uint64_t offset;
  std::size_t line;
};

// Reads `stream` to its end and compares every piece with `expected`.
void check_pieces(RequestStream& stream, const std::vector<Expected>& expected) {
  for (std::size_t i = 0; i <= expected.size(); ++i) {
    CAPTURE(i);
    const RequestStream::Piece piece = stream.next();
    if (i == expected.size()) {
      CHECK(piece.kind == Kind::end);
      break;
    }
    const Expected& want = expected[i];
    REQUIRE(piece.kind == want.kind);
    CHECK(piece.offset == want.offset);
    CHECK(stream.line_of(piece) == want.line);
    if (want.kind == Kind::too_large) {
      CHECK(piece.bytes.starts_with(want.bytes));
    } else {
      CHECK(piece.bytes == want.bytes);
    }
  }
}

// A request head of `size` bytes exactly (at least 64), ending with CRLF CRLF, or with LF LF.
std::string head_of_size(std::size_t size, std::string_view name, bool lf_only = false) {
  const std::string line = std::string("GET /") + std::string(name) + " HTTP/1.1";
  const std::string_view eol = lf_only ? "\n" : "\r\n";
  const std::string start = line + std::string(eol) + "X-Pad: ";
  const std::size_t pad = size - start.size() - 2 * eol.size();
  return start + std::string(pad, 'p') + std::string(eol) + std::string(eol);
}

std::size_t count_lines(std::string_view text) {
  std::size_t lines = 0;
  for (const char c : text) {
    lines += c == '\n' ? 1U : 0U;
  }
  return lines;
}

} // namespace

TEST_CASE("cli::RequestStream cuts heads that straddle the 64 KiB reads") {
  // 300 heads of 451 bytes (135,300 bytes), written in chunks that end at odd places, so
  // heads straddle both the stream's 64 KiB reads and the writer's chunks.
  std::string stream_bytes;
  std::vector<Expected> expected;
  std::size_t line = 1;
  for (int i = 0; i < 300; ++i) {
    const std::string head = head_of_size(451, "r" + std::to_string(i));
    expected.push_back({Kind::request, head, stream_bytes.size(), line});
    stream_bytes += head;
    line += count_lines(head);
  }
  std::vector<std::string> chunks;
  const std::size_t sizes[] = {1000, 65537, 3, 65535, 1};
  std::size_t at = 0;
  for (std::size_t k = 0; at < stream_bytes.size(); ++k) {
    const std::size_t size = sizes[k % std::size(sizes)];
    chunks.push_back(stream_bytes.substr(at, size));
    at += size;
  }
  PipeFeed feed(chunks);
  RequestStream stream(feed.fd(), 65536, [&feed] { feed.reader_waits(); });
  check_pieces(stream, expected);
}

TEST_CASE("cli::RequestStream resumes after an oversized head, with LF-only requests after it") {
  const std::size_t max = 1024;
  const std::string first = head_of_size(200, "first");
  // 5000 bytes of field lines without an end, then the end, then three LF-only requests.
  std::string oversized = "GET /big HTTP/1.1\r\n";
  while (oversized.size() < 5000) {
    oversized += "X-Big: " + std::string(60, 'b') + "\r\n";
  }
  oversized += "\r\n";
  const std::string lf_a = head_of_size(100, "a", true);
  const std::string lf_b = head_of_size(120, "b", true);
  const std::string lf_c = "GET /c HTTP/1.1\nHost: c\n\n";
  const std::string all = first + oversized + lf_a + lf_b + lf_c;
  std::size_t line = 1;
  std::vector<Expected> expected;
  expected.push_back({Kind::request, first, 0, line});
  line += count_lines(first);
  expected.push_back({Kind::too_large, oversized.substr(0, 64), first.size(), line});
  line += count_lines(oversized);
  std::uint64_t offset = first.size() + oversized.size();
  for (const std::string* head : {&lf_a, &lf_b, &lf_c}) {
    expected.push_back({Kind::request, *head, offset, line});
    offset += head->size();
    line += count_lines(*head);
  }
  SUBCASE("in one write") {
    PipeFeed feed({all});
    RequestStream stream(feed.fd(), max, [&feed] { feed.reader_waits(); });
    check_pieces(stream, expected);
  }
  SUBCASE("its end split across reads at every byte of the terminator") {
    const std::size_t end_at = first.size() + oversized.size();
    for (std::size_t cut = end_at - 3; cut <= end_at + 1; ++cut) {
      CAPTURE(cut);
      PipeFeed feed({all.substr(0, cut), all.substr(cut)});
      RequestStream stream(feed.fd(), max, [&feed] { feed.reader_waits(); });
      check_pieces(stream, expected);
    }
  }
}

TEST_CASE("cli::RequestStream takes a head of exactly --max-header-bytes") {
  const std::size_t max = 512;
  const std::string exact = head_of_size(max, "exact");
  const std::string over = head_of_size(max + 1, "over");
  const std::string next = head_of_size(100, "next");
  REQUIRE(exact.size() == max);
  PipeFeed feed({exact + next + over + next});
  RequestStream stream(feed.fd(), max, [&feed] { feed.reader_waits(); });
  const std::size_t lines = count_lines(exact);
  check_pieces(stream, {{Kind::request, exact, 0, 1},
                        {Kind::request, next, max, 1 + lines},
                        {Kind::too_large, over.substr(0, 64), max + next.size(), 1 + lines + 3},
                        {Kind::request, next, max + next.size() + over.size(), 1 + 2 * lines + 3}});
}

TEST_CASE("cli::RequestStream skips blank lines between requests") {
  const std::string a = head_of_size(80, "a");
  const std::string b = head_of_size(90, "b");
  PipeFeed feed({"\r\n\n" + a + "\n\r\n\r\n" + b + "\n"});
  RequestStream stream(feed.fd(), 1024, [&feed] { feed.reader_waits(); });
  check_pieces(stream, {{Kind::request, a, 3, 3}, {Kind::request, b, 3 + a.size() + 5, 3 + 3 + 3}});
}

TEST_CASE("cli::RequestStream waits for the LF after a CR that ends a read") {
  const std::string a = head_of_size(80, "a");
  const std::string b = head_of_size(90, "b");
  SUBCASE("a blank line split after its CR") {
    PipeFeed feed({a + "\r", "\n" + b});
    RequestStream stream(feed.fd(), 1024, [&feed] { feed.reader_waits(); });
    check_pieces(stream, {{Kind::request, a, 0, 1}, {Kind::request, b, a.size() + 2, 5}});
  }
  SUBCASE("a head's end split after its last CR") {
    PipeFeed feed({a.substr(0, a.size() - 1), a.substr(a.size() - 1) + b});
    RequestStream stream(feed.fd(), 1024, [&feed] { feed.reader_waits(); });
    check_pieces(stream, {{Kind::request, a, 0, 1}, {Kind::request, b, a.size(), 4}});
  }
  SUBCASE("a CR alone at the end of the stream") {
    PipeFeed feed({a, "\r"});
    RequestStream stream(feed.fd(), 1024, [&feed] { feed.reader_waits(); });
    check_pieces(stream, {{Kind::request, a, 0, 1}});
  }
  SUBCASE("a head cut by the end of the stream") {
    PipeFeed feed({a, "GET /cut HTTP/1.1\r\nHost: x\r"});
    RequestStream stream(feed.fd(), 1024, [&feed] { feed.reader_waits(); });
    check_pieces(stream, {{Kind::request, a, 0, 1},
                          {Kind::truncated, "GET /cut HTTP/1.1\r\nHost: x\r", a.size(), 4}});
  }
}
