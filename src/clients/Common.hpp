#pragma once

#include <array>
#include <string_view>

namespace wsh::clients {

// The redirect statuses of RFC 9110 15.4 that carry a Location to follow.
inline constexpr std::array<unsigned, 5> k_redirect_statuses_all = {301, 302, 303, 307, 308};

// The schemes a WebSocket client may be sent to (RFC 6455 3), and with http(s) (libsoup).
inline constexpr std::array<std::string_view, 2> k_ws_schemes = {"ws", "wss"};
inline constexpr std::array<std::string_view, 4> k_web_schemes = {"ws", "wss", "http", "https"};

// The header names llhttp tracks itself (its SPECIAL_HEADERS): after one of them a space
// before the colon is "Invalid header field char", after any other name "Invalid header token".
inline constexpr std::array<std::string_view, 5> k_llhttp_special_names = {
    "connection", "content-length", "proxy-connection", "transfer-encoding", "upgrade"};

} // namespace wsh::clients
