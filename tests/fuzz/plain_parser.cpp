// The parser's plain build for fuzz_parser_differential: compiled with WSH_SIMD=0 and the
// project's namespace renamed (see tests/fuzz/CMakeLists.txt), beside the SIMD build in
// wsh_core, so that one binary holds both.

#include "ParserSnapshot.hpp"

#include "http/HeaderEnd.hpp"
#include "http/RequestParser.hpp"

#if WSH_SIMD
#error "plain_parser.cpp is the WSH_SIMD=0 build"
#endif

namespace differential {

Snapshot parse_plain(std::string_view input, const Options& options) {
  wsh::http::ParseOptions parse_options;
  parse_options.max_header_bytes = options.max_header_bytes;
  parse_options.max_fields = options.max_fields;
  parse_options.allow_truncated = options.allow_truncated;
  parse_options.more_input_unread = options.more_input_unread;
  const auto result = wsh::http::parse_request(input, parse_options);
  return result ? snapshot_of_request(input, *result) : snapshot_of_error(input, result.error());
}

std::size_t find_header_end_plain(std::string_view input) {
  return wsh::http::find_header_end(input);
}

std::size_t find_header_end_from_plain(std::string_view input, std::size_t from) {
  return wsh::http::find_header_end_from(input, from);
}

} // namespace differential
