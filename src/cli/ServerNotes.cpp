#include "cli/ServerNotes.hpp"

#include "diagnostics/Diagnostic.hpp"
#include "http/Grammar.hpp"
#include "http/Request.hpp"
#include "servers/Predict.hpp"
#include "servers/Registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

namespace wsh::cli {

namespace {

// The field a server's rule is about, by the start of its cause; "" for the request line.
// `duplicate-` is dropped first: a duplicate Origin is about Origin.
std::string_view field_of_cause(std::string_view cause) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> k_fields{{
      {"http-version", ""},
      {"proxy-connection", "Proxy-Connection"},
      {"connection", "Connection"},
      {"upgrade", "Upgrade"},
      {"origin", "Origin"},
      {"host", "Host"},
      {"key", "Sec-WebSocket-Key"},
      {"accept-over", "Sec-WebSocket-Key"},
      {"version", "Sec-WebSocket-Version"},
      {"subprotocol", "Sec-WebSocket-Protocol"},
      {"extension", "Sec-WebSocket-Extensions"},
      {"ext-", "Sec-WebSocket-Extensions"},
      {"deflate", "Sec-WebSocket-Extensions"},
      {"permessage-deflate", "Sec-WebSocket-Extensions"},
      {"expectation", "Expect"},
  }};
  if (cause.starts_with("duplicate-")) {
    cause.remove_prefix(std::string_view("duplicate-").size());
  }
  for (const auto& [prefix, field] : k_fields) {
    if (cause.starts_with(prefix)) {
      return field;
    }
  }
  if (cause.starts_with("content-length") || cause.starts_with("repeated-content-length")) {
    return "Content-Length";
  }
  if (cause.starts_with("transfer-")) {
    return "Transfer-Encoding";
  }
  return "";
}

// Where the note points: the first line of the field the cause names (the longest line for a
// per-line limit), else the request line.
std::pair<std::size_t, std::string_view> place_of(std::string_view cause,
                                                  const http::Request& request) {
  if (cause == "line-too-long") {
    std::pair<std::size_t, std::string_view> longest{0, {}};
    std::size_t longest_size = request.offset_of(request.version) + request.version.size();
    for (const http::Field& field : request.fields) {
      const std::size_t start = request.offset_of(field.name);
      const std::size_t size = request.offset_of(field.value) + field.value.size() - start;
      if (size > longest_size) {
        longest_size = size;
        longest = {start, field.name};
      }
    }
    return longest;
  }
  const std::string_view wanted = field_of_cause(cause);
  if (!wanted.empty()) {
    for (const http::Field& field : request.fields) {
      if (http::iequals(field.name, wanted)) {
        return {request.offset_of(field.name), field.name};
      }
    }
  }
  return {0, {}};
}

std::string join_names(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      out += i + 1 == names.size() ? (names.size() > 2 ? ", and " : " and ") : ", ";
    }
    out += names[i];
  }
  return out;
}

std::string note_message(const servers::CompatibilityNote& note) {
  const servers::ServerPrediction& first = note.first;
  const bool one = note.servers.size() == 1;
  std::string message;
  if (first.accepts) {
    message = fmt::format("{} {} 101 with a Sec-WebSocket-Accept the client rejects ({})",
                          join_names(note.servers), one ? "answers" : "answer", note.cause);
    return message;
  }
  message = fmt::format("{} {} this request, which the RFC allows ({})", join_names(note.servers),
                        one ? "refuses" : "refuse", note.cause);
  const std::string_view name = note.servers.front();
  if (first.waits) {
    message += fmt::format("; {} waits without answering", name);
  } else if (!first.status) {
    message += fmt::format("; {} closes the connection", name);
  } else {
    message += fmt::format("; {} answers {}", name, first.status_line);
  }
  if (!first.message.empty() && first.message_in != servers::MessageIn::status_line) {
    message += fmt::format(", its {}: {}", output::to_string(first.message_in), first.message);
  }
  if (!first.claimed) {
    message += " (uncertain: it depends on what the profile does not model)";
  }
  return message;
}

} // namespace

std::string list_servers() {
  std::size_t width = 0;
  for (const servers::ServerProfile& profile : servers::server_profiles()) {
    width = std::max(width, profile.name.size());
  }
  std::string out;
  for (const servers::ServerProfile& profile : servers::server_profiles()) {
    out += fmt::format("{:<{}} {} {}; {}\n", profile.name, width, profile.library, profile.version,
                       profile.settings);
  }
  return out;
}

std::vector<output::ServerVerdict> predict_servers(const std::vector<std::string>& names,
                                                   std::string_view bytes) {
  std::vector<output::ServerVerdict> verdicts;
  verdicts.reserve(names.size());
  for (const std::string& name : names) {
    const servers::ServerProfile* profile = servers::find_server(name);
    if (profile != nullptr) {
      verdicts.push_back({profile, servers::predict(*profile, bytes)});
    }
  }
  return verdicts;
}

std::vector<diagnostics::Diagnostic> server_notes(const handshake::Outcome& outcome,
                                                  std::string_view bytes) {
  std::vector<diagnostics::Diagnostic> diagnostics;
  if (!outcome.request || !outcome.accepted) {
    return diagnostics;
  }
  for (const servers::CompatibilityNote& note : servers::compatibility_notes(bytes)) {
    const auto [offset, field] = place_of(note.cause, *outcome.request);
    diagnostics.push_back(diagnostics::make_diagnostic(
        diagnostics::DiagnosticId::refused_by_servers, offset, note_message(note), field));
  }
  return diagnostics;
}

void merge_diagnostics(std::vector<diagnostics::Diagnostic>& diagnostics,
                       std::vector<diagnostics::Diagnostic> notes) {
  if (notes.empty()) {
    return;
  }
  std::move(notes.begin(), notes.end(), std::back_inserter(diagnostics));
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const diagnostics::Diagnostic& a, const diagnostics::Diagnostic& b) {
                     return a.offset < b.offset;
                   });
}

void add_server_notes(handshake::Outcome& outcome, std::string_view bytes) {
  merge_diagnostics(outcome.diagnostics, server_notes(outcome, bytes));
}

} // namespace wsh::cli
