#pragma once

#include "cli/Options.hpp"

namespace wsh::cli {

// `ws-handshake verify`: reads the request and the response (or one exchange holding both),
// checks the response as WebSocketEndClientHandshake would, predicts each selected client's
// verdict, prints them, and returns the exit status (0 when every selected client opens).
int run_verify(const Options& options);

// `ws-handshake verify --list-clients`: the clients --client takes, one per line with the
// version measured.
std::string list_clients();

} // namespace wsh::cli
