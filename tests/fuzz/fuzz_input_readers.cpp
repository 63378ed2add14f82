// libFuzzer target for the readers of inputs/: the header block, curl (transcript and command,
// bash and cmd quoting) and pcap readers on arbitrary bytes; the first byte picks the reader.
// Invariants: every rebuilt byte maps to a byte inside the input; a rebuilt head ends with the
// empty line; a captured head is no larger than the limit; nothing crashes or reads outside.

#include "FuzzCheck.hpp"

#include "inputs/CurlInput.hpp"
#include "inputs/HeaderBlock.hpp"
#include "inputs/PcapInput.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace {

using namespace wsh;

void check_rebuilt(const inputs::OriginalText& original, const inputs::RebuiltBytes& rebuilt) {
  for (std::size_t i = 0; i <= rebuilt.bytes().size(); ++i) {
    WSH_FUZZ_CHECK(rebuilt.map().origin(i).offset <= original.bytes().size());
  }
}

void check_result(const inputs::OriginalText& original, const inputs::ReadResult& result) {
  for (const inputs::RebuiltHandshake& handshake : result.handshakes) {
    check_rebuilt(original, handshake.request);
    if (handshake.response) {
      check_rebuilt(original, *handshake.response);
    }
  }
  for (const inputs::ReaderNote& note : result.notes) {
    WSH_FUZZ_CHECK(!note.text.empty());
    WSH_FUZZ_CHECK(!note.offset || *note.offset <= original.bytes().size());
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const inputs::OriginalText original(input);
  switch (data[0] % 3) {
  case 0: {
    const inputs::ReadResult result = inputs::read_header_block(original, {});
    check_result(original, result);
    WSH_FUZZ_CHECK(result.handshakes.size() == 1);
    WSH_FUZZ_CHECK(result.handshakes.front().request.bytes().ends_with("\r\n\r\n"));
    break;
  }
  case 1: {
    check_result(original, inputs::read_curl(original));
    for (const inputs::ShellWord& word : inputs::split_command_line(input)) {
      WSH_FUZZ_CHECK(word.text.size() == word.origins.size());
      for (const std::size_t origin : word.origins) {
        WSH_FUZZ_CHECK(origin < input.size());
      }
    }
    break;
  }
  default: {
    std::size_t at = 0;
    const inputs::ReadBytes read = [&](char* buffer, std::size_t most) -> long {
      // Short reads of varying size exercise the record reader's refills.
      const std::size_t count = std::min({most, input.size() - at, std::size_t{1} + at % 7});
      std::memcpy(buffer, input.data() + at, count);
      at += count;
      return static_cast<long>(count);
    };
    inputs::CaptureLimits limits;
    limits.max_header_bytes = 512;
    limits.max_connections = 4;
    const auto error = inputs::read_capture(
        read, limits,
        [&](inputs::CapturedHandshake&& handshake) {
          WSH_FUZZ_CHECK(handshake.request.size() <= limits.max_header_bytes + 65536);
          WSH_FUZZ_CHECK(handshake.number >= 1);
          return true;
        },
        [](inputs::CaptureNote&& note) { WSH_FUZZ_CHECK(!note.text.empty()); });
    WSH_FUZZ_CHECK(!error || !error->empty());
    break;
  }
  }
  return 0;
}
