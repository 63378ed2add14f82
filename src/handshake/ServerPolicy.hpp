#pragma once

#include "handshake/PerMessageDeflate.hpp"
#include "util/Expected.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// Whose order decides among subprotocols both sides support: the server's list (as Python
// websockets does) or the client's offer (as Node ws does).
enum class ProtocolPreference { server, client };

// The application's part of the handshake, as WebSocketBeginServerHandshake takes it: the one
// subprotocol and the extensions it chose (each `name; param; param=value`), or what the
// engine should pick for it. Explicit choices always win over the ones to negotiate.
struct ServerChoices {
  std::optional<std::string> subprotocol;
  std::vector<std::string> extensions;
  // Subprotocols the server supports, to select from the client's offer.
  std::vector<std::string> accept_protocols;
  ProtocolPreference prefer = ProtocolPreference::server;
  // Accept the first acceptable permessage-deflate offer with these settings.
  std::optional<DeflateSettings> negotiate_deflate;
  // Warnings fail the handshake too.
  bool strict = false;
  // The server's own policy, beyond the RFC's rules: the authority it serves, `host[:port]`
  // (--host); the origins it allows, `scheme://host[:port]` or `*` for any (--allow-origin; none
  // given: no check); the longest head line it reads, in bytes without the line ending
  // (--max-line-bytes; 0: no limit).
  std::optional<std::string> host;
  std::vector<std::string> allowed_origins;
  std::size_t max_line_bytes = 0;
};

// The authority a server serves, read once: the host in lowercase and the port, if one was
// named.
struct ServedAuthority {
  std::string given;
  std::string host;
  std::optional<unsigned long> port;
};

// One extension the application chose, read once when the engine is made (RFC 6455 9.1, and
// RFC 7692 7.1 for permessage-deflate), so answering a request parses nothing of the server's.
struct ExtensionChoice {
  // As the application wrote it.
  std::string given;
  // Why it is not exactly one extension; the fields below are empty then.
  std::optional<std::string> error;
  // The extension-token.
  std::string name;
  // The element as written, OWS trimmed, for messages to quote.
  std::string element;
  // Written back in canonical form, `name; param; param=value`, for the response.
  std::string canonical;
  // For permessage-deflate: its parameters read as a response, or why they are not valid ones.
  std::optional<util::Expected<DeflateParameters, DeflateParameterError>> deflate;
};

// The server's choices as plain data: everything in ServerChoices, with each extension read.
struct ServerPolicy {
  std::optional<std::string> subprotocol;
  std::vector<ExtensionChoice> extensions;
  std::vector<std::string> accept_protocols;
  ProtocolPreference prefer = ProtocolPreference::server;
  std::optional<DeflateSettings> negotiate_deflate;
  bool strict = false;
  std::optional<ServedAuthority> host;
  // Each in the form origin_key() gives; any_origin when `*` was among them.
  std::vector<std::string> allowed_origins;
  bool any_origin = false;
  std::size_t max_line_bytes = 0;
};

// An origin as a server compares it (RFC 6454 5): scheme and host in lowercase, the scheme's
// default port (80 for http and ws, 443 for https and wss) and a trailing '/' dropped.
std::string origin_key(std::string_view origin);

// A port's digits as a number, saturating far above 65535; absent for an empty port, which
// means the default (RFC 3986 3.2.3).
std::optional<unsigned long> port_number(std::string_view digits);

// Reads the application's choices once.
ServerPolicy read_server_policy(const ServerChoices& choices);

} // namespace wsh::handshake
