#include "http/Host.hpp"

#include <doctest/doctest.h>

#include <optional>

using wsh::http::check_host;

TEST_CASE("http::check_host") {
  struct Row {
    std::string_view value;
    std::optional<std::size_t> error_at;
  };
  const Row rows[] = {
      {"server.example.com", std::nullopt},
      {"server.example.com:8080", std::nullopt},
      {"127.0.0.1:44469", std::nullopt},
      {"[::1]:8080", std::nullopt},
      {"[2001:db8::1]", std::nullopt},
      {"xn--bcher-kva.example", std::nullopt},
      {"a%2Db", std::nullopt},
      {"host:", std::nullopt}, // port = *DIGIT may be empty (RFC 3986 3.2.3)
      {"a", std::nullopt},
      {"~!$&'()*+,;=:0", std::nullopt},
      {"host:80:80", 7},
      {"host:8/", 6},
      {"host:8@", 6},
      {"a:b@c", 3},
      {"", 0},
      {"user@host", 4},
      {"user:pw@host", 7},
      {"host/path", 4},
      {"host name", 4},
      {"host:80a", 7},
      {"[::1", 0},
      {"[::1]x", 5},
      {"[]", 1},
      {":80", 0},
      {"a%2", 1},
      {"ws://host", 2},
  };
  for (const Row& row : rows) {
    CAPTURE(row.value);
    const auto error = check_host(row.value);
    REQUIRE(error.has_value() == row.error_at.has_value());
    if (error) {
      CHECK(error->offset == *row.error_at);
    }
  }
}
