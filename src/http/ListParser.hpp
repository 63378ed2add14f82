#pragma once

#include "http/Grammar.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wsh::http {

// Where and why a list element is not a token.
struct ListSyntaxError {
  std::size_t offset = 0; // into the field value
  std::string message;
};

// Calls `on_element` with each element of a comma-separated list of tokens, OWS trimmed and
// empty elements skipped (RFC 9110 5.6.1: `#element => [ element ] *( OWS "," OWS [ element ] )`).
// With `allow_slash`, an element may be `token "/" token` (the Upgrade field's `protocol`,
// RFC 9110 7.8). Returns the first element that is not a token, or nothing.
template <typename OnElement>
std::optional<ListSyntaxError> visit_token_list(std::string_view value, bool allow_slash,
                                                OnElement&& on_element) {
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(',', start);
    if (end == std::string_view::npos) {
      end = value.size();
    }
    const std::string_view element = trim_ows(value.substr(start, end - start));
    if (!element.empty()) {
      const auto element_offset = static_cast<std::size_t>(element.data() - value.data());
      bool seen_slash = false;
      for (std::size_t i = 0; i < element.size(); ++i) {
        const char c = element[i];
        const bool slash_ok =
            allow_slash && c == '/' && !seen_slash && i != 0 && i + 1 != element.size();
        if (is_tchar(c) || slash_ok) {
          seen_slash = seen_slash || c == '/';
          continue;
        }
        std::string why = c == '"'   ? "a quoted string is not allowed here"
                          : c == ';' ? "parameters are not allowed here"
                          : c == '=' ? "parameters are not allowed here"
                                     : "this byte is not allowed in a token";
        return ListSyntaxError{element_offset + i, std::move(why)};
      }
      on_element(element);
    }
    start = end + 1;
  }
  return std::nullopt;
}

} // namespace wsh::http
