// The server's own policy: --host, --allow-origin, --max-line-bytes, through the engine.
#include "handshake/ServerHandshake.hpp"
#include "http/Host.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace wsh::handshake;
using wsh::diagnostics::DiagnosticId;
using wsh::test::ExactBuffer;

namespace {

std::string request(std::string_view host, std::string_view origin_lines) {
  std::string out = "GET /chat HTTP/1.1\r\nHost: ";
  out += host;
  out += "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
  out += origin_lines;
  return out + "\r\n";
}

Outcome answer(const std::string& bytes, const ServerChoices& choices) {
  static std::vector<std::unique_ptr<ExactBuffer>> keep_alive;
  keep_alive.push_back(std::make_unique<ExactBuffer>(bytes));
  return begin_server_handshake(keep_alive.back()->view(), choices, wsh::http::ParseOptions{});
}

std::optional<DiagnosticId> first_error(const Outcome& outcome) {
  for (const auto& diagnostic : outcome.diagnostics) {
    if (diagnostic.severity == wsh::diagnostics::Severity::error) {
      return diagnostic.id;
    }
  }
  return std::nullopt;
}

} // namespace

TEST_CASE("http::split_authority") {
  CHECK(wsh::http::split_authority("example.com").host == "example.com");
  CHECK_FALSE(wsh::http::split_authority("example.com").port.has_value());
  CHECK(wsh::http::split_authority("example.com:8080").port == "8080");
  CHECK(wsh::http::split_authority("example.com:").port == "");
  CHECK(wsh::http::split_authority("[::1]:9").host == "[::1]");
  CHECK(wsh::http::split_authority("[::1]:9").port == "9");
  CHECK_FALSE(wsh::http::split_authority("[::1]").port.has_value());
}

TEST_CASE("handshake::origin_key") {
  CHECK(origin_key("HTTPS://Example.COM") == "https://example.com");
  CHECK(origin_key("https://example.com:443") == "https://example.com");
  CHECK(origin_key("http://example.com:80/") == "http://example.com");
  CHECK(origin_key("http://example.com:443") == "http://example.com:443");
  CHECK(origin_key("wss://example.com:443") == "wss://example.com");
  CHECK(origin_key("https://example.com:8443") == "https://example.com:8443");
  CHECK(origin_key("null") == "null");
}

TEST_CASE("--host: the request's Host names the served authority") {
  struct Row {
    std::string_view served;
    std::string_view host;
    std::optional<DiagnosticId> error;
  };
  const Row rows[] = {
      {"example.com", "example.com", std::nullopt},
      {"example.com", "EXAMPLE.com", std::nullopt},
      {"example.com", "example.com:80", std::nullopt},  // no port: the default
      {"example.com", "example.com:443", std::nullopt}, // over TLS
      {"example.com:8080", "example.com:8080", std::nullopt},
      {"example.com:8080", "example.com:08080", std::nullopt}, // ports compare as numbers
      {"example.com:8080", "example.com", DiagnosticId::host_port_differs},
      {"example.com:8080", "example.com:8081", DiagnosticId::host_port_differs},
      {"example.com", "example.com:8080", DiagnosticId::host_port_differs},
      {"example.com", "other.example", DiagnosticId::host_not_served},
      {"example.com", "example.com.evil", DiagnosticId::host_not_served},
      {"[::1]:9000", "[::1]:9000", std::nullopt},
      {"[::1]:9000", "[::2]:9000", DiagnosticId::host_not_served},
  };
  for (const Row& row : rows) {
    CAPTURE(row.served);
    CAPTURE(row.host);
    ServerChoices choices;
    choices.host = std::string(row.served);
    const Outcome outcome = answer(request(row.host, ""), choices);
    CHECK(first_error(outcome) == row.error);
    CHECK(outcome.accepted == !row.error.has_value());
    if (row.error) {
      CHECK(outcome.status == 421);
      CHECK(outcome.hresult.name == "E_ACCESSDENIED");
    }
  }
}

TEST_CASE("--allow-origin: every Origin names an allowed origin") {
  struct Row {
    std::vector<std::string> allowed;
    std::string_view origins;
    bool accepted;
  };
  const Row rows[] = {
      {{"https://app.example"}, "Origin: https://app.example\r\n", true},
      {{"https://app.example"}, "Origin: https://APP.example:443\r\n", true},
      {{"https://app.example"}, "", true}, // not a browser: nothing to check
      {{"https://app.example"}, "Origin: http://app.example\r\n", false}, // scheme counts
      {{"https://app.example"}, "Origin: https://app.example:8443\r\n", false},
      {{"https://app.example"}, "Origin: null\r\n", false},
      {{"https://app.example", "https://b.example"}, "Origin: https://b.example\r\n", true},
      {{"*"}, "Origin: https://anything.example\r\n", true},
      // Two Origin lines: both are checked.
      {{"https://app.example"},
       "Origin: https://app.example\r\nOrigin: https://evil.example\r\n",
       false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.origins);
    ServerChoices choices;
    choices.allowed_origins = row.allowed;
    const Outcome outcome = answer(request("server.example.com", row.origins), choices);
    CHECK(outcome.accepted == row.accepted);
    if (!row.accepted) {
      CHECK(outcome.status == 403);
      const bool named = std::any_of(
          outcome.diagnostics.begin(), outcome.diagnostics.end(),
          [](const auto& diagnostic) { return diagnostic.id == DiagnosticId::origin_not_allowed; });
      CHECK(named);
    }
  }
}

TEST_CASE("--max-line-bytes: the longest line, counted without CR LF") {
  const std::string bytes =
      request("server.example.com", "Cookie: " + std::string(92, 'c') + "\r\n");
  ServerChoices choices;
  choices.max_line_bytes = 100; // the Cookie line is exactly 100 bytes
  CHECK(answer(bytes, choices).accepted);
  choices.max_line_bytes = 99;
  const Outcome outcome = answer(bytes, choices);
  CHECK_FALSE(outcome.accepted);
  CHECK(outcome.status == 431);
  REQUIRE(first_error(outcome) == DiagnosticId::line_too_long);
  const auto& diagnostic = outcome.diagnostics.front();
  CHECK(diagnostic.header == "Cookie");
  CHECK(diagnostic.message.find("100 bytes") != std::string::npos);
}

TEST_CASE("the RFC's reason decides the status; the policy's is reported too") {
  ServerChoices choices;
  choices.host = "example.com";
  const std::string bytes = "GET /chat HTTP/1.1\r\nHost: other.example\r\nUpgrade: websocket\r\n"
                            "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n";
  const Outcome outcome = answer(bytes, choices);
  CHECK(outcome.status == 400);
  CHECK(outcome.hresult.name == "E_INVALID_PROTOCOL_FORMAT");
  std::vector<DiagnosticId> ids;
  for (const auto& diagnostic : outcome.diagnostics) {
    if (diagnostic.severity == wsh::diagnostics::Severity::error) {
      ids.push_back(diagnostic.id);
    }
  }
  CHECK(ids == std::vector<DiagnosticId>{DiagnosticId::host_not_served, DiagnosticId::missing_key});
}
