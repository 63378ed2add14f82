#pragma once

#include "handshake/PerMessageDeflate.hpp"
#include "util/Expected.hpp"

#include <optional>
#include <string>
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
};

// Reads the application's choices once.
ServerPolicy read_server_policy(const ServerChoices& choices);

} // namespace wsh::handshake
