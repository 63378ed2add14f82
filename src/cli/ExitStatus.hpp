#pragma once

namespace wsh::cli {

// The documented exit statuses (man page, EXIT STATUS); scripts rely on them.
enum ExitStatus : int {
  k_exit_accepted = 0,    // the handshake succeeded; also --help, --version
  k_exit_rejected = 1,    // the handshake failed: the request or the choices break a rule
  k_exit_usage = 2,       // unknown option, bad -p/-e syntax, bad option value
  k_exit_input_error = 3, // unreadable, empty, incomplete or oversized input; output failure
};

} // namespace wsh::cli
