#include "capi/Properties.hpp"

#include "capi/EnumValue.hpp"

#include <cstdint>
#include <cstring>

namespace wsh::capi {

namespace {

// The smallest receive or send buffer Microsoft's documentation allows.
constexpr ULONG k_smallest_buffer = 256;
// The documented defaults: receive 4096; send 4096 for a client and 16 for a server.
constexpr ULONG k_default_receive_buffer = 4096;
constexpr ULONG k_default_client_send_buffer = 4096;
constexpr ULONG k_default_server_send_buffer = 16;
// The alignment an allocated buffer must have.
constexpr std::uintptr_t k_buffer_alignment = 8;

// The ULONG a property points to, when it points to exactly one.
bool read_ulong(const WEB_SOCKET_PROPERTY& property, ULONG& value) {
  if (property.pvValue == nullptr || property.ulValueSize != sizeof(ULONG)) {
    return false;
  }
  std::memcpy(&value, property.pvValue, sizeof(ULONG));
  return true;
}

} // namespace

HRESULT check_properties(std::span<const WEB_SOCKET_PROPERTY> properties, Role role) {
  ULONG receive_buffer = k_default_receive_buffer;
  ULONG send_buffer =
      role == Role::client ? k_default_client_send_buffer : k_default_server_send_buffer;
  const WEB_SOCKET_PROPERTY* allocated_buffer = nullptr;
  for (const WEB_SOCKET_PROPERTY& property : properties) {
    const std::int64_t type = enum_value(property.Type);
    switch (type) {
    case WEB_SOCKET_RECEIVE_BUFFER_SIZE_PROPERTY_TYPE:
    case WEB_SOCKET_SEND_BUFFER_SIZE_PROPERTY_TYPE: {
      ULONG size = 0;
      if (!read_ulong(property, size) || size < k_smallest_buffer) {
        return E_INVALIDARG;
      }
      (type == WEB_SOCKET_RECEIVE_BUFFER_SIZE_PROPERTY_TYPE ? receive_buffer : send_buffer) = size;
      break;
    }
    case WEB_SOCKET_DISABLE_MASKING_PROPERTY_TYPE:
    case WEB_SOCKET_DISABLE_UTF8_VERIFICATION_PROPERTY_TYPE:
      if (property.pvValue == nullptr || property.ulValueSize != sizeof(BOOL)) {
        return E_INVALIDARG;
      }
      break;
    case WEB_SOCKET_ALLOCATED_BUFFER_PROPERTY_TYPE:
      if (property.pvValue == nullptr ||
          reinterpret_cast<std::uintptr_t>(property.pvValue) % k_buffer_alignment != 0) {
        return E_INVALIDARG;
      }
      allocated_buffer = &property;
      break;
    default:
      return E_INVALIDARG;
    }
  }
  if (allocated_buffer != nullptr) {
    const std::uint64_t needed = std::uint64_t{receive_buffer} + send_buffer + k_smallest_buffer;
    if (allocated_buffer->ulValueSize <= needed) {
      return E_INVALIDARG;
    }
  }
  return S_OK;
}

} // namespace wsh::capi
