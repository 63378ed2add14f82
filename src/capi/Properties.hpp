#pragma once

#include "capi/Session.hpp"

#include <ws-handshake/websocket.h>

#include <span>

namespace wsh::capi {

// Checks the properties given to WebSocketCreateClientHandle or WebSocketCreateServerHandle
// as Microsoft documents WEB_SOCKET_PROPERTY_TYPE: the buffer sizes are ULONGs of at least 256,
// the two switches are BOOLs, an allocated buffer is 8-byte aligned and larger than both
// buffers plus 256; the keep-alive interval and the supported versions belong to
// WebSocketGetGlobalProperty and any other type is unknown. S_OK or E_INVALIDARG. None of them
// changes the opening handshake, so a checked property is not used any further.
HRESULT check_properties(std::span<const WEB_SOCKET_PROPERTY> properties, Role role);

} // namespace wsh::capi
