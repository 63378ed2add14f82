#pragma once

#include "handshake/Outcome.hpp"
#include "output/JsonWriter.hpp"
#include "output/Source.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace wsh::output {

// The formats CI systems and editors read. Each diagnostic names the file, line and column
// of the captured input, so a code-scanning view shows the problem on the capture's line.

// -f gcc: one `FILE:LINE:COL: severity: message [id]` line per diagnostic, the first line of
// the text format alone, for editors' problem matchers. Escaped for a terminal.
void render_gcc(std::string& out, const std::vector<diagnostics::Diagnostic>& diagnostics,
                const Source& source);

// -f github: one GitHub Actions workflow command per diagnostic,
// `::error file=F,line=L,col=C,title=ID::message` (`notice` for a note), escaped as GitHub
// documents: `%`, CR and LF in the message, and `:` and `,` too in the properties.
void render_github(std::string& out, const std::vector<diagnostics::Diagnostic>& diagnostics,
                   const Source& source);

// -f sarif: one SARIF 2.1.0 log with one run; the catalogue is the tool's rules, and every
// diagnostic of every outcome added is a result with its physical location (the file as a
// URI reference, line, column in code points, and byte offset). Results are written as they
// are added and drained to the output, so a batch is streamed; finish() closes the document.
class SarifLog {
public:
  // `version` is the tool's.
  explicit SarifLog(std::string_view version);
  SarifLog(const SarifLog&) = delete;
  SarifLog& operator=(const SarifLog&) = delete;

  void add(const std::vector<diagnostics::Diagnostic>& diagnostics, const Source& source);
  // Appends the document written so far to `out`.
  void drain(std::string& out) { m_json.drain(out); }
  // Closes the document and appends the rest, with a final newline, to `out`.
  void finish(std::string& out);

private:
  std::string m_buffer;
  JsonWriter m_json;
};

// `name` as a URI reference (RFC 3986 4.1): unreserved characters and '/' as they are,
// every other byte percent-encoded, so any file name is a valid artifact location.
std::string to_uri_reference(std::string_view name);

} // namespace wsh::output
