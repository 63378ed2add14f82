// libFuzzer target: the request parser and the header-end searches with their SSE2 and AVX2
// searches (wsh_core) against their plain build (plain_parser.cpp, WSH_SIMD=0), on the same
// bytes under the four option sets of fuzz_request_parser. Invariant: both give the same
// result, view for view, offset for offset, with the same error id, offset and message.

#include "FuzzCheck.hpp"
#include "ParserSnapshot.hpp"

#include "http/HeaderEnd.hpp"
#include "http/RequestParser.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#if !WSH_SIMD
#error "fuzz_parser_differential compares the SIMD build with the plain one: build with WSH_SIMD=ON"
#endif

namespace {

using namespace wsh;

// Defaults; --allow-truncated; tiny limits with truncation and more input unread; tiny limits.
const std::array<differential::Options, 4> k_option_sets{{
    {65536, 256, false, false},
    {65536, 256, true, false},
    {128, 8, true, true},
    {128, 8, false, false},
}};

differential::Snapshot parse_simd(std::string_view input, const differential::Options& options) {
  http::ParseOptions parse_options;
  parse_options.max_header_bytes = options.max_header_bytes;
  parse_options.max_fields = options.max_fields;
  parse_options.allow_truncated = options.allow_truncated;
  parse_options.more_input_unread = options.more_input_unread;
  const auto result = http::parse_request(input, parse_options);
  return result ? differential::snapshot_of_request(input, *result)
                : differential::snapshot_of_error(input, result.error());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const differential::Options& options : k_option_sets) {
    WSH_FUZZ_CHECK(parse_simd(input, options) == differential::parse_plain(input, options));
  }
  WSH_FUZZ_CHECK(http::find_header_end(input) == differential::find_header_end_plain(input));
  // A stream resumes its search anywhere: from a few starts spread over the input.
  for (std::size_t from = 0; from <= size; from += 1 + size / 7) {
    WSH_FUZZ_CHECK(http::find_header_end_from(input, from) ==
                   differential::find_header_end_from_plain(input, from));
  }
  return 0;
}
