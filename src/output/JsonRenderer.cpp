#include "output/JsonRenderer.hpp"

#include "output/VerifyRenderer.hpp"

#include "output/JsonWriter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>

namespace wsh::output {

namespace {

// The lines of a request's fields, without counting: the parser refuses folded lines, so the
// i-th field is on the i-th line after the request line; only the empty lines that may come
// before the request line are counted. Bytes rebuilt from another format have their lines in
// the user's file, where the map leads.
class FieldLines {
public:
  FieldLines(const http::Request& request, const Source& source)
      : m_request(request), m_source(source.mapped() ? &source : nullptr),
        m_request_line(m_source != nullptr
                           ? source.locate(request.offset_of(request.method)).line
                           : source.first_line +
                                 static_cast<std::size_t>(std::count(
                                     request.input.begin(),
                                     request.input.begin() + static_cast<std::ptrdiff_t>(
                                                                 request.offset_of(request.method)),
                                     '\n'))) {}

  std::size_t of_field(std::size_t index) const {
    if (m_source != nullptr) {
      return m_source->locate(m_request.offset_of(m_request.fields[index].name)).line;
    }
    return m_request_line + 1 + index;
  }

  // The line of the field whose value holds `part` (an offer's text). The values are views of
  // the request's bytes in the order of its lines, so the field is found by halving.
  std::size_t of_value_part(std::string_view part) const {
    const auto& fields = m_request.fields;
    const auto after =
        std::partition_point(fields.begin(), fields.end(), [&part](const http::Field& field) {
          return field.value.data() <= part.data();
        });
    if (after != fields.begin()) {
      const std::string_view value = std::prev(after)->value;
      if (part.data() <= value.data() + value.size()) {
        return of_field(static_cast<std::size_t>(std::prev(after) - fields.begin()));
      }
    }
    return m_request_line;
  }

private:
  const http::Request& m_request;
  const Source* m_source;
  std::size_t m_request_line;
};

void write_request_fields(JsonWriter& json, const http::Request& request, const FieldLines& lines) {
  json.begin_object();
  json.key("method");
  json.token(request.method);
  json.member("target", request.target);
  json.key("version");
  json.token(request.version);
  json.member("header_bytes", std::uint64_t{request.header_size});
  json.member("bytes_after_headers", std::uint64_t{request.bytes_after_headers()});
  json.key("fields");
  json.begin_array();
  for (std::size_t i = 0; i < request.fields.size(); ++i) {
    const http::Field& field = request.fields[i];
    json.name_value_line(field.name, field.value, lines.of_field(i));
  }
  json.end_array();
  json.end_object();
}

} // namespace

void write_diagnostic_json(JsonWriter& json, const diagnostics::Diagnostic& diagnostic,
                           const Source& source) {
  const diagnostics::CatalogueEntry& entry = diagnostics::describe(diagnostic.id);
  const util::LineColumn position = source.locate(diagnostic.offset);
  json.begin_object();
  json.member("id", entry.name);
  json.member("severity", diagnostics::to_string(diagnostic.severity));
  json.member("message", diagnostic.message);
  json.member("line", std::uint64_t{position.line});
  json.member("column", std::uint64_t{position.column});
  json.member("offset", source.offset_in_input(diagnostic.offset));
  json.key("header");
  json.string_or_null(diagnostic.header);
  json.member("reference", entry.reference);
  json.member("consequence", entry.consequence);
  json.member("hint", entry.hint);
  json.end_object();
}

void write_request_json(JsonWriter& json, const http::Request& request, const Source& source) {
  write_request_fields(json, request, FieldLines(request, source));
}

namespace {

// The offers come from the request's fields, so `lines` is there whenever there is an offer.
void write_offers(JsonWriter& json, const handshake::Outcome& outcome,
                  const std::optional<FieldLines>& lines) {
  json.begin_object();
  json.key("subprotocols");
  json.begin_array();
  for (const std::string_view name : outcome.offered_subprotocols) {
    json.token(name);
  }
  json.end_array();
  json.key("extensions");
  json.begin_array();
  for (std::size_t i = 0; i < outcome.offered_extensions.size(); ++i) {
    const handshake::Extension& offer = outcome.offered_extensions[i];
    const handshake::OfferVerdict& verdict = outcome.offer_verdicts[i];
    json.begin_object();
    json.key("name");
    json.token(offer.name);
    json.member("text", offer.text);
    json.key("parameters");
    json.begin_array();
    for (const handshake::ExtensionParameter& parameter : offer.parameters) {
      json.begin_object();
      json.key("name");
      json.token(parameter.name);
      json.key("value");
      if (parameter.has_value) {
        json.string(parameter.unquoted_value());
      } else {
        json.null();
      }
      json.end_object();
    }
    json.end_array();
    json.member("line", std::uint64_t{lines->of_value_part(offer.text)});
    json.member("verdict", handshake::to_string(verdict.state));
    json.key("reason");
    json.string_or_null(verdict.reason);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

} // namespace

void render_json_to(std::string& out, const handshake::Outcome& outcome, const Source& source,
                    JsonLayout layout, const BatchPosition* position,
                    std::span<const ServerVerdict> servers, const ResponseJudgement* response) {
  JsonWriter json(out, layout);
  json.begin_object();
  json.member("schema_version", k_json_schema_version);
  if (position != nullptr) {
    json.member("index", std::uint64_t{position->index});
    if (position->har_entry) {
      json.member("entry", std::uint64_t{*position->har_entry});
    } else {
      json.member("offset", position->offset);
    }
    if (!position->url.empty()) {
      json.member("url", position->url);
      json.member("started", position->started);
    }
  }
  json.member("ok", outcome.accepted);
  json.member("status", outcome.status);
  json.key("reason");
  json.token(handshake::reason_phrase(outcome.status)); // letters and spaces
  json.key("hresult");
  json.begin_object();
  json.key("name");
  json.token(outcome.hresult.name); // winerror.h's identifier
  const std::array<char, 10> value = hresult_text(outcome.hresult.value);
  json.member("value", std::string_view(value.data(), value.size()));
  json.end_object();
  json.key("response_headers");
  json.begin_array();
  for (const handshake::ResponseHeader& header : outcome.response_headers) {
    json.begin_object();
    json.key("name");
    json.token(header.name);
    json.member("value", header.value.view());
    json.end_object();
  }
  json.end_array();
  json.key("accept");
  if (outcome.sec_websocket_accept.empty()) {
    json.null();
  } else {
    json.begin_object();
    json.key("key");
    json.token(outcome.sec_websocket_key); // base64: letters, digits, '+', '/', '='
    json.key("accept");
    json.token(outcome.sec_websocket_accept.view());
    json.end_object();
  }
  json.key("negotiated");
  json.begin_object();
  json.key("subprotocol");
  if (outcome.selected_subprotocol) {
    json.string(*outcome.selected_subprotocol);
  } else {
    json.null();
  }
  json.key("extensions");
  json.begin_array();
  for (const std::string& extension : outcome.selected_extensions) {
    json.string(extension);
  }
  json.end_array();
  json.end_object();
  std::optional<FieldLines> lines;
  if (outcome.request) {
    lines.emplace(*outcome.request, source);
  }
  json.key("offers");
  write_offers(json, outcome, lines);
  json.member("input", source.name);
  json.key("request");
  if (outcome.request) {
    write_request_fields(json, *outcome.request, *lines);
  } else {
    json.null();
  }
  json.key("diagnostics");
  json.begin_array();
  for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
    write_diagnostic_json(json, diagnostic, source);
  }
  json.end_array();
  if (!servers.empty()) {
    json.key("servers");
    write_servers_json(json, servers);
  }
  if (response != nullptr) {
    json.key("verify");
    json.begin_object();
    write_verify_members(json, *response);
    json.end_object();
  }
  json.end_object();
  json.finish();
  out += '\n';
}

std::string render_json(const handshake::Outcome& outcome, const Source& source, JsonLayout layout,
                        const BatchPosition* position, std::span<const ServerVerdict> servers,
                        const ResponseJudgement* response) {
  std::string out;
  render_json_to(out, outcome, source, layout, position, servers, response);
  return out;
}

} // namespace wsh::output
