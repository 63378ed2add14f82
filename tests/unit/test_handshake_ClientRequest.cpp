#include "handshake/AcceptKey.hpp"
#include "handshake/ClientHandshake.hpp"
#include "handshake/ClientRequest.hpp"
#include "handshake/ServerHandshake.hpp"
#include "util/Base64.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace wsh::handshake;

namespace {

// The RFC 6455 1.3 example key, so that requests are the same on every run.
constexpr std::string_view k_key = "dGhlIHNhbXBsZSBub25jZQ==";

ClientOffer offer_for(std::string_view uri) {
  ClientOffer offer;
  offer.uri = *parse_websocket_uri(uri);
  offer.sec_websocket_key = std::string(k_key);
  return offer;
}

std::string head_of(const ClientOffer& offer, const ClientTemplate& like = k_plain_template) {
  auto built = build_client_request(offer, like);
  REQUIRE(built.has_value());
  return built->head();
}

std::string error_of(const ClientOffer& offer, const ClientTemplate& like = k_plain_template) {
  auto built = build_client_request(offer, like);
  REQUIRE_FALSE(built.has_value());
  CHECK(built.error().kind == ClientRequestError::Kind::invalid_offer);
  return built.error().message;
}

std::vector<std::string> names_of(const ClientRequest& request) {
  std::vector<std::string> names;
  for (const RequestField& field : request.fields) {
    names.push_back(field.name);
  }
  return names;
}

std::string value_of(const ClientRequest& request, std::string_view name) {
  for (const RequestField& field : request.fields) {
    if (field.name == name) {
      return field.value;
    }
  }
  return "<absent>";
}

} // namespace

TEST_CASE("handshake::parse_websocket_uri: host, port, resource name (RFC 6455 3)") {
  struct Row {
    std::string_view uri;
    std::string_view authority;
    std::string_view resource_name;
    std::string_view origin;
  };
  const Row rows[] = {
      {"ws://example.com", "example.com", "/", "http://example.com"},
      {"ws://example.com:80/", "example.com", "/", "http://example.com"},
      {"ws://example.com:8080/chat", "example.com:8080", "/chat", "http://example.com:8080"},
      {"wss://example.com:443/a?b=c", "example.com", "/a?b=c", "https://example.com"},
      {"wss://example.com:80", "example.com:80", "/", "https://example.com:80"},
      {"WSS://Example.COM/Path", "example.com", "/Path", "https://example.com"},
      {"ws://[::1]:9000/", "[::1]:9000", "/", "http://[::1]:9000"},
      {"ws://127.0.0.1:/x", "127.0.0.1", "/x", "http://127.0.0.1"},
      {"ws://h?q", "h", "/?q", "http://h"},
      {"ws://h/a b/\xc3\xa9?x=\"|\"", "h", "/a%20b/%C3%A9?x=%22%7C%22", "http://h"},
      {"ws://h/%2F%41?x=%20", "h", "/%2F%41?x=%20", "http://h"},
      {"ws://h/?a/b?c:@!$&'()*+,;=", "h", "/?a/b?c:@!$&'()*+,;=", "http://h"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.uri);
    auto uri = parse_websocket_uri(row.uri);
    REQUIRE(uri.has_value());
    CHECK(uri->authority() == row.authority);
    CHECK(uri->resource_name == row.resource_name);
    CHECK(uri->origin() == row.origin);
  }
}

TEST_CASE("handshake::parse_websocket_uri: what is not a ws or wss URI") {
  struct Row {
    std::string_view uri;
    std::string_view says;
  };
  const Row rows[] = {
      {"http://example.com/", "not a ws:// or wss:// URI"},
      {"example.com", "not a ws:// or wss:// URI"},
      {"ws:/example.com", "not a ws:// or wss:// URI"},
      {"ws:///x", "column 6: the URI names no host"},
      {"ws://user:pw@h/", "column 13: a WebSocket URI names no user"},
      {"ws://h/#x", "column 8: a WebSocket URI has no fragment"},
      {"ws://h:0/", "column 8: the port `0`"},
      {"ws://h:65536/", "the port `65536`"},
      {"ws://h:99999999999999999999/", "is not one from 1 to 65535"},
      {"ws://h:8o/", "column 9:"},
      {"ws://h/100%", "column 11: `%` must start a percent-encoded byte"},
      {"ws://h/%4g", "column 8: `%`"},
      {"ws://ex ample/", "column 8:"},
      {"ws://[::1/", "never closes"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.uri);
    auto uri = parse_websocket_uri(row.uri);
    REQUIRE_FALSE(uri.has_value());
    CHECK(uri.error().find(row.says) != std::string::npos);
  }
}

TEST_CASE("handshake::build_client_request: RFC 6455 4.1's fields, in its order") {
  ClientOffer offer = offer_for("ws://server.example.com/chat");
  CHECK(head_of(offer) == "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n");
  offer.origin = "http://example.com";
  offer.subprotocols = {"chat", "superchat"};
  offer.extensions =
      std::vector<std::string>{" permessage-deflate; client_max_window_bits ", "x-custom"};
  CHECK(head_of(offer) ==
        "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\nOrigin: http://example.com\r\n"
        "Sec-WebSocket-Protocol: chat, superchat\r\n"
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-custom\r\n\r\n");
}

TEST_CASE("handshake::build_client_request: without a URI, no Host (the C API's caller's)") {
  ClientOffer offer;
  auto built = build_client_request(offer);
  REQUIRE(built.has_value());
  CHECK(names_of(*built) == std::vector<std::string>{"Upgrade", "Connection", "Sec-WebSocket-Key",
                                                     "Sec-WebSocket-Version"});
  CHECK(built->resource_name == "/");
}

TEST_CASE("handshake::build_client_request: a fresh key from getrandom for each request") {
  std::set<std::string> keys;
  for (int i = 0; i < 64; ++i) {
    auto built = build_client_request(ClientOffer{});
    REQUIRE(built.has_value());
    CHECK(wsh::util::is_base64_of_16_bytes(built->sec_websocket_key));
    CHECK(value_of(*built, "Sec-WebSocket-Key") == built->sec_websocket_key);
    keys.insert(built->sec_websocket_key);
  }
  CHECK(keys.size() == 64);
}

TEST_CASE("handshake::build_client_request: an offer that breaks a rule is refused") {
  ClientOffer offer = offer_for("ws://h/");
  offer.sec_websocket_key = "c2hvcnQ=";
  CHECK(error_of(offer).find("not the base64 of 16 bytes") != std::string::npos);
  offer.sec_websocket_key = std::string(k_key);
  offer.subprotocols = {"chat", "chat"};
  CHECK(error_of(offer).find("offered twice") != std::string::npos);
  offer.subprotocols = {"chat room"};
  CHECK(error_of(offer).find("not a token") != std::string::npos);
  offer.subprotocols = {""};
  CHECK(error_of(offer).find("not a token") != std::string::npos);
  offer.subprotocols = {};
  offer.extensions = std::vector<std::string>{"a, b"};
  CHECK(error_of(offer).find("not one extension") != std::string::npos);
  offer.extensions = std::vector<std::string>{""};
  CHECK(error_of(offer).find("not one extension") != std::string::npos);
  offer.extensions.reset();
  offer.origin = "http://a\r\nX-Evil: 1";
  CHECK(error_of(offer).find("control byte") != std::string::npos);
}

TEST_CASE("handshake::build_client_request: edits never touch the handshake's own fields") {
  for (std::string_view name :
       {"Upgrade", "connection", "Sec-WebSocket-Version", "sec-websocket-key",
        "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Sec-WebSocket-Origin"}) {
    CAPTURE(name);
    ClientOffer offer = offer_for("ws://h/");
    offer.header_edits = {{std::string(name), std::string("13")}};
    CHECK(error_of(offer).find("a second one breaks the handshake") != std::string::npos);
    offer.header_edits = {{std::string(name), std::nullopt}};
    CHECK(error_of(offer).find("a second one breaks the handshake") != std::string::npos);
  }
  ClientOffer offer = offer_for("ws://h/");
  offer.header_edits = {{"X Bad", std::string("1")}};
  CHECK(error_of(offer).find("not a field name") != std::string::npos);
  offer.header_edits = {{"X-Ok", std::string("a\nb")}};
  CHECK(error_of(offer).find("control byte") != std::string::npos);
}

TEST_CASE("handshake::build_client_request: edits replace in place, leave out and add") {
  ClientOffer offer = offer_for("ws://h/");
  offer.header_edits = {{"host", std::string("other.example")},
                        {"X-A", std::string("1")},
                        {"Host", std::string("second")},
                        {"User-Agent", std::nullopt},
                        {"X-Empty", std::string()}};
  auto built = build_client_request(offer);
  REQUIRE(built.has_value());
  CHECK(names_of(*built) == std::vector<std::string>{"host", "Upgrade", "Connection",
                                                     "Sec-WebSocket-Key", "Sec-WebSocket-Version",
                                                     "X-A", "Host", "X-Empty"});
  CHECK(value_of(*built, "host") == "other.example");
  CHECK(built->head().find("\r\nX-Empty:\r\n") != std::string::npos);

  // A field the template has but leaves out (Origin without one) is set where it belongs.
  offer = offer_for("ws://h/");
  offer.header_edits = {{"Origin", std::string("http://h")}};
  const auto node = build_client_request(offer, *find_client_template("node-ws"));
  REQUIRE(node.has_value());
  CHECK(names_of(*node) == std::vector<std::string>{"Sec-WebSocket-Version", "Sec-WebSocket-Key",
                                                    "Connection", "Upgrade",
                                                    "Sec-WebSocket-Extensions", "Origin", "Host"});
  // Leaving out one of a browser's own fields.
  offer.header_edits = {{"user-agent", std::nullopt}};
  const auto chromium = build_client_request(offer, *find_client_template("chromium"));
  REQUIRE(chromium.has_value());
  CHECK(value_of(*chromium, "User-Agent") == "<absent>");
}

TEST_CASE("handshake::build_client_request: --like's templates are well-formed data") {
  CHECK(find_client_template("nope") == nullptr);
  std::vector<const ClientTemplate*> all{&k_plain_template};
  for (const ClientTemplate& like : k_client_templates) {
    CHECK(find_client_template(like.name) == &like);
    all.push_back(&like);
  }
  for (const ClientTemplate* like : all) {
    CAPTURE(like->name);
    const auto count = [&](FieldSource source) {
      return std::count_if(like->fields.begin(), like->fields.end(),
                           [&](const TemplateField& field) { return field.source == source; });
    };
    for (FieldSource once :
         {FieldSource::host, FieldSource::key, FieldSource::version, FieldSource::origin,
          FieldSource::subprotocols, FieldSource::extensions, FieldSource::added}) {
      CHECK(count(once) == 1);
    }
    std::set<std::string> names;
    for (const TemplateField& field : like->fields) {
      CHECK(field.name.empty() == (field.source == FieldSource::added));
      if (!field.name.empty()) {
        CHECK(names.insert(std::string(field.name)).second);
      }
    }
  }
}

TEST_CASE("handshake::build_client_request: Sec-Fetch-Site from the page's origin") {
  const ClientTemplate& firefox = *find_client_template("firefox");
  ClientOffer offer = offer_for("wss://chat.example.com:8443/");
  CHECK(value_of(*build_client_request(offer, firefox), "Origin") ==
        "https://chat.example.com:8443");
  CHECK(value_of(*build_client_request(offer, firefox), "Sec-Fetch-Site") == "same-origin");
  offer.origin = "https://CHAT.example.com";
  CHECK(value_of(*build_client_request(offer, firefox), "Sec-Fetch-Site") == "same-site");
  offer.origin = "http://chat.example.com:8443";
  CHECK(value_of(*build_client_request(offer, firefox), "Sec-Fetch-Site") == "cross-site");
  offer.origin = "null";
  CHECK(value_of(*build_client_request(offer, firefox), "Sec-Fetch-Site") == "cross-site");
  // A library sends no Origin unless given one.
  offer.origin.reset();
  CHECK(value_of(*build_client_request(offer, *find_client_template("python-websockets")),
                 "Origin") == "<absent>");
}

// Property: whatever is offered, with any key and in any client's shape, the request is one a
// server accepts with the same key and offers, and the 101 it answers opens for the client.
TEST_CASE("handshake::build_client_request: servers accept every request it builds") {
  std::mt19937 random(20240611);
  const std::vector<std::string> tokens{"chat", "superchat", "v1.json", "mqtt", "x~y", "A!#$%&'*"};
  const std::vector<std::string> extensions{
      "permessage-deflate", "permessage-deflate; client_max_window_bits",
      "permessage-deflate; server_max_window_bits=10; client_no_context_takeover", "x-custom",
      "x-q; a=\"quoted\""};
  std::vector<const ClientTemplate*> likes{&k_plain_template};
  for (const ClientTemplate& like : k_client_templates) {
    likes.push_back(&like);
  }
  const std::vector<std::string> uris{"ws://127.0.0.1:8080/chat", "wss://example.com/a b?q=1",
                                      "ws://[::1]/", "ws://h:80/%41?x"};
  for (int i = 0; i < 2000; ++i) {
    ClientOffer offer;
    offer.uri = *parse_websocket_uri(uris[random() % uris.size()]);
    std::vector<std::string> shuffled = tokens;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    shuffled.resize(random() % 4);
    offer.subprotocols = shuffled;
    if (random() % 3 != 0) {
      std::vector<std::string> chosen;
      for (const std::string& extension : extensions) {
        if (random() % 2 == 0) {
          chosen.push_back(extension);
        }
      }
      offer.extensions = chosen;
    }
    if (random() % 2 == 0) {
      offer.origin = "https://app.example.com";
    }
    const ClientTemplate& like = *likes[random() % likes.size()];
    auto built = build_client_request(offer, like);
    REQUIRE(built.has_value());
    const std::string head = built->head();
    CAPTURE(head);
    const wsh::test::ExactBuffer request_bytes(head);

    ServerChoices choices;
    if (!offer.subprotocols.empty()) {
      choices.subprotocol = offer.subprotocols.back();
    }
    const Outcome outcome =
        begin_server_handshake(request_bytes.view(), choices, wsh::http::ParseOptions{});
    REQUIRE(outcome.accepted);
    CHECK(std::none_of(outcome.diagnostics.begin(), outcome.diagnostics.end(), [](const auto& d) {
      return d.severity != wsh::diagnostics::Severity::note;
    }));
    CHECK(outcome.sec_websocket_key == built->sec_websocket_key);
    CHECK(outcome.sec_websocket_accept.view() ==
          std::string_view(compute_accept(built->sec_websocket_key).data(), 28));
    CHECK(std::vector<std::string>(outcome.offered_subprotocols.begin(),
                                   outcome.offered_subprotocols.end()) == offer.subprotocols);
    const std::vector<std::string> expected_extensions =
        offer.extensions ? *offer.extensions
        : like.default_extensions.empty()
            ? std::vector<std::string>{}
            : std::vector<std::string>{std::string(like.default_extensions)};
    REQUIRE(outcome.offered_extensions.size() == expected_extensions.size());
    for (std::size_t e = 0; e < expected_extensions.size(); ++e) {
      CHECK(outcome.offered_extensions[e].text == expected_extensions[e]);
    }

    std::string response = "HTTP/1.1 101 Switching Protocols\r\n";
    for (const ResponseHeader& header : outcome.response_headers) {
      response += std::string(header.name) + ": " + std::string(header.value.view()) + "\r\n";
    }
    response += "\r\n";
    const wsh::test::ExactBuffer response_bytes(response);
    const ClientOutcome verdict =
        verify_response(request_bytes.view(), response_bytes.view(), wsh::http::ParseOptions{});
    CHECK(verdict.opens);
    CHECK(verdict.selected_subprotocol == choices.subprotocol);
  }
}
