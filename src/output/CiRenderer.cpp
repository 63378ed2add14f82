#include "output/CiRenderer.hpp"

#include "util/Escape.hpp"
#include "util/TextPosition.hpp"

#include <fmt/format.h>

namespace wsh::output {

namespace {

using diagnostics::Severity;

// GitHub's escaping of workflow command data (the message).
void append_github_data(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    default:
      out += c;
    }
  }
}

// GitHub's escaping of a workflow command property value: the data escapes, and ':' and ','.
void append_github_property(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      append_github_data(out, std::string_view(&c, 1));
    }
  }
}

std::string_view sarif_level(Severity severity) {
  switch (severity) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::note:
    return "note";
  }
  return "error";
}

// The column of `offset` counted in Unicode code points, as SARIF's columnKind
// "unicodeCodePoints" asks: the bytes of its line before it that do not continue a UTF-8
// sequence, plus one.
std::size_t code_point_column(const Source& source, std::size_t offset) {
  const Source::Excerpt excerpt = source.excerpt(offset);
  if (excerpt.assumed) {
    // A line not in the file (an assumed request line): the place it was made for.
    return source.locate(offset).column;
  }
  std::size_t column = 1;
  for (std::size_t i = 0; i < excerpt.caret && i < excerpt.line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(excerpt.line[i]);
    column += (byte & 0xc0U) == 0x80U ? 0 : 1;
  }
  return column + (excerpt.caret > excerpt.line.size() ? excerpt.caret - excerpt.line.size() : 0);
}

} // namespace

void render_gcc(std::string& out, const std::vector<diagnostics::Diagnostic>& diagnostics,
                const Source& source) {
  for (const diagnostics::Diagnostic& diagnostic : diagnostics) {
    const util::LineColumn position = source.locate(diagnostic.offset);
    util::append_escaped(out, source.name);
    out += fmt::format(":{}:{}: {}: ", position.line, position.column,
                       diagnostics::to_string(diagnostic.severity));
    util::append_escaped(out, diagnostic.message);
    out += fmt::format(" [{}]\n", diagnostics::describe(diagnostic.id).name);
  }
}

void render_github(std::string& out, const std::vector<diagnostics::Diagnostic>& diagnostics,
                   const Source& source) {
  for (const diagnostics::Diagnostic& diagnostic : diagnostics) {
    const util::LineColumn position = source.locate(diagnostic.offset);
    const diagnostics::CatalogueEntry& entry = diagnostics::describe(diagnostic.id);
    out += diagnostic.severity == Severity::note ? "::notice file=" : "::";
    if (diagnostic.severity != Severity::note) {
      out += diagnostics::to_string(diagnostic.severity);
      out += " file=";
    }
    append_github_property(out, util::escape_for_terminal(source.name));
    out += fmt::format(",line={},col={},title=", position.line, position.column);
    append_github_property(out, entry.name);
    out += "::";
    append_github_data(out, util::escape_for_terminal(diagnostic.message));
    out += '\n';
  }
}

std::string to_uri_reference(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

SarifLog::SarifLog(std::string_view version) : m_json(m_buffer, JsonLayout::pretty) {
  JsonWriter& json = m_json;
  json.begin_object();
  json.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  json.member("version", "2.1.0");
  json.key("runs");
  json.begin_array();
  json.begin_object();
  json.key("tool");
  json.begin_object();
  json.key("driver");
  json.begin_object();
  json.member("name", "ws-handshake");
  json.member("version", version);
  json.member("informationUri", "https://www.rfc-editor.org/rfc/rfc6455");
  json.key("rules");
  json.begin_array();
  for (const diagnostics::CatalogueEntry& entry : diagnostics::catalogue()) {
    json.begin_object();
    json.member("id", entry.name);
    json.key("shortDescription");
    json.begin_object();
    json.member("text", entry.summary);
    json.end_object();
    json.key("fullDescription");
    json.begin_object();
    json.member("text", entry.consequence);
    json.end_object();
    json.key("help");
    json.begin_object();
    json.member("text", fmt::format("{} (see {})", entry.hint, entry.reference));
    json.end_object();
    json.key("defaultConfiguration");
    json.begin_object();
    json.member("level", sarif_level(entry.severity));
    json.end_object();
    json.key("properties");
    json.begin_object();
    json.member("reference", entry.reference);
    json.end_object();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.end_object();
  json.member("columnKind", "unicodeCodePoints");
  json.key("results");
  json.begin_array();
}

void SarifLog::add(const std::vector<diagnostics::Diagnostic>& diagnostics, const Source& source) {
  JsonWriter& json = m_json;
  const std::string uri = to_uri_reference(source.name);
  for (const diagnostics::Diagnostic& diagnostic : diagnostics) {
    const diagnostics::CatalogueEntry& entry = diagnostics::describe(diagnostic.id);
    const auto rule_index = static_cast<std::uint64_t>(&entry - diagnostics::catalogue().data());
    json.begin_object();
    json.member("ruleId", entry.name);
    json.member("ruleIndex", rule_index);
    json.member("level", sarif_level(diagnostic.severity));
    json.key("message");
    json.begin_object();
    json.member("text", diagnostic.message);
    json.end_object();
    json.key("locations");
    json.begin_array();
    json.begin_object();
    json.key("physicalLocation");
    json.begin_object();
    json.key("artifactLocation");
    json.begin_object();
    json.member("uri", uri);
    json.end_object();
    json.key("region");
    json.begin_object();
    json.member("startLine", std::uint64_t{source.locate(diagnostic.offset).line});
    json.member("startColumn", std::uint64_t{code_point_column(source, diagnostic.offset)});
    json.member("byteOffset", source.offset_in_input(diagnostic.offset));
    json.end_object();
    json.end_object();
    json.end_object();
    json.end_array();
    json.end_object();
  }
}

void SarifLog::finish(std::string& out) {
  m_json.end_array();  // results
  m_json.end_object(); // the run
  m_json.end_array();  // runs
  m_json.end_object();
  m_json.drain(out);
  out += '\n';
}

} // namespace wsh::output
