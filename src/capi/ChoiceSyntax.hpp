#pragma once

#include <string_view>

namespace wsh::capi {

// Whether `name` can be a subprotocol in Sec-WebSocket-Protocol: a token (RFC 6455 4.1 item
// 10, RFC 9110 5.6.2).
bool is_subprotocol_name(std::string_view name);

// Whether `text` is exactly one extension with its parameters, as one element of
// Sec-WebSocket-Extensions (RFC 6455 9.1), by the engine's reader of that field.
bool is_one_extension(std::string_view text);

} // namespace wsh::capi
