#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wsh::http {

// Where and why a Host value is invalid.
struct HostError {
  std::size_t offset = 0; // into the value
  std::string message;
};

// Checks `Host = uri-host [ ":" port ]` (RFC 9110 7.2), where uri-host is an IP-literal in
// brackets, an IPv4 address or a reg-name (RFC 3986 3.2.2) and port is *DIGIT. An empty value
// is refused: a WebSocket URI always has a host (RFC 6455 3).
std::optional<HostError> check_host(std::string_view value);

// A Host value (or an authority given on the command line) cut into its host and its port.
struct Authority {
  std::string_view host;                // as written; an IP literal keeps its brackets
  std::optional<std::string_view> port; // the digits after ':', when there is a ':'
};

// Cuts a value that check_host accepts at the ':' that starts its port (the one after an IP
// literal's ']').
Authority split_authority(std::string_view value);

} // namespace wsh::http
