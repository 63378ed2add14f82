#include "clients/MessageTemplate.hpp"
#include "clients/Predict.hpp"
#include "clients/Registry.hpp"
#include "http/RequestParser.hpp"
#include "http/ResponseParser.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace wsh::clients;

namespace {

// RFC 6455 1.3's example request, with a subprotocol offer and a permessage-deflate offer.
constexpr std::string_view k_request = "GET /chat HTTP/1.1\r\n"
                                       "Host: server.example.com\r\n"
                                       "Upgrade: websocket\r\n"
                                       "Connection: Upgrade\r\n"
                                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                       "Sec-WebSocket-Version: 13\r\n"
                                       "Sec-WebSocket-Protocol: chat, superchat\r\n"
                                       "Sec-WebSocket-Extensions: permessage-deflate; "
                                       "client_max_window_bits\r\n"
                                       "\r\n";

constexpr std::string_view k_accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

Prediction predict_for(std::string_view client, std::string_view response_text) {
  const ClientProfile* profile = find_client(client);
  REQUIRE(profile != nullptr);
  const wsh::test::ExactBuffer request_bytes(k_request);
  const wsh::test::ExactBuffer response_bytes(response_text);
  auto request = wsh::http::parse_request(request_bytes.view(), {});
  REQUIRE(request);
  wsh::http::Response response;
  REQUIRE_FALSE(wsh::http::parse_response_into(response_bytes.view(), {}, response));
  return predict(*profile, *request, response, "ws://server.example.com/chat");
}

// The correct 101 for k_request with `fields` after the status line.
std::string response_with(std::string_view status, std::string_view fields) {
  return std::string(status) + "\r\n" + std::string(fields) + "\r\n";
}

const std::string k_good_fields = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                  "Sec-WebSocket-Accept: " +
                                  std::string(k_accept) + "\r\nSec-WebSocket-Protocol: chat\r\n";

} // namespace

TEST_CASE("clients::find_client and client_profiles") {
  CHECK(client_profiles().size() == 9);
  for (const ClientProfile* profile : client_profiles()) {
    CHECK(find_client(profile->name) == profile);
    CHECK_FALSE(profile->order.empty());
  }
  CHECK(find_client("netscape") == nullptr);
}

TEST_CASE("clients::predict: the correct 101 opens everywhere") {
  for (const ClientProfile* profile : client_profiles()) {
    CAPTURE(profile->name);
    const Prediction p = predict_for(
        profile->name, response_with("HTTP/1.1 101 Switching Protocols", k_good_fields));
    CHECK(p.opens);
    CHECK(p.claimed);
    CHECK(p.message.empty());
  }
}

TEST_CASE("clients::predict: the first fault in the client's own order decides the message") {
  // No Upgrade and a wrong accept: Chromium checks Upgrade first, libsoup the accept last,
  // websockets Connection before Upgrade.
  const std::string both =
      response_with("HTTP/1.1 101 Switching Protocols", "Connection: keep-alive\r\n"
                                                        "Sec-WebSocket-Accept: AAAA\r\n"
                                                        "Sec-WebSocket-Protocol: chat\r\n");
  CHECK(predict_for("chromium", both).message ==
        "WebSocket connection to 'ws://server.example.com/chat' failed: Error during WebSocket "
        "handshake: 'Upgrade' header is missing");
  CHECK(predict_for("python-websockets", both).message == "invalid Connection header: keep-alive");
  CHECK(predict_for("node-ws", both).message == "Unexpected server response: 101");
  CHECK(predict_for("aiohttp", both).message ==
        "101, message='Invalid upgrade header', url=URL('ws://server.example.com/chat')");
}

TEST_CASE("clients::predict: status lines") {
  const Prediction chromium = predict_for("chromium", response_with("HTTP/1.1 404 Not Found", ""));
  CHECK_FALSE(chromium.opens);
  CHECK(chromium.rule == "status.not-101");
  CHECK(chromium.message.ends_with("Unexpected response code: 404"));
  CHECK(predict_for("gorilla", response_with("101 Switching Protocols", k_good_fields)).message ==
        "malformed HTTP status code \"Switching\"");
  CHECK(predict_for("node-ws", response_with("HTTP/1.1 1010 X", k_good_fields)).message ==
        "Parse Error: Invalid response status");
  CHECK(predict_for("websocket-client", response_with("HTTP/1.1 403", "")).message ==
        "Handshake status 403 None");
  // An interim 100 before the 101: read past by Node, refused by Python websockets.
  const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n" +
                              response_with("HTTP/1.1 101 Switching Protocols", k_good_fields);
  CHECK(predict_for("node-ws", interim).opens);
  CHECK(predict_for("python-websockets", interim).message ==
        "server rejected WebSocket connection: HTTP 100");
  const Prediction waits = predict_for("aiohttp", response_with("HTTP/1.1 100 Continue", ""));
  CHECK(waits.waits);
  CHECK(waits.message == "Server disconnected");
}

TEST_CASE("clients::predict: a redirect followed is not claimed") {
  const Prediction p = predict_for(
      "python-websockets",
      response_with("HTTP/1.1 302 Found", "Location: ws://server.example.com/elsewhere\r\n"));
  CHECK_FALSE(p.claimed);
  CHECK(p.redirect_to == "ws://server.example.com/elsewhere");
}

TEST_CASE("clients::predict: subprotocols and extensions") {
  const std::string second =
      response_with("HTTP/1.1 101 Switching Protocols",
                    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Accept: " +
                        std::string(k_accept) + "\r\nSec-WebSocket-Protocol: superchat\r\n");
  const Prediction p = predict_for("firefox", second);
  REQUIRE(p.opens);
  CHECK(p.subprotocol == "superchat");
  const std::string deflate =
      k_good_fields + "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=16\r\n";
  CHECK(predict_for("python-websockets", response_with("HTTP/1.1 101 Switching Protocols", deflate))
            .message == "Unsupported extension: name = permessage-deflate, params = "
                        "[('server_max_window_bits', '16')]");
  CHECK(predict_for("undici", response_with("HTTP/1.1 101 Switching Protocols", deflate)).opens);
  // gorilla agrees to permessage-deflate only with both no_context_takeover parameters.
  const std::string both_flags = k_good_fields + "Sec-WebSocket-Extensions: permessage-deflate; "
                                                 "server_no_context_takeover; "
                                                 "client_no_context_takeover\r\n";
  CHECK(
      predict_for("gorilla", response_with("HTTP/1.1 101 Switching Protocols", both_flags)).opens);
  CHECK_FALSE(
      predict_for("gorilla", response_with("HTTP/1.1 101 Switching Protocols", deflate)).opens);
}

TEST_CASE("clients::render_message") {
  MessageValues values;
  values.url = "ws://h/p";
  values.code = "a'b";
  values.value = std::string(120, 'a');
  CHECK(render_message("{url} {code|py} {code|go} {unknown}", values) ==
        "ws://h/p \"a'b\" \"a'b\" {unknown}");
  CHECK(render_message("{reason|none}", values) == "None");
  CHECK(render_message("{value|bytes100}", values) ==
        "bytearray(b'" + std::string(100, 'a') + "...')");
  CHECK(python_repr(std::string_view("\x01\xe9", 2)) == "'\\x01\xc3\xa9'");
  CHECK(go_quote(std::string_view("a\0\"", 3)) == "\"a\\x00\\\"\"");
}
