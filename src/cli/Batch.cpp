#include "cli/Batch.hpp"

#include "cli/ExitStatus.hpp"
#include "cli/HarInput.hpp"
#include "cli/Report.hpp"
#include "cli/RequestStream.hpp"
#include "cli/ServerNotes.hpp"
#include "diagnostics/Catalogue.hpp"
#include "handshake/ServerHandshake.hpp"
#include "util/Escape.hpp"
#include "version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wsh::cli {

namespace {

// Output is gathered and written in blocks of about this size.
constexpr std::size_t k_flush_size = 65536;

// Results written so far and their verdicts, for the summary and the exit status.
class BatchReport {
public:
  explicit BatchReport(const Options& options)
      : m_options(options), m_color(use_color(options.color)) {
    // The SARIF log writes the whole rule catalogue when made: only for -f sarif.
    if (options.format == Format::sarif) {
      m_sarif.emplace(k_version);
    }
    m_out.reserve(2 * k_flush_size);
  }

  // Renders one outcome and counts it; false once standard output has failed.
  bool add(const handshake::Outcome& answered, const output::Source& source,
           const output::BatchPosition& position) {
    // --server: the named servers' answers; else notes for the servers that refuse what the
    // RFC allows (a copy of the outcome only when there are some).
    std::vector<output::ServerVerdict> verdicts;
    std::optional<handshake::Outcome> annotated;
    if (!m_options.servers.empty()) {
      verdicts = predict_servers(m_options.servers, source.bytes);
    } else if (m_options.server_notes) {
      std::vector<diagnostics::Diagnostic> notes = server_notes(answered, source.bytes);
      if (!notes.empty()) {
        annotated = answered;
        merge_diagnostics(annotated->diagnostics, std::move(notes));
      }
    }
    const handshake::Outcome& outcome = annotated ? *annotated : answered;
    ++m_total;
    if (outcome.accepted) {
      ++m_accepted;
    }
    // In a batch an unreadable head (too large, cut off) is one refused result among others.
    const int status = exit_status_with_servers(outcome, m_options, verdicts);
    m_worst = std::max(m_worst, status == k_exit_input_error ? k_exit_rejected : status);
    for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
      ++m_counts[static_cast<std::size_t>(diagnostic.id)];
    }
    if (m_options.quiet) {
      return true;
    }
    render_outcome(outcome, source, m_options, m_color, m_out, m_err, &position,
                   m_sarif ? &*m_sarif : nullptr, verdicts);
    return m_out.size() < k_flush_size && m_err.size() < k_flush_size ? true : flush();
  }

  // Writes what is gathered; false when standard output failed (a reader that left is not
  // reported as an error).
  bool flush() {
    if (!m_output_failed && !write_all(STDOUT_FILENO, m_out)) {
      m_output_failed = true;
      m_write_error = errno;
    }
    write_all(STDERR_FILENO, m_err);
    m_out.clear();
    m_err.clear();
    return !m_output_failed;
  }

  // Ends what the format needs ended (the SARIF document) and writes it.
  void finish() {
    if (m_options.format == Format::sarif && !m_options.quiet) {
      m_sarif->finish(m_out);
    }
    flush();
  }

  // The summary: counts, then one line per diagnostic id seen, most frequent first.
  void summarize() {
    if (m_options.quiet) {
      return;
    }
    std::string summary =
        fmt::format("ws-handshake: {} request{}: {} accepted, {} refused\n", m_total,
                    m_total == 1 ? "" : "s", m_accepted, m_total - m_accepted);
    std::vector<std::pair<std::size_t, diagnostics::DiagnosticId>> seen;
    for (const diagnostics::CatalogueEntry& entry : diagnostics::catalogue()) {
      const std::size_t count = m_counts[static_cast<std::size_t>(entry.id)];
      if (count > 0) {
        seen.emplace_back(count, entry.id);
      }
    }
    std::stable_sort(seen.begin(), seen.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [count, id] : seen) {
      const diagnostics::CatalogueEntry& entry = diagnostics::describe(id);
      summary += fmt::format("  {:>8}  {:<8} {}\n", count, diagnostics::to_string(entry.severity),
                             entry.name);
    }
    write_all(STDERR_FILENO, summary);
  }

  int exit_status() const {
    if (m_output_failed && m_write_error != EPIPE) {
      print_error(fmt::format("cannot write to standard output: {}", std::strerror(m_write_error)));
      return k_exit_input_error;
    }
    return m_worst;
  }

private:
  const Options& m_options;
  bool m_color;
  std::string m_out;
  std::string m_err;
  std::size_t m_total = 0;
  std::size_t m_accepted = 0;
  std::array<std::size_t, 256> m_counts{};
  bool m_output_failed = false;
  int m_write_error = 0;
  // The worst exit status of a result so far, under --fail-on.
  int m_worst = k_exit_accepted;
  std::optional<output::SarifLog> m_sarif;
};

// Opens FILE or standard input for a batch; -1 with a message printed when it cannot.
int open_input(const std::string& path) {
  if (path == "-") {
    return STDIN_FILENO;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    print_error(
        fmt::format("cannot open {}: {}", util::escape_for_terminal(path), std::strerror(errno)));
    return -1;
  }
  struct stat status {};
  if (::fstat(fd, &status) == 0 && S_ISDIR(status.st_mode)) {
    print_error(fmt::format("cannot read {}: it is a directory", util::escape_for_terminal(path)));
    ::close(fd);
    return -1;
  }
  return fd;
}

} // namespace

int run_batch(const Options& options) {
  const int fd = open_input(options.input_path);
  if (fd < 0) {
    return k_exit_input_error;
  }
  const std::string name = options.input_path == "-" ? "<stdin>" : options.input_path;
  BatchReport report(options);
  RequestStream stream(fd, options.parse.max_header_bytes, [&report] { report.flush(); });
  handshake::ServerHandshake engine(options.choices, options.parse);
  std::string redacted_bytes;
  std::size_t index = 0;
  int status = 0;
  while (true) {
    const RequestStream::Piece piece = stream.next();
    if (piece.kind == RequestStream::Kind::end) {
      break;
    }
    if (piece.kind == RequestStream::Kind::error) {
      report.flush();
      print_error(fmt::format("cannot read {}: {}", util::escape_for_terminal(name),
                              std::strerror(piece.error_number)));
      status = k_exit_input_error;
      break;
    }
    ++index;
    std::string_view bytes = piece.bytes;
    std::optional<handshake::Outcome> redacted_outcome;
    if (options.redact) {
      auto redacted = redact_request(bytes, options);
      if (!redacted) {
        report.flush();
        print_error(fmt::format("request {}: {}", index, redacted.error()));
        status = k_exit_input_error;
        break;
      }
      redacted_bytes = std::move(redacted->bytes);
      bytes = redacted_bytes;
      redacted_outcome = handshake::begin_server_handshake(bytes, redacted->choices, options.parse);
    }
    const handshake::Outcome& outcome = redacted_outcome ? *redacted_outcome : engine.answer(bytes);
    // Line 0 stands for a line nothing will print.
    const std::size_t line =
        !options.quiet && renders_lines(outcome, options) ? stream.line_of(piece) : 0;
    const output::Source source{name, bytes, line, piece.offset};
    const output::BatchPosition position{index, piece.offset, {}, {}, std::nullopt};
    if (!report.add(outcome, source, position)) {
      break; // standard output is gone: stop reading
    }
  }
  if (fd != STDIN_FILENO) {
    ::close(fd);
  }
  report.finish();
  if (index == 0 && status == 0) {
    print_error(fmt::format("{} holds no request", util::escape_for_terminal(name)));
    return k_exit_input_error;
  }
  report.summarize();
  const int verdict = report.exit_status();
  return status != 0 ? status : verdict;
}

int run_har(const Options& options) {
  auto contents = read_har(options.input_path);
  if (!contents) {
    print_error(contents.error());
    return k_exit_input_error;
  }
  const std::string shown =
      options.input_path == "-" ? "standard input" : util::escape_for_terminal(options.input_path);
  if (!options.quiet) {
    std::string notes;
    for (const HarSkipped& skipped : contents->skipped) {
      notes += fmt::format("ws-handshake: skipped entry {}", skipped.entry_index);
      if (!skipped.url.empty()) {
        notes += " (";
        util::append_escaped(notes, skipped.url);
        notes += ')';
      }
      notes += fmt::format(": {}\n", skipped.reason);
    }
    write_all(STDERR_FILENO, notes);
  }
  if (contents->requests.empty()) {
    print_error(fmt::format("{} holds no WebSocket handshake to answer (entries with status "
                            "101, _resourceType \"websocket\" or a ws:/wss: URL)",
                            shown));
    return k_exit_input_error;
  }
  handshake::ServerHandshake engine(options.choices, options.parse);
  BatchReport report(options);
  std::size_t index = 0;
  for (const HarRequest& entry : contents->requests) {
    ++index;
    std::string_view bytes = entry.request;
    std::string redacted_bytes;
    std::optional<handshake::Outcome> redacted_outcome;
    if (options.redact) {
      auto redacted = redact_request(bytes, options);
      if (!redacted) {
        report.flush();
        print_error(fmt::format("entry {}: {}", entry.entry_index, redacted.error()));
        return k_exit_input_error;
      }
      redacted_bytes = std::move(redacted->bytes);
      bytes = redacted_bytes;
      redacted_outcome = handshake::begin_server_handshake(bytes, redacted->choices, options.parse);
    }
    const handshake::Outcome& outcome = redacted_outcome ? *redacted_outcome : engine.answer(bytes);
    const std::string name = fmt::format(
        "{}#{}", options.input_path == "-" ? "<stdin>" : options.input_path, entry.entry_index);
    const output::Source source{name, bytes, 1, 0};
    const output::BatchPosition position{index, 0, entry.url, entry.started, entry.entry_index};
    if (!report.add(outcome, source, position)) {
      break;
    }
  }
  report.finish();
  report.summarize();
  return report.exit_status();
}

} // namespace wsh::cli
