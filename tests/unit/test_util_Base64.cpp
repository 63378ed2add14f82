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

TEST_CASE("util::is_base64_of_16_bytes: every byte at every position") {
  constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string text = "dGhlIHNhbXBsZSBub25jZQ==";
  for (std::size_t position = 0; position < text.size(); ++position) {
    const char kept = text[position];
    for (unsigned value = 0; value < 256; ++value) {
      const char c = static_cast<char>(value);
      text[position] = c;
      const bool expected = position < 22 ? alphabet.find(c) != std::string_view::npos : c == '=';
      CAPTURE(position);
      CAPTURE(value);
      CHECK(is_base64_of_16_bytes(text) == expected);
      CHECK(is_base64_alphabet(c) == (alphabet.find(c) != std::string_view::npos));
    }
    text[position] = kept;
  }
}

TEST_CASE("util::base64_encode_20: one bit at a time") {
  constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t bit = 0; bit < 160; ++bit) {
    std::array<std::uint8_t, 20> bytes{};
    bytes[bit / 8] = static_cast<std::uint8_t>(0x80U >> (bit % 8));
    std::string expected(27, 'A');
    expected[bit / 6] = alphabet[std::size_t{1} << (5 - bit % 6)];
    expected += '=';
    CAPTURE(bit);
    const auto encoded = base64_encode_20(bytes);
    CHECK(std::string(encoded.data(), encoded.size()) == expected);
  }
}
