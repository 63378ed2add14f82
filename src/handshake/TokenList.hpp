#pragma once

#include "handshake/Findings.hpp"
#include "handshake/HandshakeFields.hpp"

#include <string_view>
#include <vector>

namespace wsh::handshake {

// What a comma-separated token list field (all its lines together) said about one wanted
// token, as Upgrade and Connection are read (RFC 9110 5.6.1, 7.6.1, 7.8).
struct TokenListSummary {
  bool present = false;
  // No line broke the list grammar.
  bool valid = true;
  // Some element equals the wanted token, compared case-insensitively.
  bool has_wanted = false;
  // The other elements, in order.
  std::vector<std::string_view> others;
};

// Reads every line of `fields` as a token list, reporting `invalid-token-list` at each byte
// that breaks it. `header` names the field in messages; `wanted` is lowercase letters; with
// `allow_slash` an element may be `protocol/version` (Upgrade, RFC 9110 7.8).
TokenListSummary summarize_token_list(const FieldList& fields, std::string_view header,
                                      std::string_view wanted, bool allow_slash,
                                      Findings& findings);

} // namespace wsh::handshake
