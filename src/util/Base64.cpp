#include "util/Base64.hpp"

namespace wsh::util {

namespace {

constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// One flag per byte value: 1 for the 64 characters of k_alphabet.
constexpr std::array<std::uint8_t, 256> k_in_alphabet = [] {
  std::array<std::uint8_t, 256> table{};
  for (const char c : k_alphabet) {
    table[static_cast<unsigned char>(c)] = 1;
  }
  return table;
}();

// The two characters of every 12-bit value, so three bytes take two lookups instead of four.
constexpr std::array<std::array<char, 2>, 4096> k_pairs = [] {
  std::array<std::array<char, 2>, 4096> table{};
  for (std::size_t i = 0; i < table.size(); ++i) {
    table[i] = {k_alphabet[i >> 6U], k_alphabet[i & 63U]};
  }
  return table;
}();

// The four characters of three bytes held in the low 24 bits of `n`.
void encode_group(std::uint32_t n, char* out) {
  const std::array<char, 2>& high = k_pairs[(n >> 12U) & 4095U];
  const std::array<char, 2>& low = k_pairs[n & 4095U];
  out[0] = high[0];
  out[1] = high[1];
  out[2] = low[0];
  out[3] = low[1];
}

} // namespace

std::array<char, 28> base64_encode_20(std::span<const std::uint8_t, 20> bytes) {
  std::array<char, 28> out{};
  for (std::size_t group = 0; group < 6; ++group) {
    const std::uint8_t* in = bytes.data() + 3 * group;
    encode_group((std::uint32_t{in[0]} << 16U) | (std::uint32_t{in[1]} << 8U) | in[2],
                 out.data() + 4 * group);
  }
  // 20 = 6 * 3 + 2: two bytes remain, giving three characters and one '='.
  encode_group((std::uint32_t{bytes[18]} << 16U) | (std::uint32_t{bytes[19]} << 8U),
               out.data() + 24);
  out[27] = '=';
  return out;
}

bool is_base64_alphabet(char c) {
  return k_in_alphabet[static_cast<unsigned char>(c)] != 0;
}

bool is_base64_of_16_bytes(std::string_view text) {
  if (text.size() != 24 || text[22] != '=' || text[23] != '=') {
    return false;
  }
  // One table lookup per character, without a branch per character: keys nearly always pass.
  unsigned valid = 1;
  for (std::size_t i = 0; i < 22; ++i) {
    valid &= k_in_alphabet[static_cast<unsigned char>(text[i])];
  }
  return valid != 0;
}

} // namespace wsh::util
