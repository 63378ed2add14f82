#include "handshake/ServerHandshake.hpp"
#include "output/HttpRenderer.hpp"
#include "output/JsonRenderer.hpp"
#include "output/TextRenderer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace wsh;

namespace {

const std::string k_rfc_example = "GET /chat HTTP/1.1\r\n"
                                  "Host: server.example.com\r\n"
                                  "Upgrade: websocket\r\n"
                                  "Connection: Upgrade\r\n"
                                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                  "Origin: http://example.com\r\n"
                                  "Sec-WebSocket-Protocol: chat, superchat\r\n"
                                  "Sec-WebSocket-Version: 13\r\n"
                                  "\r\n";

handshake::Outcome answer(const std::string& input, std::optional<std::string> protocol) {
  handshake::ServerChoices choices;
  choices.subprotocol = std::move(protocol);
  return handshake::begin_server_handshake(input, choices, http::ParseOptions{});
}

std::string http_of(const handshake::Outcome& outcome) {
  std::string out;
  output::render_http(outcome, out);
  return out;
}

} // namespace

TEST_CASE("output::render_http writes the exact response bytes") {
  CHECK(http_of(answer(k_rfc_example, "chat")) ==
        "HTTP/1.1 101 Switching Protocols\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
        "Sec-WebSocket-Protocol: chat\r\n"
        "\r\n");
  CHECK(http_of(answer(k_rfc_example, "nope")) ==
        "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
}

TEST_CASE("output::render_text_headers prints headers only when accepted") {
  CHECK(output::render_text_headers(answer(k_rfc_example, "chat")) ==
        "Upgrade: websocket\nConnection: Upgrade\n"
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nSec-WebSocket-Protocol: chat\n");
  CHECK(output::render_text_headers(answer(k_rfc_example, "nope")).empty());
}

TEST_CASE("output::render_text_diagnostics names file, line and column, and escapes input") {
  const std::string hostile = "GET /chat HTTP/1.1\r\n"
                              "Host: a\r\n"
                              "User-Agent: \x1b]0;pwned\x07\r\n"
                              "\r\n";
  const handshake::Outcome outcome = answer(hostile, std::nullopt);
  const std::string text =
      output::render_text_diagnostics(outcome, output::Source{"in\x1b.http", hostile}, false);
  CHECK(text.find("in\\x1b.http:3:13: error: control byte 0x1b in the value of User-Agent "
                  "[control-byte-in-value]\n") == 0);
  CHECK(text.find("  3 | User-Agent: \\x1b]0;pwned\\x07\n") != std::string::npos);
  CHECK(text.find("    |             ^\n") != std::string::npos);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    CHECK(((byte >= 0x20 && byte < 0x7f) || c == '\n'));
  }
  const std::string colored =
      output::render_text_diagnostics(outcome, output::Source{"x", hostile}, true);
  CHECK(colored.find("\x1b[1;31merror") != std::string::npos);
}

TEST_CASE("output::render_json parses back, with the documented fields") {
  const std::string input = k_rfc_example;
  const auto document =
      nlohmann::json::parse(output::render_json(answer(input, "chat"), {"rfc.http", input}));
  CHECK(document["schema_version"] == 1);
  CHECK(document["ok"] == true);
  CHECK(document["status"] == 101);
  CHECK(document["hresult"]["name"] == "S_OK");
  CHECK(document["hresult"]["value"] == "0x00000000");
  CHECK(document["response_headers"][2]["value"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  CHECK(document["accept"]["key"] == "dGhlIHNhbXBsZSBub25jZQ==");
  CHECK(document["request"]["fields"][3]["line"] == 5);
  CHECK(document["diagnostics"].empty());

  const auto refused =
      nlohmann::json::parse(output::render_json(answer(input, "nope"), {"rfc.http", input}));
  CHECK(refused["ok"] == false);
  CHECK(refused["hresult"]["value"] == "0x83760004");
  CHECK(refused["diagnostics"][0]["id"] == "subprotocol-not-offered");
  CHECK(refused["diagnostics"][0]["line"] == 7);
  CHECK(refused["diagnostics"][0]["column"] == 25);
  CHECK(refused["diagnostics"][0]["header"] == "Sec-WebSocket-Protocol");
}

TEST_CASE("output::render_json stays valid UTF-8 for any input byte") {
  const std::string input = "GET /chat HTTP/1.1\r\nHost: a\r\nX: \xff\xfe\xc3(\r\n\r\n";
  const std::string json = output::render_json(answer(input, std::nullopt), {"\xff.http", input});
  const auto document = nlohmann::json::parse(json); // throws on invalid UTF-8
  CHECK(document["request"]["fields"][1]["value"] == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd(");
  CHECK(document["input"] == "\xef\xbf\xbd.http");
}

TEST_CASE("output::render_json is ASCII only: non-ASCII and C1 characters become \\u escapes") {
  // é (U+00E9), a C1 control (U+0085, NEL), U+2028 and a character beyond the BMP, as UTF-8.
  const std::string input = "GET /chat HTTP/1.1\r\nHost: a\r\nX: \xc3\xa9\xc2\x85\xe2\x80\xa8"
                            "\xf0\x9f\x98\x80\r\n\r\n";
  const std::string json = output::render_json(answer(input, std::nullopt), {"x.http", input});
  for (const char c : json) {
    const auto byte = static_cast<unsigned char>(c);
    INFO("byte ", static_cast<int>(byte));
    CHECK(byte < 0x80);
    CHECK((byte >= 0x20 || c == '\n'));
  }
  CHECK(json.find("\\u00e9\\u0085\\u2028\\ud83d\\ude00") != std::string::npos);
  const auto document = nlohmann::json::parse(json);
  CHECK(document["request"]["fields"][1]["value"] ==
        "\xc3\xa9\xc2\x85\xe2\x80\xa8\xf0\x9f\x98\x80");
}
