#include "http/HeaderLine.hpp"
#include "http/ResponseParser.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace wsh::http;
using wsh::diagnostics::DiagnosticId;

TEST_CASE("http::read_header_line: one row per shape") {
  struct Row {
    std::string_view line;
    LineShape shape;
    std::size_t problem_at;
    std::string_view name;
    std::string_view value;
  };
  const Row rows[] = {
      {"Upgrade: websocket", LineShape::field, 0, "Upgrade", "websocket"},
      {"Upgrade:websocket", LineShape::field, 0, "Upgrade", "websocket"},
      {"Upgrade:\twebsocket \t", LineShape::field, 0, "Upgrade", "websocket"},
      {"X-Empty:", LineShape::field, 0, "X-Empty", ""},
      {" websocket", LineShape::obs_fold, 0, "", "websocket"},
      {"\tmore", LineShape::obs_fold, 0, "", "more"},
      {"Upgrade : websocket", LineShape::whitespace_before_colon, 7, "Upgrade", "websocket"},
      {"This line has no colon", LineShape::missing_colon, 4, "", ""},
      {"Content-Length 10", LineShape::missing_colon, 14, "", ""},
      {"X Bad: yes", LineShape::invalid_name, 1, "X Bad", "yes"},
      {": no name", LineShape::invalid_name, 0, "", "no name"},
      {"X(: y", LineShape::invalid_name, 1, "X(", "y"},
      {std::string_view("X-Nul: a\0b", 10), LineShape::control_byte, 8, "X-Nul",
       std::string_view("a\0b", 3)},
      {"X-Del: a\x7f", LineShape::control_byte, 8, "X-Del", "a\x7f"},
      {"X-Cr: a\rb", LineShape::bare_cr, 7, "X-Cr", "a\rb"},
      {"X-Obs: caf\xc3\xa9", LineShape::field, 0, "X-Obs", "caf\xc3\xa9"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.line);
    const std::string input = "> " + std::string(row.line);
    const HeaderLine line = read_header_line(input, 2, input.size(), false);
    CHECK(line.shape == row.shape);
    if (row.shape != LineShape::field) {
      CHECK(line.problem_at == 2 + row.problem_at);
    }
    CHECK(line.name == row.name);
    CHECK(line.value == row.value);
  }
}

TEST_CASE("http::parse_response_into reads the parts of a status line as they stand") {
  struct Row {
    std::string_view status_line;
    std::string_view version;
    std::string_view code;
    std::string_view reason;
    bool space_before_reason;
  };
  const Row rows[] = {
      {"HTTP/1.1 101 Switching Protocols", "HTTP/1.1", "101", "Switching Protocols", true},
      {"HTTP/1.1 101 ", "HTTP/1.1", "101", "", true},
      {"HTTP/1.1 101", "HTTP/1.1", "101", "", false},
      {"HTTP/1.1  101 x", "HTTP/1.1", "", "101 x", true},
      {"http/1.1 0101 OK", "http/1.1", "0101", "OK", true},
      {"Switching", "Switching", "", "", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.status_line);
    const std::string input = std::string(row.status_line) + "\r\nUpgrade: websocket\r\n\r\n";
    const wsh::test::ExactBuffer buffer(input);
    Response response;
    REQUIRE_FALSE(parse_response_into(buffer.view(), ParseOptions{}, response));
    CHECK(response.version == row.version);
    CHECK(response.status_code == row.code);
    CHECK(response.reason == row.reason);
    CHECK(response.space_before_reason == row.space_before_reason);
    REQUIRE(response.fields.size() == 1);
    CHECK(response.fields[0].name == "Upgrade");
  }
}

TEST_CASE("http::parse_response_into keeps every line, and a lenient reader's fields") {
  const std::string input = "\r\nHTTP/1.1 101 Switching Protocols\n"
                            "Upgrade : websocket\r\n"
                            "Connection: Upgrade\r\n"
                            " folded\r\n"
                            "no colon\r\n"
                            "X Bad: 1\r\n"
                            "\r\n"
                            "\x81\x02hi";
  const wsh::test::ExactBuffer buffer(input);
  Response response;
  REQUIRE_FALSE(parse_response_into(buffer.view(), ParseOptions{}, response));
  CHECK(response.leading_empty_lines == 1);
  CHECK(response.status_line_lf_only);
  REQUIRE(response.lines.size() == 5);
  CHECK(response.lines[0].shape == LineShape::whitespace_before_colon);
  CHECK(response.lines[2].shape == LineShape::obs_fold);
  CHECK(response.lines[3].shape == LineShape::missing_colon);
  CHECK(response.lines[4].shape == LineShape::invalid_name);
  REQUIRE(response.fields.size() == 3);
  CHECK(response.fields[0].name == "Upgrade");
  CHECK(response.fields[1].name == "Connection");
  CHECK(response.fields[2].name == "X Bad");
  CHECK(response.bytes_after_headers() == 4);
  CHECK(response.input.substr(response.empty_line_at, 2) == "\r\n");
}

TEST_CASE("http::parse_response_into tells empty, incomplete and too large apart") {
  Response response;
  CHECK(parse_response_into("", ParseOptions{}, response)->id == DiagnosticId::empty_response);
  const auto cut =
      parse_response_into("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n", ParseOptions{}, response);
  REQUIRE(cut);
  CHECK(cut->id == DiagnosticId::incomplete_response);
  CHECK(cut->kind == ParseErrorKind::incomplete);
  ParseOptions small;
  small.max_header_bytes = 64;
  const std::string big = "HTTP/1.1 101 OK\r\nX: " + std::string(100, 'a') + "\r\n\r\n";
  const auto large = parse_response_into(big, small, response);
  REQUIRE(large);
  CHECK(large->id == DiagnosticId::response_header_block_too_large);
  CHECK(large->kind == ParseErrorKind::too_large);
}
