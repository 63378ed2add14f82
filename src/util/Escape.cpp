#include "util/Escape.hpp"

#include "util/Utf8.hpp"

#include <cstdint>

namespace wsh::util {

namespace {

bool is_plain(unsigned char c) {
  return c >= 0x20 && c < 0x7f && c != '\\';
}

std::size_t width_of(unsigned char c) {
  if (is_plain(c)) {
    return 1;
  }
  if (c == '\\' || c == '\t' || c == '\r' || c == '\n') {
    return 2;
  }
  return 4;
}

} // namespace

void append_escaped(std::string& out, std::string_view bytes) {
  constexpr std::string_view k_hex = "0123456789abcdef";
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_plain(c)) {
      out += ch;
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += "\\x";
      out += k_hex[c >> 4U];
      out += k_hex[c & 0xfU];
    }
  }
}

void append_escaped_text(std::string& out, std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      append_escaped(out, bytes.substr(i, 1));
      ++i;
      continue;
    }
    const Utf8Sequence sequence = decode_utf8(bytes, i);
    const std::uint32_t c = sequence.code_point;
    const bool hidden = c < 0xa0 || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
                        (c >= 0x2060 && c <= 0x206f) || c == 0xfeff;
    if (sequence.valid && !hidden) {
      out.append(bytes.substr(i, sequence.length));
    } else {
      append_escaped(out, bytes.substr(i, sequence.length));
    }
    i += sequence.length;
  }
}

std::string escape_for_terminal(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  append_escaped(out, bytes);
  return out;
}

std::size_t escaped_width(std::string_view bytes) {
  std::size_t width = 0;
  for (const char ch : bytes) {
    width += width_of(static_cast<unsigned char>(ch));
  }
  return width;
}

std::string describe_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (c == ' ') {
    return "a space";
  }
  if (byte > 0x20 && byte < 0x7f) {
    return std::string{'\'', c, '\''};
  }
  std::string out = "byte 0x";
  constexpr std::string_view k_hex = "0123456789abcdef";
  out += k_hex[byte >> 4U];
  out += k_hex[byte & 0xfU];
  return out;
}

std::string quote_input(std::string_view text) {
  constexpr std::size_t k_shown = 60;
  std::string out = "`";
  std::string escaped;
  append_escaped(escaped, text.substr(0, k_shown));
  for (const char c : escaped) {
    if (c == '`') {
      out += "\\x60";
    } else {
      out += c;
    }
  }
  out += text.size() > k_shown ? "...`" : "`";
  return out;
}

} // namespace wsh::util
