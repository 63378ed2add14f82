#include "handshake/AcceptMismatch.hpp"

#include "handshake/AcceptKey.hpp"
#include "http/Grammar.hpp"
#include "util/Base64.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wsh::handshake {

namespace {

std::string base64_of(const std::array<std::uint8_t, 20>& digest) {
  const std::array<char, 28> text = util::base64_encode_20(digest);
  return {text.data(), text.size()};
}

std::string hex_of(const std::array<std::uint8_t, 20>& digest) {
  std::string out;
  for (const std::uint8_t byte : digest) {
    out += fmt::format("{:02x}", byte);
  }
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

// A well-formed accept value: the base64 of 20 bytes, 27 characters and one '='.
bool is_accept_shaped(std::string_view text) {
  return text.size() == 28 && text.back() == '=' &&
         std::all_of(text.begin(), text.end() - 1, util::is_base64_alphabet);
}

} // namespace

std::string explain_wrong_accept(std::string_view accept, std::string_view key,
                                 std::string_view key_as_written) {
  const std::array<char, 28> computed = compute_accept(key);
  const std::string expected(computed.data(), computed.size());
  if (http::iequals(accept, expected)) {
    return "only the letter case differs; base64 is case-sensitive";
  }
  if (accept == key) {
    return "it is the client's key itself, sent back instead of the value computed from it";
  }
  if (accept == base64_of(sha1_of(key, lowercase(k_websocket_guid)))) {
    return "it was computed with the GUID in lower case; RFC 6455 1.3's GUID is in capitals";
  }
  if (accept == base64_of(sha1_of(key, ""))) {
    return "it was computed from the key alone, without appending the GUID";
  }
  if (const auto decoded = util::base64_decode(key);
      decoded && accept == base64_of(sha1_of(*decoded, k_websocket_guid))) {
    return "it was computed from the base64-decoded key; hash the key as the 24 characters "
           "sent";
  }
  if (key_as_written != key && accept == base64_of(sha1_of(key_as_written, k_websocket_guid))) {
    return "it was computed over the key with the whitespace around it; the field value "
           "excludes that whitespace";
  }
  if (http::iequals(accept, hex_of(sha1_of(key, k_websocket_guid)))) {
    return "it is the SHA-1 digest in hexadecimal; send it in base64";
  }
  if (expected.starts_with(accept) && expected.size() == accept.size() + 1) {
    return "the padding `=` at the end is missing";
  }
  if (accept.starts_with(expected) &&
      std::all_of(accept.begin() + static_cast<std::ptrdiff_t>(expected.size()), accept.end(),
                  [](char c) { return c == '='; })) {
    return "extra `=` padding follows the value";
  }
  if (accept.size() == expected.size() + 2 && accept.front() == '"' && accept.back() == '"' &&
      accept.substr(1, expected.size()) == expected) {
    return "it is quoted; send the bare base64 value";
  }
  if (accept.starts_with(expected) && accept.find(',') != std::string_view::npos) {
    return "the value is given more than once, as a list, in one field";
  }
  // RFC 6455 1.3's example: the key `dGhlIHNhbXBsZSBub25jZQ==` and its accept value.
  constexpr std::string_view k_rfc_example_key = "dGhlIHNhbXBsZSBub25jZQ==";
  if (key != k_rfc_example_key) {
    const std::array<char, 28> example = compute_accept(k_rfc_example_key);
    if (accept == std::string_view(example.data(), example.size())) {
      return "it is the accept value of RFC 6455's example key (`dGhlIHNhbXBsZSBub25jZQ==`): "
             "the server sends a fixed value instead of computing it from this key";
    }
  }
  if (is_accept_shaped(accept)) {
    return "it is a well-formed accept value, but for another key: the request the server "
           "answered carried another Sec-WebSocket-Key (a proxy that made its own request, or "
           "a response paired with the wrong request), or the server hashed with another GUID";
  }
  return fmt::format("it is not the base64 of a SHA-1 digest at all ({} characters, where an "
                     "accept value has 28)",
                     accept.size());
}

} // namespace wsh::handshake
