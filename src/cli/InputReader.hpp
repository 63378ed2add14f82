#pragma once

#include "util/Expected.hpp"

#include <cstddef>
#include <string>

namespace wsh::cli {

// The bytes read for one request: the header block and what followed it, up to a bound.
struct Input {
  std::string bytes;
  // Reading stopped before the end of input, so bytes after the headers may be more.
  bool more_input_unread = false;
};

// Why the input could not be read, as one line for standard error.
struct InputError {
  std::string message;
};

// Reads `path` ('-' for standard input) up to the end of the header block, never more than
// `max_header_bytes` plus one read before it gives up, so an endless stream ends at once.
// After the header block it takes only bytes that are already available (at most 64 KiB), so
// a live connection that waits for the 101 does not hang it.
util::Expected<Input, InputError> read_request_input(const std::string& path,
                                                     std::size_t max_header_bytes);

} // namespace wsh::cli
