#include "output/VerifyRenderer.hpp"

#include "output/JsonRenderer.hpp"
#include "output/JsonWriter.hpp"
#include "output/TextRenderer.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace wsh::output {

namespace {

using diagnostics::Severity;

std::string plural(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

// The first error the RFC's verdict rests on, in the checks' order (the HRESULT's).
const diagnostics::Diagnostic* deciding_error(const handshake::ClientOutcome& outcome) {
  const auto& found = outcome.diagnostics;
  const auto error = std::find_if(found.begin(), found.end(), [&](const auto& diagnostic) {
    return diagnostic.severity == Severity::error &&
           diagnostics::describe(diagnostic.id).hresult.value == outcome.hresult.value;
  });
  return error == found.end() ? nullptr : &*error;
}

// Whether the request is worth showing beside the response: a refusal it may explain, or a
// rule it breaks itself.
bool shows_request(const handshake::ClientOutcome& outcome,
                   const std::vector<diagnostics::Diagnostic>& request_rules) {
  const bool refused = outcome.status && *outcome.status != 101;
  return !request_rules.empty() &&
         (refused || std::any_of(request_rules.begin(), request_rules.end(),
                                 [](const auto& d) { return d.severity == Severity::error; }));
}

} // namespace

bool opens(const ClientVerdict& verdict, const handshake::ClientOutcome& outcome) {
  return verdict.prediction == nullptr ? outcome.opens : verdict.prediction->opens;
}

std::vector<diagnostics::Diagnostic> request_rule_diagnostics(const handshake::Outcome& request) {
  std::vector<diagnostics::Diagnostic> rules;
  for (const diagnostics::Diagnostic& diagnostic : request.diagnostics) {
    // Ids below 60 are the request's own rules (reading it, RFC 6455 4.2.1, its framing); the
    // rest judge the server's choices, which verify does not make.
    if (static_cast<unsigned>(diagnostic.id) < 60 && diagnostic.severity != Severity::note) {
      rules.push_back(diagnostic);
    }
  }
  return rules;
}

std::string render_verify_diagnostics(const handshake::ClientOutcome& outcome,
                                      const VerifySources& sources,
                                      const std::vector<ClientVerdict>& verdicts, bool color) {
  std::string out;
  append_text_diagnostics(out, outcome.diagnostics, sources.response, color);
  const std::vector<diagnostics::Diagnostic> request_rules =
      request_rule_diagnostics(outcome.request);
  if (shows_request(outcome, request_rules)) {
    append_text_diagnostics(out, request_rules, sources.request, color);
  }
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
    errors += diagnostic.severity == Severity::error ? 1 : 0;
    warnings += diagnostic.severity == Severity::warning ? 1 : 0;
  }
  std::size_t clients = 0;
  std::size_t open = 0;
  for (const ClientVerdict& verdict : verdicts) {
    if (verdict.prediction != nullptr) {
      ++clients;
      open += verdict.prediction->opens ? 1 : 0;
    }
  }
  const std::string tally = clients == 0
                                ? std::string()
                                : fmt::format("; {} of {} open", open, plural(clients, "client"));
  if (outcome.opens) {
    out += fmt::format("ws-handshake: verify: the connection opens by RFC 6455 4.1{}{}\n",
                       warnings > 0 ? fmt::format(" with {}", plural(warnings, "warning")) : "",
                       tally);
  } else {
    out += fmt::format("ws-handshake: verify: the connection fails by RFC 6455 4.1: {}, {} ({} "
                       "0x{:08X}){}\n",
                       plural(errors, "error"), plural(warnings, "warning"), outcome.hresult.name,
                       outcome.hresult.value, tally);
  }
  return out;
}

std::string render_verify_clients(const handshake::ClientOutcome& outcome,
                                  const std::vector<ClientVerdict>& verdicts) {
  std::string out;
  for (const ClientVerdict& verdict : verdicts) {
    out += verdict.name;
    const clients::Prediction* prediction = verdict.prediction;
    if (prediction == nullptr) {
      const diagnostics::Diagnostic* error = deciding_error(outcome);
      if (outcome.opens || error == nullptr) {
        out += ": opens\n";
        continue;
      }
      out += ": fails: ";
      util::append_escaped(out, error->message);
      out += fmt::format(" [{}]\n", diagnostics::describe(error->id).name);
      continue;
    }
    if (!prediction->claimed) {
      out += ": unknown: ";
      if (!prediction->redirect_to.empty()) {
        out += "it follows the redirect to ";
        util::append_escaped(out, prediction->redirect_to);
        out += "; check that response too\n";
      } else {
        out += "its behaviour here is not known\n";
      }
      continue;
    }
    if (prediction->opens) {
      out += prediction->message.empty() ? ": opens" : ": opens, then fails: ";
    } else {
      out += prediction->waits ? ": fails, once the server closes the connection: " : ": fails: ";
    }
    util::append_escaped_text(out, prediction->message);
    out += '\n';
  }
  return out;
}

void write_verify_members(JsonWriter& json, const ResponseJudgement& judged) {
  const handshake::ClientOutcome& outcome = judged.outcome;
  const VerifySources& sources = judged.sources;
  const std::vector<ClientVerdict>& verdicts = judged.verdicts;
  const bool all_open = std::all_of(verdicts.begin(), verdicts.end(),
                                    [&](const auto& verdict) { return opens(verdict, outcome); });
  json.member("ok", all_open);
  json.member("opens", outcome.opens);
  json.key("status");
  if (outcome.status) {
    json.number(*outcome.status);
  } else {
    json.null();
  }
  json.key("reason");
  if (outcome.response) {
    json.string(outcome.response->reason);
  } else {
    json.null();
  }
  json.key("hresult");
  json.begin_object();
  json.member("name", outcome.hresult.name);
  const std::array<char, 10> value = hresult_text(outcome.hresult.value);
  json.member("value", std::string_view(value.data(), value.size()));
  json.end_object();
  json.key("accept");
  if (outcome.request.sec_websocket_accept.empty()) {
    json.null();
  } else {
    json.begin_object();
    json.member("key", outcome.request.sec_websocket_key);
    json.member("expected", outcome.request.sec_websocket_accept.view());
    json.end_object();
  }
  json.key("negotiated");
  json.begin_object();
  json.key("subprotocol");
  json.string_or_null(outcome.selected_subprotocol.value_or(""));
  json.key("extensions");
  json.begin_array();
  for (const std::string& extension : outcome.selected_extensions) {
    json.string(extension);
  }
  json.end_array();
  json.end_object();
  json.key("offers");
  json.begin_object();
  json.key("subprotocols");
  json.begin_array();
  for (const std::string_view name : outcome.request.offered_subprotocols) {
    json.string(name);
  }
  json.end_array();
  json.key("extensions");
  json.begin_array();
  for (const handshake::Extension& offer : outcome.request.offered_extensions) {
    json.string(offer.text);
  }
  json.end_array();
  json.end_object();
  json.member("input", sources.response.name);
  json.member("request_input", sources.request.name);
  json.key("response");
  if (outcome.response) {
    const http::Response& response = *outcome.response;
    json.begin_object();
    json.member("status_line", response.status_line);
    json.member("header_bytes", std::uint64_t{response.header_size});
    json.member("bytes_after_headers", std::uint64_t{response.bytes_after_headers()});
    json.key("fields");
    json.begin_array();
    for (const http::Field& field : response.fields) {
      json.begin_object();
      json.member("name", field.name);
      json.member("value", field.value);
      json.member("line",
                  std::uint64_t{sources.response.locate(response.offset_of(field.name)).line});
      json.end_object();
    }
    json.end_array();
    json.end_object();
  } else {
    json.null();
  }
  json.key("request");
  if (outcome.request.request) {
    write_request_json(json, *outcome.request.request, sources.request);
  } else {
    json.null();
  }
  json.key("diagnostics");
  json.begin_array();
  for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
    write_diagnostic_json(json, diagnostic, sources.response);
  }
  json.end_array();
  json.key("request_diagnostics");
  json.begin_array();
  for (const diagnostics::Diagnostic& diagnostic : request_rule_diagnostics(outcome.request)) {
    write_diagnostic_json(json, diagnostic, sources.request);
  }
  json.end_array();
  json.key("clients");
  json.begin_object();
  for (const ClientVerdict& verdict : verdicts) {
    json.key(verdict.name);
    json.begin_object();
    json.member("opens", opens(verdict, outcome));
    const clients::Prediction* prediction = verdict.prediction;
    json.member("claimed", prediction == nullptr || prediction->claimed);
    json.key("message");
    std::optional<diagnostics::DiagnosticId> id;
    if (prediction == nullptr) {
      const diagnostics::Diagnostic* error = deciding_error(outcome);
      json.string_or_null(error != nullptr && !outcome.opens ? error->message : "");
      if (error != nullptr && !outcome.opens) {
        id = error->id;
      }
    } else {
      json.string_or_null(prediction->message);
      id = prediction->diagnostic;
    }
    json.key("diagnostic");
    json.string_or_null(id ? diagnostics::describe(*id).name : "");
    json.end_object();
  }
  json.end_object();
}

std::string render_verify_json(const handshake::ClientOutcome& outcome,
                               const VerifySources& sources,
                               const std::vector<ClientVerdict>& verdicts) {
  std::string out;
  JsonWriter json(out, JsonLayout::pretty);
  json.begin_object();
  json.member("schema_version", k_json_schema_version);
  json.member("command", "verify");
  write_verify_members(json, {outcome, sources, verdicts});
  json.end_object();
  json.finish();
  out += '\n';
  return out;
}

} // namespace wsh::output
