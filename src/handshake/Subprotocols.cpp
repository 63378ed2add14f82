#include "handshake/Subprotocols.hpp"

#include "handshake/NameList.hpp"
#include "http/Grammar.hpp"
#include "http/ListParser.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace wsh::handshake {

using diagnostics::DiagnosticId;

void read_offered_subprotocols(const HandshakeFields& fields, Findings& findings,
                               Outcome& outcome) {
  for (const http::Field* field : fields.sec_websocket_protocol) {
    std::size_t elements = 0;
    auto error = http::visit_token_list(field->value, false, [&](std::string_view element) {
      outcome.offered_subprotocols.push_back(element);
      ++elements;
    });
    // `1#token` needs one element at least: an empty value and a value of commas and
    // whitespace alone (`,`, `, ,`) are the same mistake.
    if (!error && elements == 0) {
      findings.add(DiagnosticId::invalid_token_list, findings.offset_of(field->value),
                   field->value.empty()
                       ? std::string("Sec-WebSocket-Protocol is empty; it must list at least one "
                                     "subprotocol (RFC 6455 4.1 item 10)")
                       : fmt::format("Sec-WebSocket-Protocol `{}` lists no subprotocol, only "
                                     "separators; it must list at least one (RFC 6455 4.1 item "
                                     "10)",
                                     field->value),
                   field->name);
      continue;
    }
    if (error) {
      findings.add(DiagnosticId::invalid_token_list,
                   findings.offset_of(field->value) + error->offset,
                   fmt::format("{} in Sec-WebSocket-Protocol: {}",
                               util::describe_byte(field->value[error->offset]), error->message),
                   field->name);
    }
  }
  // Duplicates are found by sorting, not pairwise, and the first one is reported once,
  // however many there are.
  auto& offered = outcome.offered_subprotocols;
  std::vector<std::pair<std::string_view, std::size_t>> sorted;
  sorted.reserve(offered.size());
  for (std::size_t i = 0; i < offered.size(); ++i) {
    sorted.emplace_back(offered[i], i);
  }
  std::sort(sorted.begin(), sorted.end());
  std::size_t first_repeat = offered.size();
  std::size_t repeats = 0;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].first == sorted[i - 1].first) {
      ++repeats;
      first_repeat = std::min(first_repeat, sorted[i].second);
    }
  }
  if (repeats > 0) {
    findings.add(DiagnosticId::duplicate_subprotocol, findings.offset_of(offered[first_repeat]),
                 fmt::format("`{}` is offered more than once ({} repeated in all)",
                             offered[first_repeat], repeats),
                 "Sec-WebSocket-Protocol");
    offered = distinct(offered);
  }
}

namespace {

// --accept-protocols: the first subprotocol both sides support, in the preferred side's order.
std::optional<std::string> negotiated_subprotocol(const ServerPolicy& policy,
                                                  const std::vector<std::string_view>& offered) {
  const auto& supported = policy.accept_protocols;
  if (policy.prefer == ProtocolPreference::client) {
    for (const std::string_view name : offered) {
      if (std::find(supported.begin(), supported.end(), name) != supported.end()) {
        return std::string(name);
      }
    }
  } else {
    for (const std::string& name : supported) {
      if (std::find(offered.begin(), offered.end(), name) != offered.end()) {
        return name;
      }
    }
  }
  return std::nullopt;
}

} // namespace

void select_subprotocol(const ServerPolicy& policy, const HandshakeFields& fields,
                        Findings& findings, Outcome& outcome) {
  const auto& offered = outcome.offered_subprotocols;
  const http::Field* field =
      fields.sec_websocket_protocol.empty() ? nullptr : fields.sec_websocket_protocol.front();
  const std::size_t at =
      field != nullptr ? findings.offset_of(field->value) : findings.missing_at();
  const std::string_view header =
      field != nullptr ? field->name : std::string_view("Sec-WebSocket-Protocol");
  const std::optional<std::string> chosen =
      policy.subprotocol ? policy.subprotocol : negotiated_subprotocol(policy, offered);
  if (!chosen) {
    if (!offered.empty()) {
      findings.add(
          DiagnosticId::subprotocol_not_selected, at,
          policy.accept_protocols.empty()
              ? fmt::format("the client offered {} and none was chosen", quote_list(offered))
              : fmt::format("the client offered {}, none of which the server accepts",
                            quote_list(offered)),
          header);
    }
    return;
  }
  if (!http::is_token(*chosen)) {
    findings.add(DiagnosticId::invalid_selected_subprotocol, at,
                 fmt::format("the chosen subprotocol `{}` is not a token", *chosen), header);
    return;
  }
  if (std::find(offered.begin(), offered.end(), *chosen) == offered.end()) {
    findings.add(
        DiagnosticId::subprotocol_not_offered, at,
        offered.empty()
            ? fmt::format("`{}` was chosen, but the client offered no subprotocol", *chosen)
            : fmt::format("`{}` was chosen, but the client offered only {} (compared "
                          "exactly)",
                          *chosen, quote_list(offered)),
        header);
    return;
  }
  outcome.selected_subprotocol = chosen;
}

} // namespace wsh::handshake
