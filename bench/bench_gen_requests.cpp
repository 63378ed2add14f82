// Writes COUNT requests of the benchmark's kind back to back to FILE, for `ws-handshake
// --batch`: the same generator and seed as the in-process benchmarks, so the first
// k_request_set_size requests are the very ones they answer.

#include "ParseCount.hpp"
#include "RequestSet.hpp"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  const std::optional<std::size_t> count =
      argc == 3 ? wsh::bench::parse_count(argv[1]) : std::nullopt;
  if (!count) {
    std::fprintf(stderr, "usage: bench_gen_requests COUNT FILE\n");
    return 2;
  }
  std::FILE* file = std::fopen(argv[2], "wb");
  if (file == nullptr) {
    std::perror(argv[2]);
    return 3;
  }
  for (const std::string& key : wsh::bench::make_keys(*count)) {
    const std::string request = wsh::bench::make_request(key);
    std::fwrite(request.data(), 1, request.size(), file);
  }
  if (std::fclose(file) != 0) {
    std::perror(argv[2]);
    return 3;
  }
  return 0;
}
