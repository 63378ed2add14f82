#pragma once

#include "http/RequestParser.hpp"
#include "http/Response.hpp"

#include <optional>
#include <string_view>

namespace wsh::http {

// Reads one response head from `input` into `response`. Only what stops a client from reading
// a head at all is an error: empty input, no end of the header block (incomplete, or too
// large under options.max_header_bytes). Everything else, the status line included, is read
// as it stands and left to the checks. With `from`, the head starts at that offset (after an
// interim 1xx response); every offset stays one into `input`.
std::optional<ParseError> parse_response_into(std::string_view input, const ParseOptions& options,
                                              Response& response, std::size_t from = 0);

} // namespace wsh::http
