#pragma once

#include "diagnostics/Catalogue.hpp"
#include "handshake/Findings.hpp"
#include "handshake/PerMessageDeflate.hpp"

#include <cstddef>
#include <span>
#include <string_view>

namespace wsh::handshake {

// How RFC 7692's findings become diagnostics: which id each kind of problem gets, and the
// message that names the offer and the answer. Kept beside PerMessageDeflate, which finds the
// problems without knowing about diagnostics.

// The id for an answer whose parameters are not valid permessage-deflate response parameters.
diagnostics::DiagnosticId response_parameter_error_id(DeflateParameterError::Kind kind);

// One diagnostic per rule of RFC 7692 7.1.1/7.1.2 that `answer` (written `answer_text`)
// breaks as the answer to `offer` (written `offer_text`, at `offer_at`).
void report_deflate_violations(std::span<const DeflateViolation> violations,
                               const DeflateParameters& offer, std::string_view offer_text,
                               std::size_t offer_at, std::string_view answer_text,
                               std::string_view header, Findings& findings);

// A warning when an answer sets either window to 8 bits, which zlib cannot produce and some
// clients refuse; `at` is the offer it answers.
void warn_window_bits_8(const DeflateParameters& answer, std::size_t at, Findings& findings);

} // namespace wsh::handshake
