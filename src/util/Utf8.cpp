#include "util/Utf8.hpp"

namespace wsh::util {

Utf8Sequence decode_utf8(std::string_view bytes, std::size_t at) {
  constexpr std::uint32_t k_replacement = 0xfffdU;
  const auto lead = static_cast<unsigned char>(bytes[at]);
  if (lead < 0x80) {
    return {lead, 1, true};
  }
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    code_point = lead & 0x1fU;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    code_point = lead & 0x0fU;
    low = lead == 0xe0 ? 0xa0 : 0x80;  // no overlong forms
    high = lead == 0xed ? 0x9f : 0xbf; // no surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    code_point = lead & 0x07U;
    low = lead == 0xf0 ? 0x90 : 0x80;  // no overlong forms
    high = lead == 0xf4 ? 0x8f : 0xbf; // nothing past U+10FFFF
  } else {
    return {k_replacement, 1, false};
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (at + i >= bytes.size()) {
      return {k_replacement, i, false};
    }
    const auto next = static_cast<unsigned char>(bytes[at + i]);
    if (next < low || next > high) {
      return {k_replacement, i, false};
    }
    code_point = (code_point << 6U) | (next & 0x3fU);
    low = 0x80;
    high = 0xbf;
  }
  return {code_point, length, true};
}

} // namespace wsh::util
