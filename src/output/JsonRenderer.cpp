#include "output/JsonRenderer.hpp"

#include "util/TextPosition.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace wsh::output {

namespace {

using Json = nlohmann::ordered_json;

Json string_or_null(std::string_view text) {
  return text.empty() ? Json(nullptr) : Json(std::string(text));
}

Json request_json(const http::Request& request, const Source& source) {
  Json fields = Json::array();
  for (const http::Field& field : request.fields) {
    fields.push_back({{"name", std::string(field.name)},
                      {"value", std::string(field.value)},
                      {"line", source.locate(request.offset_of(field.name)).line}});
  }
  return {{"method", std::string(request.method)},
          {"target", std::string(request.target)},
          {"version", std::string(request.version)},
          {"header_bytes", request.header_size},
          {"bytes_after_headers", request.bytes_after_headers()},
          {"fields", std::move(fields)}};
}

Json diagnostic_json(const diagnostics::Diagnostic& diagnostic, const Source& source) {
  const diagnostics::CatalogueEntry& entry = diagnostics::describe(diagnostic.id);
  const util::LineColumn position = source.locate(diagnostic.offset);
  return {{"id", std::string(entry.name)},
          {"severity", std::string(diagnostics::to_string(diagnostic.severity))},
          {"message", diagnostic.message},
          {"line", position.line},
          {"column", position.column},
          {"offset", source.first_offset + diagnostic.offset},
          {"header", string_or_null(diagnostic.header)},
          {"reference", std::string(entry.reference)},
          {"consequence", std::string(entry.consequence)},
          {"hint", std::string(entry.hint)}};
}

Json offers_json(const handshake::Outcome& outcome, const Source& source) {
  Json extensions = Json::array();
  for (std::size_t i = 0; i < outcome.offered_extensions.size(); ++i) {
    const handshake::Extension& offer = outcome.offered_extensions[i];
    Json parameters = Json::array();
    for (const handshake::ExtensionParameter& parameter : offer.parameters) {
      parameters.push_back(
          {{"name", std::string(parameter.name)},
           {"value", parameter.has_value ? Json(parameter.unquoted_value()) : Json(nullptr)}});
    }
    const handshake::OfferVerdict& verdict = outcome.offer_verdicts[i];
    const auto offset = static_cast<std::size_t>(offer.text.data() - source.bytes.data());
    extensions.push_back({{"name", std::string(offer.name)},
                          {"text", std::string(offer.text)},
                          {"parameters", std::move(parameters)},
                          {"line", source.locate(offset).line},
                          {"verdict", std::string(handshake::to_string(verdict.state))},
                          {"reason", string_or_null(verdict.reason)}});
  }
  Json subprotocols = Json::array();
  for (const std::string_view name : outcome.offered_subprotocols) {
    subprotocols.push_back(std::string(name));
  }
  return {{"subprotocols", std::move(subprotocols)}, {"extensions", std::move(extensions)}};
}

} // namespace

std::string render_json(const handshake::Outcome& outcome, const Source& source, JsonLayout layout,
                        const BatchPosition* position) {
  Json headers = Json::array();
  for (const handshake::ResponseHeader& header : outcome.response_headers) {
    headers.push_back({{"name", std::string(header.name)}, {"value", std::string(header.value)}});
  }
  Json diagnostics = Json::array();
  for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
    diagnostics.push_back(diagnostic_json(diagnostic, source));
  }
  Json accept = nullptr;
  if (!outcome.sec_websocket_accept.empty()) {
    accept = {{"key", std::string(outcome.sec_websocket_key)},
              {"accept", std::string(outcome.sec_websocket_accept)}};
  }
  Json document = {{"schema_version", k_json_schema_version}};
  if (position != nullptr) {
    document["index"] = position->index;
    if (position->har_entry) {
      document["entry"] = *position->har_entry;
    } else {
      document["offset"] = position->offset;
    }
    if (!position->url.empty()) {
      document["url"] = std::string(position->url);
      document["started"] = std::string(position->started);
    }
  }
  const Json body = {
      {"ok", outcome.accepted},
      {"status", outcome.status},
      {"reason", std::string(handshake::reason_phrase(outcome.status))},
      {"hresult",
       {{"name", std::string(outcome.hresult.name)},
        {"value", fmt::format("0x{:08X}", outcome.hresult.value)}}},
      {"response_headers", std::move(headers)},
      {"accept", std::move(accept)},
      {"negotiated",
       {{"subprotocol",
         outcome.selected_subprotocol ? Json(*outcome.selected_subprotocol) : Json(nullptr)},
        {"extensions", outcome.selected_extensions}}},
      {"offers", offers_json(outcome, source)},
      {"input", std::string(source.name)},
      {"request", outcome.request ? request_json(*outcome.request, source) : Json(nullptr)},
      {"diagnostics", std::move(diagnostics)}};
  document.update(body);
  // ASCII only: non-ASCII characters become \uXXXX escapes, so C1 controls and bidi overrides
  // from a capture cannot reach a terminal either.
  std::string out = document.dump(layout == JsonLayout::pretty ? 2 : -1, ' ', true,
                                  Json::error_handler_t::replace);
  out += '\n';
  return out;
}

} // namespace wsh::output
