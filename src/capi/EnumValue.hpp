#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace wsh::capi {

// The integer a C caller stored in an enum of the C header, read as bytes: C lets any int
// through, while reading a value outside the enumerators' range as the enum type is undefined
// in C++ (and UBSan's `enum` check stops there), so unknown values are compared as integers.
template <typename Enum>
std::int64_t enum_value(const Enum& stored) {
  std::underlying_type_t<Enum> raw{};
  std::memcpy(&raw, &stored, sizeof raw);
  return static_cast<std::int64_t>(raw);
}

} // namespace wsh::capi
