#pragma once

#include "cli/Options.hpp"
#include "handshake/ClientRequest.hpp"
#include "util/Expected.hpp"

#include <string>
#include <string_view>

namespace wsh::cli {

// `ws-handshake request`: builds the opening request for the options' offer in the --like
// client's shape (handshake::build_client_request) and writes its bytes to standard output.
// Returns the exit status: 0, 2 for an offer that breaks a rule, 3 when no key could be drawn
// or the output could not be written.
int run_request(const Options& options);

// One -H value, read as curl reads it: `Name: value` sets a field (the value without the
// whitespace around it), `Name:` with nothing after the colon leaves the field out, `Name;`
// sends it with an empty value.
util::Expected<handshake::HeaderEdit, std::string> parse_header_edit(std::string_view text);

} // namespace wsh::cli
