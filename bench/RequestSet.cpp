#include "RequestSet.hpp"

#include <openssl/evp.h>

#include <array>
#include <random>

namespace wsh::bench {

std::vector<std::string> make_keys(std::size_t count, std::uint64_t seed) {
  // mt19937_64 is specified to the bit, so the keys are the same with every standard library.
  std::mt19937_64 generator(seed);
  std::vector<std::string> keys;
  keys.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::array<unsigned char, 16> nonce{};
    for (std::size_t half = 0; half < 2; ++half) {
      std::uint64_t bits = generator();
      for (std::size_t byte = 0; byte < 8; ++byte) {
        nonce[8 * half + byte] = static_cast<unsigned char>(bits & 0xffU);
        bits >>= 8U;
      }
    }
    std::array<unsigned char, 25> encoded{};
    EVP_EncodeBlock(encoded.data(), nonce.data(), static_cast<int>(nonce.size()));
    keys.emplace_back(reinterpret_cast<const char*>(encoded.data()), 24);
  }
  return keys;
}

std::string make_request(std::string_view sec_websocket_key) {
  std::string request;
  request.reserve(448);
  request += "GET /ws HTTP/1.1\r\n"
             "Host: example.com\r\n"
             "Connection: Upgrade\r\n"
             "Pragma: no-cache\r\n"
             "Cache-Control: no-cache\r\n"
             "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/126.0.0.0 Safari/537.36\r\n"
             "Upgrade: websocket\r\n"
             "Origin: https://example.com\r\n"
             "Sec-WebSocket-Version: 13\r\n"
             "Accept-Encoding: gzip, deflate, br, zstd\r\n"
             "Sec-WebSocket-Key: ";
  request += sec_websocket_key;
  request += "\r\n"
             "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
             "\r\n";
  return request;
}

std::vector<std::string> make_requests(std::size_t count, std::uint64_t seed) {
  std::vector<std::string> requests;
  requests.reserve(count);
  for (const std::string& key : make_keys(count, seed)) {
    requests.push_back(make_request(key));
  }
  return requests;
}

} // namespace wsh::bench
