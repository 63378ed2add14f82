#include "cli/Run.hpp"

#include "cli/ExitStatus.hpp"
#include "cli/InputReader.hpp"
#include "cli/Options.hpp"
#include "diagnostics/Catalogue.hpp"
#include "handshake/ServerHandshake.hpp"
#include "output/HttpRenderer.hpp"
#include "output/JsonRenderer.hpp"
#include "output/TextRenderer.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string_view>
#include <unistd.h>

namespace wsh::cli {

namespace {

// Writes all of `bytes` to `fd`. False with errno set when the reader has gone or the write
// failed.
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

std::string list_diagnostics() {
  std::string out;
  for (const diagnostics::CatalogueEntry& entry : diagnostics::catalogue()) {
    out += fmt::format("{:<31} {:<8} {}\n", entry.name, diagnostics::to_string(entry.severity),
                       entry.summary);
  }
  return out;
}

int exit_status_of(const handshake::Outcome& outcome) {
  if (outcome.read_failure && *outcome.read_failure != http::ParseErrorKind::malformed) {
    return k_exit_input_error;
  }
  return outcome.accepted ? k_exit_accepted : k_exit_rejected;
}

int run_handshake(Options& options) {
  auto input = read_request_input(options.input_path, options.parse.max_header_bytes);
  if (!input) {
    print_error(input.error().message);
    return k_exit_input_error;
  }
  options.parse.more_input_unread = input->more_input_unread;
  const handshake::Outcome outcome =
      handshake::begin_server_handshake(input->bytes, options.choices, options.parse);
  const int status = exit_status_of(outcome);
  if (options.quiet) {
    return status;
  }
  const std::string name = options.input_path == "-" ? "<stdin>" : options.input_path;
  const output::Source source{name, input->bytes};
  std::string out;
  std::string err;
  switch (options.format) {
  case Format::text:
    out = output::render_text_headers(outcome);
    err = output::render_text_diagnostics(outcome, source, use_color(options.color));
    break;
  case Format::http:
    out = output::render_http(outcome);
    err = output::render_text_diagnostics(outcome, source, use_color(options.color));
    break;
  case Format::json:
    out = output::render_json(outcome, source);
    break;
  }
  if (options.verbose && options.format != Format::json && outcome.request) {
    err.insert(0, output::render_text_negotiation(outcome, source));
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

} // namespace

int run(int argc, char** argv) {
  (void)std::signal(SIGPIPE, SIG_IGN);
  try {
    ParsedCommandLine parsed = parse_command_line(argc, argv);
    if (const auto* exit_status = std::get_if<int>(&parsed)) {
      return *exit_status;
    }
    auto& options = std::get<Options>(parsed);
    if (options.list_diagnostics) {
      write_all(STDOUT_FILENO, list_diagnostics());
      return k_exit_accepted;
    }
    return run_handshake(options);
  } catch (const std::exception& e) {
    print_error(fmt::format("internal error: {}; please report it", e.what()));
    return k_exit_input_error;
  }
}

} // namespace wsh::cli
