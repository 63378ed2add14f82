#include "util/Base64.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace wsh::util;

TEST_CASE("util::base64_encode_20") {
  std::array<std::uint8_t, 20> bytes{};
  const auto zero = base64_encode_20(bytes);
  CHECK(std::string(zero.data(), zero.size()) == "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<std::uint8_t>(0xff - i);
  }
  // Reference value from `printf ... | base64` (coreutils) over the same 20 bytes.
  const auto descending = base64_encode_20(bytes);
  CHECK(std::string(descending.data(), descending.size()) == "//79/Pv6+fj39vX08/Lx8O/u7ew=");
}

TEST_CASE("util::is_base64_of_16_bytes") {
  struct Row {
    std::string_view text;
    bool valid;
  };
  const Row rows[] = {
      {"dGhlIHNhbXBsZSBub25jZQ==", true},
      {"AQIDBAUGBwgJCgsMDQ4PEA==", true},
      {"dGhlIHNhbXBsZSBub25jZR==", true},   // non-zero pad bits, accepted as ws and websockets do
      {"dGhlIHNhbXBsZSBub25jZQ=", false},   // 23 characters
      {"dGhlIHNhbXBsZSBub25jZQ===", false}, // 25 characters
      {"dGhlIHNhbXBsZQ==", false},          // 10 bytes
      {"dGhlIHNhbXBsZSBub25jZS4=", false},  // 17 bytes
      {"dGhlIHNhbXBsZSBub25j-Q==", false},  // base64url alphabet
      {"dGhlIHNhbXBsZSBub25jZQAA", false},  // no padding
      {"dGhlIHNhbXBsZSBub25j=Q==", false},  // padding inside
      {"dGhlIHNhbXBsZSBub25jZ\x80==", false},
      {"+/+/+/+/+/+/+/+/+/+/+/==", true},
      {"", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(is_base64_of_16_bytes(row.text) == row.valid);
  }
}
