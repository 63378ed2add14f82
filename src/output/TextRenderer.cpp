#include "output/TextRenderer.hpp"

#include "util/Escape.hpp"
#include "util/TextPosition.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wsh::output {

namespace {

using diagnostics::Severity;

// The widest part of a source line shown around the caret; longer lines are cut with "...".
constexpr std::size_t k_excerpt_bytes = 100;

struct Palette {
  std::string_view bold, red, magenta, cyan, green, reset;
};

constexpr Palette k_colors{"\x1b[1m",    "\x1b[1;31m", "\x1b[1;35m",
                           "\x1b[1;36m", "\x1b[1;32m", "\x1b[0m"};
constexpr Palette k_plain{"", "", "", "", "", ""};

std::string_view severity_color(Severity severity, const Palette& palette) {
  switch (severity) {
  case Severity::error:
    return palette.red;
  case Severity::warning:
    return palette.magenta;
  case Severity::note:
    return palette.cyan;
  }
  return palette.red;
}

// The source line around `offset`, escaped, with a caret under the offending byte: the user's
// own line when the bytes were rebuilt from a header block or a curl command, or the rebuilt
// line, said to be assumed, where the file has none (a request line the block lacks).
void append_excerpt(std::string& out, const Source& source, std::size_t offset,
                    const util::LineColumn& position, const Palette& palette) {
  const Source::Excerpt excerpt = source.excerpt(offset);
  const std::string_view line = excerpt.line;
  const std::size_t caret = std::min(excerpt.caret, line.size());
  std::size_t begin = 0;
  std::size_t end = line.size();
  if (line.size() > k_excerpt_bytes) {
    begin = caret > k_excerpt_bytes / 2 ? caret - k_excerpt_bytes / 2 : 0;
    end = std::min(line.size(), begin + k_excerpt_bytes);
  }
  const std::string_view before = line.substr(begin, caret - begin);
  const std::string_view shown = line.substr(begin, end - begin);
  const std::string gutter = fmt::format("{}", position.line);
  const std::string_view lead = begin > 0 ? "..." : "";
  const std::string_view tail = end < line.size() ? "..." : "";
  out += fmt::format("  {} | {}", gutter, lead);
  util::append_escaped(out, shown);
  out += fmt::format("{}\n", tail);
  out += fmt::format("  {:{}} | {:{}}{}^{}{}\n", "", gutter.size(), "",
                     lead.size() + util::escaped_width(before), palette.green, palette.reset,
                     excerpt.assumed ? " (assumed: this line is not in the file)" : "");
}

void append_diagnostic(std::string& out, const diagnostics::Diagnostic& diagnostic,
                       const Source& source, const Palette& palette) {
  const diagnostics::CatalogueEntry& entry = diagnostics::describe(diagnostic.id);
  const util::LineColumn position = source.locate(diagnostic.offset);
  out += fmt::format("{}", palette.bold);
  util::append_escaped(out, source.name);
  out += fmt::format(":{}:{}:{} {}{}:{} ", position.line, position.column, palette.reset,
                     severity_color(diagnostic.severity, palette),
                     diagnostics::to_string(diagnostic.severity), palette.reset);
  util::append_escaped(out, diagnostic.message);
  out += fmt::format(" [{}]\n", entry.name);
  if (!source.bytes.empty()) {
    append_excerpt(out, source, diagnostic.offset, position, palette);
  }
  out += fmt::format("  = effect: {}\n", entry.consequence);
  out += fmt::format("  = fix: {}\n", entry.hint);
  out += fmt::format("  = see: {}\n", entry.reference);
}

std::string plural(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

} // namespace

std::string render_text_negotiation(const handshake::Outcome& outcome, const Source& source) {
  std::string out = "ws-handshake: offered subprotocols: ";
  if (outcome.offered_subprotocols.empty()) {
    out += "none";
  }
  for (std::size_t i = 0; i < outcome.offered_subprotocols.size(); ++i) {
    out += i == 0 ? "" : ", ";
    util::append_escaped(out, outcome.offered_subprotocols[i]);
  }
  out += '\n';
  for (std::size_t i = 0; i < outcome.offered_extensions.size(); ++i) {
    const handshake::Extension& offer = outcome.offered_extensions[i];
    const handshake::OfferVerdict& verdict = outcome.offer_verdicts[i];
    const auto offset = static_cast<std::size_t>(offer.text.data() - source.bytes.data());
    out += fmt::format("ws-handshake: offered extension {} (line {}): ", i + 1,
                       source.locate(offset).line);
    util::append_escaped(out, offer.text);
    out += fmt::format(": {}", handshake::to_string(verdict.state));
    if (!verdict.reason.empty()) {
      out += " (";
      util::append_escaped(out, verdict.reason);
      out += ')';
    }
    out += '\n';
  }
  out += "ws-handshake: negotiated: subprotocol ";
  util::append_escaped(out, outcome.selected_subprotocol.value_or("none"));
  out += "; extensions ";
  if (outcome.selected_extensions.empty()) {
    out += "none";
  }
  for (std::size_t i = 0; i < outcome.selected_extensions.size(); ++i) {
    out += i == 0 ? "" : ", ";
    util::append_escaped(out, outcome.selected_extensions[i]);
  }
  out += '\n';
  return out;
}

std::string render_text_headers(const handshake::Outcome& outcome) {
  std::string out;
  if (!outcome.accepted) {
    return out;
  }
  for (const handshake::ResponseHeader& header : outcome.response_headers) {
    out += fmt::format("{}: {}\n", header.name, header.value.view());
  }
  return out;
}

void append_text_diagnostics(std::string& out,
                             const std::vector<diagnostics::Diagnostic>& diagnostics,
                             const Source& source, bool color) {
  const Palette& palette = color ? k_colors : k_plain;
  for (const diagnostics::Diagnostic& diagnostic : diagnostics) {
    append_diagnostic(out, diagnostic, source, palette);
  }
}

std::string render_text_diagnostics(const handshake::Outcome& outcome, const Source& source,
                                    bool color, bool summary) {
  const Palette& palette = color ? k_colors : k_plain;
  std::string out;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
    append_diagnostic(out, diagnostic, source, palette);
    errors += diagnostic.severity == Severity::error ? 1 : 0;
    warnings += diagnostic.severity == Severity::warning ? 1 : 0;
  }
  if (!summary) {
    return out;
  }
  if (outcome.accepted) {
    if (warnings > 0) {
      out += fmt::format("ws-handshake: accepted with {}\n", plural(warnings, "warning"));
    }
    return out;
  }
  if (outcome.read_failure == http::ParseErrorKind::incomplete) {
    out += fmt::format("ws-handshake: {}refused{}: {}; a server would wait, then close or answer "
                       "408 Request Timeout\n",
                       palette.red, palette.reset,
                       outcome.diagnostics.front().id == diagnostics::DiagnosticId::empty_input
                           ? "no request arrived"
                           : "the request is incomplete");
    return out;
  }
  out += fmt::format(
      "ws-handshake: {}refused{}: {}, {}; a server answers {} {} ({} 0x{:08X})\n", palette.red,
      palette.reset, plural(errors, "error"), plural(warnings, "warning"), outcome.status,
      handshake::reason_phrase(outcome.status), outcome.hresult.name, outcome.hresult.value);
  return out;
}

} // namespace wsh::output
