#include "output/JsonWriter.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "util/Simd.hpp"
#include "util/Utf8.hpp"

namespace wsh::output {

namespace {

// 1 for the bytes a JSON string may carry as they are: printable ASCII but '"' and '\'.
constexpr std::array<bool, 256> k_plain = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x7f; ++c) {
    table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  }
  return table;
}();

void append_u_escape(std::string& out, std::uint32_t unit) {
  constexpr std::string_view k_hex = "0123456789abcdef";
  const std::array<char, 6> escape = {'\\',
                                      'u',
                                      k_hex[(unit >> 12U) & 0xfU],
                                      k_hex[(unit >> 8U) & 0xfU],
                                      k_hex[(unit >> 4U) & 0xfU],
                                      k_hex[unit & 0xfU]};
  out.append(escape.data(), escape.size());
}

void append_code_point(std::string& out, std::uint32_t code_point) {
  switch (code_point) {
  case '"':
    out += "\\\"";
    return;
  case '\\':
    out += "\\\\";
    return;
  case '\b':
    out += "\\b";
    return;
  case '\f':
    out += "\\f";
    return;
  case '\n':
    out += "\\n";
    return;
  case '\r':
    out += "\\r";
    return;
  case '\t':
    out += "\\t";
    return;
  default:
    break;
  }
  if (code_point <= 0xffffU) {
    append_u_escape(out, code_point);
    return;
  }
  // RFC 8259 7: a character outside the BMP as a UTF-16 surrogate pair.
  const std::uint32_t offset = code_point - 0x10000U;
  append_u_escape(out, 0xd800U + (offset >> 10U));
  append_u_escape(out, 0xdc00U + (offset & 0x3ffU));
}

// Offset of the first byte at or after `from` that cannot be written as it is, or the size.
// Sixteen bytes at a time where the processor has SSE2, only to find the byte: the escaping
// below decides what it becomes. Never reads outside `bytes`.
std::size_t find_escape(std::string_view bytes, std::size_t from) {
  std::size_t i = from;
#if WSH_SIMD_SSE2
  const auto mask_at = [&bytes](std::size_t at) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + at));
    // Printable ASCII is [0x20, 0x7e]: shifted to the bottom of the signed range, one compare.
    const __m128i shifted = _mm_add_epi8(chunk, _mm_set1_epi8(static_cast<char>(0x80 - 0x20)));
    const __m128i printable =
        _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + 0x7f - 0x20 - 256)));
    const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')),
                                         _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\\')));
    return static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_xor_si128(printable, _mm_set1_epi8(-1)), special)));
  };
  for (; i + 16 <= bytes.size(); i += 16) {
    if (const unsigned mask = mask_at(i); mask != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
  }
#endif
  while (i < bytes.size() && k_plain[static_cast<unsigned char>(bytes[i])]) {
    ++i;
  }
  return i;
}

} // namespace

void append_json_string(std::string& out, std::string_view bytes) {
  out += '"';
  std::size_t i = 0;
  while (true) {
    const std::size_t run = find_escape(bytes, i);
    out.append(bytes.data() + i, run - i);
    i = run;
    if (i == bytes.size()) {
      break;
    }
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (byte < 0x80) {
      append_code_point(out, byte);
      ++i;
      continue;
    }
    const util::Utf8Sequence sequence = util::decode_utf8(bytes, i);
    append_code_point(out, sequence.code_point);
    i += sequence.length;
  }
  out += '"';
}

std::array<char, 10> hresult_text(std::uint32_t value) {
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  std::array<char, 10> text{'0', 'x'};
  for (std::size_t i = 0; i < 8; ++i) {
    text[9 - i] = k_hex[(value >> (4 * i)) & 0xfU];
  }
  return text;
}

void JsonWriter::grow(std::size_t bytes) {
  // The string's own growth doubles its capacity; what is added here is zero-filled once.
  m_out.resize(m_size + bytes + 1024);
}

void JsonWriter::newline_and_indent(std::size_t depth) {
  char* at = room(1 + 2 * depth);
  *at = '\n';
  std::memset(at + 1, ' ', 2 * depth);
  m_size += 1 + 2 * depth;
}

void JsonWriter::close(char bracket) {
  --m_depth;
  if (m_has_elements[m_depth] && m_pretty) {
    newline_and_indent(m_depth);
  }
  *room(1) = bracket;
  ++m_size;
}

void JsonWriter::string(std::string_view bytes) {
  before_value();
  // Each byte becomes at most six (\u00XX); the common plain string is copied into place.
  char* at = room(2 + 6 * bytes.size());
  if (find_escape(bytes, 0) == bytes.size()) {
    *at = '"';
    std::memcpy(at + 1, bytes.data(), bytes.size());
    at[1 + bytes.size()] = '"';
    m_size += 2 + bytes.size();
    return;
  }
  m_out.resize(m_size);
  append_json_string(m_out, bytes);
  m_size = m_out.size();
}

void JsonWriter::number(std::uint64_t value) {
  before_value();
  char* at = room(20);
  if (value < 10000) {
    // Line numbers, columns and counts: the usual few digits without a call.
    const std::size_t digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
    for (std::size_t i = digits; i > 0; --i) {
      at[i - 1] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    m_size += digits;
    return;
  }
  m_size = static_cast<std::size_t>(std::to_chars(at, at + 20, value).ptr - m_out.data());
}

} // namespace wsh::output
