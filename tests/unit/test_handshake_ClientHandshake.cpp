#include "handshake/AcceptMismatch.hpp"
#include "handshake/ClientHandshake.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using namespace wsh::handshake;
using wsh::diagnostics::DiagnosticId;
using wsh::diagnostics::Severity;

namespace {

// The RFC 6455 1.3 example request, offering chat and superchat and permessage-deflate.
constexpr std::string_view k_request =
    "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Origin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\n"
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
    "Sec-WebSocket-Version: 13\r\n\r\n";
constexpr std::string_view k_accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

// A response: the status line, then `fields` (each line ending in CRLF), then the empty line.
std::string response_with(std::string_view fields,
                          std::string_view status_line = "HTTP/1.1 101 Switching Protocols") {
  return std::string(status_line) + "\r\n" + std::string(fields) + "\r\n";
}

std::string correct_fields(std::string_view extra = "") {
  return "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
         std::string(k_accept) + "\r\nSec-WebSocket-Protocol: chat\r\n" + std::string(extra);
}

ClientOutcome verify(const std::string& response, std::string_view request = k_request) {
  static std::vector<std::unique_ptr<wsh::test::ExactBuffer>> keep_alive;
  keep_alive.push_back(std::make_unique<wsh::test::ExactBuffer>(request));
  const std::string_view request_view = keep_alive.back()->view();
  keep_alive.push_back(std::make_unique<wsh::test::ExactBuffer>(response));
  return verify_response(request_view, keep_alive.back()->view(), wsh::http::ParseOptions{});
}

std::vector<DiagnosticId> ids_of(const ClientOutcome& outcome, Severity at_least) {
  std::vector<DiagnosticId> ids;
  for (const auto& diagnostic : outcome.diagnostics) {
    if (diagnostic.severity >= at_least) {
      ids.push_back(diagnostic.id);
    }
  }
  return ids;
}

} // namespace

TEST_CASE("handshake::verify_response: the correct 101 opens") {
  const ClientOutcome outcome = verify(response_with(correct_fields()));
  CHECK(outcome.opens);
  CHECK(outcome.hresult.value == 0);
  CHECK(outcome.status == 101u);
  CHECK(outcome.selected_subprotocol == "chat");
  CHECK(outcome.diagnostics.empty());
}

TEST_CASE("handshake::verify_response: one row per rule") {
  using enum DiagnosticId;
  const std::string accept_line = "Sec-WebSocket-Accept: " + std::string(k_accept) + "\r\n";
  struct Row {
    std::string_view rule;
    std::string response;
    std::vector<DiagnosticId> expected; // warnings and errors, in input order
  };
  const Row rows[] = {
      {"status 200", response_with("Content-Length: 0\r\n", "HTTP/1.1 200 OK"), {status_not_101}},
      {"status 426",
       response_with("Sec-WebSocket-Version: 13\r\n", "HTTP/1.1 426 Upgrade Required"),
       {status_not_101}},
      {"HTTP/1.0",
       response_with(correct_fields(), "HTTP/1.0 101 Switching Protocols"),
       {response_http_version}},
      {"lower-case version",
       response_with(correct_fields(), "http/1.1 101 Switching Protocols"),
       {response_http_version}},
      {"no reason, no space",
       response_with(correct_fields(), "HTTP/1.1 101"),
       {missing_space_before_reason}},
      {"empty reason", response_with(correct_fields(), "HTTP/1.1 101 "), {}},
      {"four digits", response_with(correct_fields(), "HTTP/1.1 0101 OK"), {invalid_status_code}},
      {"two spaces", response_with(correct_fields(), "HTTP/1.1  101 OK"), {malformed_status_line}},
      {"leading CRLF", "\r\n" + response_with(correct_fields()), {response_leading_empty_line}},
      {"100 Continue first",
       "HTTP/1.1 100 Continue\r\n\r\n" + response_with(correct_fields()),
       {interim_response}},
      {"100 Continue alone", response_with("", "HTTP/1.1 100 Continue"), {status_not_101}},
      {"no Upgrade",
       response_with("Connection: Upgrade\r\n" + accept_line + "Sec-WebSocket-Protocol: chat\r\n"),
       {response_missing_upgrade}},
      {"Upgrade twice",
       response_with("Upgrade: websocket\r\n" + correct_fields()),
       {response_upgrade_not_websocket}},
      {"Upgrade list",
       response_with("Upgrade: websocket, h2c\r\nConnection: Upgrade\r\n" + accept_line +
                     "Sec-WebSocket-Protocol: chat\r\n"),
       {response_upgrade_not_websocket}},
      {"Upgrade in capitals",
       response_with("Upgrade: WEBSOCKET\r\nConnection: Upgrade\r\n" + accept_line +
                     "Sec-WebSocket-Protocol: chat\r\n"),
       {}},
      {"Connection keep-alive, Upgrade",
       response_with("Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n" + accept_line +
                     "Sec-WebSocket-Protocol: chat\r\n"),
       {}},
      {"Connection close",
       response_with("Upgrade: websocket\r\nConnection: close\r\n" + accept_line +
                     "Sec-WebSocket-Protocol: chat\r\n"),
       {response_missing_connection_upgrade}},
      {"no accept",
       response_with(
           "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: chat\r\n"),
       {missing_accept}},
      {"accept twice", response_with(correct_fields(accept_line)), {duplicate_accept}},
      {"wrong accept",
       response_with("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                     "S3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n"),
       {wrong_accept}},
      {"no subprotocol chosen",
       response_with("Upgrade: websocket\r\nConnection: Upgrade\r\n" + accept_line),
       {server_selected_no_subprotocol}},
      {"subprotocol not offered",
       response_with("Upgrade: websocket\r\nConnection: Upgrade\r\n" + accept_line +
                     "Sec-WebSocket-Protocol: mqtt\r\n"),
       {response_subprotocol_not_offered}},
      {"subprotocol list",
       response_with("Upgrade: websocket\r\nConnection: Upgrade\r\n" + accept_line +
                     "Sec-WebSocket-Protocol: chat, superchat\r\n"),
       {invalid_response_subprotocol}},
      {"subprotocol twice",
       response_with(correct_fields("Sec-WebSocket-Protocol: chat\r\n")),
       {invalid_response_subprotocol}},
      {"empty subprotocol",
       response_with("Upgrade: websocket\r\nConnection: Upgrade\r\n" + accept_line +
                     "Sec-WebSocket-Protocol: \r\n"),
       {invalid_response_subprotocol}},
      {"deflate accepted",
       response_with(correct_fields("Sec-WebSocket-Extensions: permessage-deflate\r\n")),
       {}},
      {"deflate with a client window the offer allows",
       response_with(correct_fields(
           "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n")),
       {}},
      {"extension not offered",
       response_with(correct_fields("Sec-WebSocket-Extensions: x-unknown\r\n")),
       {response_extension_not_offered}},
      {"empty extensions",
       response_with(correct_fields("Sec-WebSocket-Extensions: \r\n")),
       {invalid_response_extensions}},
      {"deflate unknown parameter",
       response_with(correct_fields("Sec-WebSocket-Extensions: permessage-deflate; x=1\r\n")),
       {deflate_response_unknown_parameter}},
      {"deflate twice",
       response_with(
           correct_fields("Sec-WebSocket-Extensions: permessage-deflate, permessage-deflate\r\n")),
       {duplicate_deflate_response}},
      {"deflate window 16",
       response_with(correct_fields(
           "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=16\r\n")),
       {deflate_response_invalid_value}},
      {"Content-Length on the 101",
       response_with(correct_fields("Content-Length: 0\r\n")),
       {content_length_on_101}},
      {"Transfer-Encoding on the 101",
       response_with(correct_fields("Transfer-Encoding: chunked\r\n")),
       {transfer_encoding_on_101}},
      {"bare LF",
       "HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\n"
       "Sec-WebSocket-Accept: " +
           std::string(k_accept) + "\nSec-WebSocket-Protocol: chat\n\n",
       {response_lf_line_endings}},
      {"obs-fold", response_with(correct_fields("X-Folded: one\r\n two\r\n")), {response_obs_fold}},
      {"space before colon",
       response_with(correct_fields("X-Spaced : yes\r\n")),
       {response_whitespace_before_colon}},
      {"no colon",
       response_with(correct_fields("This line has no colon\r\n")),
       {response_missing_colon}},
      {"name with a space",
       response_with(correct_fields("X Bad: yes\r\n")),
       {response_invalid_field_name}},
      {"NUL in a value",
       response_with(correct_fields(std::string("X-Nul: a\0b\r\n", 12))),
       {response_control_byte_in_value}},
      {"bare CR", response_with(correct_fields("X-Cr: a\rb\r\n")), {response_bare_cr}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.rule);
    const ClientOutcome outcome = verify(row.response);
    CHECK(ids_of(outcome, Severity::warning) == row.expected);
    const bool errors = std::any_of(row.expected.begin(), row.expected.end(), [](DiagnosticId id) {
      return wsh::diagnostics::describe(id).severity == Severity::error;
    });
    CHECK(outcome.opens == !errors);
  }
}

TEST_CASE("handshake::verify_response: frames after the 101 are a note; HRESULTs by rule") {
  const ClientOutcome framed = verify(response_with(correct_fields()) + "\x81\x02hi");
  CHECK(framed.opens);
  CHECK(ids_of(framed, Severity::note) ==
        std::vector<DiagnosticId>{DiagnosticId::frames_after_response});
  const ClientOutcome wrong_protocol =
      verify(response_with("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
                           std::string(k_accept) + "\r\nSec-WebSocket-Protocol: mqtt\r\n"));
  CHECK(wrong_protocol.hresult.value == 0x83760004U);
  const ClientOutcome wrong_extension =
      verify(response_with(correct_fields("Sec-WebSocket-Extensions: x-unknown\r\n")));
  CHECK(wrong_extension.hresult.value == 0x83760003U);
}

TEST_CASE("handshake::verify_response tells unreadable responses apart") {
  CHECK(verify("").read_failure == wsh::http::ParseErrorKind::incomplete);
  CHECK(verify("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n").diagnostics[0].id ==
        DiagnosticId::incomplete_response);
}

TEST_CASE("handshake::explain_wrong_accept names the cause the bytes show") {
  // The RFC example key; each wrong value made the way a buggy server makes it.
  const std::string_view key = "dGhlIHNhbXBsZSBub25jZQ==";
  struct Row {
    std::string_view value;
    std::string_view cause;
  };
  const Row rows[] = {
      {"S3PPLMBITXAQ9KYGZZHZRBK+XOO=", "letter case"},
      {"dGhlIHNhbXBsZSBub25jZQ==", "the client's key itself"},
      {"s3pPLMBiTxaQ9kYGzzhZRbK+xOo", "padding `=` at the end is missing"},
      {"s3pPLMBiTxaQ9kYGzzhZRbK+xOo==", "extra `=` padding"},
      {"\"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\"", "quoted"},
      {"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=, s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "more than once"},
      {"b37a4f2cc0624f1690f64606cf385945b2bec4ea", "hexadecimal"},
      {"AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "for another key"},
      {"nonsense", "not the base64 of a SHA-1 digest"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.value);
    const std::string why = explain_wrong_accept(row.value, key, key);
    CHECK(why.find(row.cause) != std::string::npos);
  }
  // Values computed (with Python's hashlib) the ways buggy servers compute them.
  CHECK(explain_wrong_accept("WJfwerbIozKsJXHxxI0JTO1SQgU=", key, key).find("lower case") !=
        std::string::npos);
  CHECK(explain_wrong_accept("hHLtf2V1k8aDQZfNjw3Ia1hCwt0=", key, key).find("without") !=
        std::string::npos);
  CHECK(explain_wrong_accept("BXhwxM0SZasKmCD9S4BfpPmCnEw=", key, key).find("decoded") !=
        std::string::npos);
  CHECK(explain_wrong_accept("mogpCUDsFBfEiTi8XY/wyJyveQ0=", key, "dGhlIHNhbXBsZSBub25jZQ==  ")
            .find("whitespace") != std::string::npos);
  // Another key, answered with the RFC's example value, hard-coded.
  CHECK(explain_wrong_accept(
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "uZgejSr7CRIiKGM2q2HxbQ==", "uZgejSr7CRIiKGM2q2HxbQ==")
            .find("RFC 6455's example key") != std::string::npos);
}

TEST_CASE("handshake::verify_response: a subprotocol the client never asked for") {
  // The request offers none; a 101 that names one anyway fails the client (RFC 6455 4.1 item 6).
  constexpr std::string_view no_offer =
      "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n";
  const std::string accept_line = "Sec-WebSocket-Accept: " + std::string(k_accept) + "\r\n";
  const ClientOutcome named =
      verify(response_with("Upgrade: websocket\r\nConnection: Upgrade\r\n" + accept_line +
                           "Sec-WebSocket-Protocol: chat\r\n"),
             no_offer);
  CHECK(ids_of(named, Severity::warning) ==
        std::vector<DiagnosticId>{DiagnosticId::subprotocol_not_requested});
  CHECK_FALSE(named.opens);
  const ClientOutcome plain = verify(
      response_with("Upgrade: websocket\r\nConnection: Upgrade\r\n" + accept_line), no_offer);
  CHECK(ids_of(plain, Severity::warning).empty());
  CHECK(plain.opens);
}
