#!/usr/bin/python3
"""Loopback server that records raw WebSocket upgrade requests byte for byte.

GET /capture/<name>  -> saves the request head (up to and including the first
                        CRLF CRLF, exactly as received) to OUT_DIR/<name>.http,
                        then answers 101 and closes.
GET /                -> small HTML page whose script opens two WebSockets
                        (/capture/chromium and /capture/chromium-subprotocols).
anything else        -> 404.

Stdlib only; run with /usr/bin/python3. Prints "PORT <n>" once listening.
Exits after --expect captures or after --timeout seconds, whichever is first.
"""
import argparse
import base64
import hashlib
import os
import re
import socket
import sys
import threading
import time

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MAX_HEAD = 64 * 1024

PAGE = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>ws capture</title></head>
<body><pre id="log"></pre>
<script>
const base = 'ws://' + location.host + '/capture/';
const log = (s) => { document.getElementById('log').textContent += s + '\\n'; console.log('wscap: ' + s); };
function open(name, protocols, next) {
  const ws = protocols ? new WebSocket(base + name, protocols) : new WebSocket(base + name);
  ws.onopen = () => log(name + ': open, protocol=[' + ws.protocol + ']');
  ws.onerror = () => log(name + ': error');
  ws.onclose = () => { log(name + ': closed'); if (next) next(); };
}
open('chromium', null, () => open('chromium-subprotocols', ['chat', 'superchat'], () => log('done')));
</script></body></html>
"""


def header_values(head, name):
    """Values of header `name` (case-insensitive) from a raw request head."""
    out = []
    for line in head.split(b"\r\n")[1:]:
        k, sep, v = line.partition(b":")
        if sep and k.strip().lower() == name:
            out.append(v.strip())
    return out


def read_head(conn):
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = conn.recv(4096)
        if not chunk or len(buf) > MAX_HEAD:
            return None
        buf += chunk
    return buf[: buf.index(b"\r\n\r\n") + 4]


def reply(conn, status, headers, body=b""):
    lines = [b"HTTP/1.1 " + status] + [k + b": " + v for k, v in headers]
    conn.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)


def handle(conn, out_dir, on_capture):
    with conn:
        conn.settimeout(10)
        try:
            head = read_head(conn)
        except OSError:
            return
        if head is None:
            return
        parts = head.split(b"\r\n", 1)[0].split(b" ")
        path = parts[1].decode("ascii", "replace") if len(parts) == 3 else ""
        m = re.fullmatch(r"/capture/([A-Za-z0-9_-]{1,64})", path.split("?")[0])
        if path in ("/", "/index.html"):
            reply(conn, b"200 OK", [(b"Content-Type", b"text/html; charset=utf-8"),
                                    (b"Content-Length", str(len(PAGE)).encode()),
                                    (b"Cache-Control", b"no-store"),
                                    (b"Connection", b"close")], PAGE)
            return
        if not m:
            reply(conn, b"404 Not Found", [(b"Content-Length", b"0"), (b"Connection", b"close")])
            return
        dest = os.path.join(out_dir, m.group(1) + ".http")
        with open(dest + ".tmp", "wb") as f:
            f.write(head)
        os.replace(dest + ".tmp", dest)  # atomic: watchers never see half a file
        keys = header_values(head, b"sec-websocket-key")
        if len(keys) != 1:
            reply(conn, b"400 Bad Request", [(b"Content-Length", b"0"), (b"Connection", b"close")])
        else:
            accept = base64.b64encode(hashlib.sha1(keys[0] + GUID).digest())
            hdrs = [(b"Upgrade", b"websocket"), (b"Connection", b"Upgrade"),
                    (b"Sec-WebSocket-Accept", accept)]
            protos = b",".join(header_values(head, b"sec-websocket-protocol"))
            first = protos.split(b",")[0].strip()
            if first:
                hdrs.append((b"Sec-WebSocket-Protocol", first))
            reply(conn, b"101 Switching Protocols", hdrs)
            time.sleep(0.2)  # let the client see the 101 before the FIN
        print("captured", dest, len(head), "bytes", flush=True)
        on_capture()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0, help="0 = pick a free port")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--expect", type=int, default=0, help="exit after N captures (0 = never)")
    ap.add_argument("--timeout", type=float, default=120, help="hard limit in seconds")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    done = threading.Event()
    count = [0]
    lock = threading.Lock()

    def on_capture():
        with lock:
            count[0] += 1
            if args.expect and count[0] >= args.expect:
                done.set()

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.port))
    srv.listen(16)
    srv.settimeout(0.5)
    print("PORT", srv.getsockname()[1], flush=True)

    deadline = time.monotonic() + args.timeout
    while not done.is_set():
        if time.monotonic() > deadline:
            print("timeout: %d capture(s)" % count[0], file=sys.stderr, flush=True)
            srv.close()
            sys.exit(1)
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            continue
        threading.Thread(target=handle, args=(conn, args.out_dir, on_capture), daemon=True).start()
    srv.close()
    time.sleep(0.3)  # let the last 101 go out
    print("done: %d capture(s)" % count[0], flush=True)


if __name__ == "__main__":
    main()
