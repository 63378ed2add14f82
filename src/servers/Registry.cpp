#include "servers/Registry.hpp"

#include <array>

namespace wsh::servers {

std::span<const ServerProfile> server_profiles() {
  static const std::array<ServerProfile, 13> k_profiles = {
      node_ws_profile(),       python_websockets_profile(),
      beast_profile(),         websocketpp_profile(),
      libwebsockets_profile(), gorilla_profile(),
      tornado_profile(),       aiohttp_profile(),
      jetty_profile(),         autobahn_profile(),
      nhooyr_profile(),        node_websocket_profile(),
      faye_websocket_profile()};
  return k_profiles;
}

const ServerProfile* find_server(std::string_view name) {
  for (const ServerProfile& profile : server_profiles()) {
    if (profile.name == name) {
      return &profile;
    }
  }
  return nullptr;
}

} // namespace wsh::servers
