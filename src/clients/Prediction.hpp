#pragma once

#include "diagnostics/Catalogue.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::clients {

// What one client is predicted to do with a response: open or fail, and the exact text it
// prints when it fails (RFC 6455 4.1 leaves the wording to each client). Plain data; rendering
// it is output/'s business.
struct Prediction {
  bool opens = false;
  // The model settles the outcome. False where it depends on what it cannot see (a redirect
  // followed to another response).
  bool claimed = true;
  // The client's text, placeholders filled in: why it failed, or, for a connection that opens,
  // what it reports after opening (a bad frame right after the head); empty otherwise.
  std::string message;
  // The catalogue's closest diagnostic for the cause, when there is one.
  std::optional<diagnostics::DiagnosticId> diagnostic;
  // The profile rule that decided, as `area.rule` (e.g. `field-line.obs-fold`), for evidence.
  std::string_view rule;
  // The client sends nothing and fails only when the server closes the connection.
  bool waits = false;
  // The Location followed, when the client follows a redirect (claimed is false then).
  std::string redirect_to;
  // The negotiated subprotocol and extensions (each `name; param; param=value`), when it opens.
  std::optional<std::string> subprotocol;
  std::vector<std::string> extensions;
};

} // namespace wsh::clients
