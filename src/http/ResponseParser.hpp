#pragma once

#include "http/RequestParser.hpp"
#include "http/Response.hpp"

#include <optional>
#include <string_view>

namespace wsh::http {

// Reads one response head from `input` into `response`. Only what stops a client from reading
// a head at all is an error: empty input, no end of the header block (incomplete, or too
// large under options.max_header_bytes). Everything else, the status line included, is read
// as it stands and left to the checks.
std::optional<ParseError> parse_response_into(std::string_view input, const ParseOptions& options,
                                              Response& response);

} // namespace wsh::http
