#include "handshake/AcceptKey.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>

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

TEST_CASE("handshake::compute_accept of keys of any length") {
  // Python's hashlib over `abc...` of each length: one padded block, two (the least and the
  // most that fit), and past two, where the streaming path takes over.
  const std::pair<std::size_t, std::string_view> rows[] = {
      {0, "Kfh9QIsMVZcl6xEPYxPHzW8SZ8w="},  {19, "e5nfl7ayxOkM7i0NSGMv++0gU/w="},
      {20, "AsD5pA85sKFU9jjywWADP+ER30s="}, {83, "o8PcfiBcfhBr4m0WTXewpOBcajY="},
      {84, "sI4z8ysZQzkr2lkB9GKrAAie+sc="}, {100, "8rx+Gzvgmdc6KKX+sGJvtoG4OUw="},
  };
  for (const auto& [size, expected] : rows) {
    CAPTURE(size);
    std::string key;
    for (std::size_t i = 0; i < size; ++i) {
      key += static_cast<char>('a' + i % 26);
    }
    const auto accept = compute_accept(key);
    CHECK(std::string_view(accept.data(), accept.size()) == expected);
  }
}
