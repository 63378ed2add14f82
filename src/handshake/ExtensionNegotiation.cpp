#include "handshake/ExtensionNegotiation.hpp"

#include "handshake/DeflateDiagnostics.hpp"
#include "handshake/NameList.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wsh::handshake {

using diagnostics::DiagnosticId;

void read_offered_extensions(const HandshakeFields& fields, Findings& findings, Outcome& outcome,
                             std::vector<Extension>& spare, DeflateOffers& deflate_offers) {
  for (const http::Field* field : fields.sec_websocket_extensions) {
    if (auto error = parse_extension_list(field->value, outcome.offered_extensions, spare)) {
      findings.add(DiagnosticId::invalid_extension_offer,
                   findings.offset_of(field->value) + error->offset,
                   fmt::format("Sec-WebSocket-Extensions: {}", error->message), field->name);
    }
  }
  const auto& offers = outcome.offered_extensions;
  outcome.offer_verdicts.resize(offers.size());
  deflate_offers.assign(offers.size(), std::nullopt);
  for (std::size_t i = 0; i < offers.size(); ++i) {
    if (offers[i].name != k_permessage_deflate) {
      continue;
    }
    auto parameters = read_deflate_parameters(offers[i], DeflateRole::offer);
    if (parameters) {
      deflate_offers[i] = *parameters;
      continue;
    }
    const DeflateParameterError& error = parameters.error();
    const std::string_view where = error.parameter < offers[i].parameters.size()
                                       ? offers[i].parameters[error.parameter].name
                                       : offers[i].name;
    findings.add(DiagnosticId::invalid_deflate_offer, findings.offset_of(where),
                 fmt::format("permessage-deflate offer `{}`: {}; the server must decline it",
                             offers[i].text, error.message),
                 "Sec-WebSocket-Extensions");
    outcome.offer_verdicts[i] = {OfferVerdict::State::declined, error.message};
  }
}

namespace {

// What select_extensions reads and writes for one request.
struct Selection {
  const DeflateOffers& deflate_offers;
  Findings& findings;
  Outcome& outcome;
  // Where a diagnostic about the choices points, and the field it names.
  std::size_t at = 0;
  std::string_view header;
  bool deflate_chosen = false;
};

// A chosen permessage-deflate answer, checked against the offers (RFC 7692 7.1.1, 7.1.2): it
// answers the first offer it is valid for.
void check_deflate_choice(const ExtensionChoice& choice, Selection& selection) {
  Findings& findings = selection.findings;
  if (selection.deflate_chosen) {
    findings.add(DiagnosticId::duplicate_deflate_response, selection.at,
                 "permessage-deflate is chosen twice; a response accepts at most one offer",
                 selection.header);
    return;
  }
  selection.deflate_chosen = true;
  const auto& answer = *choice.deflate;
  if (!answer) {
    findings.add(response_parameter_error_id(answer.error().kind), selection.at,
                 fmt::format("the chosen `{}`: {}", choice.element, answer.error().message),
                 selection.header);
    return;
  }
  const std::optional<std::size_t> answered = match_deflate_answer(
      *answer, choice.element, {selection.deflate_offers.begin(), selection.deflate_offers.size()},
      selection.outcome.offered_extensions, AnswerSide::chosen, selection.at, selection.header,
      findings);
  if (answered) {
    selection.outcome.offer_verdicts[*answered] = {OfferVerdict::State::accepted,
                                                   "the application's -e answers it"};
    warn_window_bits_8(*answer,
                       findings.offset_of(selection.outcome.offered_extensions[*answered].name),
                       findings);
  }
}

// --negotiate-deflate: answer the first acceptable permessage-deflate offer, in the client's
// order, under the server's settings (RFC 7692 5, 7.1).
void negotiate_deflate(const DeflateSettings& settings, const HandshakeFields& fields,
                       Selection& selection) {
  Outcome& outcome = selection.outcome;
  const DeflateOffers& offers = selection.deflate_offers;
  bool accepted = false;
  for (std::size_t i = 0; i < offers.size(); ++i) {
    if (!offers[i]) {
      continue;
    }
    if (accepted) {
      outcome.offer_verdicts[i] = {OfferVerdict::State::not_selected,
                                   "an earlier offer was accepted"};
      continue;
    }
    if (offers[i]->server_max_window_bits == 8) {
      outcome.offer_verdicts[i] = {
          OfferVerdict::State::declined,
          "it limits the server to an 8-bit window, which zlib cannot produce"};
      continue;
    }
    const DeflateParameters answer = answer_deflate_offer(*offers[i], settings);
    outcome.offer_verdicts[i] = {OfferVerdict::State::accepted,
                                 "the first acceptable permessage-deflate offer"};
    outcome.selected_extensions.push_back(format_deflate(answer));
    warn_window_bits_8(answer, selection.findings.offset_of(outcome.offered_extensions[i].name),
                       selection.findings);
    accepted = true;
  }
  if (!accepted) {
    const http::Field* field =
        fields.sec_websocket_extensions.empty() ? nullptr : fields.sec_websocket_extensions.front();
    selection.findings.add(DiagnosticId::deflate_not_negotiated,
                           field != nullptr ? selection.findings.offset_of(field->value)
                                            : selection.findings.missing_at(),
                           offers.empty()
                               ? std::string("the client offered no extension; answering without "
                                             "compression")
                               : std::string("no permessage-deflate offer is acceptable; answering "
                                             "without compression"),
                           "Sec-WebSocket-Extensions");
  }
}

// Whether a valid extension named `name` was selected already.
bool selected_before(const Outcome& outcome, std::string_view name) {
  return std::any_of(outcome.selected_extensions.begin(), outcome.selected_extensions.end(),
                     [&](const std::string& earlier) {
                       return std::string_view(earlier).substr(0, earlier.find(';')) == name;
                     });
}

} // namespace

void select_extensions(const ServerPolicy& policy, const HandshakeFields& fields,
                       const DeflateOffers& deflate_offers, Findings& findings, Outcome& outcome) {
  const http::Field* field =
      fields.sec_websocket_extensions.empty() ? nullptr : fields.sec_websocket_extensions.front();
  Selection selection{deflate_offers,
                      findings,
                      outcome,
                      field != nullptr ? findings.offset_of(field->value) : findings.missing_at(),
                      field != nullptr ? field->name : std::string_view("Sec-WebSocket-Extensions"),
                      false};
  const auto& offers = outcome.offered_extensions;
  std::vector<std::string_view> offered_names;
  if (!policy.extensions.empty()) {
    offered_names.reserve(offers.size());
    for (const Extension& offer : offers) {
      offered_names.push_back(offer.name);
    }
    offered_names = distinct(offered_names);
  }

  for (const ExtensionChoice& choice : policy.extensions) {
    if (choice.error) {
      findings.add(DiagnosticId::invalid_selected_extension, selection.at, *choice.error,
                   selection.header);
      continue;
    }
    if (choice.name != k_permessage_deflate && selected_before(outcome, choice.name)) {
      findings.add(
          DiagnosticId::invalid_selected_extension, selection.at,
          fmt::format("`{}` is chosen twice; a response names each extension once", choice.name),
          selection.header);
      continue;
    }
    if (std::find(offered_names.begin(), offered_names.end(), choice.name) == offered_names.end()) {
      findings.add(
          DiagnosticId::extension_not_offered, selection.at,
          offered_names.empty()
              ? fmt::format("`{}` was chosen, but the client offered no extension", choice.name)
              : fmt::format("`{}` was chosen, but the client offered only {}", choice.name,
                            quote_list(offered_names)),
          selection.header);
      continue;
    }
    const std::size_t before = findings.count();
    if (choice.deflate) {
      check_deflate_choice(choice, selection);
    } else {
      for (std::size_t i = 0; i < offers.size(); ++i) {
        if (offers[i].name == choice.name) {
          outcome.offer_verdicts[i] = {OfferVerdict::State::accepted,
                                       "the application's -e answers it"};
          break;
        }
      }
    }
    if (!findings.error_since(before)) {
      outcome.selected_extensions.push_back(choice.canonical);
    }
  }
  if (policy.negotiate_deflate && !selection.deflate_chosen) {
    negotiate_deflate(*policy.negotiate_deflate, fields, selection);
  }
}

} // namespace wsh::handshake
