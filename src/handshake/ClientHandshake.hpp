#pragma once

#include "diagnostics/Diagnostic.hpp"
#include "diagnostics/Hresult.hpp"
#include "handshake/ExtensionNegotiation.hpp"
#include "handshake/HandshakeFields.hpp"
#include "handshake/Outcome.hpp"
#include "handshake/ServerHandshake.hpp"
#include "http/RequestParser.hpp"
#include "http/Response.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// What a client concludes from a server's response to its opening request, as
// WebSocketEndClientHandshake does: whether the connection opens by RFC 6455 4.1, the HRESULT,
// what was negotiated, and every problem found in the response. The request is read as a
// server reads it, for its key and offers and for its own diagnosis.
struct ClientOutcome {
  // The connection opens by the RFC's rules: no error in the response.
  bool opens = false;
  diagnostics::Hresult hresult = diagnostics::k_e_invalid_protocol_format;
  // The request as a server reads it; `request.request` is absent when it could not be read.
  Outcome request;
  // The response as read; absent when it could not be read at all.
  std::optional<http::Response> response;
  std::optional<http::ParseErrorKind> read_failure;
  // The status code, when the status line holds three digits.
  std::optional<unsigned> status;
  // What the response selects, where the selection is valid.
  std::optional<std::string> selected_subprotocol;
  std::vector<std::string> selected_extensions;
  // Every problem in the response, in input order; offsets are into the response.
  std::vector<diagnostics::Diagnostic> diagnostics;
};

// Checks `response` (the bytes a server sent) against `request` (the bytes the client sent),
// as WebSocketEndClientHandshake would, reporting every problem. Never throws for bad input.
// Views in the outcome point into the two inputs, which must outlive it.
ClientOutcome verify_response(std::string_view request, std::string_view response,
                              const http::ParseOptions& options);

} // namespace wsh::handshake
