#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace wsh::util {

// Base64 (RFC 4648 section 4) of a SHA-1 digest: 20 bytes always encode to 28 characters.
std::array<char, 28> base64_encode_20(std::span<const std::uint8_t, 20> bytes);

// True when `text` is the padded base64 (RFC 4648 section 4) of exactly 16 bytes: 22 alphabet
// characters then "==". Non-zero trailing pad bits are accepted, as Node ws and Python
// websockets accept them.
bool is_base64_of_16_bytes(std::string_view text);

// The bytes `text` encodes as padded base64 (RFC 4648 section 4), or nothing when it is not
// padded base64. For explaining a wrong value, not on a fast path.
std::optional<std::string> base64_decode(std::string_view text);

// True for a character of the base64 alphabet (RFC 4648 table 1), padding excluded.
bool is_base64_alphabet(char c);

} // namespace wsh::util
