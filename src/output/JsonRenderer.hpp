#pragma once

#include "handshake/Outcome.hpp"
#include "output/Source.hpp"

#include <string>

namespace wsh::output {

// Version of the JSON schema below; raised only when a field changes meaning or goes away.
inline constexpr int k_json_schema_version = 1;

// One JSON object describing the outcome (schema in man/ws-handshake.1, JSON OUTPUT), followed
// by a newline. Bytes from the input that are not valid UTF-8 become U+FFFD.
std::string render_json(const handshake::Outcome& outcome, const Source& source);

} // namespace wsh::output
