#include "cli/Run.hpp"

#include "cli/Batch.hpp"
#include "cli/ExitStatus.hpp"
#include "cli/InputReader.hpp"
#include "cli/Options.hpp"
#include "cli/Report.hpp"
#include "cli/Request.hpp"
#include "cli/ServerNotes.hpp"
#include "cli/Verify.hpp"
#include "diagnostics/Catalogue.hpp"
#include "handshake/ServerHandshake.hpp"
#include "output/HttpRenderer.hpp"
#include "output/JsonRenderer.hpp"
#include "output/TextRenderer.hpp"
#include "version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace wsh::cli {

namespace {

std::string list_diagnostics() {
  std::size_t width = 0;
  for (const diagnostics::CatalogueEntry& entry : diagnostics::catalogue()) {
    width = std::max(width, entry.name.size());
  }
  std::string out;
  for (const diagnostics::CatalogueEntry& entry : diagnostics::catalogue()) {
    out += fmt::format("{:<{}} {:<8} {}\n", entry.name, width,
                       diagnostics::to_string(entry.severity), entry.summary);
  }
  return out;
}

int run_handshake(Options& options) {
  auto input = read_request_input(options.input_path, options.parse.max_header_bytes);
  if (!input) {
    print_error(input.error().message);
    return k_exit_input_error;
  }
  if (!options.input_format) {
    // --input-format auto: anything but raw HTTP bytes goes to its reader.
    const inputs::Detection detected = inputs::detect_format(input->bytes);
    if (detected.format != inputs::InputFormat::raw) {
      return run_captures(options, &input->bytes, detected);
    }
  }
  options.parse.more_input_unread = input->more_input_unread;
  // Under --redact the engine answers the redacted bytes, which give the same diagnosis.
  std::string bytes = std::move(input->bytes);
  handshake::ServerChoices choices = options.choices;
  if (options.redact) {
    auto redacted = redact_request(bytes, options);
    if (!redacted) {
      print_error(redacted.error());
      return k_exit_input_error;
    }
    bytes = std::move(redacted->bytes);
    choices = std::move(redacted->choices);
  }
  handshake::Outcome outcome = handshake::begin_server_handshake(bytes, choices, options.parse);
  std::vector<output::ServerVerdict> verdicts;
  if (options.servers.empty() && options.server_notes) {
    add_server_notes(outcome, bytes);
  } else {
    verdicts = predict_servers(options.servers, bytes);
  }
  const int status = exit_status_with_servers(outcome, options, verdicts);
  if (options.quiet) {
    return status;
  }
  const std::string name = options.input_path == "-" ? "<stdin>" : options.input_path;
  const output::Source source{name, bytes};
  std::string out;
  std::string err;
  // The SARIF log writes the whole rule catalogue when made: only for -f sarif.
  std::optional<output::SarifLog> sarif;
  if (options.format == Format::sarif) {
    sarif.emplace(k_version);
  }
  render_outcome(outcome, source, options, use_color(options.color), out, err, nullptr,
                 sarif ? &*sarif : nullptr, verdicts);
  if (sarif) {
    sarif->finish(out);
  }
  const bool written = write_all(STDOUT_FILENO, out);
  const int write_error = errno;
  write_all(STDERR_FILENO, err);
  if (!written && write_error != EPIPE) {
    print_error(fmt::format("cannot write to standard output: {}", std::strerror(write_error)));
    return k_exit_input_error;
  }
  // A reader that went away (| head -0) is not an error: end quietly with the verdict.
  return status;
}

// A terminal on standard input otherwise waits in silence for what the user may not know to
// type: say what is read and how to end it.
std::string_view terminal_hint(const Options& options) {
  if (options.command == Command::verify) {
    return "ws-handshake: reading a response from the terminal; end it with an empty line or "
           "Ctrl-D. Run 'ws-handshake verify --help' for the options.\n";
  }
  if (options.har) {
    return "ws-handshake: reading a HAR file from the terminal; end it with Ctrl-D. "
           "Run 'ws-handshake --help' for the options.\n";
  }
  if (options.batch) {
    return "ws-handshake: reading requests from the terminal; end them with Ctrl-D. "
           "Run 'ws-handshake --help' for the options.\n";
  }
  return "ws-handshake: reading a request from the terminal; end it with an empty line or "
         "Ctrl-D. Run 'ws-handshake --help' for the options.\n";
}

} // namespace

int run(int argc, char** argv) {
  (void)std::signal(SIGPIPE, SIG_IGN);
  try {
    const std::vector<std::string_view> arguments(argv + std::min(argc, 1), argv + argc);
    ParsedCommandLine parsed = parse_command_line(arguments);
    if (const auto* exit = std::get_if<CommandLineExit>(&parsed)) {
      write_all(STDOUT_FILENO, exit->out);
      write_all(STDERR_FILENO, exit->err);
      return exit->status;
    }
    auto& options = std::get<Options>(parsed);
    if (options.dump_options) {
      write_all(STDOUT_FILENO, describe_options());
      return k_exit_accepted;
    }
    if (options.list_diagnostics) {
      write_all(STDOUT_FILENO, list_diagnostics());
      return k_exit_accepted;
    }
    if (options.list_servers) {
      write_all(STDOUT_FILENO, list_servers());
      return k_exit_accepted;
    }
    if (options.list_clients) {
      write_all(STDOUT_FILENO, list_clients());
      return k_exit_accepted;
    }
    if (options.command == Command::request) {
      return run_request(options);
    }
    if (options.input_path == "-" && !options.quiet && isatty(STDIN_FILENO) == 1) {
      write_all(STDERR_FILENO, terminal_hint(options));
    }
    if (options.command == Command::verify) {
      return run_verify(options);
    }
    if (options.har) {
      return run_har(options);
    }
    if (options.batch) {
      return run_batch(options);
    }
    if (options.input_format && *options.input_format != inputs::InputFormat::raw) {
      return run_captures(options, nullptr, std::nullopt);
    }
    return run_handshake(options);
  } catch (const std::exception& e) {
    print_error(fmt::format("internal error: {}; please report it", e.what()));
    return k_exit_input_error;
  }
}

} // namespace wsh::cli
