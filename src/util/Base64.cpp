#include "util/Base64.hpp"

namespace wsh::util {

namespace {
constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

std::array<char, 28> base64_encode_20(std::span<const std::uint8_t, 20> bytes) {
  std::array<char, 28> out{};
  std::size_t o = 0;
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{bytes[i]} << 16U) | (std::uint32_t{bytes[i + 1]} << 8U) |
                            std::uint32_t{bytes[i + 2]};
    out[o++] = k_alphabet[(n >> 18U) & 63U];
    out[o++] = k_alphabet[(n >> 12U) & 63U];
    out[o++] = k_alphabet[(n >> 6U) & 63U];
    out[o++] = k_alphabet[n & 63U];
  }
  // 20 = 6 * 3 + 2: two bytes remain, giving three characters and one '='.
  const std::uint32_t n = (std::uint32_t{bytes[i]} << 16U) | (std::uint32_t{bytes[i + 1]} << 8U);
  out[o++] = k_alphabet[(n >> 18U) & 63U];
  out[o++] = k_alphabet[(n >> 12U) & 63U];
  out[o++] = k_alphabet[(n >> 6U) & 63U];
  out[o] = '=';
  return out;
}

bool is_base64_alphabet(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool is_base64_of_16_bytes(std::string_view text) {
  if (text.size() != 24 || text[22] != '=' || text[23] != '=') {
    return false;
  }
  for (std::size_t i = 0; i < 22; ++i) {
    if (!is_base64_alphabet(text[i])) {
      return false;
    }
  }
  return true;
}

} // namespace wsh::util
