#!/usr/bin/python3
"""Loopback server for the client measurements: answers each WebSocket request with one
response variant, built from the correct 101 for that request's own key.

measure.py runs it in a thread (Server); run alone it serves one configuration until
--timeout, which helps when looking at one client by hand:

    /usr/bin/python3 server.py --config CONFIG.json --port PORT

For `GET /ws/<variant>` it keeps the request head byte for byte, sends the variant's
response (variants.json says how it is built), then echoes every text or binary message
the client sends (inflated when it arrives compressed), answers ping and close, and
records what happened until the client hangs up. `GET /ws/<variant>/redirected` (the
target of a Location) gets the correct 101. `GET /` serves page.html for the browsers,
`POST /report/<variant>` and `POST /done` take their reports. Stdlib only; every read
has a deadline; listens on 127.0.0.1 only.
"""
import argparse
import base64
import hashlib
import json
import os
import re
import socket
import struct
import sys
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "127.0.0.1"
GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 1.3
RFC_EXAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ=="  # RFC 6455 1.3's example key
MAX_HEAD = 64 * 1024
PLACEHOLDER = re.compile(r"\{([a-z_]+|.\*\d+)\}")


def b64_sha1(data):
    return base64.b64encode(hashlib.sha1(data).digest()).decode("ascii")


def request_fields(head):
    """(name, raw value after the colon) for each field line of a request head."""
    out = []
    for line in head.split(b"\r\n")[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            out.append((name.decode("latin-1"), value.decode("latin-1")))
    return out


def derived_values(head, port):
    """Every value a response template may name, from the request's actual key."""
    fields = request_fields(head)
    raw_key = next((v for n, v in fields if n.strip().lower() == "sec-websocket-key"), "")
    key = raw_key.strip(" \t")
    protocols = ",".join(v for n, v in fields if n.strip().lower() == "sec-websocket-protocol")
    accept = b64_sha1((key + GUID).encode("latin-1"))
    try:
        decoded = base64.b64decode(key, validate=True)
    except ValueError:
        decoded = key.encode("latin-1")
    first_letter = next((i for i, c in enumerate(accept) if c.isalpha()), 0)
    return {
        "key": key,
        "accept": accept,
        "accept_other_key": b64_sha1((RFC_EXAMPLE_KEY + GUID).encode()),
        "accept_decoded_key": b64_sha1(decoded + GUID.encode()),
        "accept_untrimmed_key": b64_sha1((raw_key + GUID).encode("latin-1")),
        "accept_lowercase_guid": b64_sha1((key + GUID.lower()).encode("latin-1")),
        "accept_other_guid": b64_sha1((key + GUID[:-1] + "2").encode("latin-1")),
        "accept_no_guid": b64_sha1(key.encode("latin-1")),
        "accept_hex": hashlib.sha1((key + GUID).encode("latin-1")).hexdigest(),
        "accept_swapcase": accept.swapcase(),
        "accept_one_letter_case": (accept[:first_letter] + accept[first_letter].swapcase()
                                   + accept[first_letter + 1:]),
        "accept_no_padding": accept.rstrip("="),
        "accept_wrong_char": ("B" if accept[0] in "Aa" else "A") + accept[1:],
        "protocol": protocols.split(",")[0].strip(),
        "host": HOST,
        "port": str(port),
    }


def expand(text, values, extra=None):
    """The template with `{name}` replaced by its value and `{c*N}` by N times c."""
    def one(m):
        name = m.group(1)
        if "*" in name:
            return name[0] * int(name[2:])
        if extra and name in extra:
            return extra[name]
        if name not in values:
            raise ValueError("unknown placeholder {%s}" % name)
        return values[name]
    return PLACEHOLDER.sub(one, text)


def field_index(lines, name, variant):
    for i, line in enumerate(lines):
        if line.split(":", 1)[0].strip().lower() == name.lower():
            return i
    raise ValueError("variant %s: no %s field to edit" % (variant, name))


def build_response(base, variant, head, port):
    """The variant's response to this request: a list of (bytes, pause in ms after them),
    whose concatenation is what the client receives, plus the values used."""
    values = derived_values(head, port)
    status = base["status"]
    fields = list(base["fields"])
    if values["protocol"]:
        fields.append(base["protocol_field"])
    eol, end, prefix, body, split = "\r\n", None, "", "", None
    name = variant["name"]
    for op in variant["edit"]:
        if "status" in op:
            status = op["status"]
        elif "drop" in op:
            fields.pop(field_index(fields, op["drop"], name))
        elif "replace" in op:
            i = field_index(fields, op["replace"], name)
            fields[i:i + 1] = op["with"]
        elif "insert_after" in op:
            i = field_index(fields, op["insert_after"], name) + 1
            fields[i:i] = op["lines"]
        elif "insert_before" in op:
            i = field_index(fields, op["insert_before"], name)
            fields[i:i] = op["lines"]
        elif "append" in op:
            for n in range(op.get("repeat", 1)):
                fields += [expand(line, values, {"i": str(n + 1)}) for line in op["append"]]
        elif "eol" in op:
            eol = op["eol"]
        elif "end" in op:
            end = op["end"]
        elif "prefix" in op:
            prefix = op["prefix"]
        elif "body" in op:
            body = op["body"]
        elif "split_after" in op:
            split = (op["split_after"], op["pause_ms"])
        else:
            raise ValueError("variant %s: unknown edit %r" % (name, op))
    text = expand(prefix, values) + "".join(
        expand(line, values) + eol for line in [status] + fields)
    text += (eol if end is None else end) + expand(body, values)
    response = text.encode("latin-1")
    if split:
        at = response.index(split[0].encode("latin-1")) + len(split[0])
        return [(response[:at], split[1]), (response[at:], 0)], values
    return [(response, 0)], values


def read_head(conn):
    """Bytes up to and including the first CRLF CRLF, exactly as received; also the rest."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk or len(buf) > MAX_HEAD:
            return None, buf
        buf += chunk
    end = buf.index(b"\r\n\r\n") + 4
    return buf[:end], buf[end:]


def reply(conn, status, headers=(), body=b""):
    lines = ["HTTP/1.1 " + status, "Content-Length: %d" % len(body), "Connection: close"]
    lines += ["%s: %s" % h for h in headers]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


def send_frame(conn, opcode, payload):
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x80 | opcode, n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 126, n)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, n)
    conn.sendall(head + payload)


class FrameReader:
    """Frames from the client; the socket's timeout bounds every read."""

    def __init__(self, conn, pending):
        self.conn = conn
        self.buf = pending

    def exact(self, n):
        while len(self.buf) < n:
            chunk = self.conn.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def frame(self):
        b0, b1 = self.exact(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack("!H", self.exact(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", self.exact(8))[0]
        if n > 1 << 20:
            raise ValueError("frame of %d bytes" % n)
        mask = self.exact(4) if b1 & 0x80 else b""
        payload = self.exact(n)
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return {"fin": bool(b0 & 0x80), "rsv": (b0 >> 4) & 0x7, "opcode": b0 & 0x0F,
                "masked": bool(mask), "payload": payload}


def after_response(conn, silence, deadline, events):
    """Echo the client's messages, answer ping and close, until it hangs up or the deadline
    passes; appends what happens to `events` as it happens. A client that has sent nothing `silence`
    seconds after the response is still waiting for something (a body, another response):
    the server then closes its side, as a server that has said all it had to say would."""
    reader, inflater = FrameReader(conn, b""), None
    t0 = time.monotonic()

    def note(kind, **extra):
        events.append(dict(event=kind, ms=int((time.monotonic() - t0) * 1000), **extra))

    try:
        conn.settimeout(silence)
        try:
            first = conn.recv(65536)
        except socket.timeout:
            note("server-hangup")
            conn.shutdown(socket.SHUT_WR)
            conn.settimeout(max(0.05, deadline - time.monotonic()))
            while conn.recv(65536):
                pass
            raise EOFError
        if not first:
            raise EOFError
        reader.buf = first
        while True:
            conn.settimeout(max(0.05, deadline - time.monotonic()))
            f = reader.frame()
            if f["opcode"] in (0x1, 0x2):
                data = f["payload"]
                if f["rsv"] & 0x4:  # RFC 7692 6: RSV1 marks a compressed message
                    inflater = inflater or zlib.decompressobj(-15)
                    data = inflater.decompress(data + b"\x00\x00\xff\xff")
                note("message", opcode=f["opcode"], rsv=f["rsv"], masked=f["masked"],
                     text=data.decode("utf-8", "replace"))
                send_frame(conn, f["opcode"], data)
            elif f["opcode"] == 0x9:
                note("ping")
                send_frame(conn, 0xA, f["payload"])
            elif f["opcode"] == 0x8:
                code = struct.unpack("!H", f["payload"][:2])[0] if len(f["payload"]) >= 2 else None
                note("close", code=code, reason=f["payload"][2:].decode("utf-8", "replace"))
                send_frame(conn, 0x8, f["payload"][:2])
                return  # RFC 6455 7.1.1: the server closes the TCP connection first
            else:
                note("frame", opcode=f["opcode"])
    except EOFError:
        note("eof")
    except socket.timeout:
        note("server-deadline")
    except (OSError, ValueError, zlib.error) as e:
        note("error", text=str(e), pending=reader.buf[:64].hex())


class Server:
    """One client's measurement run: the variants, the config its driver gets, the records."""

    def __init__(self, variants_doc, config_path, silence_seconds, connection_seconds, port=0):
        self.doc = variants_doc
        self.by_name = {v["name"]: v for v in variants_doc["variants"]}
        self.config_path = config_path
        self.silence_seconds = silence_seconds
        self.connection_seconds = connection_seconds
        self.records = {}  # variant -> list of connection records, in arrival order
        self.reports = {}  # variant -> the browser page's report
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.srv.bind((HOST, port))
        self.srv.listen(64)
        self.srv.settimeout(0.2)
        self.port = self.srv.getsockname()[1]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopping.set()
        self.thread.join(5)
        self.srv.close()

    def serve(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.srv.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def page(self):
        with open(os.path.join(HERE, "page.html"), "rb") as f:
            template = f.read()
        with open(self.config_path, "rb") as f:
            config = f.read()
        return template.replace(b"/*CONFIG*/null", config)

    def handle(self, conn):
        with conn:
            conn.settimeout(10)
            try:
                head, rest = read_head(conn)
                if head is None:
                    return
                method, target = (head.split(b"\r\n", 1)[0].split(b" ") + [b"", b""])[:2]
                path = target.decode("latin-1").split("?")[0]
                ws = re.fullmatch(r"/ws/([a-z0-9.-]+)(/redirected)?", path)
                if method == b"GET" and path == "/":
                    reply(conn, "200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Cache-Control", "no-store")], self.page())
                elif method == b"POST" and path.startswith("/report/"):
                    length = int(re.search(rb"(?im)^content-length:\s*(\d+)", head).group(1))
                    body = rest
                    while len(body) < length:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        body += chunk
                    report = json.loads(body[:length])
                    with self.lock:
                        self.reports[report["name"]] = report
                    reply(conn, "204 No Content")
                elif method == b"POST" and path == "/done":
                    self.done.set()
                    reply(conn, "204 No Content")
                elif method == b"GET" and ws and ws.group(1) in self.by_name:
                    self.websocket(conn, head, rest, self.by_name[ws.group(1)],
                                   bool(ws.group(2)))
                else:
                    reply(conn, "404 Not Found")
            except (OSError, ValueError) as e:
                print("server: connection error: %s" % e, file=sys.stderr, flush=True)

    def websocket(self, conn, head, rest, variant, redirected):
        received = time.monotonic()
        record = {"variant": variant["name"], "redirected": redirected, "at": time.time(),
                  "request": head.decode("latin-1"), "events": []}
        try:
            plain = {"name": variant["name"], "edit": []}
            segments, values = build_response(self.doc["base"],
                                              plain if redirected else variant, head, self.port)
        except (ValueError, KeyError, IndexError) as e:
            record["build_error"] = str(e)
            segments, values = [], {}
        record["values"] = values
        record["response"] = b"".join(s for s, _ in segments).decode("latin-1")
        with self.lock:
            self.records.setdefault(variant["name"], []).append(record)
        if rest:
            record["early_bytes"] = rest.hex()
        for data, pause in segments:
            conn.sendall(data)
            if pause:
                time.sleep(pause / 1000)
        after_response(conn, self.silence_seconds, received + self.connection_seconds,
                       record["events"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--variants", default=os.path.join(HERE, "variants.json"))
    ap.add_argument("--config", required=True,
                    help="the drivers' configuration, served in the browsers' page")
    ap.add_argument("--port", type=int, required=True,
                    help="the port the configuration's URLs name")
    ap.add_argument("--timeout", type=float, default=300, help="exit after this many seconds")
    args = ap.parse_args()
    with open(args.variants) as f:
        doc = json.load(f)
    server = Server(doc, args.config, 1.5, 10, args.port).start()
    print("PORT", server.port, flush=True)
    server.done.wait(args.timeout)
    server.stop()
    json.dump({"records": server.records, "reports": server.reports}, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
