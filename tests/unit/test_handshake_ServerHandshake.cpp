#include "handshake/ServerHandshake.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace wsh::handshake;
using wsh::diagnostics::DiagnosticId;
using wsh::diagnostics::Severity;
using wsh::test::ExactBuffer;

namespace {

// The RFC 6455 1.3 example request, field by field, so rows can replace or drop one.
std::string request_with(std::string_view replace_name, std::string_view replacement,
                         std::string_view request_line = "GET /chat HTTP/1.1") {
  const std::pair<std::string_view, std::string_view> fields[] = {
      {"Host", "Host: server.example.com"},
      {"Upgrade", "Upgrade: websocket"},
      {"Connection", "Connection: Upgrade"},
      {"Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="},
      {"Origin", "Origin: http://example.com"},
      {"Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: chat, superchat"},
      {"Sec-WebSocket-Version", "Sec-WebSocket-Version: 13"},
  };
  std::string out = std::string(request_line) + "\r\n";
  for (const auto& [name, line] : fields) {
    const std::string_view chosen = name == replace_name ? replacement : line;
    if (!chosen.empty()) {
      out += chosen;
      out += "\r\n";
    }
  }
  return out + "\r\n";
}

std::vector<DiagnosticId> ids_of(const Outcome& outcome, Severity at_least) {
  std::vector<DiagnosticId> ids;
  for (const auto& diagnostic : outcome.diagnostics) {
    if (diagnostic.severity >= at_least) {
      ids.push_back(diagnostic.id);
    }
  }
  return ids;
}

Outcome answer(const std::string& request, ServerChoices choices = {}) {
  static std::vector<std::unique_ptr<ExactBuffer>> keep_alive;
  keep_alive.push_back(std::make_unique<ExactBuffer>(request));
  return begin_server_handshake(keep_alive.back()->view(), choices, wsh::http::ParseOptions{});
}

ServerChoices choose(std::string subprotocol, std::vector<std::string> extensions = {}) {
  ServerChoices choices;
  if (!subprotocol.empty()) {
    choices.subprotocol = std::move(subprotocol);
  }
  choices.extensions = std::move(extensions);
  return choices;
}

// One rule: a request and choices, and the warnings-or-worse diagnostics they must produce.
struct RuleRow {
  std::string_view rule;
  std::string request;
  ServerChoices choices;
  std::vector<DiagnosticId> expected;
  unsigned status = 400;
};

} // namespace

TEST_CASE("handshake: the RFC 6455 example gets the RFC's accept value") {
  const Outcome outcome = answer(request_with("", ""), choose("chat"));
  CHECK(outcome.accepted);
  CHECK(outcome.status == 101);
  CHECK(outcome.hresult.value == 0);
  CHECK(outcome.diagnostics.empty());
  CHECK(outcome.sec_websocket_key == "dGhlIHNhbXBsZSBub25jZQ==");
  CHECK(outcome.sec_websocket_accept == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  REQUIRE(outcome.response_headers.size() == 4);
  CHECK(outcome.response_headers[0].name == "Upgrade");
  CHECK(outcome.response_headers[0].value == "websocket");
  CHECK(outcome.response_headers[1].name == "Connection");
  CHECK(outcome.response_headers[1].value == "Upgrade");
  CHECK(outcome.response_headers[2].name == "Sec-WebSocket-Accept");
  CHECK(outcome.response_headers[2].value == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  CHECK(outcome.response_headers[3].name == "Sec-WebSocket-Protocol");
  CHECK(outcome.response_headers[3].value == "chat");
}

TEST_CASE("handshake: one row per rule") {
  using enum DiagnosticId;
  const std::string offer_deflate =
      "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Extensions: permessage-deflate; "
      "client_max_window_bits";
  const RuleRow rows[] = {
      {"clean", request_with("", ""), choose("chat"), {}, 101},
      {"method",
       request_with("", "", "POST /chat HTTP/1.1"),
       choose("chat"),
       {method_not_get},
       405},
      {"lower-case get",
       request_with("", "", "get /chat HTTP/1.1"),
       choose("chat"),
       {method_not_get},
       405},
      {"HTTP/1.0",
       request_with("", "", "GET /chat HTTP/1.0"),
       choose("chat"),
       {unsupported_http_version}},
      {"HTTP/2.0",
       request_with("", "", "GET /chat HTTP/2.0"),
       choose("chat"),
       {unsupported_http_version}},
      {"GET * is refused by the engine",
       request_with("", "", "GET * HTTP/1.1"),
       choose("chat"),
       {invalid_request_target}},
      {"OPTIONS * is a method problem first",
       request_with("", "", "OPTIONS * HTTP/1.1"),
       choose("chat"),
       {method_not_get},
       405},
      {"HTTP/1.2 is fine", request_with("", "", "GET /chat HTTP/1.2"), choose("chat"), {}, 101},
      {"no Host", request_with("Host", ""), choose("chat"), {missing_host}},
      {"two Host", request_with("Host", "Host: a\r\nHost: b"), choose("chat"), {duplicate_host}},
      {"Host with userinfo", request_with("Host", "Host: u@a"), choose("chat"), {invalid_host}},
      {"no Upgrade, no ws fields",
       "GET / HTTP/1.1\r\nHost: a\r\nOrigin: o\r\n\r\n",
       {},
       {missing_upgrade, missing_connection_upgrade, missing_key, missing_version}},
      {"Upgrade: h2c",
       request_with("Upgrade", "Upgrade: h2c"),
       choose("chat"),
       {upgrade_not_websocket}},
      {"Upgrade case-insensitive",
       request_with("Upgrade", "Upgrade: WebSocket"),
       choose("chat"),
       {},
       101},
      {"field names in any case",
       "GET / HTTP/1.1\r\nHOST: a\r\nuPGRADE: WEBSOCKET\r\nconnection: UPGRADE\r\n"
       "SEC-WEBSOCKET-KEY: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-VERSION: 13\r\n"
       "oRIGIN: o\r\n\r\n",
       {},
       {},
       101},
      {"a name one letter off is another field",
       request_with("Sec-WebSocket-Key", "Sec-WebSocket-Kez: dGhlIHNhbXBsZSBub25jZQ=="),
       choose("chat"),
       {missing_key}},
      {"Upgrade: websockets",
       request_with("Upgrade", "Upgrade: websockets"),
       choose("chat"),
       {upgrade_not_websocket}},
      {"Upgrade: websocket/13",
       request_with("Upgrade", "Upgrade: websocket/13"),
       choose("chat"),
       {upgrade_not_websocket}},
      {"Upgrade: websocket, websocket",
       request_with("Upgrade", "Upgrade: websocket, websocket"),
       choose("chat"),
       {},
       101},
      {"Connection: Upgrad",
       request_with("Connection", "Connection: Upgrad"),
       choose("chat"),
       {hop_by_hop_headers_stripped}},
      {"Upgrade lists others",
       request_with("Upgrade", "Upgrade: h2c, websocket"),
       choose("chat"),
       {upgrade_lists_other_protocols},
       101},
      {"Upgrade over two lines",
       request_with("Upgrade", "Upgrade: h2c\r\nUpgrade: websocket"),
       choose("chat"),
       {upgrade_lists_other_protocols},
       101},
      {"Upgrade empty elements",
       request_with("Upgrade", "Upgrade: , websocket,"),
       choose("chat"),
       {},
       101},
      {"Connection: keep-alive, Upgrade",
       request_with("Connection", "Connection: keep-alive, Upgrade"),
       choose("chat"),
       {},
       101},
      {"Connection over two lines",
       request_with("Connection", "Connection: keep-alive\r\nConnection: upgrade"),
       choose("chat"),
       {},
       101},
      {"Sec-WebSocket-Protocol: , lists nothing",
       request_with("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: ,"),
       {},
       {invalid_token_list}},
      {"Sec-WebSocket-Protocol: , , lists nothing",
       request_with("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: , ,"),
       {},
       {invalid_token_list}},
      {"Sec-WebSocket-Protocol: ,TAB, lists nothing",
       request_with("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: ,\t,"),
       {},
       {invalid_token_list}},
      {"Sec-WebSocket-Protocol: chat,, keeps chat",
       request_with("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: chat,,"),
       choose("chat"),
       {},
       101},
      {"Connection quoted",
       request_with("Connection", "Connection: \"Upgrade\""),
       choose("chat"),
       {invalid_token_list}},
      {"Connection parameter",
       request_with("Connection", "Connection: Upgrade;x=1"),
       choose("chat"),
       {invalid_token_list}},
      {"Connection without upgrade, no ws fields",
       "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: close\r\nOrigin: o\r\n\r\n",
       {},
       {missing_connection_upgrade, missing_key, missing_version}},
      {"proxy stripped Upgrade and Connection (nginx defaults)",
       "GET /chat HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: o\r\n"
       "Sec-WebSocket-Version: 13\r\n\r\n",
       {},
       {hop_by_hop_headers_stripped, missing_upgrade}},
      {"proxy stripped Upgrade only",
       request_with("Upgrade", ""),
       choose("chat"),
       {hop_by_hop_headers_stripped, missing_upgrade}},
      {"proxy stripped Connection",
       request_with("Connection", ""),
       choose("chat"),
       {hop_by_hop_headers_stripped}},
      {"no key", request_with("Sec-WebSocket-Key", ""), choose("chat"), {missing_key}},
      {"two keys",
       request_with("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                         "Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA=="),
       choose("chat"),
       {duplicate_key}},
      {"short key",
       request_with("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZQ=="),
       choose("chat"),
       {invalid_key}},
      {"key with a bad byte",
       request_with("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25j*Q=="),
       choose("chat"),
       {invalid_key}},
      {"key with surrounding whitespace",
       request_with("Sec-WebSocket-Key", "Sec-WebSocket-Key: \t dGhlIHNhbXBsZSBub25jZQ== \t"),
       choose("chat"),
       {},
       101},
      {"key with padding inside",
       request_with("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhb=BsZSBub25jZQ=="),
       choose("chat"),
       {invalid_key}},
      {"empty subprotocol list",
       request_with("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: "),
       {},
       {invalid_token_list}},
      {"extension chosen twice",
       request_with("Sec-WebSocket-Protocol",
                    "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Extensions: foo"),
       choose("chat", {"foo", "foo"}),
       {invalid_selected_extension}},
      {"no version", request_with("Sec-WebSocket-Version", ""), choose("chat"), {missing_version}},
      {"version 8",
       request_with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 8"),
       choose("chat"),
       {unsupported_version},
       426},
      {"version list",
       request_with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 13, 8"),
       choose("chat"),
       {unsupported_version},
       426},
      {"two versions",
       request_with("Sec-WebSocket-Version",
                    "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 13"),
       choose("chat"),
       {duplicate_version}},
      {"subprotocol list not tokens",
       request_with("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: chat, \"super\""),
       choose("chat"),
       {invalid_token_list}},
      {"subprotocol offered twice",
       request_with("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: chat, chat"),
       choose("chat"),
       {duplicate_subprotocol},
       101},
      {"subprotocol offered, none chosen",
       request_with("", ""),
       {},
       {subprotocol_not_selected},
       101},
      {"subprotocol not offered", request_with("", ""), choose("Chat"), {subprotocol_not_offered}},
      {"subprotocol chosen, none offered",
       request_with("Sec-WebSocket-Protocol", ""),
       choose("chat"),
       {subprotocol_not_offered}},
      {"subprotocol not a token",
       request_with("", ""),
       choose("a b"),
       {invalid_selected_subprotocol}},
      {"extension offer malformed",
       request_with("Sec-WebSocket-Protocol",
                    "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Extensions: a;"),
       choose("chat"),
       {invalid_extension_offer}},
      {"extension accepted",
       request_with("Sec-WebSocket-Protocol", offer_deflate),
       choose("chat", {"permessage-deflate; client_max_window_bits=15"}),
       {},
       101},
      {"extension not offered",
       request_with("Sec-WebSocket-Protocol", offer_deflate),
       choose("chat", {"x-webkit-deflate-frame"}),
       {extension_not_offered}},
      {"extension chosen, none offered",
       request_with("", ""),
       choose("chat", {"permessage-deflate"}),
       {extension_not_offered}},
      {"extension choice malformed",
       request_with("Sec-WebSocket-Protocol", offer_deflate),
       choose("chat", {"permessage-deflate;"}),
       {invalid_selected_extension}},
      {"several problems, all reported",
       "POST /chat HTTP/1.0\r\nHost: a b\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 8\r\nOrigin: o\r\n\r\n",
       {},
       {method_not_get, unsupported_http_version, invalid_host, invalid_key, unsupported_version},
       405},
  };
  for (const RuleRow& row : rows) {
    CAPTURE(row.rule);
    const Outcome outcome = answer(row.request, row.choices);
    std::vector<DiagnosticId> found = ids_of(outcome, Severity::warning);
    std::vector<DiagnosticId> expected = row.expected;
    std::sort(found.begin(), found.end());
    std::sort(expected.begin(), expected.end());
    CHECK(found == expected);
    CHECK(outcome.status == row.status);
    CHECK(outcome.accepted == (row.status == 101));
    CHECK(outcome.response_headers.empty() == false);
  }
}

TEST_CASE("handshake: the HRESULT follows the first error in RFC order") {
  CHECK(answer(request_with("", ""), choose("nope")).hresult.value == 0x83760004U);
  CHECK(answer(request_with("", ""), choose("chat", {"x"})).hresult.value == 0x83760003U);
  CHECK(answer(request_with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 7"), choose("chat"))
            .hresult.value == 0x83760005U);
  CHECK(answer(request_with("Host", ""), choose("chat")).hresult.value == 0x83760002U);
  // A missing key comes before the version in RFC 6455 4.2.1, so it decides.
  const Outcome both = answer("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
                              "Connection: Upgrade\r\nSec-WebSocket-Key: x\r\n"
                              "Sec-WebSocket-Version: 8\r\nOrigin: o\r\n\r\n");
  CHECK(both.hresult.value == 0x83760002U);
  CHECK(both.status == 400);
}

TEST_CASE("handshake: error responses carry what RFC 6455 and RFC 9110 require") {
  const Outcome version =
      answer(request_with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 8"), choose("chat"));
  REQUIRE_FALSE(version.accepted);
  const auto has = [](const Outcome& outcome, std::string_view name, std::string_view value) {
    return std::any_of(outcome.response_headers.begin(), outcome.response_headers.end(),
                       [&](const ResponseHeader& h) { return h.name == name && h.value == value; });
  };
  CHECK(has(version, "Sec-WebSocket-Version", "13"));
  CHECK(has(version, "Upgrade", "websocket"));
  const Outcome method = answer(request_with("", "", "PUT /chat HTTP/1.1"), choose("chat"));
  CHECK(has(method, "Allow", "GET"));
  CHECK(has(method, "Content-Length", "0"));
  CHECK_FALSE(has(method, "Sec-WebSocket-Accept", method.sec_websocket_accept));
  // The accept value is still computed for a refused request with a valid key: it helps
  // whoever compares it with what their server sent.
  CHECK(method.sec_websocket_accept == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST_CASE("handshake: extensions are joined into one header, canonical, in order") {
  const std::string request =
      request_with("Sec-WebSocket-Protocol",
                   "Sec-WebSocket-Extensions: permessage-deflate;client_max_window_bits\r\n"
                   "Sec-WebSocket-Extensions: x-two");
  const Outcome outcome =
      answer(request, choose("", {"permessage-deflate;server_no_context_takeover", "x-two"}));
  REQUIRE(outcome.accepted);
  REQUIRE(outcome.response_headers.size() == 4);
  CHECK(outcome.response_headers[3].name == "Sec-WebSocket-Extensions");
  CHECK(outcome.response_headers[3].value ==
        "permessage-deflate; server_no_context_takeover, x-two");
  REQUIRE(outcome.offered_extensions.size() == 2);
  CHECK(outcome.offered_extensions[1].name == "x-two");
}

TEST_CASE("handshake: --strict turns warnings into errors") {
  ServerChoices strict;
  strict.strict = true;
  const Outcome outcome = answer(request_with("", ""), strict);
  CHECK_FALSE(outcome.accepted);
  CHECK(outcome.status == 400);
  REQUIRE(outcome.diagnostics.size() == 1);
  CHECK(outcome.diagnostics[0].id == DiagnosticId::subprotocol_not_selected);
  CHECK(outcome.diagnostics[0].severity == Severity::error);
  // Notes stay notes: a request without Origin is still accepted under --strict.
  const Outcome library = answer(request_with("Origin", ""), [] {
    ServerChoices c = choose("chat");
    c.strict = true;
    return c;
  }());
  CHECK(library.accepted);
  CHECK(ids_of(library, Severity::note) == std::vector<DiagnosticId>{DiagnosticId::no_origin});
}

TEST_CASE("handshake: diagnostics are in input order, every offset inside the input") {
  const std::string request = request_with("Host", "");
  const Outcome outcome = answer(request, {});
  REQUIRE(outcome.diagnostics.size() == 2);
  CHECK(outcome.diagnostics[0].offset <= outcome.diagnostics[1].offset);
  for (const auto& diagnostic : outcome.diagnostics) {
    CHECK(diagnostic.offset <= request.size());
  }
}

TEST_CASE("handshake: a request that cannot be read still gets an outcome") {
  const Outcome incomplete = answer("GET / HTTP/1.1\r\nHost: a\r\n");
  CHECK_FALSE(incomplete.accepted);
  CHECK(incomplete.read_failure == wsh::http::ParseErrorKind::incomplete);
  CHECK_FALSE(incomplete.request.has_value());
  REQUIRE(incomplete.diagnostics.size() == 1);
  CHECK(incomplete.diagnostics[0].id == DiagnosticId::incomplete_request);

  const Outcome malformed = answer("GET / HTTP/1.1\r\nHost : a\r\n\r\n");
  CHECK(malformed.read_failure == wsh::http::ParseErrorKind::malformed);
  CHECK(malformed.status == 400);
  CHECK(malformed.hresult.value == 0x83760002U);
}

TEST_CASE("handshake: the accept value is computed over the key without the OWS around it") {
  // RFC 9110 5.5: OWS around a field value is not part of it, so trailing spaces or a tab
  // after the key must not change the accept value (RFC 6455 4.2.2 item 5.4).
  for (const std::string_view key_line : {"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==  ",
                                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\t",
                                          "Sec-WebSocket-Key:\t dGhlIHNhbXBsZSBub25jZQ== \t "}) {
    INFO(key_line);
    const Outcome outcome = answer(request_with("Sec-WebSocket-Key", key_line), choose("chat"));
    CHECK(outcome.accepted);
    CHECK(outcome.sec_websocket_key == "dGhlIHNhbXBsZSBub25jZQ==");
    CHECK(outcome.sec_websocket_accept == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }
}
