#pragma once

#include <ws-handshake/websocket.h>

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wsh::capi {

// Header fields handed to the application as WEB_SOCKET_HTTP_HEADERs: one block of text holds
// every name and value (each followed by a NUL, which the lengths leave out) and the array
// points into it, so the fields stay put until they are replaced or cleared.
class HeaderArray {
public:
  // Replaces the fields with `fields`, in order.
  void assign(std::span<const std::pair<std::string_view, std::string_view>> fields);

  // Frees the fields and their text.
  void clear();

  // The fields as the C API hands them out.
  std::span<WEB_SOCKET_HTTP_HEADER> fields() { return m_fields; }

private:
  std::string m_text;
  std::vector<WEB_SOCKET_HTTP_HEADER> m_fields;
};

} // namespace wsh::capi
