#pragma once

#include "clients/ClientProfile.hpp"
#include "clients/Prediction.hpp"
#include "http/Request.hpp"
#include "http/Response.hpp"

#include <string_view>

namespace wsh::clients {

// What `profile`'s client does with `response`, the bytes a server sent after `request` (its
// opening handshake, RFC 6455 4.1): one generic reading of the profile's rules, in the
// client's own order, so the first rule it breaks decides the message. `url` fills {url};
// when empty it is built from the request's Host and target. Bytes after the head (an interim
// response's successor, frames) are read from response.input.
Prediction predict(const ClientProfile& profile, const http::Request& request,
                   const http::Response& response, std::string_view url);

} // namespace wsh::clients
