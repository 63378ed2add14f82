#include "util/Base64.hpp"

#include <bit>
#include <cstring>

#include "util/Simd.hpp"

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

// Writes the two characters of the 12-bit value `n` to `out`.
void put_pair(std::uint64_t n, char* out) {
  std::memcpy(out, k_pairs[n & 4095U].data(), 2);
}

// The eight bytes at `in` as a big-endian number.
std::uint64_t load_big_endian_64(const std::uint8_t* in) {
  std::uint64_t word = 0;
  std::memcpy(&word, in, sizeof word);
  if constexpr (std::endian::native == std::endian::little) {
    word = __builtin_bswap64(word);
  }
  return word;
}

#if WSH_SIMD_SSE2
// One bit per byte of `bytes`, set for the characters of k_alphabet: letters by range once case
// is folded (OR 0x20 maps only A-Z onto a-z), digits by range, then '+' and '/'. Bytes from 0x80
// are negative and fall outside both ranges.
unsigned alphabet_mask(__m128i bytes) {
  const __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                       _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), folded));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('0' - 1)),
                                      _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), bytes));
  const __m128i sign = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('+')),
                                    _mm_cmpeq_epi8(bytes, _mm_set1_epi8('/')));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), sign)));
}
#endif

} // namespace

std::array<char, 28> base64_encode_20(std::span<const std::uint8_t, 20> bytes) {
  std::array<char, 28> out{};
  // Three runs of six bytes, each read as the top 48 bits of an eight-byte load that stays
  // inside the 20 bytes, give eight characters each.
  for (std::size_t run = 0; run < 3; ++run) {
    const std::uint64_t n = load_big_endian_64(bytes.data() + 6 * run) >> 16U;
    char* at = out.data() + 8 * run;
    put_pair(n >> 36U, at);
    put_pair(n >> 24U, at + 2);
    put_pair(n >> 12U, at + 4);
    put_pair(n, at + 6);
  }
  // 20 = 3 * 6 + 2: two bytes remain, giving three characters and one '='.
  const std::uint64_t tail = (std::uint64_t{bytes[18]} << 16U) | (std::uint64_t{bytes[19]} << 8U);
  put_pair(tail >> 12U, out.data() + 24);
  put_pair(tail, out.data() + 26);
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
#if WSH_SIMD_SSE2
  // Characters 0-15 and 8-23, together covering the 22 before the padding.
  const unsigned first =
      alphabet_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data())));
  const unsigned last =
      alphabet_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + 8)));
  constexpr unsigned k_22_bits = (1U << 22U) - 1;
  return ((first | (last << 8U)) & k_22_bits) == k_22_bits;
#else
  // One table lookup per character, without a branch per character: keys nearly always pass.
  unsigned valid = 1;
  for (std::size_t i = 0; i < 22; ++i) {
    valid &= k_in_alphabet[static_cast<unsigned char>(text[i])];
  }
  return valid != 0;
#endif
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out;
  std::uint32_t bits = 0;
  std::size_t count = 0;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=' && i + 2 >= text.size()) {
      ++padding;
      continue;
    }
    if (padding > 0 || !is_base64_alphabet(c)) {
      return std::nullopt;
    }
    bits = (bits << 6U) | static_cast<std::uint32_t>(k_alphabet.find(c));
    if (++count == 4) {
      out += static_cast<char>((bits >> 16U) & 0xffU);
      out += static_cast<char>((bits >> 8U) & 0xffU);
      out += static_cast<char>(bits & 0xffU);
      bits = 0;
      count = 0;
    }
  }
  if (count == 3 && padding == 1) {
    out += static_cast<char>((bits >> 10U) & 0xffU);
    out += static_cast<char>((bits >> 2U) & 0xffU);
  } else if (count == 2 && padding == 2) {
    out += static_cast<char>((bits >> 4U) & 0xffU);
  } else if (count != 0 || padding != 0) {
    return std::nullopt;
  }
  return out;
}

} // namespace wsh::util
