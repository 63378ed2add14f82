#include "clients/Registry.hpp"

#include <array>

namespace wsh::clients {

namespace {

// The order of tests/clients/table.jsonl.
const std::array<const ClientProfile*, 9> k_profiles = {
    &k_chromium,          &k_firefox,          &k_webkit,  &k_node_ws, &k_undici,
    &k_python_websockets, &k_websocket_client, &k_aiohttp, &k_gorilla};

} // namespace

std::span<const ClientProfile* const> client_profiles() {
  return k_profiles;
}

const ClientProfile* find_client(std::string_view name) {
  for (const ClientProfile* profile : k_profiles) {
    if (profile->name == name) {
      return profile;
    }
  }
  return nullptr;
}

} // namespace wsh::clients
