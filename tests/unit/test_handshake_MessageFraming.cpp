#include "handshake/ServerHandshake.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using namespace wsh::handshake;
using wsh::diagnostics::DiagnosticId;
using wsh::diagnostics::Severity;

namespace {

// The RFC 6455 example request with `extra` field lines before the empty line.
Outcome answer_with(std::string_view extra, std::string_view version = "HTTP/1.1") {
  static std::vector<std::unique_ptr<wsh::test::ExactBuffer>> keep_alive;
  std::string request = "GET /chat ";
  request += version;
  request += "\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://example.com\r\n"
             "Sec-WebSocket-Version: 13\r\n";
  request += extra;
  request += "\r\n";
  keep_alive.push_back(std::make_unique<wsh::test::ExactBuffer>(request));
  return begin_server_handshake(keep_alive.back()->view(), {}, wsh::http::ParseOptions{});
}

std::vector<DiagnosticId> framing_ids(const Outcome& outcome) {
  std::vector<DiagnosticId> ids;
  for (const auto& diagnostic : outcome.diagnostics) {
    if (diagnostic.id != DiagnosticId::unsupported_http_version) {
      ids.push_back(diagnostic.id);
    }
  }
  return ids;
}

struct FramingRow {
  std::string_view rule;
  std::string_view extra;
  std::vector<DiagnosticId> expected;
  unsigned status;
  // Where the first diagnostic points, as an offset into `extra`; npos to skip the check.
  std::size_t column_in_extra = std::string_view::npos;
};

} // namespace

TEST_CASE("handshake::check_message_framing: one row per rule (RFC 9112 6.1, 6.3)") {
  using enum DiagnosticId;
  const FramingRow rows[] = {
      {"Content-Length: 0 is no body", "Content-Length: 0\r\n", {}, 101},
      {"leading zeros are still decimal", "Content-Length: 000\r\n", {}, 101},
      {"empty", "Content-Length: \r\n", {invalid_content_length}, 400, 16},
      {"letters", "Content-Length: 1O\r\n", {invalid_content_length}, 400, 17},
      {"a plus sign", "Content-Length: +5\r\n", {invalid_content_length}, 400, 16},
      {"a minus sign", "Content-Length: -1\r\n", {invalid_content_length}, 400, 16},
      {"a space inside", "Content-Length: 1 0\r\n", {invalid_content_length}, 400, 17},
      {"hexadecimal", "Content-Length: 0x10\r\n", {invalid_content_length}, 400, 17},
      {"too large", "Content-Length: 99999999999999999999999\r\n", {invalid_content_length}, 400},
      {"a list of differing values", "Content-Length: 5, 6\r\n", {invalid_content_length}, 400, 19},
      {"two lines with differing values",
       "Content-Length: 0\r\nContent-Length: 5\r\n",
       {invalid_content_length},
       400},
      {"an empty list element", "Content-Length: 5,\r\n", {invalid_content_length}, 400},
      {"identical values on one line",
       "Content-Length: 5, 5\r\n",
       {repeated_content_length, body_on_upgrade},
       101},
      {"identical values on two lines",
       "Content-Length: 0\r\ncontent-length: 0\r\n",
       {repeated_content_length},
       101},
      {"a body announced", "Content-Length: 5\r\n", {body_on_upgrade}, 101, 16},
      {"chunked body", "Transfer-Encoding: chunked\r\n", {body_on_upgrade}, 101, 19},
      {"chunked in capitals", "Transfer-Encoding: CHUNKED\r\n", {body_on_upgrade}, 101},
      {"gzip then chunked", "Transfer-Encoding: gzip, chunked\r\n", {body_on_upgrade}, 101},
      {"chunked over two lines",
       "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
       {body_on_upgrade},
       101},
      {"final coding not chunked",
       "Transfer-Encoding: chunked, gzip\r\n",
       {transfer_encoding_not_chunked},
       400,
       28},
      {"gzip alone", "Transfer-Encoding: gzip\r\n", {transfer_encoding_not_chunked}, 400},
      {"identity is no longer a coding",
       "Transfer-Encoding: identity\r\n",
       {unknown_transfer_coding},
       501,
       19},
      {"chunked misspelt", "Transfer-Encoding: chunk\r\n", {unknown_transfer_coding}, 501},
      {"chunked glued to another word",
       "Transfer-Encoding: xchunked\r\n",
       {unknown_transfer_coding},
       501},
      {"empty", "Transfer-Encoding: \r\n", {invalid_transfer_encoding}, 400},
      {"an empty element hides the last coding",
       "Transfer-Encoding: chunked,\r\n",
       {invalid_transfer_encoding},
       400,
       27},
      {"an empty element first",
       "Transfer-Encoding: , chunked\r\n",
       {invalid_transfer_encoding},
       400},
      {"a tab-separated empty element",
       "Transfer-Encoding: chunked,\t,chunked\r\n",
       {invalid_transfer_encoding},
       400},
      {"a parameter", "Transfer-Encoding: chunked;q=1\r\n", {invalid_transfer_encoding}, 400, 26},
      {"a space inside the coding",
       "Transfer-Encoding: chun ked\r\n",
       {invalid_transfer_encoding},
       400,
       23},
      {"obs-text glued to the coding",
       "Transfer-Encoding: chunked\xa0\r\n",
       {invalid_transfer_encoding},
       400,
       26},
      {"quoted", "Transfer-Encoding: \"chunked\"\r\n", {invalid_transfer_encoding}, 400},
      {"chunked twice",
       "Transfer-Encoding: chunked, chunked\r\n",
       {invalid_transfer_encoding},
       400},
      {"with Content-Length",
       "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
       {transfer_encoding_with_content_length},
       400},
      {"with Content-Length after it",
       "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n",
       {transfer_encoding_with_content_length},
       400},
      {"with an invalid Content-Length: both named",
       "Content-Length: x\r\nTransfer-Encoding: chunked\r\n",
       {invalid_content_length, transfer_encoding_with_content_length},
       400},
  };
  for (const FramingRow& row : rows) {
    CAPTURE(row.rule);
    const Outcome outcome = answer_with(row.extra);
    CHECK(framing_ids(outcome) == row.expected);
    CHECK(outcome.status == row.status);
    if (row.column_in_extra != std::string_view::npos && !outcome.diagnostics.empty()) {
      const std::string_view input = outcome.request->input;
      const std::size_t extra_at = input.find(row.extra.substr(0, 10));
      CHECK(outcome.diagnostics.front().offset == extra_at + row.column_in_extra);
    }
  }
}

TEST_CASE("handshake::check_message_framing: Transfer-Encoding in HTTP/1.0 is faulty framing") {
  const Outcome outcome = answer_with("Transfer-Encoding: chunked\r\n", "HTTP/1.0");
  CHECK(framing_ids(outcome) ==
        std::vector<DiagnosticId>{DiagnosticId::transfer_encoding_in_http_1_0,
                                  DiagnosticId::body_on_upgrade});
  CHECK_FALSE(outcome.accepted);
}

TEST_CASE("handshake::check_message_framing: a framing warning fails under --strict only") {
  const Outcome lenient = answer_with("Content-Length: 2\r\n");
  CHECK(lenient.accepted);
  REQUIRE(lenient.diagnostics.size() == 1);
  CHECK(lenient.diagnostics[0].severity == Severity::warning);
  ServerChoices strict;
  strict.strict = true;
  const std::string request = std::string(lenient.request->input);
  const Outcome refused = begin_server_handshake(request, strict, wsh::http::ParseOptions{});
  CHECK_FALSE(refused.accepted);
  CHECK(refused.status == 400);
}
