#pragma once

#include "http/HeaderLine.hpp"
#include "http/Request.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace wsh::http {

// A response head as a client reads it (RFC 9112 4 and 5), read tolerantly: every line of the
// header block is kept with its shape, so a check can report every problem and reason about
// clients that accept what the grammar does not. Every view points into `input`.
struct Response {
  std::string_view input;
  // Empty lines before the status line (RFC 9112 2.2 allows a server, not a client, to skip
  // them).
  std::size_t leading_empty_lines = 0;
  // status-line = HTTP-version SP status-code SP [ reason-phrase ]: the line, and its parts as
  // split at its first two spaces (either part may be malformed; the checks say how).
  std::string_view status_line;
  std::string_view version;
  std::string_view status_code;
  std::string_view reason;
  // A space follows the status code (the grammar requires it even before an empty reason).
  bool space_before_reason = false;
  // The status line ended with LF alone.
  bool status_line_lf_only = false;
  // Every line after the status line, up to the empty line.
  std::vector<HeaderLine> lines;
  // The lines a lenient reader takes as fields: every line with a colon and a non-empty name,
  // whatever else is wrong with it (each such problem is in `lines`).
  std::vector<Field> fields;
  // From the start of the input to the end of the empty line, and where that empty line starts.
  std::size_t header_size = 0;
  std::size_t empty_line_at = 0;

  std::size_t offset_of(std::string_view part) const {
    return static_cast<std::size_t>(part.data() - input.data());
  }

  // Bytes after the header block: WebSocket frames when the handshake succeeded.
  std::size_t bytes_after_headers() const { return input.size() - header_size; }
};

} // namespace wsh::http
