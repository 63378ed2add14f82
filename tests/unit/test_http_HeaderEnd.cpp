#include "http/HeaderEnd.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace wsh::http;
using wsh::test::ExactBuffer;

namespace {

constexpr std::size_t k_npos = std::string_view::npos;

// Filler that looks like field lines: CRLF every 13 bytes, and near-misses of an end (LF CR
// without LF after it, CR LF CR without LF) that a search must pass over.
std::string filler(std::size_t size) {
  const std::string_view pattern = "X-Field: abc\r\nY: \n\rZ: v\r\n\rW: 0123\r\n";
  std::string text;
  while (text.size() < size) {
    text += pattern;
  }
  text.resize(size);
  // The filler must not end a block by itself, nor end with a byte that joins the end after it.
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.back() = 'a';
  }
  return text;
}

} // namespace

TEST_CASE("http::find_header_end") {
  CHECK(find_header_end("GET / HTTP/1.1\r\n\r\nrest") == 18);
  CHECK(find_header_end("GET / HTTP/1.1\n\nrest") == 16);
  CHECK(find_header_end("\r\n\r\nGET / HTTP/1.1\r\n\r\n") == 22);
  CHECK(find_header_end("GET / HTTP/1.1\r\n") == k_npos);
  CHECK(find_header_end("") == k_npos);
  CHECK(find_header_end("\n\r") == k_npos);
}

TEST_CASE("http::find_header_end_from resumes inside a block without skipping empty lines") {
  CHECK(find_header_end_from("\n\nGET", 0) == 2);
  CHECK(find_header_end_from("abc\r\n\r\n", 0) == 7);
  CHECK(find_header_end_from("abc\r\n\r\n", 5) == k_npos);
  CHECK(find_header_end_from("\n\r", 0) == k_npos);
  CHECK(find_header_end_from("\n\r\n", 0) == 3);
  CHECK(find_header_end_from("x\n", 5) == k_npos);
}

TEST_CASE("http::find_header_end finds the end at every offset across 64-byte windows") {
  // Long inputs are searched 64 bytes at a time where the processor has AVX2, each window
  // overlapping the next by the byte a candidate LF needs after it; the end at every offset of
  // inputs of 64 to 200 bytes, with each kind of line end, crosses every window boundary.
  const std::string_view ends[] = {"\n\n", "\r\n\r\n", "\n\r\n", "\r\n\n"};
  for (std::size_t size = 64; size <= 200; ++size) {
    for (const std::string_view end : ends) {
      for (std::size_t at = 1; at + end.size() <= size; ++at) {
        // The block's last line ends at `at`: its empty line follows.
        std::string text = filler(at) + std::string(end);
        const std::size_t expected = text.size();
        text += filler(size - text.size());
        const ExactBuffer buffer(text);
        CAPTURE(size);
        CAPTURE(at);
        CAPTURE(end);
        REQUIRE(find_header_end(buffer.view()) == expected);
        REQUIRE(find_header_end_from(buffer.view(), 0) == expected);
      }
    }
    const ExactBuffer none(filler(size));
    CAPTURE(size);
    REQUIRE(find_header_end(none.view()) == k_npos);
  }
}

TEST_CASE("http::find_header_end_from starts at every offset") {
  const std::string text = filler(150) + "\r\n\r\n" + filler(100) + "\n\n";
  const ExactBuffer buffer(text);
  for (std::size_t from = 0; from <= text.size(); ++from) {
    CAPTURE(from);
    const std::size_t expected = from <= 151 ? 154 : from <= 254 ? text.size() : k_npos;
    CHECK(find_header_end_from(buffer.view(), from) == expected);
  }
}
