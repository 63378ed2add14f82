#pragma once

#include "handshake/Outcome.hpp"
#include "handshake/PerMessageDeflate.hpp"
#include "http/RequestParser.hpp"

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
};

// WebSocketBeginServerHandshake: reads one request head from `input`, checks it against
// RFC 6455 4.2.1 and the choices against 4.2.2, and returns the response to send or the
// reasons to refuse. Never throws for bad input.
Outcome begin_server_handshake(std::string_view input, const ServerChoices& choices,
                               const http::ParseOptions& options);

// The same for a request already read.
Outcome answer_request(http::Request request, const ServerChoices& choices);

} // namespace wsh::handshake
