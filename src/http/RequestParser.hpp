#pragma once

#include "diagnostics/Catalogue.hpp"
#include "http/HeaderEnd.hpp"
#include "http/Request.hpp"
#include "util/Expected.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wsh::http {

// Limits and leniencies for reading one request head.
struct ParseOptions {
  // Largest header block accepted, empty line included (RFC 9112 2.3 leaves it to servers).
  std::size_t max_header_bytes = 65536;
  // Most field lines accepted.
  std::size_t max_fields = 256;
  // Treat the end of input as the end of the header block (for pasted header blocks).
  bool allow_truncated = false;
  // The caller stopped reading after some bytes that followed the header block, so the count
  // of bytes after the headers is a lower bound.
  bool more_input_unread = false;
};

// Why a request could not be read: the kind tells a short read from a bad one from a big one.
enum class ParseErrorKind { incomplete, malformed, too_large };

// The first problem that stops the request from being read, with its byte offset.
struct ParseError {
  ParseErrorKind kind = ParseErrorKind::malformed;
  diagnostics::DiagnosticId id{};
  std::size_t offset = 0;
  std::string message;
  // The field the problem is in, when the name could be read (a view into the input).
  std::string_view header{};
};

// Reads one request head (RFC 9112 2.1: request-line *( field-line CRLF ) CRLF) from `input`.
// The views in the result point into `input`, which must outlive it.
util::Expected<Request, ParseError> parse_request(std::string_view input,
                                                  const ParseOptions& options);

// The same into `request`, whose vectors keep their capacity from one request to the next
// (a batch then allocates nothing here); the first problem, or nothing on success.
std::optional<ParseError> parse_request_into(std::string_view input, const ParseOptions& options,
                                             Request& request);

} // namespace wsh::http
