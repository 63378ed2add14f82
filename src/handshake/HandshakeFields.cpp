#include "handshake/HandshakeFields.hpp"

#include "http/Grammar.hpp"

#include <string_view>

namespace wsh::handshake {

namespace {

// Adds `field` to `list` when its name is `lowercase`, which has the name's length.
[[gnu::always_inline]] inline void add_if(const http::Field& field, std::string_view lowercase,
                                          FieldList& list) {
  if (http::token_equals_lowercase(field.name, lowercase)) {
    list.push_back(&field);
  }
}

} // namespace

void HandshakeFields::index(std::span<const http::Field> fields) {
  for (FieldList* list : {&host, &origin, &upgrade, &connection, &sec_websocket_key,
                          &sec_websocket_accept, &sec_websocket_version, &sec_websocket_protocol,
                          &sec_websocket_extensions, &content_length, &transfer_encoding}) {
    list->clear();
  }
  // A switch on the length first, so most names are compared with nothing.
  for (const http::Field& field : fields) {
    switch (field.name.size()) {
    case 4:
      add_if(field, "host", host);
      break;
    case 6:
      add_if(field, "origin", origin);
      break;
    case 7:
      add_if(field, "upgrade", upgrade);
      break;
    case 10:
      add_if(field, "connection", connection);
      break;
    case 14:
      add_if(field, "content-length", content_length);
      break;
    case 17:
      add_if(field, "sec-websocket-key", sec_websocket_key);
      add_if(field, "transfer-encoding", transfer_encoding);
      break;
    case 20:
      add_if(field, "sec-websocket-accept", sec_websocket_accept);
      break;
    case 21:
      add_if(field, "sec-websocket-version", sec_websocket_version);
      break;
    case 22:
      add_if(field, "sec-websocket-protocol", sec_websocket_protocol);
      break;
    case 24:
      add_if(field, "sec-websocket-extensions", sec_websocket_extensions);
      break;
    default:
      break;
    }
  }
}

} // namespace wsh::handshake
