#include "servers/MessageTemplate.hpp"

#include <doctest/doctest.h>

using namespace wsh::servers;

TEST_CASE("servers::render_message") {
  MessageValues values;
  values.method = "POST";
  values.version = "HTTP/1.0";
  values.value = "13, 8";
  values.origin = "http://evil.example";
  values.host = "127.0.0.1:8080";

  SUBCASE("placeholders are filled, unknown ones kept as written") {
    CHECK(render_message("{method} {version}", values) == "POST HTTP/1.0");
    CHECK(render_message("Unsupported version: {value}", values) == "Unsupported version: 13, 8");
    CHECK(render_message("{unknown} {value", values) == "{unknown} {value");
  }
  SUBCASE("Go's %q and Python's repr and None") {
    CHECK(
        render_message("request Origin {origin|go} is not authorized for Host {host|go}", values) ==
        "request Origin \"http://evil.example\" is not authorized for Host \"127.0.0.1:8080\"");
    CHECK(render_message("Handshake error: {value|py}", values) == "Handshake error: '13, 8'");
    values.value.reset();
    CHECK(render_message("Handshake error: {value|py}", values) == "Handshake error: None");
    CHECK(render_message("No CONNECTION upgrade hdr: {value|none}", values) ==
          "No CONNECTION upgrade hdr: None");
    CHECK(render_message("Unsupported WebSocket version: {value|js}", values) ==
          "Unsupported WebSocket version: undefined");
    CHECK(render_message("{value|go}", values) == "\"\"");
  }
  SUBCASE("bytes100 is aiohttp's LineTooLong text") {
    values.value = std::string(150, 'a');
    CHECK(render_message("{value|bytes100}", values) ==
          "bytearray(b'" + std::string(100, 'a') + "...')");
  }
}

TEST_CASE("servers::python_repr and go_quote") {
  CHECK(python_repr("abc") == "'abc'");
  CHECK(python_repr("it's") == "\"it's\"");
  CHECK(python_repr(std::string_view("a\0b\x1b\x7f", 5)) == "'a\\x00b\\x1b\\x7f'");
  CHECK(python_repr("caf\xe9") == "'caf\xc3\xa9'");
  CHECK(go_quote("\"Upgrade\"") == "\"\\\"Upgrade\\\"\"");
  CHECK(go_quote("a\tb\x01") == "\"a\\tb\\x01\"");
}
