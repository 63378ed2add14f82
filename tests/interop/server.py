#!/usr/bin/python3
"""Loopback WebSocket server whose handshake responses are ws-handshake's.

For `GET /ws/<client>/<scenario>` it reads the raw request head, saves it byte for byte,
pipes it into `ws-handshake -f http` with the scenario's options (see scenarios.py), writes
the tool's bytes back (made careless where the scenario says so), and, after a 101, sends one
text message, expects it echoed (inflating and deflating when permessage-deflate was agreed,
with the window sizes the response set), sends a close 1000 and waits for the client's close.

Also serves the browsers' page (`GET /`), takes their reports (`POST /report/<scenario>`,
`POST /done`) and answers 404 to anything else. Listens on 127.0.0.1 only; prints
`PORT <n>` once listening. Stdlib only; every socket read has a timeout, and the process
exits by itself after --timeout seconds.

Writes into --out: requests/<scenario>.http (the capture), server/<scenario>.json (tool
runs, the response sent, what happened after it), reports/<scenario>.json (browser
reports) and `done`.
"""
import argparse
import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib

import scenarios

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_HEAD = 64 * 1024
IO_TIMEOUT = 10.0  # seconds for any single read from a client
TOOL_TIMEOUT = 10.0
MESSAGE = scenarios.message()


def read_head(conn):
    """Bytes up to and including the first CRLF CRLF, exactly as received; also the rest."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk or len(buf) > MAX_HEAD:
            return None, b""
        buf += chunk
    end = buf.index(b"\r\n\r\n") + 4
    return buf[:end], buf[end:]


def header_values(head, name):
    """Values of field `name` (lower case) in a raw head, in order."""
    out = []
    for line in head.split(b"\r\n")[1:]:
        key, sep, value = line.partition(b":")
        if sep and key.strip().lower() == name:
            out.append(value.strip().decode("latin-1"))
    return out


def reply(conn, status, headers=(), body=b""):
    lines = ["HTTP/1.1 " + status, "Content-Length: %d" % len(body), "Connection: close"]
    lines += ["%s: %s" % h for h in headers]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


def run_tool(binary, fmt, args, request):
    """One ws-handshake run on the request from standard input."""
    argv = [binary, "-f", fmt, *args, "-"]
    try:
        done = subprocess.run(argv, input=request, capture_output=True, timeout=TOOL_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"argv": argv[1:], "exit": None, "stdout": "", "stderr": "timed out"}
    return {
        "argv": argv[1:],
        "exit": done.returncode,
        "stdout": done.stdout.decode("latin-1"),
        "stderr": done.stderr.decode("utf-8", "replace"),
    }


def judged_run(binary, args, request):
    """The tool's http bytes and exit status, plus the diagnostics of the same run as JSON."""
    http = run_tool(binary, "http", args, request)
    js = run_tool(binary, "json", args, request)
    try:
        http["diagnostics"] = json.loads(js["stdout"]).get("diagnostics", [])
    except ValueError:
        http["diagnostics"] = None
        http["json_error"] = "ws-handshake -f json printed no JSON: " + js["stderr"][-500:]
    return http


def add_header(response, line):
    """A careless server's response: the good one with one more header line."""
    if not response.endswith(b"\r\n\r\n"):
        return response
    return response[:-2] + line + b"\r\n\r\n"


def alter_accept(response, how):
    """The response with one character of the Sec-WebSocket-Accept value changed: "char"
    replaces the first one by a letter that differs from it in more than case, "case" flips
    the case of the first letter."""
    m = re.search(rb"(?im)^sec-websocket-accept:[ \t]*(\S+)", response)
    if not m:
        return response, "no Sec-WebSocket-Accept to alter"
    value, start = m.group(1), m.start(1)
    if how == "case":
        i = next((k for k, c in enumerate(value) if chr(c).isalpha()), None)
        if i is None:
            return response, "no letter in Sec-WebSocket-Accept to alter"
        new = value[i:i + 1].swapcase()
    else:
        i = 0
        new = b"B" if value[:1].upper() == b"A" else b"A"
    old = value[i:i + 1]
    at = start + i
    return response[:at] + new + response[at + 1:], "Sec-WebSocket-Accept: %s -> %s at byte %d" % (
        old.decode(), new.decode(), at)


def negotiated_deflate(response):
    """permessage-deflate as the response agreed it: None, or the window bits each side uses."""
    values = header_values(response, b"sec-websocket-extensions")
    for element in ",".join(values).split(","):
        parts = [p.strip() for p in element.split(";")]
        if parts[0].lower() != "permessage-deflate":
            continue
        params = {}
        for p in parts[1:]:
            key, _, value = p.partition("=")
            params[key.strip().lower()] = value.strip().strip('"')
        client_bits = int(params.get("client_max_window_bits") or 15)
        server_bits = int(params.get("server_max_window_bits") or 15)
        # zlib cannot use an 8-bit window for raw deflate; 9 is what clients use for 8. A
        # careless value above 15 (deflate-invalid-value) is clamped so zlib still starts.
        return {"client_bits": min(max(client_bits, 9), 15),
                "server_bits": min(max(server_bits, 9), 15)}
    return None


def deflate(data, bits):
    c = zlib.compressobj(6, zlib.DEFLATED, -bits)
    out = c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH)
    return out[:-4]  # RFC 7692 7.2.1: drop the trailing 00 00 ff ff


def inflate(payload, bits):
    """RFC 7692 7.2.2, strictly: at most 256 bytes per inflate call, so a reference further
    back than the agreed window (plus those 256 bytes) fails instead of reading the output
    buffer."""
    d = zlib.decompressobj(-bits)
    out = bytearray()
    buf = payload + b"\x00\x00\xff\xff"
    while buf:
        out += d.decompress(buf, 256)
        buf = d.unconsumed_tail
    return bytes(out)


def send_frame(conn, opcode, payload, rsv1=False):
    first = 0x80 | (0x40 if rsv1 else 0) | opcode
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", first, n)
    elif n < 65536:
        head = struct.pack("!BBH", first, 126, n)
    else:
        head = struct.pack("!BBQ", first, 127, n)
    conn.sendall(head + payload)


class Reader:
    """Frames from the client, with a deadline on every read."""

    def __init__(self, conn, pending):
        self.conn = conn
        self.buf = pending

    def exact(self, n):
        while len(self.buf) < n:
            chunk = self.conn.recv(65536)
            if not chunk:
                raise EOFError("the client closed the TCP connection")
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
        mask = self.exact(4) if b1 & 0x80 else b""
        payload = self.exact(n)
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return {"fin": bool(b0 & 0x80), "rsv1": bool(b0 & 0x40), "opcode": b0 & 0x0F,
                "masked": bool(mask), "payload": payload}


def exchange(conn, pending, response):
    """After a 101: one message out, its echo back, then the closing handshake."""
    pmd = negotiated_deflate(response)
    out = {"deflate": pmd, "frames": 0}
    reader = Reader(conn, pending)
    try:
        if pmd:
            send_frame(conn, 0x1, deflate(MESSAGE, pmd["server_bits"]), rsv1=True)
        else:
            send_frame(conn, 0x1, MESSAGE)
        out["sent"] = len(MESSAGE)
        parts, first = [], None
        while True:
            f = reader.frame()
            out["frames"] += 1
            if f["opcode"] == 0x9:
                send_frame(conn, 0xA, f["payload"])
            elif f["opcode"] == 0x8:
                out["client_closed_first"] = f["payload"][:2].hex()
                return out
            elif f["opcode"] in (0x0, 0x1, 0x2):
                first = first or f
                parts.append(f["payload"])
                if f["fin"]:
                    break
        data = b"".join(parts)
        out["client_compressed"] = first["rsv1"]
        out["client_masked"] = first["masked"]
        if first["rsv1"]:
            if not pmd:
                out["echo"] = "RSV1 set without permessage-deflate"
                return out
            try:
                data = inflate(data, pmd["client_bits"])
            except zlib.error as e:
                out["echo"] = "inflate with %d-bit window failed: %s" % (pmd["client_bits"], e)
                return out
        out["echo"] = "ok" if data == MESSAGE else "mismatch: %d bytes back, %d sent" % (
            len(data), len(MESSAGE))
        send_frame(conn, 0x8, struct.pack("!H", 1000) + b"done")
        while True:
            f = reader.frame()
            out["frames"] += 1
            if f["opcode"] == 0x8:
                code = struct.unpack("!H", f["payload"][:2])[0] if len(f["payload"]) >= 2 else None
                out["client_close_code"] = code
                break
    except (EOFError, OSError) as e:
        out["error"] = str(e) or type(e).__name__
    return out


class Server:
    def __init__(self, args):
        self.args = args
        self.client = args.client
        self.out = args.out
        for sub in ("requests", "server", "reports"):
            os.makedirs(os.path.join(self.out, sub), exist_ok=True)
        with open(os.path.join(HERE, "page.html"), "rb") as f:
            self.page_template = f.read()

    def write_json(self, sub, name, obj):
        path = os.path.join(self.out, sub, name + ".json")
        with open(path + ".tmp", "w") as f:
            json.dump(obj, f, indent=1)
        os.replace(path + ".tmp", path)  # readers never see half a file

    def page(self, port):
        config = {
            "client": self.client,
            "timeoutMs": int(self.args.scenario_timeout * 1000),
            "scenarios": [
                {"name": s.name, "protocols": list(s.offer),
                 "url": "ws://127.0.0.1:%d/ws/%s/%s" % (port, self.client, s.name)}
                for s in scenarios.SCENARIOS if self.client in s.clients
            ],
        }
        return self.page_template.replace(b"/*CONFIG*/null", json.dumps(config).encode())

    def handle(self, conn, port):
        with conn:
            conn.settimeout(IO_TIMEOUT)
            try:
                head, rest = read_head(conn)
                if head is None:
                    return
                method, target = (head.split(b"\r\n", 1)[0].split(b" ") + [b"", b""])[:2]
                path = target.decode("latin-1").split("?")[0]
                ws = re.fullmatch(r"/ws/([a-z-]+)/([a-z-]+)", path)
                if not ws:
                    print(method.decode("latin-1"), path, flush=True)
                if method == b"GET" and path == "/":
                    reply(conn, "200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Cache-Control", "no-store")], self.page(port))
                elif method == b"POST" and path.startswith("/report/"):
                    length = int((header_values(head, b"content-length") or ["0"])[0])
                    body = rest
                    while len(body) < length:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        body += chunk
                    name = re.sub(r"[^a-z-]", "", path[len("/report/"):])
                    self.write_json("reports", name, json.loads(body[:length]))
                    reply(conn, "204 No Content")
                elif method == b"POST" and path == "/done":
                    open(os.path.join(self.out, "done"), "w").close()
                    reply(conn, "204 No Content")
                elif ws and ws.group(1) == self.client and ws.group(2) in scenarios.BY_NAME:
                    self.websocket(conn, head, rest, scenarios.BY_NAME[ws.group(2)])
                else:
                    reply(conn, "404 Not Found")
            except (OSError, ValueError) as e:
                print("connection error:", e, file=sys.stderr, flush=True)

    def websocket(self, conn, head, rest, scenario):
        with open(os.path.join(self.out, "requests", scenario.name + ".http"), "wb") as f:
            f.write(head)
        record = {"scenario": scenario.name, "client": self.client, "received_at": time.time()}
        if scenario.refuse_args:
            record["refusal"] = judged_run(self.args.binary, scenario.refuse_args, head)
        good = judged_run(self.args.binary, scenario.tool_args, head)
        record["tool"] = good
        response = good["stdout"].encode("latin-1")
        if scenario.add_header:
            response = add_header(response, scenario.add_header)
            record["careless"] = "added " + scenario.add_header.decode()
        if scenario.alter_accept:
            response, record["careless"] = alter_accept(response, scenario.alter_accept)
        record["response"] = response.decode("latin-1")
        conn.sendall(response)
        if response.startswith(b"HTTP/1.1 101 "):
            record["after"] = exchange(conn, rest, response)
        else:
            try:
                conn.recv(1)  # wait for the client to hang up
            except OSError:
                pass
        self.write_json("server", scenario.name, record)
        print("handled", scenario.name, flush=True)

    def serve(self):
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", self.args.port))
        srv.listen(16)
        srv.settimeout(0.5)
        port = srv.getsockname()[1]
        print("PORT", port, flush=True)
        deadline = time.monotonic() + self.args.timeout
        while time.monotonic() < deadline:
            try:
                conn, _ = srv.accept()
            except socket.timeout:
                continue
            threading.Thread(target=self.handle, args=(conn, port), daemon=True).start()
        print("server: --timeout reached", file=sys.stderr, flush=True)
        return 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True, help="the ws-handshake to answer with")
    ap.add_argument("--client", required=True, choices=scenarios.CLIENTS)
    ap.add_argument("--out", required=True, help="folder for captures and records")
    ap.add_argument("--port", type=int, default=0, help="0 picks a free port")
    ap.add_argument("--timeout", type=float, default=300, help="exit after this many seconds")
    ap.add_argument("--scenario-timeout", type=float, default=15,
                    help="seconds a browser page waits for one scenario")
    return Server(ap.parse_args()).serve()


if __name__ == "__main__":
    sys.exit(main())
