#include "handshake/DeflateDiagnostics.hpp"

#include <fmt/format.h>

namespace wsh::handshake {

using diagnostics::DiagnosticId;

DiagnosticId response_parameter_error_id(DeflateParameterError::Kind kind) {
  switch (kind) {
  case DeflateParameterError::Kind::unknown_parameter:
    return DiagnosticId::deflate_response_unknown_parameter;
  case DeflateParameterError::Kind::duplicate_parameter:
    return DiagnosticId::deflate_response_duplicate_parameter;
  case DeflateParameterError::Kind::missing_value:
    return DiagnosticId::deflate_response_missing_value;
  case DeflateParameterError::Kind::invalid_value:
    return DiagnosticId::deflate_response_invalid_value;
  }
  return DiagnosticId::deflate_response_invalid_value;
}

void report_deflate_violations(std::span<const DeflateViolation> violations,
                               const DeflateParameters& offer, std::string_view offer_text,
                               std::size_t offer_at, std::string_view answer_text, AnswerSide side,
                               std::string_view header, Findings& findings) {
  const std::string_view the = side == AnswerSide::chosen ? "the chosen" : "the response's";
  for (const DeflateViolation violation : violations) {
    switch (violation) {
    case DeflateViolation::missing_server_no_context_takeover:
      findings.add(DiagnosticId::deflate_missing_server_no_context_takeover, offer_at,
                   fmt::format("the offer `{}` asks for server_no_context_takeover; {} `{}` "
                               "lacks it",
                               offer_text, the, answer_text),
                   header);
      break;
    case DeflateViolation::server_window_missing_or_larger:
      findings.add(DiagnosticId::deflate_server_window_not_honoured, offer_at,
                   fmt::format("the offer `{}` limits server_max_window_bits to {}; {} `{}` does "
                               "not answer it with {} or less",
                               offer_text, offer.server_max_window_bits.value_or(15), the,
                               answer_text, offer.server_max_window_bits.value_or(15)),
                   header);
      break;
    case DeflateViolation::client_window_not_offered:
      findings.add(DiagnosticId::deflate_client_window_not_offered, offer_at,
                   fmt::format("{} `{}` sets client_max_window_bits, which the offer `{}` does "
                               "not carry",
                               the, answer_text, offer_text),
                   header);
      break;
    case DeflateViolation::client_window_larger:
      findings.add(DiagnosticId::deflate_client_window_larger, offer_at,
                   fmt::format("{} `{}` allows a larger client window than the offer `{}`", the,
                               answer_text, offer_text),
                   header);
      break;
    }
  }
}

std::optional<std::size_t>
match_deflate_answer(const DeflateParameters& answer, std::string_view answer_text,
                     std::span<const std::optional<DeflateParameters>> offers,
                     std::span<const Extension> offered, AnswerSide side, std::size_t at,
                     std::string_view header, Findings& findings) {
  std::optional<std::size_t> first_valid;
  for (std::size_t i = 0; i < offers.size(); ++i) {
    if (!offers[i]) {
      continue;
    }
    first_valid = first_valid.value_or(i);
    if (check_deflate_response(*offers[i], answer).empty()) {
      return i;
    }
  }
  if (!first_valid) {
    findings.add(DiagnosticId::deflate_answers_declined_offer, at,
                 side == AnswerSide::chosen
                     ? std::string("permessage-deflate was chosen, but every permessage-deflate "
                                   "offer must be declined")
                     : std::string("the response accepts permessage-deflate, but the request "
                                   "holds no valid permessage-deflate offer"),
                 header);
    return std::nullopt;
  }
  const Extension& offer = offered[*first_valid];
  report_deflate_violations(check_deflate_response(*offers[*first_valid], answer),
                            *offers[*first_valid], offer.text, findings.offset_of(offer.text),
                            answer_text, side, header, findings);
  return std::nullopt;
}

void warn_window_bits_8(const DeflateParameters& answer, std::size_t at, Findings& findings) {
  const bool server8 = answer.server_max_window_bits == 8;
  const bool client8 = answer.client_max_window_bits == 8;
  if (!server8 && !client8) {
    return;
  }
  findings.add(DiagnosticId::deflate_window_bits_8, at,
               server8 && client8
                   ? std::string("the response sets server_max_window_bits=8 and "
                                 "client_max_window_bits=8")
                   : fmt::format("the response sets {}=8",
                                 server8 ? "server_max_window_bits" : "client_max_window_bits"),
               "Sec-WebSocket-Extensions");
}

} // namespace wsh::handshake
