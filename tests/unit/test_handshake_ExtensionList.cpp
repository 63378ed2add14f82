#include "handshake/ExtensionList.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace wsh::handshake;

TEST_CASE("handshake::parse_extension_list reads offers as plain data, in order") {
  std::vector<Extension> offers;
  REQUIRE_FALSE(parse_extension_list(
      "permessage-deflate; client_max_window_bits; server_max_window_bits=10, "
      "permessage-deflate ;client_no_context_takeover , x-custom; mode=\"fast\"",
      offers));
  REQUIRE(offers.size() == 3);
  CHECK(offers[0].name == "permessage-deflate");
  REQUIRE(offers[0].parameters.size() == 2);
  CHECK(offers[0].parameters[0].name == "client_max_window_bits");
  CHECK_FALSE(offers[0].parameters[0].has_value);
  CHECK(offers[0].parameters[1].name == "server_max_window_bits");
  CHECK(offers[0].parameters[1].value == "10");
  CHECK(offers[0].text == "permessage-deflate; client_max_window_bits; server_max_window_bits=10");
  CHECK(offers[1].parameters[0].name == "client_no_context_takeover");
  CHECK(offers[2].name == "x-custom");
  CHECK(offers[2].parameters[0].quoted);
  CHECK(offers[2].parameters[0].unquoted_value() == "fast");
  CHECK(format_extension(offers[0]) ==
        "permessage-deflate; client_max_window_bits; server_max_window_bits=10");
  CHECK(format_extension(offers[2]) == "x-custom; mode=fast");
}

TEST_CASE("handshake::parse_extension_list reports the position of a syntax error") {
  struct Row {
    std::string_view value;
    std::optional<std::size_t> error_at;
  };
  const Row rows[] = {
      {"permessage-deflate", std::nullopt},
      {"a, b", std::nullopt},
      {"a;b=\"1\\0\"", std::nullopt}, // quoted-pair unescapes to the token 10
      {"a; b = c", std::nullopt},     // OWS around '=' (RFC 6455's implied *LWS)
      {"", 0},                        // 1#extension needs one
      {" , ", 0},
      {"permessage-deflate; client_max_window_bits=", 43},
      {"a;", 2},
      {"a; =1", 3},
      {"a b", 2},
      {"a;b=\"x y\"", 4}, // unquotes to a non-token
      {"a;b=\"\"", 4},    // empty is not a token
      {"a;b=\"open", 4},  // never closes
      {"a;b=1=2", 5},
      {"(a)", 0},
      {"a;b=@", 4},
  };
  for (const Row& row : rows) {
    CAPTURE(row.value);
    std::vector<Extension> offers;
    const auto error = parse_extension_list(row.value, offers);
    REQUIRE(error.has_value() == row.error_at.has_value());
    if (error) {
      CHECK(error->offset == *row.error_at);
      CHECK_FALSE(error->message.empty());
    }
  }
}
