#pragma once

#include "util/Expected.hpp"

#include <cstddef>
#include <optional>
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
  // The response head rebuilt from response.status, statusText, httpVersion and headers, when
  // the entry records a status and headers (Chromium records none for a refused WebSocket).
  std::optional<std::string> response;
};

// A WebSocket entry that holds no HTTP/1.1 handshake to answer, and why.
struct HarSkipped {
  std::size_t entry_index = 0;
  std::string url;
  std::string reason;
};

// The WebSocket entries of a HAR: the handshakes to answer and the ones passed over.
struct HarContents {
  std::vector<HarRequest> requests;
  std::vector<HarSkipped> skipped;
};

// Reads a HAR 1.2 file ('-' for standard input; Chrome's and Firefox's devtools export) and
// returns its WebSocket entries: response status 101, `_resourceType: "websocket"`, or a ws:
// or wss: URL. Entries that never sent a request (no headers; devtools record status -1) and
// WebSocket over HTTP/2 (RFC 8441: answered 200 and no Sec-WebSocket-Key) are passed over. An
// entry whose response records a status and headers carries that response too, for verify.
// A file that is not such a HAR gives one line saying where and why.
// `start`: the first bytes of the file, read already (by format detection).
util::Expected<HarContents, std::string> read_har(const std::string& path,
                                                  const std::string* start = nullptr);

} // namespace wsh::cli
