#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wsh::inputs {

// Reads up to `size` bytes into `buffer`: the count, 0 at the end of the input, or -1 (errno
// set) when reading failed.
using ReadBytes = std::function<long(char* buffer, std::size_t size)>;

// Bounds that keep memory constant however large the capture.
struct CaptureLimits {
  // A direction's header block larger than this is dropped (--max-header-bytes).
  std::size_t max_header_bytes = 65536;
  // Connections followed at once; the oldest is dropped beyond it.
  std::size_t max_connections = 4096;
};

// One opening handshake found in a capture: the request and, where the capture holds it, the
// response, each as the bytes of its direction in sequence order up to the end of its header
// block; where it was found, and what reassembly had to repair.
struct CapturedHandshake {
  // From 1, in the order the requests' first segments appear in the capture.
  std::size_t number = 0;
  // "ip:port" ("[ip]:port" for IPv6) of each side.
  std::string client;
  std::string server;
  // When the request's first segment was captured, ISO 8601 in UTC.
  std::string time;
  // The byte offset in the capture file of the record holding that segment.
  std::uint64_t record_offset = 0;
  std::string request;
  std::optional<std::string> response;
  // What reassembly found: retransmitted, out-of-order or missing segments, a connection cut.
  std::vector<std::string> repairs;
};

// What a capture holds besides handshakes: a TLS connection that cannot be read, a connection
// dropped at a limit, a link type or packet that is not read.
struct CaptureNote {
  std::string text;
};

// Reads a pcap (pcap-savefile(5)) or pcapng (draft-ietf-opsawg-pcapng) capture from `read`,
// record by record, in constant memory, and calls `on_handshake` for each WebSocket opening
// handshake (an HTTP request head and its response head on one TCP connection) and `on_note`
// for what it cannot read. Link types: Ethernet (with 802.1Q tags), Linux cooked SLL and SLL2,
// BSD loopback (NULL and LOOP) and raw IP, per interface in pcapng; IPv4 and IPv6 (with their
// extension headers), TCP. Checksums are not checked: a loopback capture holds unfinished ones
// (checksum offload). Each direction's payload is put in sequence order; retransmitted and
// out-of-order segments are handled and missing ones reported; a connection is forgotten once
// its handshake is read. Returns an error message when the input is not a capture, or stops
// early (nothing) when `on_handshake` returns false.
std::optional<std::string>
read_capture(const ReadBytes& read, const CaptureLimits& limits,
             const std::function<bool(CapturedHandshake&&)>& on_handshake,
             const std::function<void(CaptureNote&&)>& on_note);

} // namespace wsh::inputs
