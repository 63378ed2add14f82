#pragma once

#include "diagnostics/Catalogue.hpp"
#include "handshake/Findings.hpp"
#include "handshake/PerMessageDeflate.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace wsh::handshake {

// How RFC 7692's findings become diagnostics: which id each kind of problem gets, and the
// message that names the offer and the answer. Kept beside PerMessageDeflate, which finds the
// problems without knowing about diagnostics.

// The id for an answer whose parameters are not valid permessage-deflate response parameters.
diagnostics::DiagnosticId response_parameter_error_id(DeflateParameterError::Kind kind);

// Whose answer a message speaks of: the application's choice on the server side ("the chosen
// `...`"), or the server's response when a client checks it ("the response's `...`").
enum class AnswerSide { chosen, response };

// One diagnostic per rule of RFC 7692 7.1.1/7.1.2 that `answer` (written `answer_text`)
// breaks as the answer to `offer` (written `offer_text`, at `offer_at`).
void report_deflate_violations(std::span<const DeflateViolation> violations,
                               const DeflateParameters& offer, std::string_view offer_text,
                               std::size_t offer_at, std::string_view answer_text, AnswerSide side,
                               std::string_view header, Findings& findings);

// Which permessage-deflate offer `answer` (written `answer_text`) answers: the first valid
// offer it is a valid answer to (RFC 7692 5: the server accepts one offer). Without one, it
// reports why against the first valid offer (or that there is none) at `at`, and returns
// nothing. `offers` holds the parameters of each offered extension that is a valid
// permessage-deflate offer; `offered` the offered extensions, by the same index.
std::optional<std::size_t>
match_deflate_answer(const DeflateParameters& answer, std::string_view answer_text,
                     std::span<const std::optional<DeflateParameters>> offers,
                     std::span<const Extension> offered, AnswerSide side, std::size_t at,
                     std::string_view header, Findings& findings);

// A warning when an answer sets either window to 8 bits, which zlib cannot produce and some
// clients refuse; `at` is the offer it answers.
void warn_window_bits_8(const DeflateParameters& answer, std::size_t at, Findings& findings);

} // namespace wsh::handshake
