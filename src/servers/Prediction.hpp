#pragma once

#include "servers/ServerProfile.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wsh::servers {

// What one server is predicted to answer to one request. Plain data; rendering it is output/'s
// business.
struct ServerPrediction {
  // The server answers 101 Switching Protocols.
  bool accepts = false;
  // The status it answers with; absent when it closes the connection without a response or
  // never answers (`waits`).
  std::optional<unsigned> status;
  // No answer and no close: the server waits for the rest of a head that never comes.
  bool waits = false;
  // The status line, when it answers.
  std::string status_line;
  // The library's text that says why it refused (placeholders filled), and where it puts it.
  std::string message;
  MessageIn message_in = MessageIn::none;
  // The rule that decided, kebab-case: the engine's diagnostic id where the server refuses for
  // the RFC's reason, else the server's own rule (`connection-whole-value`, `origin-not-same`,
  // `line-too-long`, ...). Empty for a clean 101.
  std::string_view cause;
  // The RFC allows the request on the point the server refuses it: "your server refuses this;
  // the RFC allows it".
  bool rfc_allows = true;
  // The model settles the outcome; false where it depends on what the profile does not model.
  bool claimed = true;
  // For a 101: its Sec-WebSocket-Accept is the hash of the request's one key (RFC 6455 4.2.2),
  // and when it is not, why (`accept-over-joined-keys`, ...).
  bool accept_valid = true;
  std::string_view accept_flaw;
};

} // namespace wsh::servers
