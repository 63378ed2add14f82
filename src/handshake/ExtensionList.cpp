#include "handshake/ExtensionList.hpp"

#include "http/Grammar.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <utility>

namespace wsh::handshake {

namespace {

using http::is_ows;
using http::is_tchar;

class ExtensionListReader {
public:
  ExtensionListReader(std::string_view value, std::vector<Extension>* spare)
      : m_value(value), m_spare(spare) {}

  std::optional<ExtensionSyntaxError> read(std::vector<Extension>& extensions);

private:
  bool at_end() const { return m_pos == m_value.size(); }
  char peek() const { return m_value[m_pos]; }
  void skip_ows() {
    std::size_t pos = m_pos;
    while (pos != m_value.size() && is_ows(m_value[pos])) {
      ++pos;
    }
    m_pos = pos;
  }
  std::string_view read_token() {
    const std::size_t begin = m_pos;
    std::size_t pos = begin;
    while (pos != m_value.size() && is_tchar(m_value[pos])) {
      ++pos;
    }
    m_pos = pos;
    return {m_value.data() + begin, pos - begin};
  }
  Extension take_spare() {
    if (m_spare == nullptr || m_spare->empty()) {
      return {};
    }
    Extension extension = std::move(m_spare->back());
    m_spare->pop_back();
    extension.parameters.clear();
    return extension;
  }
  ExtensionSyntaxError error_here(std::string_view expected) const {
    const std::string found = at_end() ? "the end of the value" : util::describe_byte(peek());
    return ExtensionSyntaxError{m_pos, fmt::format("expected {}, found {}", expected, found)};
  }
  std::optional<ExtensionSyntaxError> read_parameter(Extension& extension);
  std::optional<ExtensionSyntaxError> read_quoted(ExtensionParameter& parameter);

  std::string_view m_value;
  std::vector<Extension>* m_spare;
  std::size_t m_pos = 0;
};

// quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE            (RFC 9110 5.6.4)
std::optional<ExtensionSyntaxError>
ExtensionListReader::read_quoted(ExtensionParameter& parameter) {
  const std::size_t open = m_pos;
  ++m_pos;
  const std::size_t begin = m_pos;
  while (!at_end() && peek() != '"') {
    if (peek() == '\\') {
      ++m_pos;
      if (at_end()) {
        break;
      }
    }
    ++m_pos;
  }
  if (at_end()) {
    return ExtensionSyntaxError{open, "this quoted value never ends: no closing '\"'"};
  }
  parameter.value = m_value.substr(begin, m_pos - begin);
  parameter.quoted = true;
  ++m_pos;
  const std::string unquoted = parameter.unquoted_value();
  if (!http::is_token(unquoted)) {
    return ExtensionSyntaxError{
        open, fmt::format("the quoted value of {} must unquote to a token (RFC 6455 9.1)",
                          util::escape_for_terminal(parameter.name))};
  }
  return std::nullopt;
}

// ";" extension-param, where extension-param = token [ "=" (token | quoted-string) ]
std::optional<ExtensionSyntaxError> ExtensionListReader::read_parameter(Extension& extension) {
  ++m_pos; // the ';'
  skip_ows();
  ExtensionParameter parameter;
  parameter.name = read_token();
  if (parameter.name.empty()) {
    return error_here("a parameter name (a token) after ';'");
  }
  skip_ows();
  if (!at_end() && peek() == '=') {
    ++m_pos;
    skip_ows();
    parameter.has_value = true;
    if (!at_end() && peek() == '"') {
      if (auto error = read_quoted(parameter)) {
        return error;
      }
    } else {
      parameter.value = read_token();
      if (parameter.value.empty()) {
        return error_here(fmt::format("a value (a token or quoted string) after '{}='",
                                      util::escape_for_terminal(parameter.name)));
      }
    }
  }
  extension.parameters.push_back(parameter);
  return std::nullopt;
}

std::optional<ExtensionSyntaxError> ExtensionListReader::read(std::vector<Extension>& extensions) {
  bool found_any = false;
  while (true) {
    skip_ows();
    if (at_end()) {
      break;
    }
    if (peek() == ',') {
      ++m_pos;
      continue;
    }
    Extension extension = take_spare();
    const std::size_t begin = m_pos;
    extension.name = read_token();
    if (extension.name.empty()) {
      return error_here("an extension name (a token)");
    }
    while (true) {
      skip_ows();
      if (at_end() || peek() == ',') {
        break;
      }
      if (peek() != ';') {
        return error_here("';', ',' or the end of the value");
      }
      if (auto error = read_parameter(extension)) {
        return error;
      }
    }
    extension.text = http::trim_ows({m_value.data() + begin, m_pos - begin});
    extensions.push_back(std::move(extension));
    found_any = true;
  }
  if (!found_any) {
    return ExtensionSyntaxError{0, "the list names no extension; 1#extension needs one"};
  }
  return std::nullopt;
}

} // namespace

std::string ExtensionParameter::unquoted_value() const {
  if (!quoted) {
    return std::string(value);
  }
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      ++i;
    }
    out += value[i];
  }
  return out;
}

std::optional<ExtensionSyntaxError> parse_extension_list(std::string_view value,
                                                         std::vector<Extension>& extensions) {
  return ExtensionListReader(value, nullptr).read(extensions);
}

std::optional<ExtensionSyntaxError> parse_extension_list(std::string_view value,
                                                         std::vector<Extension>& extensions,
                                                         std::vector<Extension>& spare) {
  return ExtensionListReader(value, &spare).read(extensions);
}

std::string format_extension(const Extension& extension) {
  std::string out(extension.name);
  for (const ExtensionParameter& parameter : extension.parameters) {
    out += "; ";
    out += parameter.name;
    if (parameter.has_value) {
      out += '=';
      out += parameter.unquoted_value();
    }
  }
  return out;
}

} // namespace wsh::handshake
