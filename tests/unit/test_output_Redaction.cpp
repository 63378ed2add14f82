#include "handshake/AcceptKey.hpp"
#include "handshake/ServerHandshake.hpp"
#include "output/Redaction.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace wsh;

namespace {

constexpr std::string_view k_jwt =
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";

std::string request_with(std::string_view target, std::string_view extra) {
  std::string request = "GET ";
  request += target;
  request += " HTTP/1.1\r\nHost: a.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
             "Origin: https://a.example\r\n";
  request += extra;
  request += "\r\n";
  return request;
}

// The credentials found, each as the text it covers.
std::vector<std::string> found_in(const std::string& input, output::RedactionScope scope = {}) {
  std::vector<std::string> texts;
  for (const output::Credential& credential : output::find_credentials(input, scope)) {
    texts.push_back(input.substr(credential.offset, credential.size));
  }
  return texts;
}

} // namespace

TEST_CASE("output::find_credentials: one row per credential shape") {
  struct Row {
    std::string_view shape;
    std::string target;
    std::string extra;
    std::vector<std::string> expected;
  };
  const std::string jwt(k_jwt);
  const Row rows[] = {
      {"nothing secret", "/chat", "", {}},
      {"session cookie",
       "/",
       "Cookie: session=3f9a8c1d; theme=dark\r\n",
       {"session=3f9a8c1d; theme=dark"}},
      {"bearer JWT", "/", "Authorization: Bearer " + jwt + "\r\n", {jwt}},
      {"basic", "/", "Authorization: Basic dXNlcjpwYXNzd29yZA==\r\n", {"dXNlcjpwYXNzd29yZA=="}},
      {"proxy basic",
       "/",
       "Proxy-Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l\r\n",
       {"YWxhZGRpbjpvcGVuc2VzYW1l"}},
      {"query token", "/ws?token=abc123&room=5", "", {"abc123"}},
      {"query access_token, any case", "/ws?room=5&Access_Token=" + jwt, "", {jwt}},
      {"query jwt, auth and key", "/?jwt=a.b.c&auth=zz&key=k1&id=7", "", {"a.b.c", "zz", "k1"}},
      {"query stops at a fragment", "/?key=k1#frag", "", {"k1"}},
      {"a Cookie line the parser refuses", "/", "Cookie: id=s3cr3t\x01\r\n", {"id=s3cr3t\x01"}},
      {"a short Basic token", "/", "Authorization: Basic dXNlcjpw\r\n", {"dXNlcjpw"}},
      {"basic credentials in an absolute-form target",
       "ws://user:pa55@a.example/chat",
       "",
       {"user:pa55"}},
      {"an @ in the path is no user information", "ws://a.example/@me", "", {}},
      {"credentials in a Referer",
       "/",
       "Referer: https://u:p@a.example/page?access_token=t0k\r\n",
       {"u:p", "t0k"}},
      {"JWT as a subprotocol", "/", "Sec-WebSocket-Protocol: chat, " + jwt + "\r\n", {jwt}},
      {"Kubernetes bearer subprotocol",
       "/",
       "Sec-WebSocket-Protocol: base64url.bearer.authorization.k8s.io.c2VjcmV0, "
       "v4.channel.k8s.io\r\n",
       {"c2VjcmV0"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.shape);
    CHECK(found_in(request_with(row.target, row.extra)) == row.expected);
  }
}

TEST_CASE("output::find_credentials hides the key only when asked") {
  const std::string input = request_with("/", "");
  CHECK(found_in(input).empty());
  CHECK(found_in(input, {true}) == std::vector<std::string>{"dGhlIHNhbXBsZSBub25jZQ=="});
}

TEST_CASE("output::placeholder_for keeps length, separators and grammar") {
  CHECK(output::placeholder_for("abc123") == "REDACT");
  CHECK(output::placeholder_for("dGhlIHNhbXBsZSBub25jZQ==") == "REDACTEDREDACTEDREDACT==");
  CHECK(output::placeholder_for("a.b-c_d/e+f=") == "R.E-D_A/C+T=");
  CHECK(output::placeholder_for("x\x01y") == "R\x01"
                                             "E");
}

TEST_CASE("output::redact keeps every diagnosis and the verdict") {
  const std::string jwt(k_jwt);
  for (const std::string& input :
       {request_with("/?token=abc", "Cookie: a=\x01\r\n"),
        request_with("/", "Authorization: Bearer " + jwt + "\r\nSec-WebSocket-Protocol: " + jwt +
                              "\r\n"),
        request_with("/", "Cookie: id=1\r\nSec-WebSocket-Protocol: chat, chat\r\n")}) {
    const auto credentials = output::find_credentials(input, {true});
    const std::string redacted = output::redact(input, credentials);
    CAPTURE(redacted);
    CHECK(redacted.size() == input.size());
    CHECK(redacted != input);
    const auto original = handshake::begin_server_handshake(input, {}, http::ParseOptions{});
    const auto shown = handshake::begin_server_handshake(redacted, {}, http::ParseOptions{});
    CHECK(original.accepted == shown.accepted);
    CHECK(original.status == shown.status);
    REQUIRE(original.diagnostics.size() == shown.diagnostics.size());
    for (std::size_t i = 0; i < original.diagnostics.size(); ++i) {
      CHECK(original.diagnostics[i].id == shown.diagnostics[i].id);
      CHECK(original.diagnostics[i].offset == shown.diagnostics[i].offset);
    }
  }
}

TEST_CASE("output::redact_accept: the response's accept follows the hidden key") {
  // RFC 6455 1.3's example: this key gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.
  const std::string request = request_with("/", "");
  const std::string redacted_request =
      output::redact(request, output::find_credentials(request, {true}));
  const auto response_with = [](std::string_view accept) {
    std::string response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Accept: ";
    response += accept;
    response += "\r\n\r\n";
    return response;
  };
  const auto shown = [&](const std::string& response) {
    std::string redacted = response;
    output::redact_accept(request, response, redacted_request, redacted);
    return redacted;
  };
  // Right for the real key: the accept of the placeholder key, so the check still passes.
  const std::array<char, 28> placeholder_accept =
      handshake::compute_accept("REDACTEDREDACTEDREDACT==");
  CHECK(shown(response_with("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")) ==
        response_with(std::string_view(placeholder_accept.data(), placeholder_accept.size())));
  // The key sent back, or any other wrong value: its placeholder, wrong as it was.
  CHECK(shown(response_with("dGhlIHNhbXBsZSBub25jZQ==")) ==
        response_with("REDACTEDREDACTEDREDACT=="));
  CHECK(shown(response_with("x3pPLMBiTxaQ9kYGzzhZRbK+xOo=")) ==
        response_with("REDACTEDREDACTEDREDACTE+DRE="));
  // Every Accept line: a right one and then the key sent back.
  CHECK(shown(response_with("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Accept: "
                            "dGhlIHNhbXBsZSBub25jZQ==")) ==
        response_with(std::string(placeholder_accept.data(), placeholder_accept.size()) +
                      "\r\nSec-WebSocket-Accept: REDACTEDREDACTEDREDACT=="));
  // No accept: nothing to change.
  const std::string bare = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";
  CHECK(shown(bare) == bare);
}
