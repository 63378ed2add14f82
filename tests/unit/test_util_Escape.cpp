#include "util/Escape.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace wsh::util;

TEST_CASE("util::escape_for_terminal") {
  using namespace std::string_literals;
  CHECK(escape_for_terminal("plain text: ok") == "plain text: ok");
  CHECK(escape_for_terminal("a\\b") == "a\\\\b");
  CHECK(escape_for_terminal("\t\r\n") == "\\t\\r\\n");
  CHECK(escape_for_terminal("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07");
  CHECK(escape_for_terminal("\x7f\x80\xff"s) == "\\x7f\\x80\\xff");
  CHECK(escape_for_terminal("\0"s) == "\\x00");
  // UTF-8, even valid, is escaped byte by byte: C1 controls (U+009B is CSI) must not pass.
  CHECK(escape_for_terminal("\xc2\x9b") == "\\xc2\\x9b");
}

TEST_CASE("util::escape_for_terminal leaves no control byte") {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) {
    every_byte += static_cast<char>(b);
  }
  const std::string escaped = escape_for_terminal(every_byte);
  for (const char c : escaped) {
    const auto byte = static_cast<unsigned char>(c);
    CHECK((byte >= 0x20 && byte < 0x7f));
  }
  CHECK(escaped_width(every_byte) == escaped.size());
}

TEST_CASE("util::describe_byte") {
  CHECK(describe_byte('x') == "'x'");
  CHECK(describe_byte(' ') == "a space");
  CHECK(describe_byte('\x1b') == "byte 0x1b");
  CHECK(describe_byte('\xff') == "byte 0xff");
}
