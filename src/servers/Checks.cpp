#include "servers/Checks.hpp"

#include "handshake/ExtensionList.hpp"
#include "http/Grammar.hpp"
#include "util/Base64.hpp"
#include "util/SmallVector.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace wsh::servers {

namespace {

constexpr std::size_t k_npos = std::string_view::npos;

// The values of a field's lines: most fields have one, so they are kept without an allocation.
using FieldLines = util::SmallVector<std::string_view, 4>;

FieldLines lines_of(const ServerRequest& request, std::string_view field) {
  FieldLines lines;
  for (const ServerField& candidate : request.fields) {
    if (http::iequals(candidate.name, field)) {
      lines.push_back(candidate.value);
    }
  }
  return lines;
}

template <typename Parts>
std::string join(const Parts& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += parts[i];
  }
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// The elements of a comma-separated value, trimmed of `trim` characters.
std::vector<std::string_view> split_list(std::string_view value, std::string_view trim) {
  std::vector<std::string_view> elements;
  std::size_t pos = 0;
  while (true) {
    const std::size_t comma = value.find(',', pos);
    std::string_view element =
        value.substr(pos, comma == k_npos ? std::string_view::npos : comma - pos);
    while (!element.empty() && trim.find(element.front()) != k_npos) {
      element.remove_prefix(1);
    }
    while (!element.empty() && trim.find(element.back()) != k_npos) {
      element.remove_suffix(1);
    }
    elements.push_back(element);
    if (comma == k_npos) {
      break;
    }
    pos = comma + 1;
  }
  return elements;
}

// gorilla's tokenListContainsValue on one line: tokens separated by commas and spaces; the
// line is abandoned at the first element that is not a token.
bool go_token_list_has(std::string_view line, std::string_view wanted) {
  std::size_t pos = 0;
  const auto skip_space = [&] {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) {
      ++pos;
    }
  };
  while (true) {
    skip_space();
    const std::size_t start = pos;
    while (pos < line.size() && http::is_tchar(line[pos])) {
      ++pos;
    }
    const std::string_view token = line.substr(start, pos - start);
    if (token.empty()) {
      return false;
    }
    skip_space();
    if (pos < line.size() && line[pos] != ',') {
      return false;
    }
    if (http::iequals(token, wanted)) {
      return true;
    }
    if (pos == line.size()) {
      return false;
    }
    ++pos;
  }
}

// libwebsockets' lws_tokenize over a Connection value, looking for `wanted`.
bool lws_tokens_have(std::string_view value, std::string_view wanted) {
  constexpr std::string_view k_delimiters = "(),/:;<=>?@[\\]{}";
  std::size_t pos = 0;
  while (pos < value.size()) {
    const char c = value[pos];
    if (c == ' ' || c == '\t' || k_delimiters.find(c) != k_npos) {
      ++pos;
      continue;
    }
    if (c == '"') {
      return false;
    }
    const std::size_t start = pos;
    while (pos < value.size() && value[pos] != ' ' && value[pos] != '\t' && value[pos] != '"' &&
           k_delimiters.find(value[pos]) == k_npos) {
      ++pos;
    }
    const std::string_view token = value.substr(start, pos - start);
    if (token.size() <= wanted.size() && http::iequals(token, wanted.substr(0, token.size()))) {
      return true;
    }
  }
  return false;
}

bool list_has(std::string_view value, std::string_view wanted, Grammar grammar) {
  switch (grammar) {
  case Grammar::lws_tokenize:
    return lws_tokens_have(value, wanted);
  case Grammar::go_token_list:
    return go_token_list_has(value, wanted);
  case Grammar::split_spaces:
    for (const std::string_view element : split_list(value, " ")) {
      if (lowercase(element) == lowercase(wanted)) {
        return true;
      }
    }
    return false;
  case Grammar::split_unquote:
    for (std::string_view element : split_list(value, " \t")) {
      if (element.size() >= 2 && element.front() == '"' && element.back() == '"') {
        element = element.substr(1, element.size() - 2);
      }
      if (http::iequals(element, wanted)) {
        return true;
      }
    }
    return false;
  case Grammar::leading_token:
    for (const std::string_view element : split_list(value, " \t")) {
      std::size_t end = 0;
      while (end < element.size() && http::is_tchar(element[end])) {
        ++end;
      }
      if (http::iequals(element.substr(0, end), wanted)) {
        return true;
      }
    }
    return false;
  default:
    for (const std::string_view element : split_list(value, " \t")) {
      if (http::iequals(element, wanted)) {
        return true;
      }
    }
    return false;
  }
}

// Where a list stopped parsing and what it expected there.
struct ListError {
  std::size_t offset = k_npos;
  std::string_view expected;
};

// 1#element, where element is a token (or token "/" token with `slash`): empty elements are
// skipped but one element is needed (RFC 9110 5.6.1, as websockets.headers.parse_list reads
// it). Returns the offset of the first byte that breaks it, or npos.
ListError strict_list_error(std::string_view value, bool slash) {
  std::size_t pos = 0;
  const auto ows = [&] {
    while (pos < value.size() && http::is_ows(value[pos])) {
      ++pos;
    }
  };
  const auto token = [&] {
    const std::size_t start = pos;
    while (pos < value.size() && http::is_tchar(value[pos])) {
      ++pos;
    }
    return pos != start;
  };
  while (pos < value.size() && value[pos] == ',') {
    ++pos;
    ows();
  }
  const std::string_view expected = slash ? "expected protocol" : "expected token";
  while (true) {
    if (!token()) {
      return {pos, expected};
    }
    if (slash && pos < value.size() && value[pos] == '/') {
      ++pos;
      if (!token()) {
        return {pos, expected};
      }
    }
    ows();
    if (pos == value.size()) {
      return {};
    }
    if (value[pos] != ',') {
      return {pos, "expected comma"};
    }
    ++pos;
    ows();
    while (pos < value.size() && value[pos] == ',') {
      ++pos;
      ows();
    }
    if (pos == value.size()) {
      return {};
    }
  }
}

// Beast's opt_token_list: comma-separated elements, each a token or empty.
bool opt_token_list_valid(std::string_view value) {
  for (const std::string_view element : split_list(value, " \t")) {
    if (!element.empty() && !http::is_token(element)) {
      return false;
    }
  }
  return true;
}

// ws's subprotocol.parse: tokens separated by commas, spaces and tabs around them, no empty
// element, no duplicate.
bool ws_subprotocols_valid(std::string_view header) {
  std::vector<std::string> seen;
  long start = -1;
  long end = -1;
  std::size_t i = 0;
  for (; i < header.size(); ++i) {
    const char c = header[i];
    if (end == -1 && http::is_tchar(c)) {
      if (start == -1) {
        start = static_cast<long>(i);
      }
    } else if (i != 0 && (c == ' ' || c == '\t')) {
      if (end == -1 && start != -1) {
        end = static_cast<long>(i);
      }
    } else if (c == ',') {
      if (start == -1) {
        return false;
      }
      if (end == -1) {
        end = static_cast<long>(i);
      }
      std::string protocol(
          header.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
      if (std::find(seen.begin(), seen.end(), protocol) != seen.end()) {
        return false;
      }
      seen.push_back(std::move(protocol));
      start = end = -1;
    } else {
      return false;
    }
  }
  if (start == -1 || end != -1) {
    return false;
  }
  const std::string protocol(header.substr(static_cast<std::size_t>(start)));
  return std::find(seen.begin(), seen.end(), protocol) == seen.end();
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

std::string_view trim_chars(std::string_view text, std::string_view chars) {
  while (!text.empty() && chars.find(text.front()) != k_npos) {
    text.remove_prefix(1);
  }
  while (!text.empty() && chars.find(text.back()) != k_npos) {
    text.remove_suffix(1);
  }
  return text;
}

constexpr std::string_view k_js_space = " \t\n\v\f\r";
constexpr std::string_view k_c_space = " \t\n\v\f\r";

// A Sec-WebSocket-Version value read as a number per `rule`; absent when it does not read.
std::optional<double> read_number(std::string_view text, NumberRule rule) {
  switch (rule) {
  case NumberRule::exact:
    return std::nullopt;
  case NumberRule::js_number: {
    const std::string_view trimmed = trim_chars(text, k_js_space);
    if (trimmed.empty()) {
      return 0.0;
    }
    if (trimmed.size() > 2 && trimmed[0] == '0' && (trimmed[1] == 'x' || trimmed[1] == 'X')) {
      double value = 0;
      for (const char c : trimmed.substr(2)) {
        const int digit = is_digit(c)              ? c - '0'
                          : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                          : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                   : -1;
        if (digit < 0) {
          return std::nullopt;
        }
        value = value * 16 + digit;
      }
      return value;
    }
    // StrDecimalLiteral: [+-] (digits [. digits] | . digits) [e [+-] digits]
    std::size_t i = 0;
    if (trimmed[i] == '+' || trimmed[i] == '-') {
      ++i;
    }
    std::size_t digits = 0;
    while (i < trimmed.size() && is_digit(trimmed[i])) {
      ++i;
      ++digits;
    }
    if (i < trimmed.size() && trimmed[i] == '.') {
      ++i;
      while (i < trimmed.size() && is_digit(trimmed[i])) {
        ++i;
        ++digits;
      }
    }
    if (digits == 0) {
      return std::nullopt;
    }
    if (i < trimmed.size() && (trimmed[i] == 'e' || trimmed[i] == 'E')) {
      ++i;
      if (i < trimmed.size() && (trimmed[i] == '+' || trimmed[i] == '-')) {
        ++i;
      }
      if (i == trimmed.size() || !is_digit(trimmed[i])) {
        return std::nullopt;
      }
      while (i < trimmed.size() && is_digit(trimmed[i])) {
        ++i;
      }
    }
    if (i != trimmed.size()) {
      return std::nullopt;
    }
    return std::strtod(std::string(trimmed).c_str(), nullptr);
  }
  case NumberRule::parse_int:
  case NumberRule::stream_int: {
    if (rule == NumberRule::stream_int && text.empty()) {
      return 0.0;
    }
    std::size_t i = 0;
    while (i < text.size() && k_c_space.find(text[i]) != k_npos) {
      ++i;
    }
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      negative = text[i] == '-';
      ++i;
    }
    const std::size_t start = i;
    double value = 0;
    while (i < text.size() && is_digit(text[i])) {
      value = value * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start) {
      return std::nullopt;
    }
    return negative ? -value : value;
  }
  case NumberRule::java_int: {
    std::string_view digits = text;
    bool negative = false;
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
      negative = digits.front() == '-';
      digits.remove_prefix(1);
    }
    if (!all_digits(digits) || digits.size() > 10) {
      return std::nullopt;
    }
    const double value = std::strtod(std::string(digits).c_str(), nullptr);
    if (value > 2147483647.0 + (negative ? 1 : 0)) {
      return std::nullopt;
    }
    return negative ? -value : value;
  }
  case NumberRule::python_int: {
    std::string_view digits = trim_chars(text, " \t\n\v\f\r");
    bool negative = false;
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
      negative = digits.front() == '-';
      digits.remove_prefix(1);
    }
    if (digits.empty() || !is_digit(digits.front()) || !is_digit(digits.back())) {
      return std::nullopt;
    }
    double value = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (digits[i] == '_' && is_digit(digits[i + 1]) && is_digit(digits[i - 1])) {
        continue;
      }
      if (!is_digit(digits[i])) {
        return std::nullopt;
      }
      value = value * 10 + (digits[i] - '0');
    }
    return negative ? -value : value;
  }
  }
  return std::nullopt;
}

// How many bytes Python's base64.b64decode(text) (validate=False: bytes outside the alphabet
// are dropped first) gives, or nothing when it raises binascii.Error.
std::optional<std::size_t> python_lenient_base64_size(std::string_view text) {
  std::size_t data = 0;
  std::size_t pads = 0;
  for (const char c : text) {
    if (c == '=') {
      if (data % 4 >= 2) {
        ++pads;
        if ((data % 4 == 2 && pads == 2) || (data % 4 == 3 && pads == 1)) {
          break;
        }
      }
      continue;
    }
    if (pads > 0 && util::is_base64_alphabet(c)) {
      // data after a padding that did not complete the quantum is an error
      return std::nullopt;
    }
    if (util::is_base64_alphabet(c)) {
      ++data;
    }
  }
  const std::size_t quanta = data / 4;
  switch (data % 4) {
  case 0:
    return quanta * 3;
  case 2:
    return pads >= 2 ? std::optional<std::size_t>(quanta * 3 + 1) : std::nullopt;
  case 3:
    return pads >= 1 ? std::optional<std::size_t>(quanta * 3 + 2) : std::nullopt;
  default:
    return std::nullopt;
  }
}

bool key_valid(std::string_view key, KeyRule rule, MessageValues& values) {
  switch (rule) {
  case KeyRule::nonempty:
    return !key.empty();
  case KeyRule::at_most_24:
    return key.size() <= 24;
  case KeyRule::ws_regex:
  case KeyRule::base64_strict:
    if (rule == KeyRule::ws_regex) {
      return util::is_base64_of_16_bytes(key);
    }
    {
      const std::optional<std::string> bytes = util::base64_decode(key);
      return bytes && bytes->size() == 16;
    }
  case KeyRule::base64_lenient: {
    const std::optional<std::size_t> size = python_lenient_base64_size(key);
    return !key.empty() && size && *size == 16;
  }
  case KeyRule::autobahn_length:
    return key.size() == 24;
  case KeyRule::autobahn_padding:
    return key.size() >= 2 && key.substr(key.size() - 2) == "==";
  case KeyRule::autobahn_alphabet:
    for (const char c : key.substr(0, key.size() >= 2 ? key.size() - 2 : 0)) {
      if (!util::is_base64_alphabet(c)) {
        values.element = std::string(1, c);
        return false;
      }
    }
    return true;
  }
  return true;
}

// Go's url.Parse(origin).Host, or nothing when Go refuses to parse it.
std::optional<std::string> go_url_host(std::string_view origin) {
  std::string_view rest = origin.substr(0, origin.find('#'));
  const std::size_t colon = rest.find(':');
  bool has_scheme = false;
  if (colon != k_npos && colon > 0) {
    has_scheme = true;
    for (std::size_t i = 0; i < colon; ++i) {
      const char c = rest[i];
      const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!(alpha || (i > 0 && (is_digit(c) || c == '+' || c == '-' || c == '.')))) {
        has_scheme = false;
        break;
      }
    }
  } else if (colon == 0) {
    return std::nullopt;
  }
  if (!has_scheme) {
    return std::string();
  }
  rest = rest.substr(colon + 1);
  if (rest.substr(0, 2) != "//") {
    return std::string();
  }
  rest = rest.substr(2);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  const std::size_t at = authority.rfind('@');
  if (at != k_npos) {
    authority = authority.substr(at + 1);
  }
  for (const char c : authority) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
        c == '{' || c == '|' || c == '}' || byte == 0x7f) {
      return std::nullopt;
    }
  }
  return std::string(authority);
}

// Python's urllib.parse.urlsplit(url).netloc.
std::string python_netloc(std::string_view url) {
  std::string_view rest = url;
  const std::size_t colon = rest.find(':');
  if (colon != k_npos && colon > 0) {
    bool scheme = true;
    for (std::size_t i = 0; i < colon; ++i) {
      const char c = rest[i];
      const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!(alpha || (i > 0 && (is_digit(c) || c == '+' || c == '-' || c == '.')))) {
        scheme = false;
        break;
      }
    }
    if (scheme) {
      rest = rest.substr(colon + 1);
    }
  }
  if (rest.substr(0, 2) != "//") {
    return {};
  }
  rest = rest.substr(2);
  return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

// The host part of host[:port] (brackets kept), for telling a port difference apart.
std::string_view host_part(std::string_view authority) {
  const std::size_t bracket = authority.rfind(']');
  const std::size_t colon = authority.rfind(':');
  if (colon != k_npos && (bracket == k_npos || colon > bracket)) {
    return authority.substr(0, colon);
  }
  return authority;
}

// The authority of an absolute-form target (RFC 9112 3.2.2), empty for other forms.
std::string_view target_authority(std::string_view target) {
  if (target_form(target) != "absolute") {
    return {};
  }
  const std::size_t begin = target.find("://") + 3;
  const std::string_view rest = target.substr(begin);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  const std::size_t at = authority.rfind('@');
  return at == k_npos ? authority : authority.substr(at + 1);
}

bool go_valid_host_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x80) {
    return true;
  }
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("!$%&'()*+,-.:;=[]_~").find(c) != k_npos;
}

bool host_valid(std::string_view host, HostRule rule, MessageValues& values) {
  switch (rule) {
  case HostRule::go_valid_host:
    return std::all_of(host.begin(), host.end(), go_valid_host_byte);
  case HostRule::numeric_port:
  case HostRule::atoi_port:
  case HostRule::python_port: {
    const std::size_t bracket = host.rfind(']');
    const std::size_t colon = host.rfind(':');
    if (rule == HostRule::python_port && !host.empty() && host.back() == ']') {
      return true;
    }
    if (colon == k_npos || (bracket != k_npos && bracket > colon)) {
      return true;
    }
    const std::string_view port = host.substr(colon + 1);
    values.element = std::string(http::trim_ows(port));
    if (rule == HostRule::python_port) {
      return read_number(port, NumberRule::python_int).has_value();
    }
    if (rule == HostRule::atoi_port) {
      const std::optional<double> number = read_number(port, NumberRule::stream_int);
      return port.empty() || (number && *number >= 1 && *number <= 65535);
    }
    if (!all_digits(port) || port.size() > 5) {
      return false;
    }
    const long number = std::strtol(std::string(port).c_str(), nullptr, 10);
    return number >= 1 && number <= 65535;
  }
  case HostRule::uri_host: {
    const std::size_t bracket = host.rfind(']');
    const std::size_t colon = host.rfind(':');
    const std::string_view name =
        colon != k_npos && (bracket == k_npos || colon > bracket) ? host.substr(0, colon) : host;
    if (name.find(':') != k_npos && (name.empty() || name.front() != '[')) {
      return false;
    }
    for (const char c : host) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte <= 0x20 || byte >= 0x7f || std::string_view("\"<>\\^`{|}").find(c) != k_npos) {
        return false;
      }
    }
    return true;
  }
  }
  return true;
}

// websocket-extensions' EXT_LIST regular expression on a value (faye-websocket), which is
// also what WebSocket++'s extract_parameters reads.
bool token_params_list(std::string_view header) {
  std::size_t pos = 0;
  const auto spaces = [&] {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == '\t')) {
      ++pos;
    }
  };
  const auto token = [&] {
    const std::size_t start = pos;
    while (pos < header.size() && http::is_tchar(header[pos])) {
      ++pos;
    }
    return pos != start;
  };
  const auto quoted = [&] {
    if (pos >= header.size() || header[pos] != '"') {
      return false;
    }
    ++pos;
    while (pos < header.size() && header[pos] != '"') {
      if (header[pos] == '\\') {
        ++pos;
      }
      ++pos;
    }
    if (pos >= header.size()) {
      return false;
    }
    ++pos;
    return true;
  };
  const auto extension = [&] {
    if (!token()) {
      return false;
    }
    while (true) {
      const std::size_t save = pos;
      spaces();
      if (pos >= header.size() || header[pos] != ';') {
        pos = save;
        return true;
      }
      ++pos;
      spaces();
      if (!token()) {
        return false;
      }
      const std::size_t before_equals = pos;
      spaces();
      if (pos < header.size() && header[pos] == '=') {
        ++pos;
        spaces();
        if (!token() && !quoted()) {
          return false;
        }
      } else {
        pos = before_equals;
      }
    }
  };
  if (!extension()) {
    return false;
  }
  while (true) {
    spaces();
    if (pos == header.size()) {
      return true;
    }
    if (header[pos] != ',') {
      return false;
    }
    ++pos;
    spaces();
    if (!extension()) {
      return false;
    }
  }
}

// One offer as Autobahn's _parseExtensionsHeader cuts it: name, then each parameter's name and
// value (value absent for a bare parameter), quotes taken off the ends.
struct LooseOffer {
  std::string name;
  std::vector<std::pair<std::string, std::optional<std::string>>> parameters;
};

std::vector<LooseOffer> loose_offers(std::string_view header) {
  std::vector<LooseOffer> offers;
  for (const std::string_view element : split_list(header, " \t")) {
    if (element.empty()) {
      continue;
    }
    LooseOffer offer;
    std::size_t pos = 0;
    bool first = true;
    while (true) {
      const std::size_t semicolon = element.find(';', pos);
      const std::string_view part = http::trim_ows(
          element.substr(pos, semicolon == k_npos ? std::string_view::npos : semicolon - pos));
      if (first) {
        offer.name = lowercase(part);
        first = false;
      } else {
        const std::size_t equals = part.find('=');
        if (equals == k_npos) {
          offer.parameters.emplace_back(lowercase(http::trim_ows(part)), std::nullopt);
        } else {
          std::string_view value = http::trim_ows(part.substr(equals + 1));
          if (!value.empty() && value.front() == '"') {
            value.remove_prefix(1);
          }
          if (!value.empty() && value.back() == '"') {
            value.remove_suffix(1);
          }
          offer.parameters.emplace_back(lowercase(http::trim_ows(part.substr(0, equals))),
                                        std::string(value));
        }
      }
      if (semicolon == k_npos) {
        break;
      }
      pos = semicolon + 1;
    }
    offers.push_back(std::move(offer));
  }
  return offers;
}

// The detail template `index` of a step's list, rendered into values.detail.
void set_detail(const Step& step, std::size_t index, MessageValues& values) {
  if (index < step.list.size()) {
    values.detail = render_message(step.list[index], values);
  }
}

bool window_bits_valid(const std::optional<std::string>& value) {
  const std::optional<double> number =
      value ? read_number(*value, NumberRule::python_int) : std::nullopt;
  // Autobahn's WINDOW_SIZE_PERMISSIBLE_VALUES: 9 to 15 (zlib's deflate refuses 8)
  return number && *number >= 9 && *number <= 15;
}

bool extensions_valid(const Step& step, const ServerRequest& request, MessageValues& values) {
  const FieldLines lines = lines_of(request, step.field);
  switch (step.extension_rule) {
  case ExtensionRule::rfc6455_list:
    for (const std::string_view line : lines) {
      std::vector<handshake::Extension> extensions;
      if (const auto error = handshake::parse_extension_list(line, extensions)) {
        values.value = std::string(line);
        values.position = std::to_string(error->offset);
        return false;
      }
    }
    return true;
  case ExtensionRule::deflate_window_8:
    for (const std::string_view line : lines) {
      std::vector<handshake::Extension> offers;
      if (handshake::parse_extension_list(line, offers)) {
        return true;
      }
      for (const handshake::Extension& offer : offers) {
        if (offer.name != "permessage-deflate") {
          continue;
        }
        std::vector<std::string_view> seen;
        std::optional<std::string> server_bits;
        bool valid = true;
        for (const handshake::ExtensionParameter& parameter : offer.parameters) {
          const std::string value = parameter.unquoted_value();
          const bool flag = parameter.name == "server_no_context_takeover" ||
                            parameter.name == "client_no_context_takeover";
          const bool bits = parameter.name == "server_max_window_bits" ||
                            parameter.name == "client_max_window_bits";
          const bool bits_value = value.size() <= 2 && all_digits(value) && value[0] != '0' &&
                                  std::strtol(value.c_str(), nullptr, 10) >= 8 &&
                                  std::strtol(value.c_str(), nullptr, 10) <= 15;
          if (std::find(seen.begin(), seen.end(), parameter.name) != seen.end() ||
              (!flag && !bits) || (flag && parameter.has_value) ||
              (bits && parameter.has_value && !bits_value) ||
              (parameter.name == "server_max_window_bits" && !parameter.has_value)) {
            valid = false;
            break;
          }
          seen.push_back(parameter.name);
          if (parameter.name == "server_max_window_bits") {
            server_bits = value;
          }
        }
        if (valid) {
          return server_bits != "8";
        }
      }
    }
    return true;
  case ExtensionRule::token_params_list: {
    const std::string joined = join(lines, ", ");
    values.value = joined;
    return lines.empty() || joined.empty() || token_params_list(joined);
  }
  case ExtensionRule::deflate_params:
  case ExtensionRule::deflate_param_names: {
    const bool names_only = step.extension_rule == ExtensionRule::deflate_param_names;
    for (const LooseOffer& offer : loose_offers(join(lines, ", "))) {
      if (offer.name != "permessage-deflate") {
        continue;
      }
      values.element.clear();
      for (std::size_t i = 0; i < offer.parameters.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (!names_only && offer.parameters[j].first == offer.parameters[i].first) {
            values.element = offer.parameters[i].first;
            set_detail(step, 2, values);
            return false;
          }
        }
      }
      for (const auto& [name, value] : offer.parameters) {
        values.element = name;
        // Autobahn quotes the value after int() when it reads as one: 08 is printed 8.
        const std::optional<double> number =
            value ? read_number(*value, NumberRule::python_int) : std::nullopt;
        values.value =
            number ? std::to_string(static_cast<long long>(*number)) : value.value_or("True");
        const bool flag =
            name == "client_no_context_takeover" || name == "server_no_context_takeover";
        const bool bits = name == "client_max_window_bits" || name == "server_max_window_bits";
        if (!flag && !bits) {
          set_detail(step, 0, values);
          return false;
        }
        if (names_only) {
          continue;
        }
        const bool ok = flag                                         ? !value.has_value()
                        : name == "client_max_window_bits" && !value ? true
                                                                     : window_bits_valid(value);
        if (!ok) {
          set_detail(step, 1, values);
          return false;
        }
      }
    }
    return true;
  }
  case ExtensionRule::deflate_known_params:
    for (const std::string_view line : lines) {
      for (const std::string_view element : split_list(line, " \t")) {
        if (element.empty()) {
          continue;
        }
        std::vector<std::string_view> pieces;
        std::size_t pos = 0;
        while (true) {
          const std::size_t semicolon = element.find(';', pos);
          pieces.push_back(http::trim_ows(
              element.substr(pos, semicolon == k_npos ? std::string_view::npos : semicolon - pos)));
          if (semicolon == k_npos) {
            break;
          }
          pos = semicolon + 1;
        }
        if (pieces.front() != "permessage-deflate") {
          continue;
        }
        for (std::size_t i = 1; i < pieces.size(); ++i) {
          const std::string_view parameter = pieces[i];
          if (parameter == "client_no_context_takeover" ||
              parameter == "server_no_context_takeover" ||
              parameter.substr(0, 22) == "client_max_window_bits") {
            continue;
          }
          values.element = std::string(parameter);
          return false;
        }
        return true;
      }
    }
    return true;
  }
  return true;
}

// The first value of a Content-Length line, or each value of a comma-separated one.
std::vector<std::string_view> content_lengths(const ServerRequest& request) {
  std::vector<std::string_view> out;
  for (const std::string_view line : lines_of(request, "Content-Length")) {
    for (const std::string_view element : split_list(line, " \t")) {
      out.push_back(element);
    }
  }
  return out;
}

// The version matches one of the patterns ('?' stands for a digit).
bool version_matches(std::string_view version, std::span<const std::string_view> patterns) {
  for (const std::string_view pattern : patterns) {
    if (pattern.size() != version.size()) {
      continue;
    }
    bool match = true;
    for (std::size_t i = 0; i < pattern.size() && match; ++i) {
      match = pattern[i] == '?' ? is_digit(version[i]) : pattern[i] == version[i];
    }
    if (match) {
      return true;
    }
  }
  return false;
}

} // namespace

std::optional<std::string> field_value(const ServerRequest& request, std::string_view field,
                                       Lines lines) {
  const FieldLines found = lines_of(request, field);
  if (found.empty()) {
    return std::nullopt;
  }
  switch (lines) {
  case Lines::joined:
    return join(found, ", ");
  case Lines::joined_comma:
    return join(found, ",");
  case Lines::each:
  case Lines::first:
    return std::string(found.front());
  case Lines::last:
    return std::string(found.back());
  }
  return std::nullopt;
}

CheckResult run_check(const Step& step, const ServerRequest& request, MessageValues& values) {
  const auto fail = [] { return CheckResult{false, {}}; };
  const auto pass = [] { return CheckResult{true, {}}; };
  const auto verdict = [](bool ok) { return CheckResult{ok, {}}; };
  const auto in_list = [&](std::string_view text) {
    return std::find(step.list.begin(), step.list.end(), text) != step.list.end();
  };
  const FieldLines lines = step.field.empty() ? FieldLines{} : lines_of(request, step.field);
  if (!step.when.empty() && lines_of(request, step.when).empty()) {
    return pass();
  }
  if (!step.when_version.empty() && !version_matches(request.version, step.when_version)) {
    return pass();
  }
  if (!step.field.empty()) {
    values.value = field_value(request, step.field, step.lines);
  }
  switch (step.test) {
  case Test::method_in:
    return verdict(in_list(request.method));
  case Test::method_not_in:
    return verdict(!in_list(request.method));
  case Test::method_token:
    return verdict(http::is_token(request.method));
  case Test::version_in:
    return verdict(version_matches(request.version, step.list));
  case Test::version_at_least_1_1: {
    const std::string_view version = request.version;
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || !is_digit(version[5]) ||
        version[6] != '.' || !is_digit(version[7])) {
      return fail();
    }
    return verdict(version[5] > '1' || (version[5] == '1' && version[7] >= '1'));
  }
  case Test::target_form_in: {
    const std::string_view form = target_form(request.target);
    // authority-form is CONNECT's (RFC 9112 3.2.3): a parser that knows it lists "connect"
    return verdict(in_list(form == "authority" && request.method == "CONNECT" ? "connect" : form));
  }
  case Test::target_without:
    return verdict(request.target.find_first_of(step.value) == std::string::npos);
  case Test::target_ascii:
    return verdict(std::none_of(request.target.begin(), request.target.end(),
                                [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  case Test::target_percent_valid: {
    const std::string& target = request.target;
    for (std::size_t i = 0; i < target.size(); ++i) {
      if (target[i] != '%') {
        continue;
      }
      const auto hex = [](char c) {
        return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      };
      if (i + 2 >= target.size() + 0 || !hex(target[i + 1]) || !hex(target[i + 2])) {
        return fail();
      }
    }
    return pass();
  }
  case Test::target_clean_path: {
    if (target_form(request.target) != "origin") {
      return pass();
    }
    const std::string_view path =
        std::string_view(request.target).substr(0, request.target.find('?'));
    if (path.find("//") != k_npos) {
      return fail();
    }
    std::size_t pos = 0;
    while (pos < path.size()) {
      const std::size_t slash = path.find('/', pos + 1);
      const std::string_view segment =
          path.substr(pos + 1, slash == k_npos ? std::string_view::npos : slash - pos - 1);
      if (segment == "." || segment == "..") {
        return fail();
      }
      if (slash == k_npos) {
        break;
      }
      pos = slash;
    }
    return pass();
  }
  case Test::target_no_fragment: {
    const std::size_t hash = request.target.find('#');
    if (hash == std::string::npos) {
      return pass();
    }
    values.element = request.target.substr(hash + 1);
    return verdict(values.element.empty());
  }
  case Test::field_present:
    return verdict(!lines.empty());
  case Test::field_nonempty:
    if (step.lines == Lines::each) {
      return verdict(std::any_of(lines.begin(), lines.end(),
                                 [](std::string_view line) { return !line.empty(); }));
    }
    return verdict(values.value && !values.value->empty());
  case Test::field_single:
    return verdict(lines.size() <= 1);
  case Test::field_equals:
  case Test::field_equals_exact: {
    const auto equal = [&](std::string_view text) {
      return step.test == Test::field_equals ? http::iequals(text, step.value) : text == step.value;
    };
    if (step.lines == Lines::each) {
      return verdict(std::any_of(lines.begin(), lines.end(), equal));
    }
    return verdict(values.value && equal(*values.value));
  }
  case Test::field_equals_stripped:
    return verdict(values.value && http::iequals(http::trim_ows(*values.value), step.value));
  case Test::field_differs:
    return verdict(!values.value || !http::iequals(*values.value, step.value));
  case Test::field_has_token:
    if (step.lines == Lines::each) {
      return verdict(std::any_of(lines.begin(), lines.end(), [&](std::string_view line) {
        return list_has(line, step.value, step.grammar);
      }));
    }
    return verdict(values.value && list_has(*values.value, step.value, step.grammar));
  case Test::field_contains:
    return verdict(values.value &&
                   lowercase(*values.value).find(lowercase(step.value)) != std::string::npos);
  case Test::field_list_syntax:
    for (const std::string_view line : lines) {
      if (step.grammar == Grammar::opt_token_list) {
        if (!opt_token_list_valid(line)) {
          values.value = std::string(line);
          return fail();
        }
        continue;
      }
      const ListError error = strict_list_error(line, step.grammar == Grammar::strict_protocols);
      if (error.offset != k_npos) {
        values.value = std::string(line);
        values.position = std::to_string(error.offset);
        values.detail = std::string(error.expected);
        return fail();
      }
    }
    return pass();
  case Test::key_valid:
    if (!values.value) {
      return fail();
    }
    return verdict(key_valid(*values.value, step.key_rule, values));
  case Test::version_number_in: {
    if (step.number == NumberRule::exact) {
      return verdict(values.value && (step.list.empty() || in_list(*values.value)));
    }
    // An absent field reads as Java's getHeaderInt() -1 and as an empty C++ value's 0.
    const std::optional<double> number =
        values.value                            ? read_number(*values.value, step.number)
        : step.number == NumberRule::java_int   ? std::optional<double>(-1)
        : step.number == NumberRule::stream_int ? std::optional<double>(0)
                                                : std::nullopt;
    if (!number) {
      return fail();
    }
    if (step.list.empty()) {
      return pass();
    }
    for (const std::string_view wanted : step.list) {
      if (std::strtod(std::string(wanted).c_str(), nullptr) == *number) {
        return pass();
      }
    }
    return fail();
  }
  case Test::version_number_truthy: {
    const std::optional<double> number =
        values.value ? read_number(*values.value, step.number) : std::nullopt;
    return verdict(number && *number != 0);
  }
  case Test::origin_same_host: {
    const FieldLines origins = lines_of(request, "Origin");
    if (origins.empty()) {
      return pass();
    }
    const FieldLines hosts = lines_of(request, "Host");
    std::optional<std::string> host;
    std::string origin_host;
    bool same = false;
    if (step.origin_rule == OriginRule::go_url_host_if_set && origins.front().empty()) {
      return pass();
    }
    if (step.origin_rule != OriginRule::python_netloc) {
      values.origin = std::string(origins.front());
      const std::string_view authority = target_authority(request.target);
      if (!authority.empty()) {
        host = std::string(authority);
      } else if (!hosts.empty()) {
        host = std::string(hosts.front());
      } else {
        host = std::string();
      }
      const std::optional<std::string> parsed = go_url_host(origins.front());
      origin_host = parsed.value_or(std::string());
      same = parsed && http::iequals(*parsed, *host);
    } else {
      values.origin = field_value(request, "Origin", Lines::joined_comma);
      host = field_value(request, "Host", Lines::joined_comma);
      origin_host = lowercase(python_netloc(*values.origin));
      same = host && origin_host == *host;
    }
    values.host = host;
    if (same) {
      return pass();
    }
    const bool same_host_part =
        host && !origin_host.empty() && http::iequals(host_part(origin_host), host_part(*host));
    return CheckResult{false, same_host_part ? "origin-port-differs" : "origin-not-same"};
  }
  case Test::origin_has_host: {
    if (!values.value) {
      return pass();
    }
    const std::string origin(http::trim_ows(*values.value));
    if (lowercase(origin) == "null") {
      return pass();
    }
    std::string netloc = python_netloc(origin);
    const std::size_t at = netloc.rfind('@');
    if (at != std::string::npos) {
      netloc = netloc.substr(at + 1);
    }
    return verdict(!host_part(netloc).empty() || lowercase(origin).substr(0, 5) == "file:");
  }
  case Test::host_valid:
    if (!values.value) {
      return pass();
    }
    return verdict(host_valid(*values.value, step.host_rule, values));
  case Test::subprotocols_valid: {
    if (!values.value) {
      return pass();
    }
    if (step.grammar == Grammar::ws_subprotocol) {
      return verdict(ws_subprotocols_valid(*values.value));
    }
    if (step.grammar == Grammar::token_list_no_empty) {
      const std::vector<std::string_view> elements = split_list(*values.value, " \t");
      return verdict(values.value->empty() ||
                     std::all_of(elements.begin(), elements.end(), http::is_token));
    }
    std::vector<std::string> seen;
    for (const std::string_view element : split_list(*values.value, " \t")) {
      if (std::find(seen.begin(), seen.end(), element) != seen.end()) {
        values.element = std::string(element);
        return fail();
      }
      seen.emplace_back(element);
    }
    return pass();
  }
  case Test::no_subprotocols:
    return verdict(!values.value || values.value->empty());
  case Test::extensions_valid:
    if (lines.empty()) {
      return pass();
    }
    return verdict(extensions_valid(step, request, values));
  case Test::content_length_valid: {
    const std::vector<std::string_view> lengths = content_lengths(request);
    for (const std::string_view length : lengths) {
      values.value = std::string(length);
      if (step.number == NumberRule::exact ? !all_digits(length)
                                           : !read_number(length, step.number)) {
        return fail();
      }
    }
    return pass();
  }
  case Test::content_length_single_value: {
    const std::vector<std::string_view> lengths = content_lengths(request);
    for (const std::string_view length : lengths) {
      if (length != lengths.front()) {
        return fail();
      }
    }
    return pass();
  }
  case Test::content_length_at_most: {
    const double largest = std::strtod(std::string(step.value).c_str(), nullptr);
    for (const std::string_view line : lines) {
      values.value = std::string(line);
      // strtoul: leading whitespace, a sign (a minus wraps around), digits; 0 when none
      const std::optional<double> number = read_number(line, NumberRule::stream_int);
      if (number && (*number < 0 || *number > largest)) {
        return fail();
      }
    }
    return pass();
  }
  case Test::no_length_with_chunked:
    return verdict(lines_of(request, "Transfer-Encoding").empty() ||
                   lines_of(request, "Content-Length").empty());
  case Test::transfer_coding_known:
  case Test::transfer_coding_only_chunked:
  case Test::transfer_chunked_once: {
    if (lines.empty()) {
      return pass();
    }
    const std::string joined = join(lines, ",");
    const std::vector<std::string_view> codings = split_list(joined, " \t");
    if (step.test == Test::transfer_coding_known) {
      return verdict(http::iequals(codings.back(), "chunked"));
    }
    if (step.test == Test::transfer_coding_only_chunked) {
      return verdict(lines.size() == 1 && http::iequals(http::trim_ows(lines.front()), "chunked"));
    }
    for (std::size_t i = 0; i + 1 < codings.size(); ++i) {
      if (http::iequals(codings[i], "chunked")) {
        return fail();
      }
    }
    return pass();
  }
  case Test::no_body:
    for (const std::string_view length : content_lengths(request)) {
      if (all_digits(length) && std::strtod(std::string(length).c_str(), nullptr) > 0) {
        return fail();
      }
    }
    return pass();
  case Test::nothing_after_head:
    return verdict(request.after.empty());
  }
  return pass();
}

} // namespace wsh::servers
