#include "servers/Predict.hpp"

#include "diagnostics/Catalogue.hpp"
#include "handshake/ServerHandshake.hpp"
#include "http/Grammar.hpp"
#include "servers/Checks.hpp"
#include "servers/Reading.hpp"
#include "servers/Registry.hpp"

#include <algorithm>
#include <variant>

namespace wsh::servers {

namespace {

using diagnostics::DiagnosticId;

// The rules the RFC breaks in this request: the engine's error diagnostics, size limits aside
// (RFC 9112 leaves those to each server).
std::vector<DiagnosticId> rfc_errors(std::string_view request) {
  http::ParseOptions options;
  options.max_header_bytes = request.size() + 16;
  options.max_fields = request.size() + 16;
  const handshake::Outcome outcome =
      handshake::begin_server_handshake(request, handshake::ServerChoices{}, options);
  std::vector<DiagnosticId> errors;
  for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
    if (diagnostic.severity == diagnostics::Severity::error) {
      errors.push_back(diagnostic.id);
    }
  }
  return errors;
}

// Fills the prediction for a refusal: the answer, its texts, and whether the RFC agrees.
ServerPrediction refused(const Refusal& refusal, const MessageValues& values,
                         std::string_view cause, std::span<const DiagnosticId> rfc,
                         const std::vector<DiagnosticId>& errors) {
  ServerPrediction prediction;
  prediction.accepts = false;
  prediction.message = render_message(refusal.message, values);
  if (refusal.answer == Answer::respond) {
    MessageValues with_message = values;
    with_message.message = prediction.message;
    prediction.status = refusal.status;
    prediction.status_line = render_message(refusal.status_line, with_message);
  }
  prediction.waits = refusal.answer == Answer::wait;
  prediction.message_in = refusal.message.empty() ? MessageIn::none : refusal.where;
  prediction.cause = cause;
  for (const DiagnosticId id : rfc) {
    if (std::find(errors.begin(), errors.end(), id) != errors.end()) {
      prediction.cause = diagnostics::describe(id).name;
      prediction.rfc_allows = false;
      break;
    }
  }
  return prediction;
}

// The key the server hashes for its Sec-WebSocket-Accept, and the one RFC 6455 4.2.2 means.
bool accept_valid(const ServerProfile& profile, const ServerRequest& request) {
  const std::optional<std::string> rfc_key =
      field_value(request, "Sec-WebSocket-Key", Lines::first);
  switch (profile.accept_over) {
  case AcceptOver::key:
    return true;
  case AcceptOver::joined: {
    const std::optional<std::string> hashed =
        field_value(request, "Sec-WebSocket-Key", profile.accept_lines);
    return !hashed || !rfc_key || *hashed == *rfc_key;
  }
  case AcceptOver::untrimmed:
    return !rfc_key || http::trim_ows(*rfc_key) == *rfc_key;
  }
  return true;
}

} // namespace

namespace {

// predict() with the engine's verdict on the request already at hand.
// The request as one HTTP layer read it, or its refusal while reading.
using LayerRead = std::variant<ServerRequest, ReadRefusal>;

// What `profile` answers to the request as its HTTP layer read it (`read`).
ServerPrediction predict_read(const ServerProfile& profile, const LayerRead& read,
                              const std::vector<DiagnosticId>& errors) {
  if (const auto* refusal = std::get_if<ReadRefusal>(&read)) {
    ServerPrediction prediction =
        refused(refusal->refusal, refusal->values, refusal->cause, refusal->rfc, errors);
    prediction.claimed = refusal->claimed;
    return prediction;
  }
  const auto& server_request = std::get<ServerRequest>(read);
  MessageValues values;
  values.method = server_request.method;
  values.target = server_request.target;
  values.version = server_request.version;
  values.request_line = server_request.request_line;
  values.http = server_request.version == "HTTP/1.0" ? "HTTP/1.0" : "HTTP/1.1";
  values.host = field_value(server_request, "Host", Lines::first);
  values.origin = field_value(server_request, "Origin", Lines::first);

  for (const std::span<const Step> steps :
       {profile.http->request_line_steps, profile.http->field_steps, profile.steps}) {
    for (const Step& step : steps) {
      const CheckResult result = run_check(step, server_request, values);
      if (!result.passed) {
        ServerPrediction prediction =
            refused(step.refusal, values, result.cause.empty() ? step.cause : result.cause,
                    step.rfc, errors);
        prediction.claimed = server_request.claimed;
        return prediction;
      }
    }
  }
  ServerPrediction prediction;
  prediction.accepts = true;
  prediction.status = 101;
  prediction.status_line = std::string(profile.switching_status_line);
  prediction.claimed = server_request.claimed;
  prediction.accept_valid = accept_valid(profile, server_request);
  if (!prediction.accept_valid) {
    prediction.accept_flaw = profile.accept_flaw_cause;
  }
  return prediction;
}

} // namespace

ServerPrediction predict(const ServerProfile& profile, std::string_view request) {
  return predict_read(profile, read_request(*profile.http, request), rfc_errors(request));
}

std::vector<CompatibilityNote> compatibility_notes(std::span<const ServerProfile> profiles,
                                                   std::string_view request) {
  std::vector<CompatibilityNote> notes;
  const std::vector<DiagnosticId> errors = rfc_errors(request);
  if (!errors.empty()) {
    return notes;
  }
  // Servers that share an HTTP layer (Node's, Go's) read the request alike: once per layer.
  std::vector<std::pair<const HttpReading*, LayerRead>> reads;
  for (const ServerProfile& profile : profiles) {
    auto read = std::find_if(reads.begin(), reads.end(),
                             [&](const auto& done) { return done.first == profile.http; });
    if (read == reads.end()) {
      reads.emplace_back(profile.http, read_request(*profile.http, request));
      read = reads.end() - 1;
    }
    const ServerPrediction prediction = predict_read(profile, read->second, errors);
    // A 101 with a wrong Sec-WebSocket-Accept fails the client as surely as a refusal.
    const std::string_view cause = prediction.accepts ? prediction.accept_flaw : prediction.cause;
    if ((prediction.accepts && prediction.accept_valid) || !prediction.rfc_allows) {
      continue;
    }
    auto note = std::find_if(notes.begin(), notes.end(), [&](const CompatibilityNote& candidate) {
      return candidate.cause == cause;
    });
    if (note == notes.end()) {
      notes.push_back(CompatibilityNote{cause, {}, prediction});
      note = notes.end() - 1;
    }
    note->servers.push_back(profile.name);
  }
  return notes;
}

std::vector<CompatibilityNote> compatibility_notes(std::string_view request) {
  return compatibility_notes(server_profiles(), request);
}

} // namespace wsh::servers
