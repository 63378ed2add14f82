#pragma once

#include "http/Request.hpp"
#include "util/SmallVector.hpp"

#include <span>

namespace wsh::handshake {

// The field lines of one name, in order: inline for the usual one or two.
using FieldList = util::SmallVector<const http::Field*, 4>;

// The fields an opening handshake reads, request or response, found in one pass over the
// message's fields. Names compare case-insensitively (RFC 9110 5.1). Every line of a name is
// kept, so a check can tell a missing field from a repeated one.
struct HandshakeFields {
  FieldList host;
  FieldList origin;
  FieldList upgrade;
  FieldList connection;
  FieldList sec_websocket_key;
  FieldList sec_websocket_accept;
  FieldList sec_websocket_version;
  FieldList sec_websocket_protocol;
  FieldList sec_websocket_extensions;
  FieldList content_length;
  FieldList transfer_encoding;

  // Empties every list, keeping their buffers, then sorts `fields` into them.
  void index(std::span<const http::Field> fields);
};

} // namespace wsh::handshake
