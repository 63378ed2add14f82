#include "servers/Predict.hpp"
#include "servers/Registry.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace wsh::servers;

namespace {

// Chromium's request as tests/servers/requests/baseline.http holds it, for a server on
// 127.0.0.1:54321, field by field so rows can replace, drop or add one.
struct RequestBuilder {
  std::string request_line = "GET / HTTP/1.1";
  std::vector<std::pair<std::string, std::string>> fields = {
      {"Host", "Host: 127.0.0.1:54321"},
      {"Connection", "Connection: Upgrade"},
      {"Pragma", "Pragma: no-cache"},
      {"Cache-Control", "Cache-Control: no-cache"},
      {"User-Agent", "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, "
                     "like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"},
      {"Upgrade", "Upgrade: websocket"},
      {"Origin", "Origin: http://127.0.0.1:54321"},
      {"Sec-WebSocket-Version", "Sec-WebSocket-Version: 13"},
      {"Accept-Encoding", "Accept-Encoding: gzip, deflate, br, zstd"},
      {"Accept-Language", "Accept-Language: en-US,en;q=0.9"},
      {"Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="},
      {"Sec-WebSocket-Extensions",
       "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"},
  };

  // Replaces the line(s) of `name` with `lines` (CRLF-separated; empty drops the field).
  RequestBuilder& set(const std::string& name, const std::string& lines) {
    for (auto& field : fields) {
      if (field.first == name) {
        field.second = lines;
      }
    }
    return *this;
  }
  RequestBuilder& add(const std::string& line) {
    fields.emplace_back("", line);
    return *this;
  }
  std::string build() const {
    std::string out = request_line + "\r\n";
    for (const auto& field : fields) {
      if (!field.second.empty()) {
        out += field.second + "\r\n";
      }
    }
    return out + "\r\n";
  }
};

std::string baseline_with(const std::string& name, const std::string& lines) {
  return RequestBuilder().set(name, lines).build();
}

constexpr Refusal k_upgrade_refusal =
    respond(426, "HTTP/1.1 426 Upgrade Required", "no websocket in {value|go}", MessageIn::body);

constexpr Step k_upgrade_step[] = {
    {.test = Test::field_equals,
     .lines = Lines::joined,
     .field = "Upgrade",
     .value = "websocket",
     .refusal = k_upgrade_refusal,
     .cause = "upgrade-whole-value",
     .rfc = {},
     .source = "test",
     .evidence = "test"},
};

// A profile around one reader, with the single Upgrade step above.
ServerProfile profile_reading(const HttpReading& http) {
  ServerProfile profile;
  profile.name = "test";
  profile.http = &http;
  profile.steps = k_upgrade_step;
  return profile;
}

} // namespace

TEST_CASE("servers::predict reads each fault as the profile's reader does") {
  const Reaction folded =
      refuses(respond(400, "HTTP/1.1 400 Bad Request", "folded:{line}", MessageIn::body));
  SUBCASE("obs-fold: unfold, or refuse with the line quoted") {
    const std::string request = baseline_with("Upgrade", "Upgrade:\r\n websocket");
    const HttpReading unfolding{.fields = {.obs_fold = does(Action::unfold)}};
    CHECK(predict(profile_reading(unfolding), request).accepts);
    const HttpReading refusing{.fields = {.obs_fold = folded}};
    const ServerPrediction refused = predict(profile_reading(refusing), request);
    CHECK_FALSE(refused.accepts);
    CHECK(refused.status == 400u);
    CHECK(refused.message == "folded: websocket");
    CHECK(refused.cause == "obs-fold");
    CHECK_FALSE(refused.rfc_allows);
  }
  SUBCASE("whitespace before the colon: trim the name, or keep it and lose the field") {
    const std::string request = baseline_with("Upgrade", "Upgrade : websocket");
    const HttpReading trimming{.fields = {.space_before_colon = does(Action::trim_name)}};
    CHECK(predict(profile_reading(trimming), request).accepts);
    const HttpReading keeping{.fields = {.space_before_colon = does(Action::drop_line)}};
    const ServerPrediction lost = predict(profile_reading(keeping), request);
    CHECK(lost.status == 426u);
    CHECK(lost.message == "no websocket in \"\"");
    CHECK(lost.cause == "upgrade-whole-value");
  }
  SUBCASE("a name that runs to the next colon: no colon left, the server waits") {
    const std::string request = RequestBuilder().add("X-No-Colon value").build();
    const HttpReading swallowing{.fields = {.missing_colon = does(Action::swallow_to_colon)}};
    const ServerPrediction waiting = predict(profile_reading(swallowing), request);
    CHECK_FALSE(waiting.status);
    CHECK(waiting.waits);
    CHECK(waiting.cause == "missing-colon");
    CHECK_FALSE(waiting.rfc_allows);
  }
  SUBCASE("control bytes kept in a value; a bare CR ending a line") {
    const std::string nul = baseline_with("User-Agent", std::string("User-Agent: a\0b", 15));
    const HttpReading keeping{.fields = {.nul_in_value = does(Action::keep_byte)}};
    CHECK(predict(profile_reading(keeping), nul).accepts);
    const std::string cr = baseline_with("Upgrade", "Upgrade: websocket\rX-Cr: 1");
    const HttpReading splitting{.fields = {.bare_cr = does(Action::split_at_cr)}};
    CHECK(predict(profile_reading(splitting), cr).accepts);
    const HttpReading keeping_cr{.fields = {.bare_cr = does(Action::keep_byte)}};
    CHECK(predict(profile_reading(keeping_cr), cr).status == 426u);
  }
  SUBCASE("LF line endings, leading empty lines, CRLF CRLF heads") {
    std::string lf = RequestBuilder().build();
    for (std::size_t at = lf.find("\r\n"); at != std::string::npos; at = lf.find("\r\n", at)) {
      lf.erase(at, 1);
    }
    const HttpReading lenient{};
    CHECK(predict(profile_reading(lenient), lf).accepts);
    const HttpReading strict{.fields = {.lf_request_line = folded}};
    CHECK(predict(profile_reading(strict), lf).cause == "lf-line-endings");
    const HttpReading crlf_only{.head_end = HeadEnd::crlf_crlf, .line_end = LineEnd::crlf_only};
    CHECK(predict(profile_reading(crlf_only), lf).waits);
    const std::string leading = "\r\n" + RequestBuilder().build();
    const HttpReading skipping{};
    CHECK(predict(profile_reading(skipping), leading).accepts);
    const HttpReading refusing{.leading_empty_line = folded};
    CHECK(predict(profile_reading(refusing), leading).cause == "leading-empty-line");
  }
  SUBCASE("a size limit: its refusal and cause; the RFC sets none") {
    const Limit limits[] = {
        {Measure::field_line_bytes, 200, closes("line too long"), "line-too-long"}};
    const HttpReading limited{.limits = limits};
    const std::string big = RequestBuilder().add("Cookie: " + std::string(300, 'c')).build();
    const ServerPrediction refused = predict(profile_reading(limited), big);
    CHECK_FALSE(refused.status);
    CHECK_FALSE(refused.waits);
    CHECK(refused.message == "line too long");
    CHECK(refused.cause == "line-too-long");
    CHECK(refused.rfc_allows);
    CHECK(predict(profile_reading(limited), RequestBuilder().build()).accepts);
  }
  SUBCASE("request lines split the server's way") {
    RequestBuilder tabs;
    tabs.request_line = "GET\t/\tHTTP/1.1";
    const HttpReading python{
        .request_line = {.split = RequestLineSplit::at_spaces,
                         .split_failed = refuses(respond(400, "HTTP/1.1 400 Bad Request",
                                                         "invalid HTTP request line: "
                                                         "{request_line}",
                                                         MessageIn::log))}};
    const ServerPrediction refused = predict(profile_reading(python), tabs.build());
    CHECK(refused.message == "invalid HTTP request line: GET\t/\tHTTP/1.1");
    CHECK(refused.cause == "malformed-request-line");
    const HttpReading autobahn{.request_line = {.split = RequestLineSplit::whitespace}};
    CHECK(predict(profile_reading(autobahn), tabs.build()).accepts);
  }
}

namespace {

constexpr std::string_view k_get[] = {"GET"};
constexpr std::string_view k_13[] = {"13"};
constexpr std::string_view k_http_1_1[] = {"HTTP/1.1"};

constexpr Step k_ordered_steps[] = {
    {.test = Test::method_in,
     .list = k_get,
     .refusal =
         respond(405, "{http} 405 Method Not Allowed", "method {method|go}", MessageIn::body),
     .cause = "method-not-get",
     .source = "test",
     .evidence = "test"},
    {.test = Test::field_has_token,
     .lines = Lines::each,
     .grammar = Grammar::go_token_list,
     .field = "Connection",
     .value = "upgrade",
     .refusal = respond(400, "HTTP/1.1 400 Bad Request", "connection", MessageIn::body),
     .cause = "connection-no-upgrade-token",
     .source = "test",
     .evidence = "test"},
    {.test = Test::version_number_in,
     .lines = Lines::joined,
     .number = NumberRule::js_number,
     .field = "Sec-WebSocket-Version",
     .list = k_13,
     .refusal = respond(400, "HTTP/1.1 400 Bad Request", "version {value}", MessageIn::body),
     .cause = "version-not-13",
     .source = "test",
     .evidence = "test"},
    {.test = Test::field_present,
     .field = "Host",
     .when_version = k_http_1_1,
     .refusal = respond(400, "HTTP/1.1 400 Bad Request", "host", MessageIn::body),
     .cause = "host-required",
     .source = "test",
     .evidence = "test"},
    {.test = Test::origin_same_host,
     .origin_rule = OriginRule::go_url_host,
     .refusal = respond(403, "HTTP/1.1 403 Forbidden", "{origin} for {host}", MessageIn::body),
     .cause = "origin-not-same",
     .source = "test",
     .evidence = "test"},
};

const HttpReading k_lenient{};

ServerProfile ordered_profile() {
  ServerProfile profile;
  profile.name = "ordered";
  profile.http = &k_lenient;
  profile.steps = k_ordered_steps;
  return profile;
}

} // namespace

TEST_CASE("servers::predict runs the steps in the profile's order") {
  const ServerProfile profile = ordered_profile();
  CHECK(predict(profile, RequestBuilder().build()).accepts);

  RequestBuilder post;
  post.request_line = "POST / HTTP/1.0";
  post.set("Connection", "Connection: close");
  const ServerPrediction method = predict(profile, post.build());
  CHECK(method.status == 405u);
  CHECK(method.status_line == "HTTP/1.0 405 Method Not Allowed");
  CHECK(method.message == "method \"POST\"");
  CHECK(method.cause == "method-not-get");

  CHECK(
      predict(profile, baseline_with("Connection", "Connection: keep-alive\r\nConnection: Upgrade"))
          .accepts);
  CHECK(predict(profile, baseline_with("Connection", "Connection: \"Upgrade\"")).status == 400u);

  CHECK(predict(profile, baseline_with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 013"))
            .accepts);
  const ServerPrediction list =
      predict(profile, baseline_with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 13, 8"));
  CHECK(list.message == "version 13, 8");

  RequestBuilder old_without_host;
  old_without_host.request_line = "GET / HTTP/1.0";
  old_without_host.set("Host", "").set("Origin", "");
  CHECK(predict(profile, old_without_host.build()).accepts);
  RequestBuilder without_host;
  without_host.set("Host", "").set("Origin", "");
  CHECK(predict(profile, without_host.build()).message == "host");

  const ServerPrediction cross =
      predict(profile, baseline_with("Origin", "Origin: http://evil.example"));
  CHECK(cross.status == 403u);
  CHECK(cross.message == "http://evil.example for 127.0.0.1:54321");
  CHECK(cross.cause == "origin-not-same");
  CHECK(cross.rfc_allows);
  const ServerPrediction no_port = predict(profile, baseline_with("Host", "Host: 127.0.0.1"));
  CHECK(no_port.cause == "origin-port-differs");
}

TEST_CASE("servers::predict names the RFC's reason where the RFC refuses too") {
  using wsh::diagnostics::DiagnosticId;
  constexpr DiagnosticId k_key_ids[] = {DiagnosticId::missing_key, DiagnosticId::invalid_key};
  const Step steps[] = {
      {.test = Test::key_valid,
       .key_rule = KeyRule::ws_regex,
       .field = "Sec-WebSocket-Key",
       .refusal = respond(400, "HTTP/1.1 400 Bad Request", "key", MessageIn::body),
       .cause = "key-not-base64-of-16",
       .rfc = k_key_ids}};
  ServerProfile profile;
  profile.http = &k_lenient;
  profile.steps = steps;
  const ServerPrediction short_key =
      predict(profile, baseline_with("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZQ=="));
  CHECK(short_key.cause == "invalid-key");
  CHECK_FALSE(short_key.rfc_allows);
}

TEST_CASE("servers::predict: a 101 whose accept hashes the joined keys") {
  ServerProfile profile;
  profile.http = &k_lenient;
  profile.accept_over = AcceptOver::joined;
  profile.accept_lines = Lines::joined;
  profile.accept_flaw_cause = "accept-over-joined-keys";
  const ServerPrediction one = predict(profile, RequestBuilder().build());
  CHECK(one.accepts);
  CHECK(one.accept_valid);
  const ServerPrediction two = predict(
      profile, baseline_with("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                                  "Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA=="));
  CHECK(two.accepts);
  CHECK_FALSE(two.accept_valid);
  CHECK(two.accept_flaw == "accept-over-joined-keys");
}

TEST_CASE("servers profiles: one measured behaviour each") {
  struct Row {
    std::string_view server;
    std::string request;
    unsigned status; // 0: no response
    std::string_view cause;
    std::string_view message;
  };
  RequestBuilder post;
  post.request_line = "POST / HTTP/1.1";
  const Row rows[] = {
      {"node-ws", baseline_with("Upgrade", "Upgrade: websocket, h2c"), 400, "upgrade-whole-value",
       "Invalid Upgrade header"},
      {"node-ws", baseline_with("Connection", "Connection: close"), 426,
       "hop-by-hop-headers-stripped", "Upgrade Required"},
      {"python-websockets", baseline_with("Connection", "Connection: \"Upgrade\""), 400,
       "invalid-token-list",
       "Failed to open a WebSocket connection: invalid Connection header: expected token at 0 "
       "in \"Upgrade\"."},
      {"beast", RequestBuilder().add("Cookie: " + std::string(4088, 'c')).build(), 0,
       "head-too-large-for-buffer", "beast.http:7 buffer overflow"},
      {"beast", baseline_with("Connection", "Connection: keep-alive\r\nConnection: Upgrade"), 400,
       "connection-first-line-only",
       "The WebSocket handshake Connection field is missing the upgrade token"},
      {"websocketpp", baseline_with("Sec-WebSocket-Version", ""), 500, "missing-version",
       "websocketpp.processor:30 Short Hybi00 Key"},
      {"libwebsockets", RequestBuilder().add("Sec-WebSocket-Protocol: chat").build(), 0,
       "subprotocol-not-served", "No supported protocol \"chat\""},
      {"gorilla", RequestBuilder().build() + "hello", 0, "data-before-handshake-complete",
       "websocket: client sent data before handshake is complete"},
      {"tornado", baseline_with("Host", "Host: 127.0.0.1"), 403, "origin-port-differs",
       "Cross origin websockets not allowed"},
      {"aiohttp", baseline_with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 13 "), 400,
       "version-not-7-8-13", "Unsupported version: 13 "},
      {"jetty", baseline_with("Host", "Host: bad host"), 500, "invalid-host",
       "Unable to accept websocket due to mangled URI"},
      {"autobahn",
       baseline_with("Sec-WebSocket-Extensions",
                     "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=7"),
       400, "deflate-offer-refused",
       "illegal extension parameter value '7' for parameter 'server_max_window_bits' of "
       "extension 'permessage-deflate'"},
      {"nhooyr", baseline_with("Origin", "Origin: http://evil.example"), 403, "origin-not-same",
       "request Origin \"http://evil.example\" is not authorized for Host \"127.0.0.1:54321\""},
      {"node-websocket", baseline_with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 14"), 426,
       "unsupported-version",
       "Unsupported websocket client version: 14Only versions 8 and 13 "
       "are supported."},
      {"faye-websocket", post.build(), 0, "method-not-get", "not a WebSocket request: POST /"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.server);
    CAPTURE(row.cause);
    const ServerProfile* profile = find_server(row.server);
    REQUIRE(profile != nullptr);
    const ServerPrediction prediction = predict(*profile, row.request);
    CHECK_FALSE(prediction.accepts);
    CHECK(prediction.status.value_or(0) == row.status);
    CHECK(prediction.cause == row.cause);
    CHECK(prediction.message == row.message);
  }
}

TEST_CASE("servers::compatibility_notes") {
  const auto causes = [](const std::vector<CompatibilityNote>& notes) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const CompatibilityNote& note : notes) {
      out.emplace_back(std::string(note.cause),
                       std::vector<std::string>(note.servers.begin(), note.servers.end()));
    }
    return out;
  };
  using Notes = std::vector<std::pair<std::string, std::vector<std::string>>>;

  SUBCASE("valid spellings every profiled server takes") {
    CHECK(compatibility_notes(baseline_with("Connection", "Connection: keep-alive, Upgrade"))
              .empty());
    CHECK(compatibility_notes(baseline_with("Upgrade", "Upgrade: WebSocket")).empty());
    CHECK(
        compatibility_notes(baseline_with("Connection", "Connection: Upgrade,Keep-Alive")).empty());
  }
  SUBCASE("large cookies: per-line and per-head sizes") {
    const std::string cookie_4k = RequestBuilder().add("Cookie: " + std::string(4088, 'c')).build();
    CHECK(causes(compatibility_notes(cookie_4k)) ==
          Notes{{"head-too-large-for-buffer", {"beast"}}, {"line-too-long", {"libwebsockets"}}});
    const std::string cookie_8k = RequestBuilder().add("Cookie: " + std::string(8184, 'c')).build();
    CHECK(causes(compatibility_notes(cookie_8k)) ==
          Notes{{"line-too-long", {"python-websockets", "libwebsockets"}},
                {"head-too-large-for-buffer", {"beast"}},
                {"header-block-too-large", {"jetty"}}});
  }
  SUBCASE("Origin and Host: the same-origin checks") {
    CHECK(causes(compatibility_notes(baseline_with("Origin", "Origin: http://evil.example"))) ==
          Notes{{"origin-not-same", {"gorilla", "tornado", "nhooyr"}}});
    CHECK(causes(compatibility_notes(baseline_with("Host", "Host: 127.0.0.1"))) ==
          Notes{{"origin-port-differs", {"gorilla", "tornado", "nhooyr"}}});
  }
  SUBCASE("the Connection token list on two lines; Upgrade as a list") {
    CHECK(causes(compatibility_notes(
              baseline_with("Connection", "Connection: keep-alive\r\nConnection: Upgrade"))) ==
          Notes{{"connection-first-line-only", {"beast", "aiohttp", "jetty"}}});
    CHECK(causes(compatibility_notes(baseline_with("Upgrade", "Upgrade: websocket, h2c"))) ==
          Notes{{"upgrade-whole-value",
                 {"node-ws", "python-websockets", "libwebsockets", "tornado", "aiohttp", "jetty",
                  "faye-websocket"}}});
  }
  SUBCASE("a 101 with a wrong accept is a note too") {
    CHECK(causes(compatibility_notes(baseline_with(
              "Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==   "))) ==
          Notes{{"accept-over-untrimmed-key", {"libwebsockets", "aiohttp"}}});
  }
  SUBCASE("nothing for a request the RFC refuses: the engine says why") {
    CHECK(compatibility_notes(baseline_with("Sec-WebSocket-Key", "")).empty());
  }
}
