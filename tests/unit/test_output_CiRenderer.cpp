#include "handshake/ServerHandshake.hpp"
#include "output/CiRenderer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace wsh;

namespace {

// The RFC 6455 example with a version 8 (error) and without Origin (note).
const std::string k_request = "GET /chat HTTP/1.1\r\n"
                              "Host: server.example.com\r\n"
                              "Upgrade: websocket\r\n"
                              "Connection: Upgrade\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                              "Sec-WebSocket-Version: 8\r\n"
                              "X-Note: caf\xc3\xa9, 100%: a,b\r\n"
                              "\r\n";

handshake::Outcome answer(const std::string& input) {
  return handshake::begin_server_handshake(input, {}, http::ParseOptions{});
}

} // namespace

TEST_CASE("output::render_gcc prints one compiler-style line per diagnostic") {
  std::string out;
  output::render_gcc(out, answer(k_request).diagnostics, {"dir/in put.http", k_request});
  CHECK(out == "dir/in put.http:6:24: error: Sec-WebSocket-Version is `8`; the only version is "
               "13 [unsupported-version]\n"
               "dir/in put.http:8:1: note: no Origin header field: not a browser [no-origin]\n");
}

TEST_CASE("output::render_github escapes data and properties as GitHub documents") {
  std::string out;
  output::render_github(out, answer(k_request).diagnostics, {"a,b:c%.http", k_request});
  CHECK(out == "::error file=a%2Cb%3Ac%25.http,line=6,col=24,title=unsupported-version::"
               "Sec-WebSocket-Version is `8`; the only version is 13\n"
               "::notice file=a%2Cb%3Ac%25.http,line=8,col=1,title=no-origin::"
               "no Origin header field: not a browser\n");
  // A message quoting the capture never carries its raw bytes: here a C1 CSI (U+009B) in Host.
  const std::string hostile = "GET / HTTP/1.1\r\nHost: a\xc2\x9b"
                              "31mb\r\n\r\n";
  std::string escaped;
  output::render_github(escaped, answer(hostile).diagnostics, {"in", hostile});
  CHECK(escaped.find('\x9b') == std::string::npos);
  CHECK(escaped.find("a\\xc2\\x9b31mb") != std::string::npos);
}

TEST_CASE("output::to_uri_reference percent-encodes all but unreserved characters and '/'") {
  CHECK(output::to_uri_reference("samples/chromium.http") == "samples/chromium.http");
  CHECK(output::to_uri_reference("<stdin>") == "%3Cstdin%3E");
  CHECK(output::to_uri_reference("a b#c\xc3\xa9") == "a%20b%23c%C3%A9");
}

TEST_CASE("output::SarifLog writes SARIF 2.1.0 with the catalogue as rules") {
  output::SarifLog log("9.9.9");
  std::string out;
  log.add(answer(k_request).diagnostics, {"in.http", k_request});
  log.drain(out);
  CHECK(out.find("\"results\": [") != std::string::npos);
  log.add(answer(k_request).diagnostics, {"second.http", k_request, 10, 1000});
  log.finish(out);
  const auto sarif = nlohmann::json::parse(out);
  CHECK(sarif["version"] == "2.1.0");
  const auto& run = sarif["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  CHECK(rules.size() == diagnostics::catalogue().size());
  CHECK(run["tool"]["driver"]["version"] == "9.9.9");
  REQUIRE(run["results"].size() == 4);
  const auto& first = run["results"][0];
  CHECK(first["ruleId"] == "unsupported-version");
  CHECK(rules[first["ruleIndex"].get<std::size_t>()]["id"] == "unsupported-version");
  CHECK(first["level"] == "error");
  const auto& location = first["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "in.http");
  CHECK(location["region"]["startLine"] == 6);
  CHECK(location["region"]["startColumn"] == 24);
  CHECK(location["region"]["byteOffset"] == k_request.find(": 8") + 2);
  // The second source starts at line 10, byte 1000 of a stream.
  const auto& later = run["results"][2]["locations"][0]["physicalLocation"];
  CHECK(later["artifactLocation"]["uri"] == "second.http");
  CHECK(later["region"]["startLine"] == 15);
  CHECK(later["region"]["byteOffset"] == 1000 + k_request.find(": 8") + 2);
}

TEST_CASE("output::SarifLog counts columns in code points") {
  const std::string input = "GET / HTTP/1.1\r\nHost: a\r\nX-\xc3\xa9: b\r\n\r\n";
  output::SarifLog log("1");
  std::string out;
  log.add(answer(input).diagnostics, {"in", input});
  log.finish(out);
  const auto sarif = nlohmann::json::parse(out);
  // The field name holds a non-ASCII byte: the error is at its third byte (column 3), which is
  // the third code point too; the byte after é would be column 5 in bytes, 4 in code points.
  const auto& region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startColumn"] == 3);
}
