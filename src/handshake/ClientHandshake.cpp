#include "handshake/ClientHandshake.hpp"

#include "handshake/Findings.hpp"
#include "handshake/ResponseChecks.hpp"
#include "http/ResponseParser.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wsh::handshake {

namespace {

// The permessage-deflate parameters of each valid offer in the request, by offer index.
DeflateOffers deflate_offers_of(const Outcome& request) {
  DeflateOffers offers;
  offers.assign(request.offered_extensions.size(), std::nullopt);
  for (std::size_t i = 0; i < request.offered_extensions.size(); ++i) {
    const Extension& offer = request.offered_extensions[i];
    if (offer.name == k_permessage_deflate) {
      if (auto parameters = read_deflate_parameters(offer, DeflateRole::offer)) {
        offers[i] = *parameters;
      }
    }
  }
  return offers;
}

// The rules of RFC 6455 4.1 in the RFC's order, after the reading rules of RFC 9112.
void check_response(ClientOutcome& outcome) {
  const http::Response& response = *outcome.response;
  HandshakeFields fields;
  fields.index(response.fields);
  Findings findings(response.input, response.empty_line_at, outcome.diagnostics);
  outcome.status = check_status_line(response, findings);
  check_response_lines(response, findings);
  if (outcome.status) {
    check_status_101(response, fields, *outcome.status, findings);
  }
  if (outcome.status == 101u) {
    check_response_upgrade(fields, findings);
    check_response_connection(fields, findings);
    check_response_accept(fields, outcome.request, findings);
    check_response_extensions(fields, outcome.request, deflate_offers_of(outcome.request), findings,
                              outcome.selected_extensions);
    check_response_subprotocol(fields, outcome.request, findings, outcome.selected_subprotocol);
    check_response_framing(response, fields, findings);
  }
}

} // namespace

ClientOutcome verify_response(std::string_view request, std::string_view response,
                              const http::ParseOptions& options) {
  ClientOutcome outcome;
  outcome.request = begin_server_handshake(request, ServerChoices{}, options);
  http::Response read;
  std::size_t from = 0;
  while (true) {
    if (auto error = http::parse_response_into(response, options, read, from)) {
      outcome.read_failure = error->kind;
      outcome.diagnostics.push_back(
          diagnostics::make_diagnostic(error->id, error->offset, error->message, error->header));
      break;
    }
    // RFC 9110 15.2: an interim 1xx response (100 Continue, 102, 103) may come before the final
    // one; clients differ on whether a 101 can follow it, so it is a warning and the next head
    // is read.
    const std::string_view code = read.status_code;
    const bool interim = code.size() == 3 && code[0] == '1' && code != "101" &&
                         response.substr(read.header_size).starts_with("HTTP/");
    if (!interim) {
      outcome.response = std::move(read);
      check_response(outcome);
      break;
    }
    outcome.diagnostics.push_back(diagnostics::make_diagnostic(
        diagnostics::DiagnosticId::interim_response, read.offset_of(code),
        fmt::format("an interim `{}` response comes first; the response after it is checked",
                    read.status_line)));
    from = read.header_size;
  }
  // The first error in the RFC's order decides the HRESULT, as on the server side.
  auto& found = outcome.diagnostics;
  const auto first_error = std::find_if(found.begin(), found.end(), [](const auto& diagnostic) {
    return diagnostic.severity == diagnostics::Severity::error;
  });
  outcome.opens = first_error == found.end();
  outcome.hresult =
      outcome.opens ? diagnostics::k_s_ok : diagnostics::describe(first_error->id).hresult;
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.offset < b.offset; });
  return outcome;
}

} // namespace wsh::handshake
