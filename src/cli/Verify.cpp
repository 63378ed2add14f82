#include "cli/Verify.hpp"

#include "cli/ExitStatus.hpp"
#include "cli/InputReader.hpp"
#include "cli/Report.hpp"
#include "clients/Predict.hpp"
#include "clients/Registry.hpp"
#include "handshake/ClientHandshake.hpp"
#include "http/HeaderEnd.hpp"
#include "output/CiRenderer.hpp"
#include "output/VerifyRenderer.hpp"
#include "version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace wsh::cli {

namespace {

// The bytes of both directions: the request the client sent, then the server's response.
struct Exchange {
  std::string request;
  std::string response;
  std::string request_name;
  std::string response_name;
  // Where the response starts in an --exchange file, so positions name that file's lines.
  std::size_t response_offset = 0;
  std::size_t response_first_line = 1;
};

std::string display_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

std::optional<std::string> read_into(const std::string& path, std::size_t limit,
                                     std::string& bytes) {
  auto input = read_request_input(path, limit);
  if (!input) {
    return input.error().message;
  }
  bytes = std::move(input->bytes);
  return std::nullopt;
}

std::optional<std::string> read_exchange(const Options& options, Exchange& exchange) {
  const std::size_t limit = options.parse.max_header_bytes;
  if (!options.exchange_path.empty()) {
    std::string bytes;
    // The request's head, then at most one more read: the response follows in the same file.
    if (auto error = read_into(options.exchange_path, 2 * limit, bytes)) {
      return error;
    }
    const std::size_t end = http::find_header_end(bytes);
    const std::size_t split = end == std::string::npos ? bytes.size() : end;
    exchange.request = bytes.substr(0, split);
    exchange.response = bytes.substr(split);
    exchange.request_name = exchange.response_name = display_name(options.exchange_path);
    exchange.response_offset = split;
    exchange.response_first_line =
        1 + static_cast<std::size_t>(std::count(
                bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(split), '\n'));
    return std::nullopt;
  }
  if (options.request_path == "-" && options.input_path == "-") {
    return "the request and the response cannot both come from standard input; name a file "
           "for one of them";
  }
  if (auto error = read_into(options.request_path, limit, exchange.request)) {
    return error;
  }
  if (auto error = read_into(options.input_path, limit, exchange.response)) {
    return error;
  }
  exchange.request_name = display_name(options.request_path);
  exchange.response_name = display_name(options.input_path);
  return std::nullopt;
}

bool unreadable(const std::optional<http::ParseErrorKind>& failure) {
  return failure && *failure != http::ParseErrorKind::malformed;
}

} // namespace

std::string list_clients() {
  std::string out = "rfc                RFC 6455's own verdict (section 4.1)\n";
  for (const clients::ClientProfile* profile : clients::client_profiles()) {
    out += fmt::format("{:<18} {}\n", profile->name, profile->product);
  }
  return out;
}

int run_verify(const Options& options) {
  Exchange exchange;
  if (auto error = read_exchange(options, exchange)) {
    print_error(*error);
    return k_exit_input_error;
  }
  handshake::ClientOutcome outcome =
      handshake::verify_response(exchange.request, exchange.response, options.parse);
  if (options.redact) {
    // The outcome shown is the redacted bytes', which give the same findings at the same places.
    auto redacted = redact_exchange(exchange.request, exchange.response, options);
    if (!redacted) {
      print_error(redacted.error());
      return k_exit_input_error;
    }
    exchange.request = std::move(redacted->request);
    exchange.response = std::move(redacted->response);
    outcome = handshake::verify_response(exchange.request, exchange.response, options.parse);
  }

  // Each selected client: rfc is the outcome's own verdict; the others are predicted.
  std::vector<clients::Prediction> predictions;
  predictions.reserve(options.clients.size());
  std::vector<output::ClientVerdict> verdicts;
  for (const std::string& name : options.clients) {
    if (name == "rfc") {
      verdicts.push_back({"rfc", nullptr});
      continue;
    }
    const clients::ClientProfile* profile = clients::find_client(name);
    predictions.push_back(predict_client(*profile, outcome));
    verdicts.push_back({profile->name, &predictions.back()});
  }

  int status = k_exit_accepted;
  if (unreadable(outcome.read_failure) || unreadable(outcome.request.read_failure)) {
    status = k_exit_input_error;
  } else if (std::any_of(verdicts.begin(), verdicts.end(),
                         [&](const auto& verdict) { return !output::opens(verdict, outcome); })) {
    status = k_exit_rejected;
  }
  if (options.quiet) {
    return status;
  }
  const output::VerifySources sources{{exchange.request_name, exchange.request},
                                      {exchange.response_name, exchange.response,
                                       exchange.response_first_line, exchange.response_offset}};
  std::string out;
  std::string err;
  // The diagnostics printed: those at --min-severity or worse, of the response and, as the
  // text format shows it, of the request.
  handshake::ClientOutcome shown = outcome;
  shown.diagnostics = shown_diagnostics(outcome.diagnostics, options);
  shown.request.diagnostics = shown_diagnostics(outcome.request.diagnostics, options);
  const auto request_rules = output::request_rule_diagnostics(shown.request);
  if (options.format == Format::gcc || options.format == Format::github) {
    const auto render = options.format == Format::gcc ? output::render_gcc : output::render_github;
    render(out, shown.diagnostics, sources.response);
    render(out, request_rules, sources.request);
  } else if (options.format == Format::sarif) {
    output::SarifLog sarif(k_version);
    sarif.add(shown.diagnostics, sources.response);
    sarif.add(request_rules, sources.request);
    sarif.finish(out);
  } else if (options.format == Format::json) {
    out = output::render_verify_json(shown, sources, verdicts);
  } else {
    out = output::render_verify_clients(outcome, verdicts);
    err = output::render_verify_diagnostics(shown, sources, verdicts, use_color(options.color));
  }
  const bool written = write_all(STDOUT_FILENO, out);
  const int write_error = errno;
  write_all(STDERR_FILENO, err);
  if (!written && write_error != EPIPE) {
    print_error(fmt::format("cannot write to standard output: {}", std::strerror(write_error)));
    return k_exit_input_error;
  }
  return status;
}

} // namespace wsh::cli
