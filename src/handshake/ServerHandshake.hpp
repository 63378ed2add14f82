#pragma once

#include "handshake/InlineVector.hpp"
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

// The engine as an object, like the handle WebSocketCreateServerHandle gives: it keeps its
// buffers from one request to the next, so answering many (a batch) allocates almost nothing
// once warm.
class ServerHandshake {
public:
  ServerHandshake(ServerChoices choices, http::ParseOptions options);

  // Reads one request head from `input`, checks it against RFC 6455 4.2.1 and the choices
  // against 4.2.2, and returns the response to send or the reasons to refuse. Never throws for
  // bad input. The outcome (and its views into `input`) is valid until the next call.
  const Outcome& answer(std::string_view input);

  // The outcome of the last answer, for the caller to keep.
  Outcome release() &&;

private:
  void reset();

  ServerChoices m_choices;
  http::ParseOptions m_options;
  Outcome m_outcome;
  // The request's buffers while the outcome holds no request (after a read failure).
  http::Request m_spare_request;
  // The offered extensions of earlier requests, kept for their parameter buffers.
  std::vector<Extension> m_spare_extensions;
  // The parameters of each offered extension that is a valid permessage-deflate offer.
  InlineVector<std::optional<DeflateParameters>, 4> m_deflate_offers;
};

// WebSocketBeginServerHandshake for one request: ServerHandshake::answer on a new engine.
Outcome begin_server_handshake(std::string_view input, const ServerChoices& choices,
                               const http::ParseOptions& options);

} // namespace wsh::handshake
