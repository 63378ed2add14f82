#pragma once

#include <cstdint>
#include <string_view>

namespace wsh::diagnostics {

// The HRESULT a WebSocketBeginServerHandshake caller would get, with winerror.h's name.
struct Hresult {
  std::uint32_t value = 0;
  std::string_view name;
  std::string_view description;
};

// The handshake succeeded.
inline constexpr Hresult k_s_ok{0x00000000U, "S_OK", "The operation completed successfully."};
// The request breaks the protocol's syntax or rules (winerror.h, WebSocket Protocol Component).
inline constexpr Hresult k_e_invalid_protocol_format{0x83760002U, "E_INVALID_PROTOCOL_FORMAT",
                                                     "Protocol data had an invalid format."};
// The application chose an extension the client cannot take.
inline constexpr Hresult k_e_protocol_extensions_not_supported{
    0x83760003U, "E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED", "Protocol extensions are not supported."};
// The application chose a subprotocol the client did not offer.
inline constexpr Hresult k_e_subprotocol_not_supported{0x83760004U, "E_SUBPROTOCOL_NOT_SUPPORTED",
                                                       "Subprotocol is not supported."};
// The client speaks a WebSocket version other than 13.
inline constexpr Hresult k_e_protocol_version_not_supported{
    0x83760005U, "E_PROTOCOL_VERSION_NOT_SUPPORTED", "Protocol version is not supported."};

// The server's own policy refuses the request: the host it serves, the origins it allows
// (winerror.h's general access-denied code; the application decides these, not the protocol).
inline constexpr Hresult k_e_access_denied{0x80070005U, "E_ACCESSDENIED", "Access is denied."};

} // namespace wsh::diagnostics
