#include "cli/Report.hpp"

#include "cli/ExitStatus.hpp"
#include "clients/Predict.hpp"
#include "handshake/ClientHandshake.hpp"
#include "handshake/ServerHandshake.hpp"
#include "output/HttpRenderer.hpp"
#include "output/Redaction.hpp"
#include "output/TextRenderer.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <unistd.h>

namespace wsh::cli {

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void print_error(std::string_view message) {
  write_all(STDERR_FILENO, fmt::format("ws-handshake: error: {}\n", message));
}

// NO_COLOR (no-color.org) turns automatic colour off; --color=always still wins.
bool use_color(ColorWhen when) {
  if (when != ColorWhen::auto_detect) {
    return when == ColorWhen::always;
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) == 1 && (no_color == nullptr || *no_color == '\0') &&
         (term == nullptr || std::string_view(term) != "dumb");
}

int exit_status_of(const handshake::Outcome& outcome, const Options& options) {
  if (outcome.read_failure && *outcome.read_failure != http::ParseErrorKind::malformed) {
    return k_exit_input_error;
  }
  if (!options.fail_on) {
    return k_exit_accepted;
  }
  const bool fails = std::any_of(outcome.diagnostics.begin(), outcome.diagnostics.end(),
                                 [&](const diagnostics::Diagnostic& diagnostic) {
                                   return diagnostic.severity >= *options.fail_on;
                                 });
  return fails ? k_exit_rejected : k_exit_accepted;
}

int exit_status_with_servers(const handshake::Outcome& outcome, const Options& options,
                             std::span<const output::ServerVerdict> servers) {
  const int status = exit_status_of(outcome, options);
  if (servers.empty() || status == k_exit_input_error) {
    return status;
  }
  const bool all_open =
      std::all_of(servers.begin(), servers.end(), [](const output::ServerVerdict& verdict) {
        return output::opens(verdict.prediction);
      });
  return all_open ? k_exit_accepted : k_exit_rejected;
}

std::vector<diagnostics::Diagnostic>
shown_diagnostics(const std::vector<diagnostics::Diagnostic>& diagnostics, const Options& options) {
  std::vector<diagnostics::Diagnostic> shown;
  for (const diagnostics::Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity >= options.min_severity) {
      shown.push_back(diagnostic);
    }
  }
  return shown;
}

util::Expected<RedactedRequest, std::string> redact_request(std::string_view input,
                                                            const Options& options) {
  const auto credentials =
      output::find_credentials(input, output::RedactionScope{options.redact_key});
  RedactedRequest redacted{output::redact(input, credentials), options.choices};
  const auto redact_choice = [&](std::string& choice) {
    for (const output::Credential& credential : credentials) {
      if (input.substr(credential.offset, credential.size) == choice) {
        choice = output::placeholder_for(choice);
      }
    }
  };
  if (redacted.choices.subprotocol) {
    redact_choice(*redacted.choices.subprotocol);
  }
  for (std::string& name : redacted.choices.accept_protocols) {
    redact_choice(name);
  }
  const handshake::Outcome original =
      handshake::begin_server_handshake(input, options.choices, options.parse);
  const handshake::Outcome shown =
      handshake::begin_server_handshake(redacted.bytes, redacted.choices, options.parse);
  const bool same_diagnostics = std::equal(
      original.diagnostics.begin(), original.diagnostics.end(), shown.diagnostics.begin(),
      shown.diagnostics.end(), [](const auto& a, const auto& b) {
        return a.id == b.id && a.offset == b.offset && a.severity == b.severity;
      });
  if (original.accepted != shown.accepted || original.status != shown.status ||
      original.hresult.value != shown.hresult.value || !same_diagnostics) {
    return util::unexpected(std::string(
        "--redact would change the diagnosis of this request (a credential's placeholder "
        "matters to a rule); run without --redact, or remove the credential by hand"));
  }
  return redacted;
}

void render_outcome(const handshake::Outcome& outcome, const output::Source& source,
                    const Options& options, bool color, std::string& out, std::string& err,
                    const output::BatchPosition* position, output::SarifLog* sarif,
                    std::span<const output::ServerVerdict> servers,
                    const output::ResponseJudgement* response) {
  if (options.min_severity > diagnostics::Severity::note) {
    handshake::Outcome shown = outcome;
    shown.diagnostics = shown_diagnostics(outcome.diagnostics, options);
    Options unfiltered = options;
    unfiltered.min_severity = diagnostics::Severity::note;
    render_outcome(shown, source, unfiltered, color, out, err, position, sarif, servers, response);
    return;
  }
  switch (options.format) {
  case Format::gcc:
    output::render_gcc(out, outcome.diagnostics, source);
    return;
  case Format::github:
    output::render_github(out, outcome.diagnostics, source);
    return;
  case Format::sarif:
    if (sarif != nullptr) {
      sarif->add(outcome.diagnostics, source);
      sarif->drain(out);
    }
    return;
  default:
    break;
  }
  if (!renders_lines(outcome, options)) {
    output::render_http(outcome, out); // the bytes alone: the usual result of a batch
    output::append_text_servers(err, servers, position != nullptr ? position->index : 0);
    return;
  }
  if (options.format == Format::json) {
    output::render_json_to(out, outcome, source,
                           position != nullptr ? output::JsonLayout::line
                                               : output::JsonLayout::pretty,
                           position, servers, response);
    return;
  }
  if (options.verbose && outcome.request) {
    err += output::render_text_negotiation(outcome, source);
  }
  if (!outcome.diagnostics.empty()) {
    err += output::render_text_diagnostics(outcome, source, color, position == nullptr);
  }
  output::append_text_servers(err, servers, position != nullptr ? position->index : 0);
  if (options.format == Format::http) {
    output::render_http(outcome, out);
    return;
  }
  if (position != nullptr) {
    // Text in a batch: a comment line opens each result, a blank line closes it.
    if (position->har_entry) {
      // An entry that records no URL (a hand-made HAR) is named by its position alone.
      out += fmt::format("# {} (entry {}", position->index, *position->har_entry);
      if (!position->url.empty()) {
        out += ", ";
        util::append_escaped(out, position->url);
      }
      out += "): ";
    } else {
      out += fmt::format("# {} (byte {}, line {}): ", position->index, position->offset,
                         source.first_line);
    }
    if (outcome.accepted) {
      out += "accepted\n";
    } else {
      fmt::format_to(std::back_inserter(out), "refused, {} {} ({})\n", outcome.status,
                     handshake::reason_phrase(outcome.status), outcome.hresult.name);
    }
    out += output::render_text_headers(outcome);
    out += '\n';
    return;
  }
  out += output::render_text_headers(outcome);
}

clients::Prediction predict_client(const clients::ClientProfile& profile,
                                   const handshake::ClientOutcome& outcome) {
  if (outcome.request.request && outcome.response) {
    return clients::predict(profile, *outcome.request.request, *outcome.response, "");
  }
  clients::Prediction unclaimed;
  unclaimed.claimed = false;
  return unclaimed;
}

RedactedExchange redact_heads(std::string_view request, std::string_view response,
                              const Options& options) {
  const output::RedactionScope scope{options.redact_key};
  RedactedExchange redacted{output::redact(request, output::find_credentials(request, scope)),
                            output::redact(response, output::find_credentials(response, scope))};
  if (options.redact_key) {
    output::redact_accept(request, response, redacted.request, redacted.response);
  }
  return redacted;
}

util::Expected<RedactedExchange, std::string>
redact_exchange(std::string_view request, std::string_view response, const Options& options) {
  RedactedExchange redacted = redact_heads(request, response, options);
  const handshake::ClientOutcome original =
      handshake::verify_response(request, response, options.parse);
  const handshake::ClientOutcome shown =
      handshake::verify_response(redacted.request, redacted.response, options.parse);
  const auto same = [](const auto& a, const auto& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
      return x.id == y.id && x.offset == y.offset;
    });
  };
  if (shown.opens != original.opens || !same(shown.diagnostics, original.diagnostics) ||
      !same(shown.request.diagnostics, original.request.diagnostics)) {
    return util::unexpected(std::string(
        "--redact would change the findings on the response (a credential's placeholder "
        "matters to a rule); run without --redact, or remove the credential by hand"));
  }
  return redacted;
}

} // namespace wsh::cli
