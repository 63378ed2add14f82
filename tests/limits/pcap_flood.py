#!/usr/bin/python3
"""Writes a large pcap of many complete WebSocket opening handshakes, for the limits suite.

Each of COUNT TCP connections (distinct client address and port, one server 10.0.0.1:80, :443
for tls) holds a SYN, a SYN-ACK, the request (its own Sec-WebSocket-Key), the server's 101
response (the matching Sec-WebSocket-Accept, RFC 6455 4.2.2) and then data segments of binary
WebSocket frames from the server (RFC 6455 5.2) until the file reaches about TOTAL_BYTES.
Connections overlap as they do on a busy server: a request's response comes WINDOW requests
later (16 unless given), and its data after that, so the reader holds WINDOW connections at
once. Ethernet link type, little-endian microsecond pcap (pcap-savefile(5)); checksums are
zero, as a loopback capture's are unfinished.

The data segments are one payload written again and again (only the record, Ethernet, IP and
TCP headers in front of them are packed per packet), so that 1 GiB takes seconds: the reader
forgets a connection once its handshake is read and skips the rest of its segments.

With KIND tls, each connection carries the first bytes of a TLS handshake (a ClientHello's and
a ServerHello's record header, RFC 8446 5.1, then zeros) instead of HTTP: the wss:// traffic a
capture mostly holds, which the reader notes and skips.

usage: pcap_flood.py OUT COUNT TOTAL_BYTES [WINDOW [ws|tls]]
prints `COUNT handshakes, N packets, N bytes` when done."""
import base64
import hashlib
import struct
import sys

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
# One TCP segment's payload of data after the handshake: a typical Ethernet MSS.
SEGMENT = 1448

RECORD = struct.Struct("<IIII")
# Ethernet (dst, src, type), IPv4 (version/IHL, TOS, total length, id, DF, TTL, protocol,
# checksum, source, destination), TCP (ports, sequence, acknowledgement, data offset, flags,
# window, checksum, urgent pointer).
FRAME = struct.Struct("!6s6sHBBHHHBBH4s4sHHIIBBHHH")
HEADERS = FRAME.size
MAC_CLIENT = bytes.fromhex("020000000001")
MAC_SERVER = bytes.fromhex("020000000002")
SERVER = bytes([10, 0, 0, 1])
SYN, ACK, PSH = 0x02, 0x10, 0x08

# A binary frame filling one segment: FIN + opcode 2, 16-bit length (RFC 6455 5.2), no mask
# (server to client).
FRAME_PAYLOAD = bytes([0x82, 126]) + struct.pack("!H", SEGMENT - 4) + bytes(SEGMENT - 4)


class Writer:
    def __init__(self, out):
        self.out = out
        self.packets = 0
        self.bytes = 24
        self.usec = 0

    def packet(self, client, port, server_port, to_server, seq, ack, flags, payload):
        self.packets += 1
        self.usec += 7
        length = HEADERS + len(payload)
        src, dst = (client, SERVER) if to_server else (SERVER, client)
        sport, dport = (port, server_port) if to_server else (server_port, port)
        mac_src, mac_dst = (MAC_CLIENT, MAC_SERVER) if to_server else (MAC_SERVER, MAC_CLIENT)
        self.out.write(RECORD.pack(1700000000 + self.usec // 1000000, self.usec % 1000000,
                                   length, length))
        self.out.write(FRAME.pack(mac_dst, mac_src, 0x0800, 0x45, 0, length - 14,
                                  self.packets & 0xFFFF, 0x4000, 64, 6, 0, src, dst, sport,
                                  dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 0x50, flags, 65535,
                                  0, 0))
        self.out.write(payload)
        self.bytes += 16 + length


class Connection:
    def __init__(self, number, tls):
        self.client = bytes([10, 1 + number // 50000, (number // 200) % 250, 1 + number % 200])
        self.port = 1024 + number % 50000
        self.server_port = 443 if tls else 80
        self.client_seq = (number * 2654435761) & 0xFFFFFFFF
        self.server_seq = (number * 40503 + 12345) & 0xFFFFFFFF
        key = base64.b64encode(number.to_bytes(16, "big"))
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        self.request = (b"GET /chat HTTP/1.1\r\nHost: server.example.com\r\n"
                        b"Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        b"Sec-WebSocket-Key: " + key + b"\r\n"
                        b"Origin: http://server.example.com\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.response = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                         b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n")
        if tls:
            self.request = bytes([22, 3, 1, 0, 196, 1]) + bytes(195)
            self.response = bytes([22, 3, 3, 0, 122, 2]) + bytes(121)

    def open(self, w):
        self.packet(w, True, 0, SYN, b"")
        self.packet(w, False, self.client_seq + 1, SYN | ACK, b"")
        self.client_seq += 1
        self.server_seq += 1
        self.send(w, True, self.request)

    def send(self, w, to_server, payload):
        self.packet(w, to_server, self.server_seq if to_server else self.client_seq, PSH | ACK,
                    payload)
        if to_server:
            self.client_seq += len(payload)
        else:
            self.server_seq += len(payload)

    def packet(self, w, to_server, ack, flags, payload):
        seq = self.client_seq if to_server else self.server_seq
        w.packet(self.client, self.port, self.server_port, to_server, seq, ack, flags, payload)

def main():
    out_path, count, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    window = int(sys.argv[4]) if len(sys.argv) > 4 else 16
    tls = len(sys.argv) > 5 and sys.argv[5] == "tls"
    data_record = 16 + HEADERS + len(FRAME_PAYLOAD)
    with open(out_path, "wb", buffering=1 << 20) as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        w = Writer(out)
        pending = []
        answered_count = 0
        for number in range(count + window):
            if number < count:
                connection = Connection(number, tls)
                connection.open(w)
                pending.append(connection)
            if len(pending) > window or (number >= count and pending):
                answered = pending.pop(0)
                answered.send(w, False, answered.response)
                answered_count += 1
                # Data until the file holds its share of TOTAL_BYTES so far.
                while w.bytes + data_record <= total * answered_count // count:
                    answered.send(w, False, FRAME_PAYLOAD)
    print(f"{count} handshakes, {w.packets} packets, {w.bytes} bytes")


main()
