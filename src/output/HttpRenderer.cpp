#include "output/HttpRenderer.hpp"

#include <array>
#include <cstring>
#include <string_view>

namespace wsh::output {

namespace {

// Copies `text` to `at` and returns the end of the copy.
char* put(char* at, std::string_view text) {
  std::memcpy(at, text.data(), text.size());
  return at + text.size();
}

} // namespace

void render_http(const handshake::Outcome& outcome, std::string& out) {
  constexpr std::string_view k_version = "HTTP/1.1 ";
  constexpr std::string_view k_separator = ": ";
  constexpr std::string_view k_crlf = "\r\n";
  std::array<char, 10> digits{};
  std::size_t first_digit = digits.size();
  unsigned status = outcome.status;
  do {
    digits[--first_digit] = static_cast<char>('0' + status % 10);
    status /= 10;
  } while (status != 0);
  const std::string_view code(digits.data() + first_digit, digits.size() - first_digit);
  const std::string_view reason = handshake::reason_phrase(outcome.status);

  std::size_t size = k_version.size() + code.size() + 1 + reason.size() + 2 * k_crlf.size();
  for (const handshake::ResponseHeader& header : outcome.response_headers) {
    size += header.name.size() + k_separator.size() + header.value.size() + k_crlf.size();
  }
  const std::size_t start = out.size();
  out.resize(start + size);
  char* at = put(out.data() + start, k_version);
  at = put(at, code);
  *at++ = ' ';
  at = put(at, reason);
  at = put(at, k_crlf);
  for (const handshake::ResponseHeader& header : outcome.response_headers) {
    at = put(at, header.name);
    at = put(at, k_separator);
    at = put(at, header.value);
    at = put(at, k_crlf);
  }
  put(at, k_crlf);
}

} // namespace wsh::output
