#include "handshake/AcceptKey.hpp"

#include <doctest/doctest.h>

#include <string>

using wsh::handshake::compute_accept;

TEST_CASE("handshake::compute_accept") {
  struct Row {
    std::string_view key;
    std::string_view accept;
  };
  // The RFC 6455 1.3 example, then keys whose accept values Python's hashlib computed and the
  // real clients in samples/ accepted.
  const Row rows[] = {
      {"dGhlIHNhbXBsZSBub25jZQ==", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="},
      {"AQIDBAUGBwgJCgsMDQ4PEA==", "C/0nmHhBztSRGR1CwL6Tf4ZjwpY="},
      {"x3JJHMbDL1EzLkh9GBhXDw==", "HSmrc0sMlYUkAGmm5OPpG2HaGWk="},
      {"oq6tIvnDMm3D/CYyW+iDWA==", "3Muz9uD4VNOI8JGPZZ/Rt+q0KKY="}, // samples/chromium.http
      {"Sd4V/2D3isoum+cMIT9Iog==", "YFVTegw7EevcW6xz9YBXv/4kSBQ="}, // samples/node-ws.http
  };
  for (const Row& row : rows) {
    CAPTURE(row.key);
    const auto accept = compute_accept(row.key);
    CHECK(std::string_view(accept.data(), accept.size()) == row.accept);
  }
}
