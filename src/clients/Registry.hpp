#pragma once

#include "clients/ClientProfile.hpp"

#include <span>
#include <string_view>

namespace wsh::clients {

// Every client profile, in the order the table and --client all list them.
std::span<const ClientProfile* const> client_profiles();

// The profile named `name` (as --client takes it), or nullptr.
const ClientProfile* find_client(std::string_view name);

// One profile per client, each defined in its own file.
extern const ClientProfile k_chromium;
extern const ClientProfile k_firefox;
extern const ClientProfile k_webkit;
extern const ClientProfile k_node_ws;
extern const ClientProfile k_undici;
extern const ClientProfile k_python_websockets;
extern const ClientProfile k_websocket_client;
extern const ClientProfile k_aiohttp;
extern const ClientProfile k_gorilla;

} // namespace wsh::clients
