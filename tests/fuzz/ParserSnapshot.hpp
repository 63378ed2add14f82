#pragma once

// What a parse of one input gave, as plain offsets and strings, so that two builds of the
// parser in two namespaces (fuzz_parser_differential: SSE2 and AVX2 searches on, and off) can be
// compared. This header names no namespace of the project: the plain build compiles it with the
// project's namespace renamed, and both sides must see the same types.

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace differential {

// A view into the input: its offset and size; a view that points nowhere is {npos, 0}.
struct Span {
  std::size_t offset = std::string_view::npos;
  std::size_t size = 0;
  bool operator==(const Span&) const = default;
};

inline Span span_of(std::string_view input, std::string_view part) {
  if (part.data() == nullptr) {
    return {};
  }
  return {static_cast<std::size_t>(part.data() - input.data()), part.size()};
}

// Everything a parse gives: the request's views, sizes and diagnostics, or the error.
struct Snapshot {
  bool ok = false;
  // The error: kind, id, offset, message and the view of its field.
  int kind = 0;
  unsigned id = 0;
  std::size_t offset = 0;
  std::string message;
  Span header;
  // The request.
  Span method;
  Span target;
  Span version;
  std::vector<std::pair<Span, Span>> fields;
  std::size_t header_size = 0;
  std::size_t empty_line_at = 0;
  std::vector<std::tuple<unsigned, int, std::size_t, Span, std::string>> diagnostics;
  bool operator==(const Snapshot&) const = default;
};

// The parse options, as plain values.
struct Options {
  std::size_t max_header_bytes = 65536;
  std::size_t max_fields = 256;
  bool allow_truncated = false;
  bool more_input_unread = false;
};

template <typename Request>
Snapshot snapshot_of_request(std::string_view input, const Request& request) {
  Snapshot snapshot;
  snapshot.ok = true;
  snapshot.method = span_of(input, request.method);
  snapshot.target = span_of(input, request.target);
  snapshot.version = span_of(input, request.version);
  for (const auto& field : request.fields) {
    snapshot.fields.emplace_back(span_of(input, field.name), span_of(input, field.value));
  }
  snapshot.header_size = request.header_size;
  snapshot.empty_line_at = request.empty_line_at;
  for (const auto& diagnostic : request.diagnostics) {
    snapshot.diagnostics.emplace_back(static_cast<unsigned>(diagnostic.id),
                                      static_cast<int>(diagnostic.severity), diagnostic.offset,
                                      span_of(input, diagnostic.header), diagnostic.message);
  }
  return snapshot;
}

template <typename Error>
Snapshot snapshot_of_error(std::string_view input, const Error& error) {
  Snapshot snapshot;
  snapshot.kind = static_cast<int>(error.kind);
  snapshot.id = static_cast<unsigned>(error.id);
  snapshot.offset = error.offset;
  snapshot.message = error.message;
  snapshot.header = span_of(input, error.header);
  return snapshot;
}

// The plain build (WSH_SIMD=0): a parse, and where the header end searches put the end
// (find_header_end, then find_header_end_from at `from`).
Snapshot parse_plain(std::string_view input, const Options& options);
std::size_t find_header_end_plain(std::string_view input);
std::size_t find_header_end_from_plain(std::string_view input, std::size_t from);

} // namespace differential
