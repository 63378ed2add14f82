#pragma once

#include "util/Expected.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace wsh::cli {

// One WebSocket handshake found in a HAR file, rebuilt as the raw request head the browser
// sent: request line from method, URL and httpVersion, then request.headers in order.
struct HarRequest {
  std::string request;
  std::string url;
  std::string started;
  // The entry's position in log.entries, from 0.
  std::size_t entry_index = 0;
};

// Reads a HAR 1.2 file ('-' for standard input; Chrome's and Firefox's devtools export) and
// returns its WebSocket entries: response status 101, `_resourceType: "websocket"`, or a ws:
// or wss: URL. A file that is not such a HAR gives one line saying where and why.
util::Expected<std::vector<HarRequest>, std::string> read_har(const std::string& path);

} // namespace wsh::cli
