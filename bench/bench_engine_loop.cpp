// Answers the request set COUNT times with the engine, for callgrind: the instructions of one
// handshake are (Ir(2 COUNT) - Ir(COUNT)) / COUNT, in which startup and the set's making cancel.
// `fresh` (the default) calls begin_server_handshake for each request, as a server answering one
// connection does; `reused` answers them all with one ServerHandshake, as --batch does.

#include "ParseCount.hpp"
#include "RequestSet.hpp"
#include "handshake/ServerHandshake.hpp"
#include "output/HttpRenderer.hpp"

#include <cstdio>
#include <string_view>

int main(int argc, char** argv) {
  const std::optional<std::size_t> count =
      argc == 2 || argc == 3 ? wsh::bench::parse_count(argv[1]) : std::nullopt;
  const std::string_view mode = argc == 3 ? argv[2] : "fresh";
  if (!count || (mode != "fresh" && mode != "reused")) {
    std::fprintf(stderr, "usage: bench_engine_loop COUNT [fresh|reused]\n");
    return 2;
  }
  const std::vector<std::string> requests =
      wsh::bench::make_requests(wsh::bench::k_request_set_size);
  const wsh::handshake::ServerChoices choices;
  const wsh::http::ParseOptions options;
  const bool reuse = mode == "reused";
  wsh::handshake::ServerHandshake reused{choices, options};
  std::string response;
  std::size_t accepted = 0;
  std::size_t response_bytes = 0;
  std::size_t index = 0;
  for (std::size_t i = 0; i < *count; ++i) {
    response.clear();
    bool accepted_now = false;
    if (reuse) {
      const wsh::handshake::Outcome& outcome = reused.answer(requests[index]);
      wsh::output::render_http(outcome, response);
      accepted_now = outcome.accepted;
    } else {
      const wsh::handshake::Outcome outcome =
          wsh::handshake::begin_server_handshake(requests[index], choices, options);
      wsh::output::render_http(outcome, response);
      accepted_now = outcome.accepted;
    }
    accepted += accepted_now ? 1 : 0;
    response_bytes += response.size();
    index = index + 1 == requests.size() ? 0 : index + 1;
  }
  std::printf("%zu handshakes, %zu accepted, %zu response bytes\n", *count, accepted,
              response_bytes);
  return accepted == *count ? 0 : 1;
}
