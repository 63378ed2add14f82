#pragma once

#include "servers/ServerProfile.hpp"

#include <span>
#include <string_view>

namespace wsh::servers {

// Every profiled server, in the order tests/servers measures them.
std::span<const ServerProfile> server_profiles();

// The profile named `name` (as `--server` spells it: node-ws, python-websockets, ...), or null.
const ServerProfile* find_server(std::string_view name);

// Each server's profile, one file each (src/servers/NAME.cpp).
const ServerProfile& node_ws_profile();
const ServerProfile& python_websockets_profile();
const ServerProfile& beast_profile();
const ServerProfile& websocketpp_profile();
const ServerProfile& libwebsockets_profile();
const ServerProfile& gorilla_profile();
const ServerProfile& tornado_profile();
const ServerProfile& aiohttp_profile();
const ServerProfile& jetty_profile();
const ServerProfile& autobahn_profile();
const ServerProfile& nhooyr_profile();
const ServerProfile& node_websocket_profile();
const ServerProfile& faye_websocket_profile();

} // namespace wsh::servers
