#include "handshake/TokenList.hpp"

#include "http/Grammar.hpp"
#include "http/ListParser.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

namespace wsh::handshake {

TokenListSummary summarize_token_list(const FieldList& fields, std::string_view header,
                                      std::string_view wanted, bool allow_slash,
                                      Findings& findings) {
  TokenListSummary summary;
  summary.present = !fields.empty();
  // The usual `Upgrade: websocket` and `Connection: Upgrade`: one element, the wanted one
  // (`wanted` is letters only, so token_equals_lowercase is iequals).
  if (fields.size() == 1 && http::token_equals_lowercase(fields.front()->value, wanted)) {
    summary.has_wanted = true;
    return summary;
  }
  for (const http::Field* field : fields) {
    auto error = http::visit_token_list(field->value, allow_slash, [&](std::string_view element) {
      if (http::iequals(element, wanted)) {
        summary.has_wanted = true;
      } else {
        summary.others.push_back(element);
      }
    });
    if (error) {
      summary.valid = false;
      findings.add(diagnostics::DiagnosticId::invalid_token_list,
                   findings.offset_of(field->value) + error->offset,
                   fmt::format("{} in {}: {}", util::describe_byte(field->value[error->offset]),
                               header, error->message),
                   field->name);
    }
  }
  return summary;
}

} // namespace wsh::handshake
