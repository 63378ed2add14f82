#pragma once

#include "cli/Options.hpp"

namespace wsh::cli {

// --batch: answers every request of a stream written back to back, one result each, in order,
// as it goes (constant memory), then a summary on standard error. Returns the exit status:
// 0 all accepted, 1 any refused, 3 the input could not be read.
int run_batch(const Options& options);

// --har / --input-format har: answers the WebSocket handshakes recorded in a HAR file, like a
// batch, naming each result by its URL and start time.
int run_har(const Options& options);

} // namespace wsh::cli
