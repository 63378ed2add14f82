#include "inputs/InputFormat.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace wsh;
using inputs::InputFormat;

namespace {

namespace fs = std::filesystem;

// The repository's samples/, set by tests/CMakeLists.txt so that the test runs from anywhere.
const fs::path k_samples_dir = WSH_SAMPLES_DIR;

// The whole file: every sample is far below the 64 KiB the command line reads before it
// detects, so detection sees the same bytes here as there.
std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Files under samples/ that are not inputs: the scripts that make or re-measure the samples,
// their notes, and what real servers answered to the broken samples.
bool is_not_input(const fs::path& relative) {
  constexpr std::array<std::string_view, 4> k_script_extensions{".py", ".sh", ".js", ".md"};
  const std::string extension = relative.extension().string();
  if (std::find(k_script_extensions.begin(), k_script_extensions.end(), extension) !=
      k_script_extensions.end()) {
    return true;
  }
  return relative.filename() == ".gitattributes" ||
         // A tab-separated table written by broken/server-behaviour/probe.py, not a handshake.
         relative.generic_string() == "broken/server-behaviour/measured.txt";
}

// The format a sample is by where it lives: `directory` is its first path component ("" for
// any), `extension` its extension.
struct Rule {
  std::string_view directory;
  std::string_view extension;
  InputFormat format;
};

// samples/README.md: every `.http` file is bytes off the wire; headers/ holds devtools header
// blocks, curl/ devtools' "Copy as cURL" commands and curl's own transcripts, har/ HAR files,
// pcap/ captures.
constexpr std::array k_rules{
    Rule{"", ".http", InputFormat::raw},           Rule{"", ".har", InputFormat::har},
    Rule{"", ".pcap", InputFormat::pcap},          Rule{"", ".pcapng", InputFormat::pcap},
    Rule{"headers", ".txt", InputFormat::headers}, Rule{"curl", ".txt", InputFormat::curl},
};

// A sample whose bytes are another format than its place says (the comment above it says why).
struct Exception {
  std::string_view path;
  InputFormat format;
};

constexpr std::array k_exceptions{
    // A raw request that lost its request line is, byte for byte, a header block pasted without
    // one (devtools' "Copy request headers" on HTTP/1.1 begins at Host:); auto must favour the
    // paste, and the golden case for this sample asks for --input-format raw to see the
    // missing-request-line error.
    Exception{"broken/no-request-line.http", InputFormat::headers},
};

// What the sample at `relative` is, if a rule or an exception says.
std::optional<InputFormat> expected_format(const fs::path& relative) {
  const std::string path = relative.generic_string();
  for (const Exception& exception : k_exceptions) {
    if (exception.path == path) {
      return exception.format;
    }
  }
  const std::string directory =
      relative.has_parent_path() ? relative.begin()->generic_string() : std::string();
  const std::string extension = relative.extension().string();
  for (const Rule& rule : k_rules) {
    if ((rule.directory.empty() || rule.directory == directory) && rule.extension == extension) {
      return rule.format;
    }
  }
  return std::nullopt;
}

// Every regular file under samples/, relative to it, in a stable order.
std::vector<fs::path> sample_files() {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(k_samples_dir)) {
    if (entry.is_regular_file()) {
      files.push_back(fs::relative(entry.path(), k_samples_dir));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

inputs::Detection detect(std::string_view bytes) {
  return inputs::detect_format(bytes);
}

} // namespace

TEST_CASE("inputs::detect_format on every sample") {
  REQUIRE(fs::is_directory(k_samples_dir));
  std::map<std::string, int> per_format;
  std::vector<std::string> seen;
  for (const fs::path& relative : sample_files()) {
    if (is_not_input(relative)) {
      continue;
    }
    const std::string path = relative.generic_string();
    CAPTURE(path);
    const std::optional<InputFormat> expected = expected_format(relative);
    if (!expected) {
      FAIL_CHECK("a sample no rule or exception gives a format: add one to this test");
      continue;
    }
    const inputs::Detection detected = detect(read_bytes(k_samples_dir / relative));
    CHECK(inputs::to_string(detected.format) == inputs::to_string(*expected));
    CHECK_FALSE(detected.reason.empty());
    ++per_format[std::string(inputs::to_string(*expected))];
    seen.push_back(path);
  }
  // Every format has samples, so a moved samples/ cannot pass with nothing checked.
  for (const std::string_view format : {"raw", "headers", "curl", "har", "pcap"}) {
    CAPTURE(format);
    CHECK(per_format[std::string(format)] > 0);
  }
  for (const Exception& exception : k_exceptions) {
    CAPTURE(exception.path);
    CHECK(std::find(seen.begin(), seen.end(), exception.path) != seen.end());
  }
}

TEST_CASE("inputs::detect_format keeps bytes that begin with a request line raw") {
  const std::string head = "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                           "Sec-WebSocket-Version: 13\r\n";
  const std::vector<std::string> inputs{
      head + "\r\n",
      // Empty lines before the request line, which a server ignores (RFC 9112 2.2).
      "\r\n\r\n" + head + "\r\n",
      "\n" + head + "\r\n",
      // A UTF-8 byte order mark from an editor.
      "\xef\xbb\xbf" + head + "\r\n",
      // Field values and bytes after the head that look like the other formats.
      head + "X-Json: {\"log\":{}}\r\nX-Cmd: curl 'ws://h/'\r\n\r\n",
      head + "\r\n{\"log\":{}}\n",
      head + "\r\ncurl 'ws://h/chat' -H 'Upgrade: websocket'\n",
      head + "\r\n> GET / HTTP/1.1\r\n* Trying\r\n",
      head + "\r\n" + std::string("\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8),
      head + "\r\n" + std::string("\x0a\x0d\x0d\x0a", 4),
      // The absolute form (RFC 9112 3.2.2) of a complete head, as a proxy receives it.
      "GET ws://h/chat HTTP/1.1\r\nHost: h\r\n\r\n",
      "GET http://h:80/chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n",
      // A request target with colons, which a field line also has.
      "GET /a:b:c HTTP/1.1\r\nHost: h\r\n\r\n",
      // Other methods: any token is one (RFC 9110 9.1).
      "POST /chat HTTP/1.1\r\nHost: h\r\n\r\n",
      "M-SEARCH * HTTP/1.1\r\nHost: h\r\n\r\n",
      "get /chat HTTP/1.1\r\nHost: h\r\n\r\n",
      // Bare LF endings with the empty line (RFC 9112 2.2 lets a recipient accept them).
      "GET /chat HTTP/1.1\nHost: h\nUpgrade: websocket\n\n",
      // Cut off with CRLF endings: a truncated capture, not a paste.
      "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: webso",
      // The request line alone, and a bare CR inside it.
      "GET /chat HTTP/1.1",
      "GET /chat HTTP/1.1\r X-Evil: 1\r\nHost: h\r\n\r\n",
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
      // A response, as --response and the exchange samples give it.
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
  };
  for (const std::string& input : inputs) {
    CAPTURE(input);
    CHECK(inputs::to_string(detect(input).format) == "raw");
  }
}

TEST_CASE("inputs::detect_format knows every pcap and pcapng magic number") {
  // pcap-savefile(5): magic, version 2.4, thiszone, sigfigs, snaplen 262144, linktype 1, in the
  // writer's byte order; 0xa1b2c3d4 for microsecond and 0xa1b23c4d for nanosecond timestamps.
  const auto pcap_header = [](std::string magic_big_endian, bool little_endian) {
    std::string version_and_rest("\x00\x02\x00\x04"
                                 "\x00\x00\x00\x00"
                                 "\x00\x00\x00\x00"
                                 "\x00\x04\x00\x00"
                                 "\x00\x00\x00\x01",
                                 20);
    if (little_endian) {
      std::reverse(magic_big_endian.begin(), magic_big_endian.end());
      std::reverse(version_and_rest.begin(), version_and_rest.begin() + 2);
      std::reverse(version_and_rest.begin() + 2, version_and_rest.begin() + 4);
      for (std::size_t at = 4; at < version_and_rest.size(); at += 4) {
        std::reverse(version_and_rest.begin() + static_cast<std::ptrdiff_t>(at),
                     version_and_rest.begin() + static_cast<std::ptrdiff_t>(at + 4));
      }
    }
    return magic_big_endian + version_and_rest;
  };
  const std::string micro("\xa1\xb2\xc3\xd4", 4);
  const std::string nano("\xa1\xb2\x3c\x4d", 4);
  // The pcapng Section Header Block (draft-ietf-opsawg-pcapng 4.1): type 0x0a0d0d0a (the same
  // bytes in both orders), its length, then the byte-order magic 0x1a2b3c4d.
  const std::string shb_little("\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a", 12);
  const std::string shb_big("\x0a\x0d\x0d\x0a\x00\x00\x00\x1c\x1a\x2b\x3c\x4d", 12);
  for (const std::string& input :
       {pcap_header(micro, true), pcap_header(micro, false), pcap_header(nano, true),
        pcap_header(nano, false), shb_little, shb_big, micro, nano}) {
    CAPTURE(input);
    CHECK(inputs::to_string(detect(input).format) == "pcap");
  }
  // Too short for a magic number, or one byte off: not a capture.
  for (const std::string& input : {micro.substr(0, 3), std::string("\xd4\xc3\xb2\xa2", 4),
                                   std::string("\x0a\x0d\x0d\x0b", 4)}) {
    CAPTURE(input);
    CHECK(inputs::to_string(detect(input).format) == "raw");
  }
}

// A method is any token (RFC 9110 9.1), "curl", "curl.exe" and "*" included: a request line is
// recognised before curl's words and transcript prefixes.
TEST_CASE("inputs::detect_format reads a request whose method is a curl word as raw") {
  for (const std::string_view input :
       {"curl /chat HTTP/1.1\r\nHost: h\r\n\r\n", "curl.exe /chat HTTP/1.1\r\nHost: h\r\n\r\n",
        "* /chat HTTP/1.1\r\nHost: h\r\n\r\n"}) {
    CAPTURE(input);
    CHECK(inputs::to_string(detect(input).format) == "raw");
  }
}
