#pragma once

#include "diagnostics/Diagnostic.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace wsh::http {

// One field line: name and value (OWS trimmed) as views into the request's input.
struct Field {
  std::string_view name;
  std::string_view value;
};

// A parsed HTTP/1.1 request head. Every view points into `input`, so the byte offset of any
// token is `offset_of(token)`; nothing is copied.
struct Request {
  std::string_view input;
  std::string_view method;
  std::string_view target;
  std::string_view version;
  std::vector<Field> fields;
  // Bytes from the start of the input to the end of the empty line (or of the input when a
  // truncated request was allowed).
  std::size_t header_size = 0;
  // Byte offset of the first byte of the empty line that ends the header block (RFC 9112 2.1),
  // where a field the request lacks would have gone; equal to header_size for a truncated
  // request read with allow_truncated.
  std::size_t empty_line_at = 0;
  // Problems found while reading that do not stop the request from being understood.
  std::vector<diagnostics::Diagnostic> diagnostics;

  // Byte offset of a view into `input`.
  std::size_t offset_of(std::string_view part) const {
    return static_cast<std::size_t>(part.data() - input.data());
  }

  // Bytes that followed the header block in the input.
  std::size_t bytes_after_headers() const { return input.size() - header_size; }

  // HTTP-version's major and minor digits (RFC 9112 2.3); the parser guarantees the shape.
  int version_major() const { return version[5] - '0'; }
  int version_minor() const { return version[7] - '0'; }
};

} // namespace wsh::http
