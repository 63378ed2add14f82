#pragma once

#include <string>
#include <string_view>

namespace wsh::bench {

// What a Boost.Beast server does with one opening handshake, in the order of Beast's
// websocket/impl/accept.hpp: parse the head with http::request_parser<empty_body>, check
// Host, Connection, Upgrade, Sec-WebSocket-Key and -Version, compute the accept value with
// Beast's own SHA-1, build the 101 as an http::response<empty_body> and serialize it.
// Appends the response to `out`; false when Beast would refuse the request.
bool beast_answer(std::string_view request, std::string& out);

} // namespace wsh::bench
