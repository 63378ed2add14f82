#pragma once

#include "diagnostics/Diagnostic.hpp"
#include "diagnostics/Hresult.hpp"
#include "handshake/ExtensionList.hpp"
#include "http/Request.hpp"
#include "http/RequestParser.hpp"
#include "util/SmallString.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// A response header's value: up to 32 characters (the accept value, every fixed value and the
// usual subprotocol or extension answer) kept inline, so answering allocates nothing for them.
using HeaderValue = util::SmallString<32>;

// One header of the response to send, in order.
struct ResponseHeader {
  std::string_view name;
  HeaderValue value;
};

// What became of one offered extension: accepted, declined (and why), or left unanswered
// because the server did not choose it.
struct OfferVerdict {
  enum class State { not_selected, accepted, declined };
  State state = State::not_selected;
  std::string reason;
};

// "not-selected", "accepted" or "declined".
std::string_view to_string(OfferVerdict::State state);

// Everything the engine concluded about one request: whether it is accepted, the HRESULT, the
// response to send (the 101 or the error response), the request as read, and every problem.
// Views point into the input, which must outlive the outcome.
struct Outcome {
  bool accepted = false;
  unsigned status = 400;
  diagnostics::Hresult hresult = diagnostics::k_e_invalid_protocol_format;
  std::vector<ResponseHeader> response_headers;
  // The request as read; absent when it could not be read.
  std::optional<http::Request> request;
  // Why the request could not be read, when it could not.
  std::optional<http::ParseErrorKind> read_failure;
  // The trimmed key and its accept value, when the key is valid.
  std::string_view sec_websocket_key;
  HeaderValue sec_websocket_accept;
  std::vector<std::string_view> offered_subprotocols;
  std::vector<Extension> offered_extensions;
  // One verdict per offered extension, in the same order.
  std::vector<OfferVerdict> offer_verdicts;
  // The negotiated result: the subprotocol and the extensions the response carries (or would
  // carry, when the handshake failed for another reason).
  std::optional<std::string> selected_subprotocol;
  std::vector<std::string> selected_extensions;
  // Every problem found, in input order.
  std::vector<diagnostics::Diagnostic> diagnostics;
};

// The reason phrase of a status code this engine sends (RFC 9110 15).
std::string_view reason_phrase(unsigned status);

} // namespace wsh::handshake
