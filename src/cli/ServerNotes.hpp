#pragma once

#include "diagnostics/Diagnostic.hpp"
#include "handshake/Outcome.hpp"
#include "output/ServersRenderer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace wsh::cli {

// --list-servers: one line per profiled server, its name, library, version and how it was set up.
std::string list_servers();

// The predicted answer of each named server (--server) to the raw request bytes.
std::vector<output::ServerVerdict> predict_servers(const std::vector<std::string>& names,
                                                   std::string_view bytes);

// For a request the RFC accepts: one `refused-by-servers` note per cause for which profiled
// servers refuse it (or answer with a wrong Sec-WebSocket-Accept), naming them and quoting the
// first one's answer, placed at the field the cause is about. The diagnostics stay in input order.
std::vector<diagnostics::Diagnostic> server_notes(const handshake::Outcome& outcome,
                                                  std::string_view bytes);

// Adds `notes` to `diagnostics`, keeping input order (a note after what is at its byte).
void merge_diagnostics(std::vector<diagnostics::Diagnostic>& diagnostics,
                       std::vector<diagnostics::Diagnostic> notes);

// Both: the outcome with its server notes.
void add_server_notes(handshake::Outcome& outcome, std::string_view bytes);

} // namespace wsh::cli
