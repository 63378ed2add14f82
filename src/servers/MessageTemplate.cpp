#include "servers/MessageTemplate.hpp"

#include <fmt/format.h>

namespace wsh::servers {

namespace {

// The value a placeholder names, absent when the request has no such field.
std::optional<std::string> lookup(std::string_view key, const MessageValues& values) {
  if (key == "method") {
    return values.method;
  }
  if (key == "target") {
    return values.target;
  }
  if (key == "version") {
    return values.version;
  }
  if (key == "request_line") {
    return values.request_line;
  }
  if (key == "parts") {
    return values.parts;
  }
  if (key == "value") {
    return values.value;
  }
  if (key == "host") {
    return values.host;
  }
  if (key == "origin") {
    return values.origin;
  }
  if (key == "line") {
    return values.line;
  }
  if (key == "name") {
    return values.name;
  }
  if (key == "element") {
    return values.element;
  }
  if (key == "byte") {
    return values.byte;
  }
  if (key == "http") {
    return values.http;
  }
  if (key == "position") {
    return values.position;
  }
  if (key == "detail") {
    return values.detail;
  }
  if (key == "message") {
    return values.message;
  }
  return std::nullopt;
}

bool is_known(std::string_view key) {
  static constexpr std::string_view k_keys[] = {
      "method", "target", "version", "request_line", "parts", "value",    "host",   "origin",
      "line",   "name",   "element", "byte",         "http",  "position", "detail", "message"};
  for (const std::string_view known : k_keys) {
    if (key == known) {
      return true;
    }
  }
  return false;
}

// repr(bytearray(text[:100] + b"...")) as Python prints it.
std::string bytearray_repr(std::string_view text) {
  std::string bytes(text.substr(0, 100));
  bytes += "...";
  std::string out = "bytearray(b";
  const bool double_quote =
      bytes.find('\'') != std::string::npos && bytes.find('"') == std::string::npos;
  const char quote = double_quote ? '"' : '\'';
  out += quote;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == quote) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte >= 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  out += quote;
  out += ')';
  return out;
}

} // namespace

std::string python_repr(std::string_view text) {
  const bool double_quote =
      text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos;
  const char quote = double_quote ? '"' : '\'';
  std::string out(1, quote);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == quote) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || (byte >= 0x7f && byte < 0xa1) || byte == 0xad) {
      out += fmt::format("\\x{:02x}", byte);
    } else if (byte >= 0x80) {
      // A printable latin-1 code point, written as UTF-8.
      out += static_cast<char>(0xc0 | (byte >> 6));
      out += static_cast<char>(0x80 | (byte & 0x3f));
    } else {
      out += c;
    }
  }
  out += quote;
  return out;
}

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string render_message(std::string_view message_template, const MessageValues& values) {
  std::string out;
  out.reserve(message_template.size() + 32);
  std::size_t i = 0;
  while (i < message_template.size()) {
    const char c = message_template[i];
    const std::size_t close = c == '{' ? message_template.find('}', i + 1) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += c;
      ++i;
      continue;
    }
    const std::string_view inner = message_template.substr(i + 1, close - i - 1);
    const std::size_t bar = inner.find('|');
    const std::string_view key = inner.substr(0, bar);
    const std::string_view modifier =
        bar == std::string_view::npos ? std::string_view{} : inner.substr(bar + 1);
    if (!is_known(key)) {
      out += c;
      ++i;
      continue;
    }
    const std::optional<std::string> value = lookup(key, values);
    if (modifier == "py") {
      out += value ? python_repr(*value) : std::string("None");
    } else if (modifier == "js") {
      out += value ? *value : std::string("undefined");
    } else if (modifier == "none") {
      out += value ? *value : std::string("None");
    } else if (modifier == "go") {
      out += go_quote(value.value_or(std::string()));
    } else if (modifier == "bytes100") {
      out += bytearray_repr(value.value_or(std::string()));
    } else {
      out += value.value_or(std::string());
    }
    i = close + 1;
  }
  return out;
}

} // namespace wsh::servers
