#pragma once

#include "output/JsonWriter.hpp"
#include "servers/Prediction.hpp"
#include "servers/ServerProfile.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace wsh::output {

// One profiled server's predicted answer to a request (--server).
struct ServerVerdict {
  const servers::ServerProfile* profile = nullptr;
  servers::ServerPrediction prediction;
};

// Whether the connection opens at that server: a 101 whose Sec-WebSocket-Accept is right.
inline bool opens(const servers::ServerPrediction& prediction) {
  return prediction.accepts && prediction.accept_valid;
}

// "body", "log", "status line", "header" or "" for where a server puts its message.
std::string_view to_string(servers::MessageIn where);

// One line per server for standard error, after the diagnostics:
//   server node-ws: refuses: HTTP/1.1 400 Bad Request; body: Invalid Upgrade header [cause]
//   server gorilla: accepts: HTTP/1.1 101 Switching Protocols
// The cause is the engine's id where the server refuses for the RFC's reason, else the
// server's own rule, marked "the RFC allows this request". Every byte from the request is
// escaped. In a batch, `request` (its number from 1) follows the name: `server gorilla,
// request 3: ...`.
void append_text_servers(std::string& out, std::span<const ServerVerdict> verdicts,
                         std::size_t request = 0);

// The `servers` member of a JSON result: {name: {accepts, opens, status, status_line, message,
// message_in, waits, cause, rfc_allows, certain}}.
void write_servers_json(JsonWriter& json, std::span<const ServerVerdict> verdicts);

} // namespace wsh::output
