#include "http/Host.hpp"

#include "http/ByteClass.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

namespace wsh::http {

namespace {

bool is_hex(char c) {
  return has_class(c, byte_class::k_hex_digit);
}

// unreserved / sub-delims (RFC 3986 2.2, 2.3); pct-encoded is checked by the caller.
bool is_reg_name_char(char c) {
  return has_class(c, byte_class::k_unreserved | byte_class::k_sub_delim);
}

// True for the usual `reg-name [ ":" *DIGIT ]` whose name holds no pct-encoded byte, in one
// pass: such a value holds no '@', "://", '[', '/', '?' or '#', so check_host finds nothing.
bool is_plain_host(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size() && is_reg_name_char(value[i])) {
    ++i;
  }
  if (i == 0) {
    return false;
  }
  if (i == value.size()) {
    return true;
  }
  if (value[i] != ':') {
    return false;
  }
  for (++i; i < value.size(); ++i) {
    if (value[i] < '0' || value[i] > '9') {
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<HostError> check_host(std::string_view value) {
  if (is_plain_host(value)) {
    return std::nullopt;
  }
  if (value.empty()) {
    return HostError{0, "Host is empty"};
  }
  if (const std::size_t at = value.find('@'); at != std::string_view::npos) {
    return HostError{at, "Host holds userinfo ('user@'); it must name only host and port"};
  }
  if (const std::size_t scheme = value.find("://"); scheme != std::string_view::npos) {
    return HostError{scheme, "Host holds a scheme ('://'); it must name only host and port"};
  }
  std::size_t i = 0;
  if (value.front() == '[') {
    // IP-literal = "[" ( IPv6address / IPvFuture ) "]"; checked for its alphabet only.
    const std::size_t close = value.find(']');
    if (close == std::string_view::npos) {
      return HostError{0, "an IP literal opens with '[' but never closes with ']'"};
    }
    for (i = 1; i < close; ++i) {
      const char c = value[i];
      if (!is_hex(c) && c != ':' && c != '.' && c != 'v' && c != 'V' && !is_reg_name_char(c)) {
        return HostError{i,
                         fmt::format("{} is not allowed in an IP literal", util::describe_byte(c))};
      }
    }
    if (close == 1) {
      return HostError{1, "the IP literal is empty"};
    }
    i = close + 1;
  } else {
    for (; i < value.size() && value[i] != ':'; ++i) {
      const char c = value[i];
      if (c == '/' || c == '?' || c == '#') {
        return HostError{i, fmt::format("Host holds a path, query or fragment ({}); it must name "
                                        "only host and port",
                                        util::describe_byte(c))};
      }
      if (c == '%') {
        if (i + 2 >= value.size() || !is_hex(value[i + 1]) || !is_hex(value[i + 2])) {
          return HostError{i, "'%' must start a percent-encoded byte such as %2D"};
        }
        i += 2;
        continue;
      }
      if (!is_reg_name_char(c)) {
        return HostError{i,
                         fmt::format("{} is not allowed in a host name", util::describe_byte(c))};
      }
    }
    if (i == 0) {
      return HostError{0, "the host name before the port is empty"};
    }
  }
  if (i == value.size()) {
    return std::nullopt;
  }
  if (value[i] != ':') {
    return HostError{i, fmt::format("{} follows the IP literal; only \":\" port may",
                                    util::describe_byte(value[i]))};
  }
  for (std::size_t p = i + 1; p < value.size(); ++p) {
    if (value[p] < '0' || value[p] > '9') {
      return HostError{
          p, fmt::format("{} in the port; a port is digits only", util::describe_byte(value[p]))};
    }
  }
  return std::nullopt;
}

Authority split_authority(std::string_view value) {
  const std::size_t host_end = value.empty() || value.front() != '[' ? 0 : value.find(']');
  const std::size_t colon =
      value.find(':', host_end == std::string_view::npos ? value.size() : host_end);
  if (colon == std::string_view::npos) {
    return Authority{value, std::nullopt};
  }
  return Authority{value.substr(0, colon), value.substr(colon + 1)};
}

} // namespace wsh::http
