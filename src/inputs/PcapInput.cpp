#include "inputs/PcapInput.hpp"

#include "http/HeaderEnd.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace wsh::inputs {

namespace {

// Link types (the tcpdump.org LINKTYPE_ registry).
constexpr std::uint32_t k_link_null = 0;
constexpr std::uint32_t k_link_ethernet = 1;
constexpr std::uint32_t k_link_raw = 101;
constexpr std::uint32_t k_link_loop = 108;
constexpr std::uint32_t k_link_sll = 113;
constexpr std::uint32_t k_link_ipv4 = 228;
constexpr std::uint32_t k_link_ipv6 = 229;
constexpr std::uint32_t k_link_sll2 = 276;

// A record larger than this is not a packet: the input is not a capture (or is damaged).
constexpr std::size_t k_max_record = std::size_t{1} << 24U;

std::uint16_t be16(const unsigned char* p) {
  return static_cast<std::uint16_t>((p[0] << 8U) | p[1]);
}

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24U) | (std::uint32_t{p[1]} << 16U) | (std::uint32_t{p[2]} << 8U) |
         std::uint32_t{p[3]};
}

std::uint32_t le32(const unsigned char* p) {
  return (std::uint32_t{p[3]} << 24U) | (std::uint32_t{p[2]} << 16U) | (std::uint32_t{p[1]} << 8U) |
         std::uint32_t{p[0]};
}

// Reads the input in large blocks and hands out exact byte counts.
class ByteSource {
public:
  explicit ByteSource(const ReadBytes& read) : m_read(read) {}

  // Fills `out` with exactly `size` bytes: true, or false at the end of the input (fewer
  // remained) or on a read error (`error` set).
  bool take(std::size_t size, std::string& out) {
    out.clear();
    while (m_buffer.size() - m_at < size) {
      if (m_ended) {
        m_offset += m_buffer.size() - m_at;
        m_at = m_buffer.size();
        return false;
      }
      fill();
    }
    out.assign(m_buffer, m_at, size);
    m_at += size;
    m_offset += size;
    return true;
  }

  bool at_end() {
    if (m_at < m_buffer.size()) {
      return false;
    }
    if (!m_ended) {
      fill();
    }
    return m_at >= m_buffer.size();
  }

  std::uint64_t offset() const { return m_offset; }
  int error() const { return m_error; }

private:
  void fill() {
    if (m_at > 0) {
      m_buffer.erase(0, m_at);
      m_at = 0;
    }
    std::array<char, 65536> chunk{};
    const long n = m_read(chunk.data(), chunk.size());
    if (n < 0) {
      m_error = errno;
      m_ended = true;
      return;
    }
    if (n == 0) {
      m_ended = true;
      return;
    }
    m_buffer.append(chunk.data(), static_cast<std::size_t>(n));
  }

  const ReadBytes& m_read;
  std::string m_buffer;
  std::size_t m_at = 0;
  std::uint64_t m_offset = 0;
  bool m_ended = false;
  int m_error = 0;
};

std::string format_time(std::uint64_t seconds, std::uint32_t microseconds) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", parts.tm_year + 1900,
                     parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                     microseconds);
}

std::string address_text(const unsigned char* address, bool ipv6, std::uint16_t port) {
  if (!ipv6) {
    return fmt::format("{}.{}.{}.{}:{}", address[0], address[1], address[2], address[3], port);
  }
  // RFC 5952: the longest run of zero groups (two or more) becomes "::", hex in lower case.
  std::array<std::uint16_t, 8> groups{};
  for (std::size_t i = 0; i < 8; ++i) {
    groups[i] = be16(address + 2 * i);
  }
  std::size_t best = 8;
  std::size_t best_size = 0;
  for (std::size_t i = 0; i < 8;) {
    std::size_t k = i;
    while (k < 8 && groups[k] == 0) {
      ++k;
    }
    if (k - i > best_size && k - i >= 2) {
      best = i;
      best_size = k - i;
    }
    i = k == i ? i + 1 : k;
  }
  std::string out = "[";
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_size - 1;
      continue;
    }
    if (!out.ends_with(':') && out.size() > 1) {
      out += ':';
    }
    out += fmt::format("{:x}", groups[i]);
  }
  return fmt::format("{}]:{}", out, port);
}

// One TCP segment as read from a packet.
struct Segment {
  std::string source;
  std::string destination;
  std::uint32_t sequence = 0;
  bool syn = false;
  bool ack = false;
  bool fin = false;
  bool rst = false;
  std::string_view payload;
};

// What a segment waiting behind a gap costs besides its payload (the map node and the string),
// counted against the head's limit so that a flood of one-byte segments is bounded too.
constexpr std::size_t k_waiting_segment_cost = 96;

// One direction of a connection: its payload in sequence order up to the end of the first
// header block.
struct Direction {
  bool started = false;
  // The sequence number of the first payload byte.
  std::uint32_t first = 0;
  std::string bytes;
  // Segments that arrived ahead of a gap, by their offset from `first`.
  std::map<std::uint64_t, std::string> ahead;
  std::size_t ahead_bytes = 0;
  bool complete = false;
  std::size_t retransmitted = 0;
  std::size_t reordered = 0;

  // Adds a segment's payload; false when the direction outgrew `limit`.
  bool add(std::uint32_t sequence, std::string_view payload, std::size_t limit) {
    if (payload.empty()) {
      return true;
    }
    if (complete) {
      const std::uint32_t relative = sequence - first;
      retransmitted += relative < bytes.size() ? 1U : 0U;
      return true;
    }
    if (!started) {
      started = true;
      first = sequence;
    }
    // Offsets relative to the first byte, modulo 2^32 (RFC 9293 3.4): a segment from before
    // the first one is a retransmission.
    const std::uint32_t relative = sequence - first;
    if (relative > 0x80000000U) {
      ++retransmitted;
      return true;
    }
    const std::uint64_t offset = relative;
    if (offset + payload.size() <= bytes.size()) {
      ++retransmitted;
      return true;
    }
    if (offset > bytes.size()) {
      if (ahead.count(offset) == 0) {
        ++reordered;
        ahead_bytes += payload.size() + k_waiting_segment_cost;
        ahead.emplace(offset, std::string(payload));
      } else {
        ++retransmitted;
      }
      return ahead_bytes <= limit;
    }
    // Only the new bytes and the three before them can complete the empty line, so each
    // segment costs its own size, not the head's so far; a head that starts with empty lines
    // (skipped, RFC 9112 2.2) is searched whole.
    const std::size_t searched = bytes.size() >= 3 ? bytes.size() - 3 : 0;
    append_from(offset, payload);
    // Segments that waited for this one.
    while (!ahead.empty() && ahead.begin()->first <= bytes.size()) {
      const auto next = ahead.begin();
      ahead_bytes -= next->second.size() + k_waiting_segment_cost;
      if (next->first + next->second.size() > bytes.size()) {
        append_from(next->first, next->second);
      }
      ahead.erase(next);
    }
    const bool leading_empty_line = bytes.starts_with('\r') || bytes.starts_with('\n');
    const std::size_t end = leading_empty_line ? http::find_header_end(bytes)
                                               : http::find_header_end_from(bytes, searched);
    if (end != std::string::npos) {
      bytes.resize(end);
      complete = true;
      ahead.clear();
      ahead_bytes = 0;
    }
    return bytes.size() <= limit;
  }

  void append_from(std::uint64_t offset, std::string_view payload) {
    bytes.append(payload.substr(static_cast<std::size_t>(bytes.size() - offset)));
  }

  // Bytes missing before segments that arrived ahead, for the report.
  std::size_t missing() const {
    std::size_t count = 0;
    std::uint64_t at = bytes.size();
    for (const auto& [offset, payload] : ahead) {
      if (offset > at) {
        count += static_cast<std::size_t>(offset - at);
      }
      at = std::max<std::uint64_t>(at, offset + payload.size());
    }
    return count;
  }
};

struct Connection {
  std::size_t order = 0;
  std::string client;
  std::string server;
  bool sides_known = false;
  std::string time;
  std::uint64_t record_offset = 0;
  Direction request;
  Direction response;
  bool closed = false;
};

bool starts_like_request(std::string_view payload) {
  static constexpr std::array<std::string_view, 9> k_methods{
      "GET ", "POST ", "PUT ", "HEAD ", "OPTIONS ", "CONNECT ", "DELETE ", "PATCH ", "PRI "};
  return std::any_of(k_methods.begin(), k_methods.end(),
                     [&](std::string_view method) { return payload.starts_with(method); });
}

bool starts_like_tls(std::string_view payload) {
  // A TLS record (RFC 8446 5.1): handshake (22), version 3.x.
  return payload.size() >= 3 && payload[0] == 0x16 && payload[1] == 0x03;
}

std::string tls_note(const std::string& from, const std::string& to, const std::string& time) {
  return fmt::format("client {} -> server {} at {} is TLS (wss:// or https://): its handshake "
                     "cannot be read; decrypt it first with the key log the client wrote "
                     "(SSLKEYLOGFILE): tshark -r CAPTURE -o tls.keylog_file:KEYLOG -q -z "
                     "follow,tls,ascii,STREAM shows the decrypted handshake",
                     from, to, time);
}

class Reassembler {
public:
  Reassembler(const CaptureLimits& limits,
              const std::function<bool(CapturedHandshake&&)>& on_handshake,
              const std::function<void(CaptureNote&&)>& on_note)
      : m_limits(limits), m_on_handshake(on_handshake), m_on_note(on_note) {}

  // False once the caller asked to stop.
  bool add(const Segment& segment, const std::string& time, std::uint64_t record_offset) {
    const std::string key = segment.source < segment.destination
                                ? segment.source + ' ' + segment.destination
                                : segment.destination + ' ' + segment.source;
    auto found = m_connections.find(key);
    if (found == m_connections.end()) {
      const bool opens = segment.syn && !segment.ack;
      const bool request = starts_like_request(segment.payload);
      const bool response = segment.payload.starts_with("HTTP/");
      const bool tls = starts_like_tls(segment.payload);
      if (m_finished.count(key) > 0 && !opens) {
        return true;
      }
      if (tls) {
        if (m_tls_noted.size() < m_limits.max_connections && m_tls_noted.insert(key).second) {
          m_on_note({tls_note(segment.source, segment.destination, time)});
        }
        return true;
      }
      if (!opens && !request && !response) {
        return true;
      }
      if (m_connections.size() >= m_limits.max_connections) {
        drop_oldest();
      }
      Connection connection;
      connection.order = ++m_started;
      connection.time = time;
      connection.record_offset = record_offset;
      if (opens || request) {
        connection.client = segment.source;
        connection.server = segment.destination;
        connection.sides_known = true;
      } else {
        connection.client = segment.destination;
        connection.server = segment.source;
        connection.sides_known = true;
      }
      found = m_connections.emplace(key, std::move(connection)).first;
      m_by_order.emplace(found->second.order, key);
      m_finished.erase(key);
    }
    Connection& connection = found->second;
    const bool from_client = segment.source == connection.client;
    Direction& direction = from_client ? connection.request : connection.response;
    if (direction.bytes.empty() && starts_like_tls(segment.payload)) {
      m_on_note({tls_note(segment.source, segment.destination, time)});
      forget(found);
      return true;
    }
    if (segment.syn) {
      // The first payload byte follows the SYN's sequence number (RFC 9293 3.4).
      if (!direction.started) {
        direction.started = true;
        direction.first = segment.sequence + 1;
      }
    }
    if (from_client && connection.request.bytes.empty() && !segment.payload.empty()) {
      // The handshake is dated and placed by its request's first segment.
      connection.time = time;
      connection.record_offset = record_offset;
    }
    if (!direction.add(segment.sequence, segment.payload, m_limits.max_header_bytes)) {
      m_on_note({fmt::format("{} -> {}: the {} head grew past {} bytes without ending; the "
                             "connection is dropped (--max-header-bytes raises the limit)",
                             connection.client, connection.server,
                             from_client ? "request" : "response", m_limits.max_header_bytes)});
      forget(found);
      return true;
    }
    if (segment.fin || segment.rst) {
      connection.closed = true;
    }
    const bool done =
        connection.request.complete && (connection.response.complete || connection.closed);
    if (done || (segment.rst && connection.request.started && !connection.request.bytes.empty())) {
      const bool keep_going = emit(connection);
      forget(found);
      return keep_going;
    }
    return true;
  }

  // At the end of the capture: every connection that holds a request, in the order they
  // started.
  bool finish() {
    std::vector<Connection*> pending;
    for (auto& [key, connection] : m_connections) {
      if (!connection.request.bytes.empty()) {
        pending.push_back(&connection);
      }
    }
    std::sort(pending.begin(), pending.end(),
              [](const Connection* a, const Connection* b) { return a->order < b->order; });
    for (Connection* connection : pending) {
      if (!emit(*connection)) {
        return false;
      }
    }
    m_connections.clear();
    m_by_order.clear();
    return true;
  }

private:
  bool emit(Connection& connection) {
    CapturedHandshake handshake;
    handshake.number = ++m_emitted;
    handshake.client = connection.client;
    handshake.server = connection.server;
    handshake.time = connection.time;
    handshake.record_offset = connection.record_offset;
    for (const auto* direction : {&connection.request, &connection.response}) {
      const std::string_view side = direction == &connection.request ? "request" : "response";
      if (direction->retransmitted > 0) {
        handshake.repairs.push_back(fmt::format("{}: {} retransmitted segment{} ignored", side,
                                                direction->retransmitted,
                                                direction->retransmitted == 1 ? "" : "s"));
      }
      if (direction->reordered > 0) {
        handshake.repairs.push_back(fmt::format("{}: {} segment{} arrived out of order", side,
                                                direction->reordered,
                                                direction->reordered == 1 ? "" : "s"));
      }
      if (!direction->complete && direction->started && !direction->bytes.empty()) {
        const std::size_t missing = direction->missing();
        handshake.repairs.push_back(
            missing > 0
                ? fmt::format("{}: {} byte{} missing from the capture after byte {}; the "
                              "head is read up to the gap",
                              side, missing, missing == 1 ? "" : "s", direction->bytes.size())
                : fmt::format("{}: the capture ends before the head does", side));
      }
    }
    handshake.request = std::move(connection.request.bytes);
    if (!connection.response.bytes.empty()) {
      handshake.response = std::move(connection.response.bytes);
    }
    return m_on_handshake(std::move(handshake));
  }

  void drop_oldest() {
    const auto oldest = m_connections.find(m_by_order.begin()->second);
    m_on_note(
        {fmt::format("{} -> {}: more than {} connections are open at once; this one, the "
                     "oldest, is dropped",
                     oldest->second.client, oldest->second.server, m_limits.max_connections)});
    forget(oldest);
  }

  // A connection done with (read, dropped or encrypted): its later segments are passed over.
  // The set of them is bounded: past four times the connections followed, it starts again, and
  // a late segment of a long-forgotten connection at worst opens a connection without a head.
  void forget(std::unordered_map<std::string, Connection>::iterator connection) {
    m_by_order.erase(connection->second.order);
    if (m_finished.size() >= 4 * m_limits.max_connections) {
      m_finished.clear();
    }
    m_finished.insert(connection->first);
    m_connections.erase(connection);
  }

  const CaptureLimits& m_limits;
  const std::function<bool(CapturedHandshake&&)>& m_on_handshake;
  const std::function<void(CaptureNote&&)>& m_on_note;
  std::unordered_map<std::string, Connection> m_connections;
  // The keys of m_connections by the order they started: the oldest is the first.
  std::map<std::uint64_t, std::string> m_by_order;
  // Connections whose handshake was read (or dropped): their later segments are not read.
  std::unordered_set<std::string> m_finished;
  std::unordered_set<std::string> m_tls_noted;
  std::size_t m_started = 0;
  std::size_t m_emitted = 0;
};

// The TCP segment in an IP packet, if it is one.
std::optional<Segment> read_ip(const unsigned char* p, std::size_t size) {
  if (size < 1) {
    return std::nullopt;
  }
  const unsigned version = p[0] >> 4U;
  const unsigned char* source = nullptr;
  const unsigned char* destination = nullptr;
  const unsigned char* tcp = nullptr;
  std::size_t tcp_size = 0;
  bool ipv6 = false;
  if (version == 4) {
    if (size < 20) {
      return std::nullopt;
    }
    const std::size_t header = static_cast<std::size_t>(p[0] & 0x0fU) * 4U;
    const std::size_t total = be16(p + 2);
    const bool fragment = (be16(p + 6) & 0x3fffU) != 0;
    if (header < 20 || p[9] != 6 || fragment || size < header) {
      return std::nullopt;
    }
    // A capture may hold less than the packet (snaplen), or more (Ethernet padding).
    const std::size_t end = total >= header ? std::min(size, total) : size;
    source = p + 12;
    destination = p + 16;
    tcp = p + header;
    tcp_size = end - header;
  } else if (version == 6) {
    if (size < 40) {
      return std::nullopt;
    }
    ipv6 = true;
    std::size_t end = std::min(size, 40 + std::size_t{be16(p + 4)});
    unsigned next = p[6];
    std::size_t at = 40;
    // Extension headers (RFC 8200 4): hop-by-hop, routing, destination options; a fragment is
    // not reassembled.
    while (next == 0 || next == 43 || next == 60) {
      if (at + 8 > end) {
        return std::nullopt;
      }
      next = p[at];
      at += (std::size_t{p[at + 1]} + 1) * 8;
    }
    if (next != 6 || at > end) {
      return std::nullopt;
    }
    source = p + 8;
    destination = p + 24;
    tcp = p + at;
    tcp_size = end - at;
  } else {
    return std::nullopt;
  }
  if (tcp_size < 20) {
    return std::nullopt;
  }
  const std::size_t offset = static_cast<std::size_t>(tcp[12] >> 4U) * 4U;
  if (offset < 20 || offset > tcp_size) {
    return std::nullopt;
  }
  Segment segment;
  segment.source = address_text(source, ipv6, be16(tcp));
  segment.destination = address_text(destination, ipv6, be16(tcp + 2));
  segment.sequence = be32(tcp + 4);
  const unsigned flags = tcp[13];
  segment.fin = (flags & 0x01U) != 0;
  segment.syn = (flags & 0x02U) != 0;
  segment.rst = (flags & 0x04U) != 0;
  segment.ack = (flags & 0x10U) != 0;
  segment.payload =
      std::string_view(reinterpret_cast<const char*>(tcp + offset), tcp_size - offset);
  return segment;
}

// The IP packet in a frame of link type `link`, as offset and protocol family (4, 6), or none.
std::optional<std::size_t> ip_offset(std::uint32_t link, const unsigned char* p, std::size_t size) {
  switch (link) {
  case k_link_ethernet: {
    std::size_t at = 12;
    while (at + 2 <= size && (be16(p + at) == 0x8100 || be16(p + at) == 0x88a8)) {
      at += 4;
    }
    if (at + 2 > size) {
      return std::nullopt;
    }
    const std::uint16_t type = be16(p + at);
    return type == 0x0800 || type == 0x86dd ? std::optional<std::size_t>(at + 2) : std::nullopt;
  }
  case k_link_sll: {
    if (size < 16) {
      return std::nullopt;
    }
    const std::uint16_t type = be16(p + 14);
    return type == 0x0800 || type == 0x86dd ? std::optional<std::size_t>(16) : std::nullopt;
  }
  case k_link_sll2: {
    if (size < 20) {
      return std::nullopt;
    }
    const std::uint16_t type = be16(p);
    return type == 0x0800 || type == 0x86dd ? std::optional<std::size_t>(20) : std::nullopt;
  }
  case k_link_null:
  case k_link_loop:
    return size >= 4 ? std::optional<std::size_t>(4) : std::nullopt;
  case k_link_raw:
  case k_link_ipv4:
  case k_link_ipv6:
    return 0;
  default:
    return std::nullopt;
  }
}

bool known_link(std::uint32_t link) {
  return link == k_link_null || link == k_link_ethernet || link == k_link_raw ||
         link == k_link_loop || link == k_link_sll || link == k_link_ipv4 || link == k_link_ipv6 ||
         link == k_link_sll2;
}

} // namespace

std::optional<std::string>
read_capture(const ReadBytes& read, const CaptureLimits& limits,
             const std::function<bool(CapturedHandshake&&)>& on_handshake,
             const std::function<void(CaptureNote&&)>& on_note) {
  ByteSource source(read);
  Reassembler reassembler(limits, on_handshake, on_note);
  std::string header;
  if (!source.take(4, header)) {
    return source.error() != 0 ? std::optional<std::string>(std::strerror(source.error()))
                               : std::optional<std::string>("it is too short to be a capture");
  }
  const auto* magic = reinterpret_cast<const unsigned char*>(header.data());
  std::vector<std::string> unknown_links;
  const auto note_link = [&](std::uint32_t link) {
    const std::string text = fmt::format("{}", link);
    if (std::find(unknown_links.begin(), unknown_links.end(), text) == unknown_links.end()) {
      unknown_links.push_back(text);
      on_note({fmt::format("packets of link type {} are not read (read: Ethernet, Linux cooked "
                           "SLL and SLL2, loopback, raw IP)",
                           link)});
    }
  };
  const auto handle_frame = [&](std::uint32_t link, const std::string& frame, std::uint64_t seconds,
                                std::uint32_t microseconds, std::uint64_t record_offset) {
    if (!known_link(link)) {
      note_link(link);
      return true;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(frame.data());
    const auto at = ip_offset(link, p, frame.size());
    if (!at) {
      return true;
    }
    const auto segment = read_ip(p + *at, frame.size() - *at);
    if (!segment) {
      return true;
    }
    return reassembler.add(*segment, format_time(seconds, microseconds), record_offset);
  };
  std::string record;
  const std::uint32_t first = be32(magic);
  if (first == 0xa1b2c3d4 || first == 0xd4c3b2a1 || first == 0xa1b23c4d || first == 0x4d3cb2a1) {
    const bool big = first == 0xa1b2c3d4 || first == 0xa1b23c4d;
    const bool nanoseconds = first == 0xa1b23c4d || first == 0x4d3cb2a1;
    const auto u32 = [big](const unsigned char* q) { return big ? be32(q) : le32(q); };
    if (!source.take(20, header)) {
      return std::string("it ends inside the pcap file header");
    }
    const std::uint32_t link =
        u32(reinterpret_cast<const unsigned char*>(header.data()) + 16) & 0x0fffffffU;
    while (!source.at_end()) {
      const std::uint64_t record_offset = source.offset();
      if (!source.take(16, header)) {
        on_note({"the capture ends inside a record header (it was cut)"});
        break;
      }
      const auto* h = reinterpret_cast<const unsigned char*>(header.data());
      const std::uint32_t captured = u32(h + 8);
      if (captured > k_max_record) {
        return fmt::format("the record at byte {} claims {} bytes: not a pcap file, or damaged",
                           record_offset, captured);
      }
      if (!source.take(captured, record)) {
        on_note({"the capture ends inside a record (it was cut)"});
        break;
      }
      const std::uint32_t fraction = nanoseconds ? u32(h + 4) / 1000 : u32(h + 4);
      if (!handle_frame(link, record, u32(h), fraction, record_offset)) {
        return std::nullopt;
      }
    }
  } else if (first == 0x0a0d0d0a) {
    // pcapng: blocks of type, total length, body, total length; the byte order is the Section
    // Header Block's.
    bool big = false;
    struct Interface {
      std::uint32_t link = 0;
      // Units per second of the timestamps (if_tsresol).
      std::uint64_t resolution = 1000000;
    };
    std::vector<Interface> interfaces;
    std::string type_bytes = header;
    bool have_type = true;
    while (true) {
      const std::uint64_t record_offset = source.offset() - (have_type ? 4 : 0);
      if (!have_type) {
        if (source.at_end() || !source.take(4, type_bytes)) {
          break;
        }
      }
      have_type = false;
      std::string length_bytes;
      if (!source.take(4, length_bytes)) {
        on_note({"the capture ends inside a block header (it was cut)"});
        break;
      }
      const auto* t = reinterpret_cast<const unsigned char*>(type_bytes.data());
      const auto* l = reinterpret_cast<const unsigned char*>(length_bytes.data());
      const std::uint32_t raw_type = be32(t);
      if (raw_type == 0x0a0d0d0a) {
        std::string order;
        if (!source.take(4, order)) {
          return std::string("it ends inside a pcapng section header");
        }
        const std::uint32_t magic_value =
            be32(reinterpret_cast<const unsigned char*>(order.data()));
        if (magic_value != 0x1a2b3c4d && magic_value != 0x4d3c2b1a) {
          return std::string("its pcapng section header has no byte-order magic");
        }
        big = magic_value == 0x1a2b3c4d;
        interfaces.clear();
        const std::uint32_t length = big ? be32(l) : le32(l);
        if (length < 16 || length > k_max_record || !source.take(length - 12, record)) {
          return std::string("its pcapng section header is damaged");
        }
        continue;
      }
      const auto u32 = [big](const unsigned char* q) { return big ? be32(q) : le32(q); };
      const auto u16 = [big](const unsigned char* q) {
        return big ? be16(q) : static_cast<std::uint16_t>(q[0] | (q[1] << 8U));
      };
      const std::uint32_t type = u32(t);
      const std::uint32_t length = u32(l);
      if (length < 12 || length > k_max_record || length % 4 != 0) {
        return fmt::format("the pcapng block at byte {} claims {} bytes: damaged", record_offset,
                           length);
      }
      if (!source.take(length - 8, record)) {
        on_note({"the capture ends inside a block (it was cut)"});
        break;
      }
      const auto* b = reinterpret_cast<const unsigned char*>(record.data());
      const std::size_t body = length - 12;
      if (type == 1 && body >= 8) {
        Interface interface;
        interface.link = u16(b);
        // Options after the 8 fixed bytes: code, length, value padded to 4 (if_tsresol = 9).
        for (std::size_t at = 8; at + 4 <= body;) {
          const std::uint16_t code = u16(b + at);
          const std::uint16_t size = u16(b + at + 2);
          if (code == 0 || at + 4 + size > body) {
            break;
          }
          if (code == 9 && size >= 1) {
            const unsigned value = b[at + 4];
            std::uint64_t resolution = 1;
            for (unsigned k = 0; k < (value & 0x7fU) && k < 19; ++k) {
              resolution *= (value & 0x80U) != 0 ? 2 : 10;
            }
            interface.resolution = resolution;
          }
          at += 4 + ((size + 3U) & ~3U);
        }
        interfaces.push_back(interface);
        continue;
      }
      std::uint32_t interface_id = 0;
      std::uint64_t stamp = 0;
      std::size_t data_at = 0;
      std::size_t captured = 0;
      if (type == 6 && body >= 20) {
        interface_id = u32(b);
        stamp = (std::uint64_t{u32(b + 4)} << 32U) | u32(b + 8);
        captured = u32(b + 12);
        data_at = 20;
      } else if (type == 3 && body >= 4) {
        captured = std::min<std::size_t>(u32(b), body - 4);
        data_at = 4;
      } else if (type == 2 && body >= 20) {
        interface_id = u16(b);
        stamp = (std::uint64_t{u32(b + 4)} << 32U) | u32(b + 8);
        captured = u32(b + 12);
        data_at = 20;
      } else {
        continue;
      }
      if (interface_id >= interfaces.size() || data_at + captured > body) {
        continue;
      }
      const Interface& interface = interfaces[interface_id];
      const std::uint64_t seconds = stamp / interface.resolution;
      const auto fraction = static_cast<std::uint32_t>((stamp % interface.resolution) * 1000000 /
                                                       interface.resolution);
      if (!handle_frame(interface.link, record.substr(data_at, captured), seconds, fraction,
                        record_offset)) {
        return std::nullopt;
      }
    }
  } else {
    return std::string("it is not a pcap or pcapng file (no magic number)");
  }
  if (source.error() != 0) {
    return std::string(std::strerror(source.error()));
  }
  reassembler.finish();
  return std::nullopt;
}

} // namespace wsh::inputs
