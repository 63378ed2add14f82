#include "util/TextPosition.hpp"

#include <doctest/doctest.h>

using namespace wsh::util;

TEST_CASE("util::locate") {
  const std::string_view text = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
  CHECK(locate(text, 0).line == 1);
  CHECK(locate(text, 0).column == 1);
  CHECK(locate(text, 4).column == 5);
  CHECK(locate(text, 16).line == 2);
  CHECK(locate(text, 16).column == 1);
  CHECK(locate(text, 22).column == 7);
  CHECK(locate(text, text.size()).line == 4);
  CHECK(locate(text, 1000).line == 4); // clamped to the end
}

TEST_CASE("util::line_at") {
  const std::string_view text = "first\r\nsecond\nthird";
  CHECK(line_at(text, 0) == "first");
  CHECK(line_at(text, 5) == "first");
  CHECK(line_at(text, 7) == "second");
  CHECK(line_at(text, 16) == "third");
  CHECK(line_at(text, text.size()) == "third");
}
