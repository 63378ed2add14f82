#pragma once

#include "http/Request.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string_view>

// Aborts with the file, line and broken invariant, so libFuzzer (and the replay tests) report
// a crash with a reproducer. Active in every build type: an invariant is not an assert().
#define WSH_FUZZ_CHECK(condition)                                                                  \
  do {                                                                                             \
    if (!(condition)) {                                                                            \
      wsh::fuzz::fail(__FILE__, __LINE__, #condition);                                             \
    }                                                                                              \
  } while (false)

namespace wsh::fuzz {

// Prints the broken invariant and aborts.
[[noreturn]] inline void fail(const char* file, int line, const char* condition) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, condition);
  std::abort();
}

// True when `part` lies inside `whole`: the parser's views must never point elsewhere.
inline bool lies_inside(std::string_view whole, std::string_view part) {
  const std::less_equal<const char*> before_or_at;
  return before_or_at(whole.data(), part.data()) &&
         before_or_at(part.data() + part.size(), whole.data() + whole.size());
}

// True when the request line and every field of `request` are views into `block`.
inline bool request_lies_inside(std::string_view block, const http::Request& request) {
  if (!lies_inside(block, request.method) || !lies_inside(block, request.target) ||
      !lies_inside(block, request.version)) {
    return false;
  }
  for (const http::Field& field : request.fields) {
    if (!lies_inside(block, field.name) || !lies_inside(block, field.value)) {
      return false;
    }
  }
  return true;
}

// True when `text` is well-formed UTF-8 (RFC 3629 4): no overlong forms, no surrogates, nothing
// above U+10FFFF, no truncated sequence.
inline bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      low = lead == 0xe0 ? 0xa0 : 0x80;
      high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      low = lead == 0xf0 ? 0x90 : 0x80;
      high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      return false;
    }
    if (i + length > text.size()) {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      const unsigned char min = k == 1 ? low : 0x80;
      const unsigned char max = k == 1 ? high : 0xbf;
      if (c < min || c > max) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

// True when `text` can go to a terminal as is: valid UTF-8 without a C0 control other than tab
// and newline, without DEL and without a C1 control (U+0080..U+009F, which some terminals take
// as CSI and OSC), so no byte of it can start an escape sequence.
inline bool is_terminal_safe(std::string_view text) {
  if (!is_valid_utf8(text)) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
      return false;
    }
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
      return false;
    }
  }
  return true;
}

} // namespace wsh::fuzz
