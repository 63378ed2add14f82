#include "clients/MessageTemplate.hpp"

#include <fmt/format.h>

namespace wsh::clients {

namespace {

// Python's escapes for a code point below 0x100 in a repr, quotes aside.
void append_python_char(std::string& out, unsigned char c, char quote) {
  if (c == '\\' || c == static_cast<unsigned char>(quote)) {
    out += '\\';
    out += static_cast<char>(c);
  } else if (c == '\t') {
    out += "\\t";
  } else if (c == '\n') {
    out += "\\n";
  } else if (c == '\r') {
    out += "\\r";
  } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA1) || c == 0xAD) {
    out += fmt::format("\\x{:02x}", c);
  } else if (c < 0x80) {
    out += static_cast<char>(c);
  } else {
    // A printable latin-1 code point, written back as UTF-8.
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Python's repr of a bytes-like object: b'...' with \xNN for every byte outside ASCII.
std::string python_bytes_repr(std::string_view bytes) {
  const bool has_single = bytes.find('\'') != std::string_view::npos;
  const char quote = has_single && bytes.find('"') == std::string_view::npos ? '"' : '\'';
  std::string out = "b";
  out += quote;
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      append_python_char(out, c, quote);
    }
  }
  out += quote;
  return out;
}

std::string_view lookup(std::string_view name, const MessageValues& values) {
  if (name == "url") {
    return values.url;
  }
  if (name == "status") {
    return values.status;
  }
  if (name == "reason") {
    return values.reason;
  }
  if (name == "code") {
    return values.code;
  }
  if (name == "version") {
    return values.version;
  }
  if (name == "line") {
    return values.line;
  }
  if (name == "value") {
    return values.value;
  }
  if (name == "elements") {
    return values.elements;
  }
  if (name == "name") {
    return values.name;
  }
  if (name == "param") {
    return values.param;
  }
  if (name == "params") {
    return values.params;
  }
  if (name == "syntax") {
    return values.syntax;
  }
  if (name == "opcode") {
    return values.opcode;
  }
  if (name == "utf8") {
    return values.utf8;
  }
  return {};
}

bool known(std::string_view name) {
  for (const std::string_view each :
       {"url", "status", "reason", "code", "version", "line", "value", "elements", "name", "param",
        "params", "syntax", "opcode", "utf8"}) {
    if (name == each) {
      return true;
    }
  }
  return false;
}

} // namespace

std::string python_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const char quote = has_single && text.find('"') == std::string_view::npos ? '"' : '\'';
  std::string out(1, quote);
  for (const char c : text) {
    append_python_char(out, static_cast<unsigned char>(c), quote);
  }
  out += quote;
  return out;
}

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == 0x07) {
      out += "\\a";
    } else if (c == 0x08) {
      out += "\\b";
    } else if (c == 0x0C) {
      out += "\\f";
    } else if (c == 0x0B) {
      out += "\\v";
    } else if (c < 0x20 || c >= 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string render_message(std::string_view message_template, const MessageValues& values) {
  std::string out;
  std::size_t pos = 0;
  while (pos < message_template.size()) {
    const std::size_t open = message_template.find('{', pos);
    const std::size_t close =
        open == std::string_view::npos ? open : message_template.find('}', open);
    if (close == std::string_view::npos) {
      out += message_template.substr(pos);
      break;
    }
    out += message_template.substr(pos, open - pos);
    const std::string_view inside = message_template.substr(open + 1, close - open - 1);
    const std::size_t bar = inside.find('|');
    const std::string_view name = inside.substr(0, bar);
    const std::string_view modifier =
        bar == std::string_view::npos ? std::string_view{} : inside.substr(bar + 1);
    if (!known(name)) {
      out += message_template.substr(open, close - open + 1);
    } else {
      const std::string_view value = lookup(name, values);
      if (modifier == "py") {
        out += python_repr(value);
      } else if (modifier == "go") {
        out += go_quote(value);
      } else if (modifier == "none") {
        out += name == "reason" && !values.has_reason ? std::string("None") : std::string(value);
      } else if (modifier == "bytes100") {
        out += "bytearray(" + python_bytes_repr(std::string(value.substr(0, 100)) + "...") + ")";
      } else {
        out += value;
      }
    }
    pos = close + 1;
  }
  return out;
}

} // namespace wsh::clients
