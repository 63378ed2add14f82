#pragma once

namespace wsh::cli {

// The whole command: parse the options, read the request, run the engine, print, and return
// the exit status. Catches everything, so nothing escapes as a crash or a stack trace.
int run(int argc, char** argv);

} // namespace wsh::cli
