#pragma once

#include "cli/Options.hpp"
#include "inputs/InputFormat.hpp"

#include <optional>
#include <string>

namespace wsh::cli {

// --batch: answers every request of a stream written back to back, one result each, in order,
// as it goes (constant memory), then a summary on standard error. Returns the exit status:
// 0 all accepted, 1 any refused, 3 the input could not be read.
int run_batch(const Options& options);

// --har / --input-format har: answers the WebSocket handshakes recorded in a HAR file, like a
// batch, naming each result by its URL and start time; an entry that records its response gets
// that response's verdicts too. `start`: the input's first bytes, when they were read already.
int run_har(const Options& options, const std::string* start = nullptr);

// --input-format headers|curl|pcap|har, or a format that the default `auto` detected
// (`detected`, then said in a note) in the input's first bytes `start`: reads the input with
// its reader (inputs/), answers each handshake it holds and, where it holds the response too,
// verifies that response; diagnostics name the user's file, line and column.
int run_captures(const Options& options, const std::string* start,
                 std::optional<inputs::Detection> detected);

// --input-format pcap: the handshakes of a packet capture, streamed in constant memory.
int run_pcap(const Options& options, const std::string* start);

} // namespace wsh::cli
