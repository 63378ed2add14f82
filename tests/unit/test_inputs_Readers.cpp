#include "inputs/CurlInput.hpp"
#include "inputs/HeaderBlock.hpp"
#include "inputs/InputFormat.hpp"
#include "inputs/PcapInput.hpp"
#include "inputs/SourceMap.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

using namespace wsh;
using inputs::InputFormat;

TEST_CASE("inputs::SourceMap") {
  const inputs::OriginalText original("ab\ncd\nef");
  inputs::SourceMap map(original);
  map.assume(0, 4, 0); // "GET " made up
  map.copy(4, 2, 3);   // "cd"
  map.copy(6, 2, 6);   // "ef"
  CHECK(map.origin(0).assumed);
  CHECK(map.origin(4).offset == 3);
  CHECK_FALSE(map.origin(5).assumed);
  CHECK(map.origin(7).offset == 7);
  CHECK(original.locate(map.origin(7).offset).line == 3);
  CHECK(original.locate(map.origin(7).offset).column == 2);
  CHECK(map.origin(8).offset == 8); // the end maps to the end of the last run
}

TEST_CASE("inputs::detect_format") {
  struct Row {
    std::string input;
    InputFormat expected;
  };
  const std::vector<Row> rows{
      {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", InputFormat::raw},
      {"GET / HTTP/1.1\r\nHost: h\r\n", InputFormat::raw}, // cut off: stays raw, incomplete
      {"GET / HTTP/1.1\nHost: h", InputFormat::headers},   // Firefox's copy
      {"GET ws://h/chat HTTP/1.1\r\nHost: h\r\n", InputFormat::headers},
      {"Host: h\nUpgrade: websocket\n", InputFormat::headers},
      {":authority: h\n:method: GET\n", InputFormat::headers},
      {"curl 'ws://h/' -H 'Upgrade: websocket'", InputFormat::curl},
      {"curl.exe ^\"ws://h/^\"", InputFormat::curl},
      {"> GET / HTTP/1.1\r\n> Host: h\r\n", InputFormat::curl},
      {"*   Trying 127.0.0.1:80...\n> GET / HTTP/1.1\n", InputFormat::curl},
      {"== Info: Connected\n=> Send header, 3 bytes\n", InputFormat::curl},
      {"{\"log\": {}}", InputFormat::har},
      {std::string("\xd4\xc3\xb2\xa1", 4), InputFormat::pcap},
      {std::string("\x0a\x0d\x0d\x0a", 4), InputFormat::pcap},
      {"garbage", InputFormat::raw},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    CHECK(inputs::detect_format(row.input).format == row.expected);
  }
}

TEST_CASE("inputs::split_command_line") {
  SUBCASE("bash quoting as devtools write it") {
    const std::string text =
        "curl 'ws://h/a' \\\n  -H $'X: it\\'s \\u0041\\041' -H \"Y: \\\"q\\\"\"";
    const auto words = inputs::split_command_line(text);
    REQUIRE(words.size() == 6);
    CHECK(words[1].text == "ws://h/a");
    CHECK(words[3].text == "X: it's A!");
    CHECK(words[5].text == "Y: \"q\"");
    CHECK(text[words[1].origins[0]] == 'w');
  }
  SUBCASE("cmd quoting as devtools write it") {
    const std::string text = "curl --url ^\"ws://h/^%^41^\" ^\n  -H ^\"A: ^(b^) \\^\"c\\^\"^\"";
    const auto words = inputs::split_command_line(text);
    REQUIRE(words.size() == 5);
    CHECK(words[2].text == "ws://h/%41");
    CHECK(words[4].text == "A: (b) \"c\"");
  }
}

TEST_CASE("inputs::read_header_block") {
  const inputs::OriginalText original("Host:h\nSec-WebSocket-Version: 8\nnot a header\n");
  const inputs::ReadResult result = inputs::read_header_block(original, {"/chat"});
  REQUIRE(result.handshakes.size() == 1);
  const inputs::RebuiltBytes& request = result.handshakes.front().request;
  CHECK(request.bytes() == "GET /chat HTTP/1.1\r\nHost: h\r\nSec-WebSocket-Version: 8\r\n\r\n");
  // The `8` sits at line 2, column 24 of the paste.
  const std::size_t eight = request.bytes().find('8');
  CHECK(original.locate(request.map().origin(eight).offset).line == 2);
  CHECK(original.locate(request.map().origin(eight).offset).column == 24);
  CHECK(request.map().origin(0).assumed);
  bool named = false;
  for (const inputs::ReaderNote& note : result.notes) {
    named = named || note.text.find("line 3 is not a header line") != std::string::npos;
  }
  CHECK(named);
}

TEST_CASE("inputs::read_curl transcript") {
  const inputs::OriginalText original("* Trying\n> GET / HTTP/1.1\r\n> Host: h\r\n> \r\n"
                                      "< HTTP/1.1 101 Switching Protocols\r\n< \r\n");
  const inputs::ReadResult result = inputs::read_curl(original);
  REQUIRE(result.handshakes.size() == 1);
  CHECK(result.handshakes.front().request.bytes() == "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  REQUIRE(result.handshakes.front().response);
  CHECK(result.handshakes.front().response->bytes() == "HTTP/1.1 101 Switching Protocols\r\n\r\n");
}

namespace {

// A curl command read: its one rebuilt request and the texts of the spans not read.
struct CurlRead {
  std::string request;
  std::vector<std::string> unread;
};

CurlRead read_command(const std::string& text) {
  const inputs::OriginalText original(text);
  const inputs::ReadResult result = inputs::read_curl(original);
  CurlRead read;
  REQUIRE(result.handshakes.size() == 1);
  read.request = result.handshakes.front().request.bytes();
  for (const inputs::UnreadSpan& span : result.unread) {
    read.unread.push_back(text.substr(span.offset, span.size));
  }
  return read;
}

} // namespace

TEST_CASE("inputs::read_curl command: options that take a value, and what is not read") {
  // -u's value comes before the URL: it is not the URL, and both it and the other values not
  // read are listed as unread spans of the file (which --redact hides), the option names not.
  const CurlRead read = read_command("curl -u alice:pw1 'wss://h/p?q' -H 'Upgrade: websocket' "
                                     "--oauth2-bearer TOK --user=bob:pw2 -Ecert.pem\n");
  CHECK(read.request == "GET /p?q HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n");
  CHECK(read.unread == std::vector<std::string>{"alice:pw1", "TOK", "bob:pw2", "cert.pem"});
}

TEST_CASE("inputs::read_curl command: short options run together, options not known here") {
  // -su is -s -u: -u takes the next word, which is then not the URL; -sH takes the rest of
  // its word as -H's value; an unknown long option takes a following word that is no URL.
  const CurlRead read = read_command("curl -su alice:pw1 -sSL --proxy-pass pw2 --unknown pw3 "
                                     "-sHUpgrade:websocket --later 'wss://h/p'\n");
  CHECK(read.request == "GET /p HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n");
  CHECK(read.unread == std::vector<std::string>{"alice:pw1", "pw2", "pw3"});
  // A value that starts with a dash is a value, not options to split.
  const CurlRead dashed = read_command("curl -u -sXpw -H -Dash:1 'wss://h/p'\n");
  CHECK(dashed.request == "GET /p HTTP/1.1\r\nHost: h\r\n-Dash: 1\r\n\r\n");
  CHECK(dashed.unread == std::vector<std::string>{"-sXpw"});
}

namespace {

// A little-endian pcap with Ethernet frames carrying IPv4 TCP segments.
struct PcapWriter {
  std::string bytes;
  PcapWriter() {
    const unsigned char header[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0,
                                      0,    0,    0,    0,    0, 0, 4, 0, 1, 0, 0, 0};
    bytes.assign(reinterpret_cast<const char*>(header), sizeof header);
  }
  void segment(bool from_client, std::uint32_t sequence, std::uint8_t flags,
               const std::string& payload) {
    std::string frame(14, '\0');
    frame[12] = 0x08;
    std::string ip(20, '\0');
    ip[0] = 0x45;
    const std::size_t total = 20 + 20 + payload.size();
    ip[2] = static_cast<char>(total >> 8U);
    ip[3] = static_cast<char>(total & 0xffU);
    ip[9] = 6;
    ip[12] = 10;
    ip[15] = from_client ? 1 : 2;
    ip[16] = 10;
    ip[19] = from_client ? 2 : 1;
    std::string tcp(20, '\0');
    tcp[0] = static_cast<char>(from_client ? 0xc3 : 0x00);
    tcp[1] = static_cast<char>(from_client ? 0x50 : 0x50);
    tcp[2] = static_cast<char>(from_client ? 0x00 : 0xc3);
    tcp[3] = static_cast<char>(from_client ? 0x50 : 0x50);
    for (int i = 0; i < 4; ++i) {
      tcp[static_cast<std::size_t>(4 + i)] =
          static_cast<char>(sequence >> (24U - 8U * static_cast<unsigned>(i)));
    }
    tcp[12] = 0x50;
    tcp[13] = static_cast<char>(flags);
    frame += ip + tcp + payload;
    std::string record(16, '\0');
    record[8] = static_cast<char>(frame.size() & 0xffU);
    record[9] = static_cast<char>(frame.size() >> 8U);
    record[12] = record[8];
    record[13] = record[9];
    bytes += record + frame;
  }
};

std::vector<inputs::CapturedHandshake> read_all(const std::string& capture,
                                                std::vector<std::string>& notes) {
  std::size_t at = 0;
  const inputs::ReadBytes read = [&](char* buffer, std::size_t most) -> long {
    const std::size_t count = std::min(most, capture.size() - at);
    std::memcpy(buffer, capture.data() + at, count);
    at += count;
    return static_cast<long>(count);
  };
  std::vector<inputs::CapturedHandshake> found;
  const auto error = inputs::read_capture(
      read, {},
      [&](inputs::CapturedHandshake&& handshake) {
        found.push_back(std::move(handshake));
        return true;
      },
      [&](inputs::CaptureNote&& note) { notes.push_back(note.text); });
  CHECK_FALSE(error);
  return found;
}

} // namespace

TEST_CASE("inputs::read_capture") {
  const std::string request = "GET /chat HTTP/1.1\r\nHost: h\r\n\r\n";
  const std::string response = "HTTP/1.1 101 Switching Protocols\r\n\r\n";
  SUBCASE("segments out of order and retransmitted are put in sequence") {
    PcapWriter pcap;
    pcap.segment(true, 99, 0x02, "");
    pcap.segment(true, 110, 0x18, request.substr(10));
    pcap.segment(true, 100, 0x18, request.substr(0, 10));
    pcap.segment(true, 100, 0x18, request.substr(0, 10));
    pcap.segment(false, 500, 0x18, response);
    std::vector<std::string> notes;
    const auto found = read_all(pcap.bytes, notes);
    REQUIRE(found.size() == 1);
    CHECK(found[0].request == request);
    CHECK(found[0].response == response);
    CHECK(found[0].client == "10.0.0.1:50000");
    CHECK(found[0].server == "10.0.0.2:80");
    CHECK(found[0].repairs.size() == 2);
  }
  SUBCASE("a missing segment is reported") {
    PcapWriter pcap;
    pcap.segment(true, 100, 0x18, request.substr(0, 10));
    pcap.segment(true, 120, 0x18, request.substr(20));
    std::vector<std::string> notes;
    const auto found = read_all(pcap.bytes, notes);
    REQUIRE(found.size() == 1);
    CHECK(found[0].request == request.substr(0, 10));
    REQUIRE_FALSE(found[0].repairs.empty());
    CAPTURE(found[0].repairs.back());
    CHECK(found[0].repairs.back().find("10 bytes missing") != std::string::npos);
  }
  SUBCASE("a TLS connection is listed as unreadable") {
    PcapWriter pcap;
    pcap.segment(true, 100, 0x18, std::string("\x16\x03\x01\x00\x05hello", 10));
    std::vector<std::string> notes;
    CHECK(read_all(pcap.bytes, notes).empty());
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("TLS") != std::string::npos);
  }
}
