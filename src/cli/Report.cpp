#include "cli/Report.hpp"

#include "output/HttpRenderer.hpp"
#include "output/TextRenderer.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

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

void render_outcome(const handshake::Outcome& outcome, const output::Source& source,
                    const Options& options, bool color, std::string& out, std::string& err,
                    const output::BatchPosition* position) {
  if (!renders_lines(outcome, options)) {
    output::render_http(outcome, out); // the bytes alone: the usual result of a batch
    return;
  }
  if (options.format == Format::json) {
    output::render_json_to(
        out, outcome, source,
        position != nullptr ? output::JsonLayout::line : output::JsonLayout::pretty, position);
    return;
  }
  if (options.verbose && outcome.request) {
    err += output::render_text_negotiation(outcome, source);
  }
  if (!outcome.diagnostics.empty()) {
    err += output::render_text_diagnostics(outcome, source, color, position == nullptr);
  }
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

} // namespace wsh::cli
