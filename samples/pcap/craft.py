#!/usr/bin/python3
"""Makes two samples from a real loopback capture (capture.sh's loopback-ethernet.pcap):

retransmission.pcap: the first IPv4 request segment (payload starting "GET ") is split in two
  at its middle; the second half is written first (out of order), then the first half, then the
  first half again (a retransmission). Sequence numbers and IP lengths are set for each piece;
  checksums are left as they were (a loopback capture's are unfinished anyway).
loopback.pcapng: every record of the capture as a pcapng file (draft-ietf-opsawg-pcapng):
  a Section Header Block, one Interface Description Block with the capture's link type and
  if_tsresol 6 (microseconds), one Enhanced Packet Block per record.

usage: craft.py CAPTURE.pcap OUT_DIR"""
import struct
import sys


def read_pcap(path):
    data = open(path, "rb").read()
    magic, = struct.unpack("<I", data[:4])
    assert magic == 0xA1B2C3D4, "expected a little-endian microsecond pcap"
    header = data[:24]
    linktype, = struct.unpack("<I", data[20:24])
    records = []
    at = 24
    while at + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack("<IIII", data[at:at + 16])
        records.append((sec, usec, data[at + 16:at + 16 + incl]))
        at += 16 + incl
    return header, linktype, records


def write_pcap(path, header, records):
    with open(path, "wb") as out:
        out.write(header)
        for sec, usec, frame in records:
            out.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
            out.write(frame)


def split_request(frame):
    """The frame's request segment as two frames (first half, second half), or None."""
    if frame[12:14] != b"\x08\x00":
        return None
    ip = frame[14:]
    ihl = (ip[0] & 0x0F) * 4
    if ip[9] != 6:
        return None
    total, = struct.unpack("!H", ip[2:4])
    tcp = ip[ihl:total]
    offset = (tcp[12] >> 4) * 4
    payload = tcp[offset:]
    if not payload.startswith(b"GET "):
        return None
    seq, = struct.unpack("!I", tcp[4:8])
    middle = len(payload) // 2
    pieces = []
    for start, part in ((0, payload[:middle]), (middle, payload[middle:])):
        new_tcp = tcp[:4] + struct.pack("!I", (seq + start) & 0xFFFFFFFF) + tcp[8:offset] + part
        new_ip = ip[:2] + struct.pack("!H", ihl + len(new_tcp)) + ip[4:ihl] + new_tcp
        pieces.append(frame[:14] + new_ip)
    return pieces


def write_pcapng(path, linktype, records):
    def block(kind, body):
        body += b"\0" * (-len(body) % 4)
        length = 12 + len(body)
        return struct.pack("<II", kind, length) + body + struct.pack("<I", length)

    with open(path, "wb") as out:
        out.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        tsresol = struct.pack("<HHB", 9, 1, 6) + b"\0\0\0" + struct.pack("<HH", 0, 0)
        out.write(block(1, struct.pack("<HHI", linktype, 0, 262144) + tsresol))
        for sec, usec, frame in records:
            stamp = sec * 1000000 + usec
            body = struct.pack("<IIIII", 0, stamp >> 32, stamp & 0xFFFFFFFF, len(frame), len(frame))
            out.write(block(6, body + frame))


def main():
    capture, out_dir = sys.argv[1], sys.argv[2]
    header, linktype, records = read_pcap(capture)
    crafted = []
    done = False
    for sec, usec, frame in records:
        pieces = None if done else split_request(frame)
        if pieces is None:
            crafted.append((sec, usec, frame))
            continue
        first, second = pieces
        crafted += [(sec, usec, second), (sec, usec + 1, first), (sec, usec + 2, first)]
        done = True
    assert done, "no IPv4 request segment found"
    write_pcap(f"{out_dir}/retransmission.pcap", header, crafted)
    write_pcapng(f"{out_dir}/loopback.pcapng", linktype, records)


main()
