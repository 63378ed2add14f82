// Computes COUNT accept values with the floor (OpenSSL SHA-1 and base64, nothing else), for
// callgrind: (Ir(2 COUNT) - Ir(COUNT)) / COUNT is the floor's instructions per handshake.

#include "AcceptFloor.hpp"
#include "ParseCount.hpp"
#include "RequestSet.hpp"

#include <cstdio>

int main(int argc, char** argv) {
  const std::optional<std::size_t> count =
      argc == 2 ? wsh::bench::parse_count(argv[1]) : std::nullopt;
  if (!count) {
    std::fprintf(stderr, "usage: %s COUNT\n", "bench_floor_loop");
    return 2;
  }
  const std::vector<std::string> keys = wsh::bench::make_keys(wsh::bench::k_request_set_size);
  wsh::bench::AcceptFloor floor;
  unsigned checksum = 0;
  std::size_t index = 0;
  for (std::size_t i = 0; i < *count; ++i) {
    const wsh::bench::AcceptValue value = floor.accept(keys[index]);
    checksum = checksum * 31U + static_cast<unsigned char>(value[27]);
    index = index + 1 == keys.size() ? 0 : index + 1;
  }
  std::printf("%zu accept values, checksum %u\n", *count, checksum);
  return 0;
}
