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

// "00" to "99": the two digits of each value below 100.
constexpr std::array<char, 200> k_digit_pairs = [] {
  std::array<char, 200> pairs{};
  for (std::size_t i = 0; i < 100; ++i) {
    pairs[2 * i] = static_cast<char>('0' + i / 10);
    pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return pairs;
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

#if WSH_SIMD_SSE2
// 0xff in each byte of `chunk` that cannot be written as it is, 0 in the others.
__m128i escape_bytes(__m128i chunk) {
  // Printable ASCII is [0x20, 0x7e]: shifted to the bottom of the signed range, one compare.
  const __m128i shifted = _mm_add_epi8(chunk, _mm_set1_epi8(static_cast<char>(0x80 - 0x20)));
  const __m128i printable =
      _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + 0x7f - 0x20 - 256)));
  const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')),
                                       _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\\')));
  return _mm_or_si128(_mm_xor_si128(printable, _mm_set1_epi8(-1)), special);
}

// Bit i set when byte i of `chunk` cannot be written as it is.
unsigned escape_mask(__m128i chunk) {
  return static_cast<unsigned>(_mm_movemask_epi8(escape_bytes(chunk)));
}

// The `Word` (4 or 8 bytes) at `at`, in the low bytes of a register.
template <typename Word>
__m128i load_low(const char* at) {
  Word word = 0;
  std::memcpy(&word, at, sizeof word);
  if constexpr (sizeof word == 8) {
    return _mm_cvtsi64_si128(static_cast<long long>(word));
  } else {
    return _mm_cvtsi32_si128(static_cast<int>(word));
  }
}

// Where in [from, from + 2 * sizeof(Word)) the first escape lies, given the mask of two words
// loaded at `from` and at `end - sizeof(Word)` (they overlap when less than two words remain);
// `end` when neither holds one.
template <typename Word>
std::size_t first_in_pair(unsigned mask, std::size_t from, std::size_t end) {
  constexpr unsigned k_width = sizeof(Word);
  constexpr unsigned k_low = (1U << k_width) - 1;
  if ((mask & k_low) != 0) {
    return from + static_cast<std::size_t>(__builtin_ctz(mask & k_low));
  }
  const unsigned high = (mask >> k_width) & k_low;
  return high != 0 ? end - k_width + static_cast<std::size_t>(__builtin_ctz(high)) : end;
}
#endif

// Offset of the first byte at or after `from` that cannot be written as it is, or the size.
// Sixteen bytes at a time where the processor has SSE2 (the last block and short strings as
// overlapping loads that stay inside `bytes`), only to find the byte: the escaping below
// decides what it becomes.
[[gnu::always_inline]] inline std::size_t find_escape(std::string_view bytes, std::size_t from) {
  std::size_t i = from;
  const std::size_t size = bytes.size();
#if WSH_SIMD_SSE2
  const char* data = bytes.data();
  const auto load = [data](std::size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
  };
  if (size - i >= 16) {
    for (; i + 16 <= size; i += 16) {
      if (const unsigned mask = escape_mask(load(i)); mask != 0) {
        return i + static_cast<std::size_t>(__builtin_ctz(mask));
      }
    }
    if (i == size) {
      return size;
    }
    const unsigned mask = escape_mask(load(size - 16)) >> (16 - (size - i));
    return mask != 0 ? i + static_cast<std::size_t>(__builtin_ctz(mask)) : size;
  }
  if (size - i >= 8) {
    const __m128i pair = _mm_unpacklo_epi64(load_low<std::uint64_t>(data + i),
                                            load_low<std::uint64_t>(data + size - 8));
    return first_in_pair<std::uint64_t>(escape_mask(pair), i, size);
  }
  if (size - i >= 4) {
    const __m128i pair = _mm_unpacklo_epi32(load_low<std::uint32_t>(data + i),
                                            load_low<std::uint32_t>(data + size - 4));
    return first_in_pair<std::uint32_t>(escape_mask(pair), i, size);
  }
#endif
  while (i < size && k_plain[static_cast<unsigned char>(bytes[i])]) {
    ++i;
  }
  return i;
}

// Copies `bytes` to `to` and says whether every byte of it may be written as it is (when not,
// what was copied is to be written over). The search of find_escape and the copy in one pass:
// the same loads, stored as they are checked, the last block and short strings as
// overlapping loads and stores that stay inside both buffers.
[[gnu::always_inline]] inline bool copy_plain(char* to, std::string_view bytes) {
  const std::size_t size = bytes.size();
  const char* from = bytes.data();
#if WSH_SIMD_SSE2
  const auto load = [from](std::size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + at));
  };
  const auto store = [to](std::size_t at, __m128i chunk) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + at), chunk);
  };
  if (size >= 16) {
    __m128i escapes = _mm_setzero_si128();
    for (std::size_t i = 0; i + 16 < size; i += 16) {
      const __m128i chunk = load(i);
      store(i, chunk);
      escapes = _mm_or_si128(escapes, escape_bytes(chunk));
    }
    const __m128i last = load(size - 16);
    store(size - 16, last);
    escapes = _mm_or_si128(escapes, escape_bytes(last));
    return _mm_movemask_epi8(escapes) == 0;
  }
  // 4 to 15 bytes: two words, the second ending where `bytes` ends.
  const auto pair = [&]<typename Word>(Word /*width*/) {
    constexpr unsigned k_word_bits = (1U << sizeof(Word)) - 1;
    Word low = 0;
    Word high = 0;
    std::memcpy(&low, from, sizeof low);
    std::memcpy(&high, from + size - sizeof high, sizeof high);
    std::memcpy(to, &low, sizeof low);
    std::memcpy(to + size - sizeof high, &high, sizeof high);
    const __m128i both =
        _mm_unpacklo_epi64(load_low<Word>(from), load_low<Word>(from + size - sizeof high));
    // A 4-byte word leaves zeros above it in its half, which are not text.
    return (escape_mask(both) & (k_word_bits | k_word_bits << 8U)) == 0;
  };
  if (size >= 8) {
    return pair(std::uint64_t{});
  }
  if (size >= 4) {
    return pair(std::uint32_t{});
  }
#endif
  bool plain = true;
  for (std::size_t i = 0; i < size; ++i) {
    to[i] = from[i];
    plain = plain && k_plain[static_cast<unsigned char>(from[i])];
  }
  return plain;
}

// Numbers below this are written by write_short_number: line numbers, offsets and counts.
constexpr std::uint64_t k_short_number_limit = 100000000;

// Writes `value` (below k_short_number_limit: at most eight digits) at `at`, two digits at a
// time from the end with 32-bit arithmetic, and returns the end.
char* write_short_number(char* at, std::uint32_t value) {
  const std::size_t digits = value < 10         ? 1
                             : value < 100      ? 2
                             : value < 1000     ? 3
                             : value < 10000    ? 4
                             : value < 100000   ? 5
                             : value < 1000000  ? 6
                             : value < 10000000 ? 7
                                                : 8;
  char* const end = at + digits;
  char* pair = end;
  while (value >= 100) {
    pair -= 2;
    std::memcpy(pair, &k_digit_pairs[std::size_t{2} * (value % 100)], 2);
    value /= 100;
  }
  if (value >= 10) {
    std::memcpy(at, &k_digit_pairs[std::size_t{2} * value], 2);
  } else {
    *at = static_cast<char>('0' + value);
  }
  return end;
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
  const std::size_t size = written();
  m_out.resize(size + bytes + 1024);
  m_at = m_out.data() + size;
  m_end = m_out.data() + m_out.size();
}

void JsonWriter::pretty_separator() {
  if (m_next == Next::after_key || m_depth == 0) {
    return;
  }
  if (m_next == Next::after_value) {
    *room(1) = ',';
    ++m_at;
  }
  newline_and_indent(m_depth);
}

void JsonWriter::newline_and_indent(std::size_t depth) {
  char* at = room(1 + 2 * depth);
  *at = '\n';
  std::memset(at + 1, ' ', 2 * depth);
  m_at = at + 1 + 2 * depth;
}

void JsonWriter::string(std::string_view bytes) {
  char* at = begin_value(bytes.size() + 2);
  *at = '"';
  if (copy_plain(at + 1, bytes)) {
    at[bytes.size() + 1] = '"';
    m_at = at + bytes.size() + 2;
    return;
  }
  // Written over from the opening quote, with the escapes.
  m_at = at;
  m_out.resize(written());
  append_json_string(m_out, bytes);
  m_at = m_out.data() + m_out.size();
  m_end = m_at;
}

void JsonWriter::number(std::uint64_t value) {
  char* at = begin_value(20);
  m_at = value >= k_short_number_limit ? std::to_chars(at, at + 20, value).ptr
                                       : write_short_number(at, static_cast<std::uint32_t>(value));
}

void JsonWriter::name_value_line(std::string_view name, std::string_view value,
                                 std::uint64_t line) {
  constexpr std::string_view k_open = "{\"name\":\"";
  constexpr std::string_view k_value = "\",\"value\":";
  constexpr std::string_view k_line = "\",\"line\":";
  if (m_pretty || line >= k_short_number_limit) {
    begin_object();
    key("name");
    token(name);
    member("value", value);
    member("line", line);
    end_object();
    return;
  }
  char* at = begin_value(k_open.size() + name.size() + k_value.size() + 1 + value.size() +
                         k_line.size() + 8 + 1);
  const auto copy = [&at](std::string_view text) {
    std::memcpy(at, text.data(), text.size());
    at += text.size();
  };
  copy(k_open);
  copy_plain(at, name); // a token: plain
  at += name.size();
  copy(k_value);
  *at = '"';
  if (!copy_plain(at + 1, value)) {
    // The value needs escapes: the object goes on from its "value" member as the member
    // calls write it.
    m_at = at;
    m_next = Next::after_key;
    ++m_depth;
    string(value);
    member("line", line);
    end_object();
    return;
  }
  at += 1 + value.size();
  copy(k_line);
  at = write_short_number(at, static_cast<std::uint32_t>(line));
  *at++ = '}';
  m_at = at;
}

} // namespace wsh::output
