#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::bench {

// The seed every request set is drawn from, so that each run answers the same requests.
inline constexpr std::uint64_t k_seed = 6455;

// How many requests the in-process benchmarks cycle through: about 113 KiB, which stays in the
// L2 cache as a request a server has just received would.
inline constexpr std::size_t k_request_set_size = 256;

// `count` Sec-WebSocket-Key values, each the base64 of 16 random bytes (RFC 6455 4.1 item 7),
// the same ones for the same seed.
std::vector<std::string> make_keys(std::size_t count, std::uint64_t seed = k_seed);

// A Chromium-like opening handshake (RFC 6455 4.1) of 451 bytes carrying `sec_websocket_key`:
// the fields Chromium sends, in its order, for ws://example.com/ws.
std::string make_request(std::string_view sec_websocket_key);

// One request per key of make_keys(count, seed), in the same order.
std::vector<std::string> make_requests(std::size_t count, std::uint64_t seed = k_seed);

} // namespace wsh::bench
