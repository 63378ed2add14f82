#pragma once

#include "handshake/Outcome.hpp"
#include "output/Source.hpp"

#include <string>
#include <vector>

namespace wsh::output {

// The response headers, one `Name: value` line each; nothing when the handshake failed.
std::string render_text_headers(const handshake::Outcome& outcome);

// Diagnostics as a compiler prints them, for standard error:
//   FILE:LINE:COL: severity: message [id]
//       LINE | the line, escaped
//            |      ^
//     = effect: what breaks    = fix: how to fix it    = see: RFC section
// then, with `summary`, a one-line verdict. Every byte from the input is escaped (see
// util::escape_for_terminal); `color` adds ANSI SGR colours. Empty when there is nothing to say.
std::string render_text_diagnostics(const handshake::Outcome& outcome, const Source& source,
                                    bool color, bool summary = true);

// The diagnostics alone, in the shape above, without a verdict line; `verify` prints those of
// the response and of the request each with its own source.
void append_text_diagnostics(std::string& out,
                             const std::vector<diagnostics::Diagnostic>& diagnostics,
                             const Source& source, bool color);

// For -v: the offers, what became of each, and the negotiated result, one line each:
//   offered subprotocols: chat, superchat
//   offered extension 1 (line 12): permessage-deflate; client_max_window_bits: accepted (why)
//   negotiated: subprotocol chat; extensions permessage-deflate
std::string render_text_negotiation(const handshake::Outcome& outcome, const Source& source);

} // namespace wsh::output
