#include "http/ListParser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using wsh::http::visit_token_list;

TEST_CASE("http::visit_token_list") {
  std::vector<std::string_view> seen;
  auto collect = [&](std::string_view element) { seen.push_back(element); };

  CHECK_FALSE(visit_token_list("keep-alive, Upgrade", false, collect));
  CHECK(seen == std::vector<std::string_view>{"keep-alive", "Upgrade"});

  seen.clear();
  CHECK_FALSE(visit_token_list(" , a ,, b ,", false, collect)); // empty elements are skipped
  CHECK(seen == std::vector<std::string_view>{"a", "b"});

  seen.clear();
  CHECK_FALSE(visit_token_list("websocket, HTTP/2.0", true, collect));
  CHECK(seen == std::vector<std::string_view>{"websocket", "HTTP/2.0"});

  const auto quoted = visit_token_list("\"Upgrade\"", false, collect);
  REQUIRE(quoted);
  CHECK(quoted->offset == 0);
  const auto parameter = visit_token_list("upgrade;q=1", false, collect);
  REQUIRE(parameter);
  CHECK(parameter->offset == 7);
  const auto slash = visit_token_list("a/b", false, collect);
  REQUIRE(slash);
  CHECK(slash->offset == 1);
  const auto two_slashes = visit_token_list("a/b/c", true, collect);
  REQUIRE(two_slashes);
  CHECK(two_slashes->offset == 3);
  const auto inner_space = visit_token_list("a b", false, collect);
  REQUIRE(inner_space);
  CHECK(inner_space->offset == 1);
}
