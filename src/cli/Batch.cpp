#include "cli/Batch.hpp"

#include "cli/ExitStatus.hpp"
#include "cli/HarInput.hpp"
#include "cli/Report.hpp"
#include "cli/RequestStream.hpp"
#include "cli/ServerNotes.hpp"
#include "clients/Predict.hpp"
#include "clients/Registry.hpp"
#include "diagnostics/Catalogue.hpp"
#include "handshake/ClientHandshake.hpp"
#include "handshake/ServerHandshake.hpp"
#include "inputs/CurlInput.hpp"
#include "inputs/HeaderBlock.hpp"
#include "inputs/PcapInput.hpp"
#include "output/Redaction.hpp"
#include "output/TextRenderer.hpp"
#include "output/VerifyRenderer.hpp"
#include "util/Escape.hpp"
#include "version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wsh::cli {

namespace {

// Output is gathered and written in blocks of about this size.
constexpr std::size_t k_flush_size = 65536;

// The verdicts of a response that a capture holds beside its request: the RFC's and every
// client's, as `ws-handshake verify --client all` gives them.
struct ResponseVerdicts {
  handshake::ClientOutcome outcome;
  std::vector<clients::Prediction> predictions;
  std::vector<output::ClientVerdict> verdicts;

  ResponseVerdicts(std::string_view request, std::string_view response,
                   const http::ParseOptions& options)
      : outcome(handshake::verify_response(request, response, options)) {
    const auto profiles = clients::client_profiles();
    predictions.reserve(profiles.size());
    verdicts.push_back({"rfc", nullptr});
    for (const clients::ClientProfile* profile : profiles) {
      predictions.push_back(predict_client(*profile, outcome));
      verdicts.push_back({profile->name, &predictions.back()});
    }
  }

  // 1 when a client fails (the RFC's verdict among them), else 0.
  int exit_status() const {
    return std::all_of(verdicts.begin(), verdicts.end(),
                       [&](const auto& verdict) { return output::opens(verdict, outcome); })
               ? k_exit_accepted
               : k_exit_rejected;
  }
};

// The response's outcome as a result shows it: its diagnostics down to --min-severity, and
// without the request's own problems, which the server side's result prints already.
handshake::ClientOutcome response_as_shown(const ResponseVerdicts& response,
                                           const Options& options) {
  handshake::ClientOutcome shown = response.outcome;
  shown.diagnostics = shown_diagnostics(response.outcome.diagnostics, options);
  shown.request.diagnostics.clear();
  return shown;
}

// Appends the response's verdicts to a server-side result just rendered into `out` (from
// `result_start` on) and `err`: the clients' lines in text, the response's diagnostics in the CI
// formats. (JSON carries them in the result itself: render_outcome's `response`.)
void append_response_result(const output::ResponseJudgement& judged, const Options& options,
                            bool color, std::string& out, std::size_t result_start,
                            std::string& err, output::SarifLog* sarif) {
  const output::Source& source = judged.sources.response;
  switch (options.format) {
  case Format::gcc:
    output::render_gcc(out, judged.outcome.diagnostics, source);
    return;
  case Format::github:
    output::render_github(out, judged.outcome.diagnostics, source);
    return;
  case Format::sarif:
    if (sarif != nullptr) {
      sarif->add(judged.outcome.diagnostics, source);
      sarif->drain(out);
    }
    return;
  case Format::json:
  case Format::http:
    return;
  default:
    break;
  }
  std::string lines = "# the response, as each client reads it:\n";
  lines += output::render_verify_clients(judged.outcome, judged.verdicts);
  // A batch's result ends with a blank line: the response's lines go before it.
  if (out.size() > result_start && out.ends_with("\n\n")) {
    out.insert(out.size() - 1, lines);
  } else {
    out += lines;
  }
  err += output::render_verify_diagnostics(judged.outcome, judged.sources, judged.verdicts, color);
}

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
  // With `response`, the result also carries the verdicts of the response the capture holds,
  // read from `response_source`; with `heading`, a text result opens with that line instead of
  // the position's.
  bool add(const handshake::Outcome& answered, const output::Source& source,
           const output::BatchPosition* position, const ResponseVerdicts* response = nullptr,
           const output::Source* response_source = nullptr, std::string_view heading = {}) {
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
    // In a batch an unreadable head (too large, cut off) is one refused result among others;
    // the one request of a header block or curl input exits as a raw request would.
    const int status = exit_status_with_servers(outcome, m_options, verdicts);
    m_worst =
        std::max(m_worst, status == k_exit_input_error && !m_single ? k_exit_rejected : status);
    if (response != nullptr) {
      ++m_responses;
      const int verdict = response->exit_status();
      m_opened += verdict == k_exit_accepted ? 1 : 0;
      m_worst = std::max(m_worst, verdict);
      for (const diagnostics::Diagnostic& diagnostic : response->outcome.diagnostics) {
        ++m_counts[static_cast<std::size_t>(diagnostic.id)];
      }
    }
    for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
      ++m_counts[static_cast<std::size_t>(diagnostic.id)];
    }
    if (m_options.quiet) {
      return true;
    }
    output::SarifLog* sarif = m_sarif ? &*m_sarif : nullptr;
    const std::size_t result_start = m_out.size();
    const bool own_heading = !heading.empty() && m_options.format == Format::text;
    if (own_heading) {
      m_out += heading;
      if (outcome.accepted) {
        m_out += ": accepted\n";
      } else {
        fmt::format_to(std::back_inserter(m_out), ": refused, {} {} ({})\n", outcome.status,
                       handshake::reason_phrase(outcome.status), outcome.hresult.name);
      }
    }
    std::optional<handshake::ClientOutcome> shown_response;
    std::optional<output::ResponseJudgement> judged;
    if (response != nullptr) {
      shown_response = response_as_shown(*response, m_options);
      judged.emplace(output::ResponseJudgement{
          *shown_response, {source, *response_source}, response->verdicts});
    }
    render_outcome(outcome, source, m_options, m_color, m_out, m_err,
                   own_heading ? nullptr : position, sarif, verdicts, judged ? &*judged : nullptr);
    if (own_heading) {
      m_out += '\n';
    }
    if (judged) {
      append_response_result(*judged, m_options, m_color, m_out, result_start, m_err, sarif);
    }
    return m_out.size() < k_flush_size && m_err.size() < k_flush_size ? true : flush();
  }

  // A line for standard error, in order with the results.
  // The input holds this one request only: its exit status is a single request's.
  void set_single() { m_single = true; }

  // A note for standard error (a capture's notes come by the thousand when it holds many TLS
  // connections: written out in blocks as results are).
  void note(std::string_view line) {
    if (!m_options.quiet) {
      m_err += line;
      if (m_err.size() >= k_flush_size) {
        flush();
      }
    }
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
    if (m_responses > 0) {
      summary +=
          fmt::format("ws-handshake: {} response{}: every client opens {}, a client fails "
                      "{}\n",
                      m_responses, m_responses == 1 ? "" : "s", m_opened, m_responses - m_opened);
    }
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

  std::size_t total() const { return m_total; }

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
  std::size_t m_responses = 0;
  std::size_t m_opened = 0;
  std::array<std::size_t, 256> m_counts{};
  bool m_output_failed = false;
  int m_write_error = 0;
  // The worst exit status of a result so far, under --fail-on.
  int m_worst = k_exit_accepted;
  std::optional<output::SarifLog> m_sarif;
  bool m_single = false;
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

// Reads the rest of an input whose first bytes (`start`) were read already, or all of it when
// `start` is absent; at most `limit` bytes.
util::Expected<std::string, std::string> read_whole(const std::string& path,
                                                    const std::string* start, std::size_t limit) {
  const std::string shown = path == "-" ? "standard input" : util::escape_for_terminal(path);
  const bool from_stdin = path == "-";
  std::string bytes = from_stdin && start != nullptr ? *start : std::string();
  const int fd = from_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return util::unexpected(fmt::format("cannot open {}: {}", shown, std::strerror(errno)));
  }
  std::array<char, 65536> chunk{};
  while (true) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int error = errno;
      if (!from_stdin) {
        ::close(fd);
      }
      return util::unexpected(fmt::format("cannot read {}: {}", shown, std::strerror(error)));
    }
    if (n == 0) {
      break;
    }
    bytes.append(chunk.data(), static_cast<std::size_t>(n));
    if (bytes.size() > limit) {
      if (!from_stdin) {
        ::close(fd);
      }
      return util::unexpected(fmt::format("{} is larger than {} MiB, too large for --input-format",
                                          shown, limit >> 20U));
    }
  }
  if (!from_stdin) {
    ::close(fd);
  }
  return bytes;
}

// Prints what a reader says about its input, once, on standard error: `FILE:LINE: note: ...`
// for a note about a line, `ws-handshake: note: ...` for the others.
void print_reader_notes(const std::vector<inputs::ReaderNote>& notes, std::string_view name,
                        const inputs::OriginalText* original, bool redact) {
  std::string text;
  for (const inputs::ReaderNote& note : notes) {
    // Under --redact, what a note quotes of the input may be a credential no rule found: each
    // quotation is hidden whole.
    std::string shown = note.text;
    for (std::size_t open = shown.find('`');
         redact && note.quotes_input && open != std::string::npos;
         open = shown.find('`', open + 1)) {
      const std::size_t close = shown.find('`', open + 1);
      if (close == std::string::npos) {
        break;
      }
      const std::string hidden =
          output::placeholder_for(std::string_view(shown).substr(open + 1, close - open - 1));
      shown.replace(open + 1, hidden.size(), hidden);
      open = close;
    }
    if (note.offset && original != nullptr) {
      const util::LineColumn position = original->locate(*note.offset);
      util::append_escaped(text, name);
      text += fmt::format(":{}:{}: note: ", position.line, position.column);
    } else {
      text += "ws-handshake: note: ";
    }
    text += shown;
    text += '\n';
  }
  write_all(STDERR_FILENO, text);
}

// The engine that answers each request of an input, and --redact in one place: under it a
// request is answered with its credentials replaced (redact_request, which checks that the
// diagnosis stays the same) and a response a capture holds is redacted alike, so that no path
// through a batch prints a credential.
class Answerer {
public:
  explicit Answerer(const Options& options)
      : m_options(options), m_engine(options.choices, options.parse) {}

  // The answer to `request`; under --redact `request` is left viewing the redacted copy, the
  // bytes the answer is about (valid until the next call). Null when redacting would change the
  // diagnosis: error() says so.
  const handshake::Outcome* answer(std::string_view& request) {
    if (!m_options.redact) {
      return &m_engine.answer(request);
    }
    m_original_request = request;
    auto redacted = redact_request(request, m_options);
    if (!redacted) {
      m_error = std::move(redacted.error());
      return nullptr;
    }
    m_request = std::move(redacted->bytes);
    request = m_request;
    m_outcome = handshake::begin_server_handshake(request, redacted->choices, m_options.parse);
    return &*m_outcome;
  }

  // Under --redact, points `response` (the answer to the request last given to answer()) at a
  // redacted copy; false when redacting would change the findings on it: error() says so.
  bool redact_response(std::string_view& response) {
    if (!m_options.redact) {
      return true;
    }
    auto redacted = redact_exchange(m_original_request, response, m_options);
    if (!redacted) {
      m_error = std::move(redacted.error());
      return false;
    }
    m_response = std::move(redacted->response);
    response = m_response;
    return true;
  }

  const std::string& error() const { return m_error; }

private:
  const Options& m_options;
  handshake::ServerHandshake m_engine;
  std::string_view m_original_request;
  std::string m_request;
  std::string m_response;
  std::optional<handshake::Outcome> m_outcome;
  std::string m_error;
};

// Under --redact, writes `redacted` (the redacted copy of the bytes a reader rebuilt, a request
// or a response) into `original`, the user's file as read, through the rebuilt bytes' map:
// excerpts and reader notes quote the file's own lines. Placeholders have the credential's
// length and no line break, so every position in the file holds.
void redact_original(const inputs::RebuiltBytes& rebuilt, std::string_view redacted,
                     std::string& original) {
  const std::string_view bytes = rebuilt.bytes();
  for (std::size_t i = 0; i < bytes.size() && i < redacted.size(); ++i) {
    if (bytes[i] == redacted[i]) {
      continue;
    }
    const inputs::Origin origin = rebuilt.map().origin(i);
    if (origin.assumed || origin.offset >= original.size()) {
      continue;
    }
    const bool escaped = original[origin.offset] == '\\' && bytes[i] != '\\';
    original[origin.offset] = redacted[i];
    if (escaped) {
      // A byte written in the file as an escape (bash's $'\x61', \u00e9) has its origin on the
      // backslash, and the letters and digits after it would give the byte away: they are
      // hidden too, up to the longest escape (\UHHHHHHHH).
      constexpr std::size_t k_longest_escape = 9;
      std::size_t end = origin.offset + 1;
      while (end < original.size() && end <= origin.offset + k_longest_escape &&
             std::isalnum(static_cast<unsigned char>(original[end])) != 0) {
        ++end;
      }
      const std::string hidden = output::placeholder_for(
          std::string_view(original).substr(origin.offset + 1, end - origin.offset - 1));
      original.replace(origin.offset + 1, hidden.size(), hidden);
    }
  }
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
  Answerer answerer(options);
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
    const handshake::Outcome* answered = answerer.answer(bytes);
    if (answered == nullptr) {
      report.flush();
      print_error(fmt::format("request {}: {}", index, answerer.error()));
      status = k_exit_input_error;
      break;
    }
    const handshake::Outcome& outcome = *answered;
    // Line 0 stands for a line nothing will print.
    const std::size_t line =
        !options.quiet && renders_lines(outcome, options) ? stream.line_of(piece) : 0;
    const output::Source source{name, bytes, line, piece.offset};
    const output::BatchPosition position{index, piece.offset, {}, {}, std::nullopt};
    if (!report.add(outcome, source, &position)) {
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

int run_har(const Options& options, const std::string* start) {
  auto contents = read_har(options.input_path, start);
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
        util::append_escaped(notes, options.redact ? output::redact_url(skipped.url) : skipped.url);
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
  Answerer answerer(options);
  BatchReport report(options);
  std::size_t index = 0;
  for (const HarRequest& entry : contents->requests) {
    ++index;
    std::string_view bytes = entry.request;
    // A view of the entry's own string: `cond ? *entry.response : ""` would make a temporary
    // std::string and leave the view dangling.
    std::string_view response_bytes =
        entry.response ? std::string_view(*entry.response) : std::string_view();
    const handshake::Outcome* answered = answerer.answer(bytes);
    if (answered == nullptr || (entry.response && !answerer.redact_response(response_bytes))) {
      report.flush();
      print_error(fmt::format("entry {}: {}", entry.entry_index, answerer.error()));
      return k_exit_input_error;
    }
    const handshake::Outcome& outcome = *answered;
    const std::string name = fmt::format(
        "{}#{}", options.input_path == "-" ? "<stdin>" : options.input_path, entry.entry_index);
    const output::Source source{name, bytes, 1, 0};
    const std::string url = options.redact ? output::redact_url(entry.url) : entry.url;
    const output::BatchPosition position{index, 0, url, entry.started, entry.entry_index};
    std::optional<ResponseVerdicts> response;
    if (entry.response) {
      response.emplace(bytes, response_bytes, options.parse);
    }
    const output::Source response_source{name, response_bytes};
    if (!report.add(outcome, source, &position, response ? &*response : nullptr,
                    &response_source)) {
      break;
    }
  }
  report.finish();
  report.summarize();
  return report.exit_status();
}

} // namespace wsh::cli

namespace wsh::cli {

namespace {

// The handshakes a reader rebuilt, answered one after the other: as a single request when the
// input holds one (the usual header block or curl command), as a batch when it holds several.
int answer_rebuilt(const Options& options, std::vector<inputs::RebuiltHandshake>& handshakes,
                   const std::string& name) {
  // WebSocket over HTTP/2 is not an HTTP/1.1 upgrade: judged by RFC 6455 4.2.1 it would get a
  // false error for each of GET, Upgrade, Connection and Sec-WebSocket-Key. Passed over, said.
  const auto extended = std::remove_if(handshakes.begin(), handshakes.end(),
                                       [](const auto& h) { return h.extended_connect; });
  if (extended != handshakes.end() && !options.quiet) {
    write_all(STDERR_FILENO,
              fmt::format("ws-handshake: {}: skipped {} WebSocket over HTTP/2 (RFC 8441 extended "
                          "CONNECT with :protocol): ws-handshake judges HTTP/1.1 upgrades only. "
                          "Over HTTP/2 the server must have sent SETTINGS_ENABLE_CONNECT_PROTOCOL "
                          "(else a GET-only handler answers 405) and answers 200, with no "
                          "Sec-WebSocket-Key or -Accept; a proxy that turns it into an HTTP/1.1 "
                          "upgrade mints a key of its own\n",
                          util::escape_for_terminal(name),
                          std::distance(extended, handshakes.end()) == 1 ? "a request that opens a"
                                                                         : "requests that open a"));
  }
  handshakes.erase(extended, handshakes.end());
  if (handshakes.empty()) {
    print_error(fmt::format("{} holds no HTTP/1.1 WebSocket handshake to judge",
                            util::escape_for_terminal(name)));
    return k_exit_input_error;
  }
  Answerer answerer(options);
  BatchReport report(options);
  const bool single = handshakes.size() == 1;
  if (single) {
    report.set_single();
  }
  std::size_t index = 0;
  for (inputs::RebuiltHandshake& rebuilt : handshakes) {
    ++index;
    std::string_view bytes = rebuilt.request.bytes();
    std::string_view response_bytes =
        rebuilt.response ? std::string_view(rebuilt.response->bytes()) : std::string_view();
    const handshake::Outcome* answered = answerer.answer(bytes);
    if (answered == nullptr || (rebuilt.response && !answerer.redact_response(response_bytes))) {
      report.flush();
      print_error(fmt::format("{}{}: {}", util::escape_for_terminal(name), rebuilt.label,
                              answerer.error()));
      return k_exit_input_error;
    }
    const handshake::Outcome& outcome = *answered;
    const std::string shown_name = name + rebuilt.label;
    const output::Source source{shown_name, bytes, 1, 0, &rebuilt.request.map()};
    std::optional<ResponseVerdicts> response;
    std::optional<output::Source> response_source;
    if (rebuilt.response) {
      response.emplace(bytes, response_bytes, options.parse);
      response_source.emplace(
          output::Source{shown_name, response_bytes, 1, 0, &rebuilt.response->map()});
    }
    const output::BatchPosition position{index, 0, {}, {}, std::nullopt};
    if (!report.add(outcome, source, single ? nullptr : &position, response ? &*response : nullptr,
                    response_source ? &*response_source : nullptr)) {
      break;
    }
  }
  report.finish();
  if (!single) {
    report.summarize();
  }
  return report.exit_status();
}

} // namespace

int run_pcap(const Options& given, const std::string* start) {
  // A capture holds handshakes by the thousand, as a batch does: no refused-by-servers notes
  // unless --server names servers (see Options::server_notes).
  Options options = given;
  options.server_notes = false;
  const std::string name = options.input_path == "-" ? "<stdin>" : options.input_path;
  const int fd = open_input(options.input_path);
  if (fd < 0) {
    return k_exit_input_error;
  }
  // The bytes format detection read already come first.
  std::size_t replayed = 0;
  const inputs::ReadBytes read = [&](char* buffer, std::size_t size) -> long {
    if (start != nullptr && options.input_path == "-" && replayed < start->size()) {
      const std::size_t count = std::min(size, start->size() - replayed);
      std::copy_n(start->data() + replayed, count, buffer);
      replayed += count;
      return static_cast<long>(count);
    }
    while (true) {
      const ssize_t n = ::read(fd, buffer, size);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      return static_cast<long>(n);
    }
  };
  Answerer answerer(options);
  BatchReport report(options);
  std::optional<std::string> redaction_error;
  inputs::CaptureLimits limits;
  limits.max_header_bytes = options.parse.max_header_bytes;
  const auto on_handshake = [&](inputs::CapturedHandshake&& captured) {
    const std::string short_name = fmt::format("{}#{}", name, captured.number);
    const std::string heading = fmt::format("# {} ({} -> {}, {})", captured.number, captured.client,
                                            captured.server, captured.time);
    std::string notes;
    for (const std::string& repair : captured.repairs) {
      util::append_escaped(notes, short_name);
      notes += fmt::format(": note: {}\n", repair);
    }
    report.note(notes);
    std::string_view request_bytes = captured.request;
    std::string_view response_bytes =
        captured.response ? std::string_view(*captured.response) : std::string_view();
    const handshake::Outcome* answered = answerer.answer(request_bytes);
    if (answered == nullptr || (captured.response && !answerer.redact_response(response_bytes))) {
      redaction_error =
          fmt::format("{}: {}", util::escape_for_terminal(short_name), answerer.error());
      return false; // stop reading: nothing more is printed
    }
    const handshake::Outcome& outcome = *answered;
    const output::Source source{short_name, request_bytes, 1, 0};
    std::optional<ResponseVerdicts> response;
    const output::Source response_source{short_name, response_bytes};
    if (captured.response) {
      response.emplace(request_bytes, response_bytes, options.parse);
    }
    const std::string where =
        fmt::format("client {} -> server {}", captured.client, captured.server);
    const output::BatchPosition position{captured.number, captured.record_offset, where,
                                         captured.time, std::nullopt};
    return report.add(outcome, source, &position, response ? &*response : nullptr, &response_source,
                      heading);
  };
  std::size_t noted = 0;
  const auto on_note = [&](inputs::CaptureNote&& note) {
    ++noted;
    std::string line = "ws-handshake: note: ";
    util::append_escaped(line, name);
    line += ": ";
    util::append_escaped(line, note.text);
    line += '\n';
    report.note(line);
  };
  const auto error = inputs::read_capture(read, limits, on_handshake, on_note);
  if (fd != STDIN_FILENO) {
    ::close(fd);
  }
  report.finish();
  if (redaction_error) {
    print_error(*redaction_error);
    return k_exit_input_error;
  }
  if (error) {
    print_error(
        fmt::format("cannot read {} as a capture: {}", util::escape_for_terminal(name), *error));
    return k_exit_input_error;
  }
  if (report.total() == 0) {
    print_error(fmt::format("{} holds no HTTP handshake on TCP{}", util::escape_for_terminal(name),
                            noted > 0 ? " that can be read (see the notes above)" : ""));
    return k_exit_input_error;
  }
  report.summarize();
  return report.exit_status();
}

int run_captures(const Options& options, const std::string* start,
                 std::optional<inputs::Detection> detected) {
  const std::string name = options.input_path == "-" ? "<stdin>" : options.input_path;
  const inputs::InputFormat format =
      detected ? detected->format : options.input_format.value_or(inputs::InputFormat::raw);
  if (detected && !options.quiet) {
    write_all(STDERR_FILENO,
              fmt::format("ws-handshake: note: {}: read as {} ({}); --input-format raw reads "
                          "it as HTTP bytes\n",
                          util::escape_for_terminal(name), inputs::to_string(format),
                          detected->reason));
  }
  if (format == inputs::InputFormat::pcap) {
    return run_pcap(options, start);
  }
  if (format == inputs::InputFormat::har) {
    Options har = options;
    har.har = true;
    return run_har(har, start);
  }
  // A header block or a curl transcript is small; a few MiB is plenty.
  constexpr std::size_t k_max_text_bytes = std::size_t{16} << 20U;
  auto bytes = read_whole(options.input_path, start, k_max_text_bytes);
  if (!bytes) {
    print_error(bytes.error());
    return k_exit_input_error;
  }
  const inputs::OriginalText original(*bytes);
  inputs::ReadResult result;
  if (format == inputs::InputFormat::headers) {
    result = inputs::read_header_block(original, inputs::HeaderBlockOptions{options.target});
  } else {
    result = inputs::read_curl(original);
  }
  if (options.redact) {
    // `original` views *bytes, whose lines stay where they are.
    for (const inputs::RebuiltHandshake& rebuilt : result.handshakes) {
      const RedactedExchange redacted = redact_heads(
          rebuilt.request.bytes(), rebuilt.response ? rebuilt.response->bytes() : "", options);
      redact_original(rebuilt.request, redacted.request, *bytes);
      if (rebuilt.response) {
        redact_original(*rebuilt.response, redacted.response, *bytes);
      }
    }
    // What the reader did not read (the value of curl's -u) may be a secret no rule finds.
    for (const inputs::UnreadSpan& span : result.unread) {
      if (span.offset < bytes->size()) {
        const std::size_t size = std::min(span.size, bytes->size() - span.offset);
        const std::string placeholder =
            output::placeholder_for(std::string_view(*bytes).substr(span.offset, size));
        bytes->replace(span.offset, size, placeholder);
      }
    }
  }
  if (!options.quiet) {
    print_reader_notes(result.notes, name, &original, options.redact);
  }
  return answer_rebuilt(options, result.handshakes, name);
}

} // namespace wsh::cli
