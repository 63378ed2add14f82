#pragma once

#include "handshake/ExtensionNegotiation.hpp"
#include "handshake/HandshakeFields.hpp"
#include "handshake/Outcome.hpp"
#include "handshake/ServerPolicy.hpp"
#include "http/RequestParser.hpp"

#include <string_view>
#include <vector>

namespace wsh::handshake {

// The engine as an object, like the handle WebSocketCreateServerHandle gives: the server's
// choices are read once when it is made, and it keeps its buffers from one request to the
// next, so answering many (a batch) allocates almost nothing once warm.
class ServerHandshake {
public:
  ServerHandshake(const ServerChoices& choices, http::ParseOptions options);

  // Reads one request head from `input`, checks it against RFC 6455 4.2.1 and the choices
  // against 4.2.2, and returns the response to send or the reasons to refuse. Never throws for
  // bad input. The outcome (and its views into `input`) is valid until the next call.
  const Outcome& answer(std::string_view input);

  // The outcome of the last answer, for the caller to keep.
  Outcome release() &&;

private:
  void reset();
  void check_request();

  ServerPolicy m_policy;
  http::ParseOptions m_options;
  Outcome m_outcome;
  // The request's fields by name, rebuilt for each request.
  HandshakeFields m_fields;
  // The request's buffers while the outcome holds no request (after a read failure).
  http::Request m_spare_request;
  // The offered extensions of earlier requests, kept for their parameter buffers.
  std::vector<Extension> m_spare_extensions;
  DeflateOffers m_deflate_offers;
};

// WebSocketBeginServerHandshake for one request: ServerHandshake::answer on a new engine.
Outcome begin_server_handshake(std::string_view input, const ServerChoices& choices,
                               const http::ParseOptions& options);

} // namespace wsh::handshake
