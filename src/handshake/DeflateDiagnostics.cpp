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
                               std::size_t offer_at, std::string_view answer_text,
                               std::string_view header, Findings& findings) {
  for (const DeflateViolation violation : violations) {
    switch (violation) {
    case DeflateViolation::missing_server_no_context_takeover:
      findings.add(DiagnosticId::deflate_missing_server_no_context_takeover, offer_at,
                   fmt::format("the offer `{}` asks for server_no_context_takeover; the chosen "
                               "`{}` lacks it",
                               offer_text, answer_text),
                   header);
      break;
    case DeflateViolation::server_window_missing_or_larger:
      findings.add(DiagnosticId::deflate_server_window_not_honoured, offer_at,
                   fmt::format("the offer `{}` limits server_max_window_bits to {}; the chosen "
                               "`{}` does not answer it with {} or less",
                               offer_text, offer.server_max_window_bits.value_or(15), answer_text,
                               offer.server_max_window_bits.value_or(15)),
                   header);
      break;
    case DeflateViolation::client_window_not_offered:
      findings.add(DiagnosticId::deflate_client_window_not_offered, offer_at,
                   fmt::format("the chosen `{}` sets client_max_window_bits, which the offer "
                               "`{}` does not carry",
                               answer_text, offer_text),
                   header);
      break;
    case DeflateViolation::client_window_larger:
      findings.add(DiagnosticId::deflate_client_window_larger, offer_at,
                   fmt::format("the chosen `{}` allows a larger client window than the offer "
                               "`{}`",
                               answer_text, offer_text),
                   header);
      break;
    }
  }
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
