// Google Benchmark: the floor (SHA-1 and base64 alone), the engine (one call per request, and
// one engine reused as --batch does), and Boost.Beast, each answering the same Chromium-like
// requests. Checks first that they all agree.

#include "AcceptFloor.hpp"
#include "BeastHandshake.hpp"
#include "RequestSet.hpp"
#include "handshake/ServerHandshake.hpp"
#include "output/HttpRenderer.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace wsh;

const std::vector<std::string>& request_set() {
  static const std::vector<std::string> k_requests =
      bench::make_requests(bench::k_request_set_size);
  return k_requests;
}

const std::vector<std::string>& key_set() {
  static const std::vector<std::string> k_keys = bench::make_keys(bench::k_request_set_size);
  return k_keys;
}

// The index after `index` in a set of `size`, wrapping without a division.
std::size_t next_index(std::size_t index, std::size_t size) {
  return index + 1 == size ? 0 : index + 1;
}

// The value of the Sec-WebSocket-Accept line of a serialized response, or "".
std::string_view accept_header(std::string_view response) {
  constexpr std::string_view k_name = "\r\nSec-WebSocket-Accept: ";
  const std::size_t start = response.find(k_name);
  if (start == std::string_view::npos) {
    return {};
  }
  const std::string_view rest = response.substr(start + k_name.size());
  return rest.substr(0, rest.find("\r\n"));
}

// True when, for every request of the set, the engine (new and reused) and Beast all accept it
// and write the same bytes, and the accept value is the floor's.
bool implementations_agree() {
  bench::AcceptFloor floor;
  const handshake::ServerChoices choices;
  const http::ParseOptions options;
  handshake::ServerHandshake reused{choices, options};
  for (std::size_t i = 0; i < request_set().size(); ++i) {
    const std::string& request = request_set()[i];
    const handshake::Outcome outcome = handshake::begin_server_handshake(request, choices, options);
    std::string ours;
    output::render_http(outcome, ours);
    const handshake::Outcome& reused_outcome = reused.answer(request);
    std::string reused_response;
    output::render_http(reused_outcome, reused_response);
    std::string beasts;
    const bool beast_accepted = bench::beast_answer(request, beasts);
    const bench::AcceptValue floor_value = floor.accept(key_set()[i]);
    const std::string_view expected = floor_value.data();
    if (!outcome.accepted || !beast_accepted || accept_header(ours) != expected ||
        accept_header(beasts) != expected || ours != beasts || ours != reused_response) {
      std::fprintf(stderr,
                   "bench_handshake: request %zu: engine %s, Beast %s; accept values: floor %.*s, "
                   "engine %.*s, Beast %.*s\n",
                   i, outcome.accepted ? "accepts" : "refuses",
                   beast_accepted ? "accepts" : "refuses", static_cast<int>(expected.size()),
                   expected.data(), static_cast<int>(accept_header(ours).size()),
                   accept_header(ours).data(), static_cast<int>(accept_header(beasts).size()),
                   accept_header(beasts).data());
      return false;
    }
  }
  return true;
}

// SHA-1 and base64 only, with SHA-1 fetched once and the context reused: the floor.
void BM_Floor(benchmark::State& state) {
  bench::AcceptFloor floor;
  const std::vector<std::string>& keys = key_set();
  std::size_t index = 0;
  for (auto _ : state) {
    bench::AcceptValue value = floor.accept(keys[index]);
    benchmark::DoNotOptimize(value);
    index = next_index(index, keys.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Floor);

// The same through OpenSSL 3's one-shot SHA1(), which fetches SHA-1 again on every call.
void BM_FloorNaive(benchmark::State& state) {
  const std::vector<std::string>& keys = key_set();
  std::size_t index = 0;
  for (auto _ : state) {
    bench::AcceptValue value = bench::accept_one_shot(keys[index]);
    benchmark::DoNotOptimize(value);
    index = next_index(index, keys.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FloorNaive);

// begin_server_handshake and render_http, reusing the output string as a server would.
void BM_Engine(benchmark::State& state) {
  const handshake::ServerChoices choices;
  const http::ParseOptions options;
  const std::vector<std::string>& requests = request_set();
  std::string response;
  std::size_t index = 0;
  for (auto _ : state) {
    const handshake::Outcome outcome =
        handshake::begin_server_handshake(requests[index], choices, options);
    response.clear();
    output::render_http(outcome, response);
    if (!outcome.accepted) {
      state.SkipWithError("the engine refused a request");
      break;
    }
    benchmark::DoNotOptimize(response.data());
    benchmark::ClobberMemory();
    index = next_index(index, requests.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Engine);

// One ServerHandshake answering request after request, as --batch does: its outcome keeps its
// buffers from one request to the next.
void BM_EngineReused(benchmark::State& state) {
  handshake::ServerHandshake engine{handshake::ServerChoices{}, http::ParseOptions{}};
  const std::vector<std::string>& requests = request_set();
  std::string response;
  std::size_t index = 0;
  for (auto _ : state) {
    const handshake::Outcome& outcome = engine.answer(requests[index]);
    response.clear();
    output::render_http(outcome, response);
    if (!outcome.accepted) {
      state.SkipWithError("the engine refused a request");
      break;
    }
    benchmark::DoNotOptimize(response.data());
    benchmark::ClobberMemory();
    index = next_index(index, requests.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineReused);

// Boost.Beast on the same requests, reusing the output string.
void BM_Beast(benchmark::State& state) {
  const std::vector<std::string>& requests = request_set();
  std::string response;
  std::size_t index = 0;
  for (auto _ : state) {
    response.clear();
    if (!bench::beast_answer(requests[index], response)) {
      state.SkipWithError("Beast refused a request");
      break;
    }
    benchmark::DoNotOptimize(response.data());
    benchmark::ClobberMemory();
    index = next_index(index, requests.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Beast);

} // namespace

int main(int argc, char** argv) {
  if (!implementations_agree()) {
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
