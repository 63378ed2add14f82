#!/usr/bin/python3
"""Measures what real WebSocket server libraries answer to each request in requests/.

For each server of SERVERS: build it (into build/, git-ignored), start it on 127.0.0.1 on a
free port in a process group of its own, send each request byte for byte over a fresh TCP
connection, read the answer (status line, fields, the start of the body; after a 101 one
masked text frame "ping" is sent, the echo is read and the connection closed with a close
frame) and collect the log lines the server printed meanwhile. Every process is stopped at
the end, whatever happens.

  --write          measure every server twice, rewrite table.jsonl (a record whose two runs
                   differ is marked "unsettled") and limits.json (bisected size limits)
  --check          measure again (once) and compare with table.jsonl; exit 1 on a difference
  --quick          with --check: only the servers that need no C, C++ or Java build
  --servers LIST   comma-separated subset of the servers
  --requests LIST  comma-separated subset of the requests (not with --write)
  --dump FILE      with --check: also write what was measured, as JSON lines
  --limits         re-measure limits.json only
  --summary        print per-server counts and agreement with the rfc column from table.jsonl

Requests may hold `{authority}` (replaced by 127.0.0.1:PORT) and `{port}` when sent.
Values in the table are normalised so that runs compare equal: the server's authority and
port become `{authority}` and `{port}`, dates `{date}`, and in log lines timestamps, client
ports, durations and object addresses become placeholders. Bytes are stored as JSON strings
whose code points are the byte values (latin-1).
"""
import argparse
import base64
import ctypes
import hashlib
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")
SRC = os.path.join(HERE, "servers")
REQUESTS = os.path.join(HERE, "requests")
TABLE = os.path.join(HERE, "table.jsonl")
LIMITS = os.path.join(HERE, "limits.json")

HEAD_TIMEOUT = 2.5  # seconds for the whole response head
BODY_TIMEOUT = 1.0  # seconds for the rest of a refusal's body
ECHO_TIMEOUT = 1.5  # seconds for the echo after a 101
IDLE = 0.3  # a body or echo is complete after this long without bytes
LOG_QUIET = 0.25  # a request's log is complete after this long without a new line
LOG_MAX_WAIT = 2.0
BODY_KEEP = 200  # bytes of body stored
START_TIMEOUT = 30.0
START_TRIES = 3

libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG = 1
live = set()  # every server process started and not yet stopped
live_lock = threading.Lock()


# ---------------------------------------------------------------- servers


def dpkg_version(package):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return "%s %s" % (package, out.stdout.strip() or "not installed")


def npm_version(package):
    try:
        with open(os.path.join(HERE, "node_modules", package, "package.json")) as f:
            version = json.load(f)["version"]
    except OSError:
        version = "not installed"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return "npm %s %s, node %s" % (package, version, node)


def python_version(package):
    return "%s, python %d.%d.%d" % ((dpkg_version(package),) + sys.version_info[:3])


def go_version(package):
    go = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.split()
    return "%s, %s" % (dpkg_version(package), go[2] if len(go) > 2 else "go ?")


JETTY_JARS = ["jetty9-server", "jetty9-util", "jetty9-http", "jetty9-io", "jetty9-servlet",
              "jetty9-security", "jetty9-xml", "jetty9-websocket-api", "jetty9-websocket-common",
              "jetty9-websocket-server", "jetty9-websocket-servlet", "jetty9-websocket-client",
              "servlet-api"]
JETTY_CLASSPATH = ":".join("/usr/share/java/%s.jar" % jar for jar in JETTY_JARS)
GO_ENV = {"GO111MODULE": "off", "GOPATH": "/usr/share/gocode", "GOPROXY": "off", "GOFLAGS": "",
          "GOCACHE": os.path.join(BUILD, "gocache")}


def build_cxx(source, output):
    return ["g++", "-std=c++17", "-O1", "-pthread", "-o", output, source]


def build_lws(source, output):
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libwebsockets"], capture_output=True,
                           text=True, check=True).stdout.split()
    return ["gcc", "-O1", "-o", output, source] + flags


def build_go(source, output):
    return ["go", "build", "-o", output, source]


def build_java(source, output):
    return ["javac", "-d", output, "-cp", JETTY_CLASSPATH, source]


PY = "/usr/bin/python3"  # Debian's, which has the python3-* modules
# name: source file under servers/, how to build it (absent: interpreted), how to run it, its
# version, and whether --quick measures it (no C, C++ or Java build, starts in a second).
SERVERS = {
    "node-ws": dict(source="node-ws.js", run=lambda src, out: ["node", src],
                    version=lambda: npm_version("ws"), quick=True),
    "python-websockets": dict(source="python-websockets.py", run=lambda src, out: [PY, src],
                              version=lambda: python_version("python3-websockets"), quick=True),
    "beast": dict(source="beast.cpp", build=build_cxx, run=lambda src, out: [out],
                  version=lambda: dpkg_version("libboost1.74-dev"), quick=False),
    "websocketpp": dict(source="websocketpp.cpp", build=build_cxx, run=lambda src, out: [out],
                        version=lambda: dpkg_version("libwebsocketpp-dev") + ", " + dpkg_version("libboost1.74-dev"),
                        quick=False),
    "libwebsockets": dict(source="libwebsockets.c", build=build_lws, run=lambda src, out: [out],
                          version=lambda: dpkg_version("libwebsockets-dev"), quick=False),
    "gorilla": dict(source="gorilla.go", build=build_go, env=GO_ENV, run=lambda src, out: [out],
                    version=lambda: go_version("golang-github-gorilla-websocket-dev"), quick=True),
    "tornado": dict(source="tornado-server.py", run=lambda src, out: [PY, src],
                    version=lambda: python_version("python3-tornado"), quick=True),
    "aiohttp": dict(source="aiohttp-server.py", run=lambda src, out: [PY, src],
                    version=lambda: python_version("python3-aiohttp"), quick=True),
    "jetty": dict(source="JettyEcho.java", build=build_java,
                  run=lambda src, out: ["java", "-cp", out + ":" + JETTY_CLASSPATH, "JettyEcho"],
                  version=lambda: dpkg_version("libjetty9-extra-java") + ", " +
                  subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.split("\n")[0],
                  quick=False),
    "autobahn": dict(source="autobahn-server.py", run=lambda src, out: [PY, src],
                     version=lambda: python_version("python3-autobahn"), quick=True),
    "nhooyr": dict(source="nhooyr.go", build=build_go, env=GO_ENV, run=lambda src, out: [out],
                   version=lambda: go_version("golang-nhooyr-websocket-dev"), quick=True),
    "node-websocket": dict(source="node-websocket.js", run=lambda src, out: ["node", src],
                           version=lambda: npm_version("websocket"), quick=True),
    "faye-websocket": dict(source="faye-websocket.js", run=lambda src, out: ["node", src],
                           version=lambda: npm_version("faye-websocket"), quick=True),
}


def npm_ci():
    """npm ci into node_modules when it is missing or older than package-lock.json."""
    stamp = os.path.join(HERE, "node_modules", ".package-lock.json")
    lock = os.path.join(HERE, "package-lock.json")
    if os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(lock):
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True,
                   stdout=sys.stderr, timeout=600)


def build(name):
    """Builds NAME into build/ unless the output is newer than its source; returns the output."""
    spec = SERVERS[name]
    source = os.path.join(SRC, spec["source"])
    output = os.path.join(BUILD, name)
    if "build" not in spec:
        return output
    if os.path.exists(output) and os.path.getmtime(output) >= os.path.getmtime(source):
        return output
    os.makedirs(BUILD, exist_ok=True)
    if os.path.isdir(output):
        shutil.rmtree(output)
    env = dict(os.environ, **spec.get("env", {}))
    started = time.time()
    subprocess.run(spec["build"](source, output), check=True, env=env, stdout=sys.stderr, timeout=900)
    log("built %s in %.1f s" % (name, time.time() - started))
    return output


def log(message):
    print(message, file=sys.stderr, flush=True)


ports_lock = threading.Lock()
ports_held = set()  # ports handed to a server of this run and not yet given back


def free_port():
    """A port the kernel calls free and no server of this run holds. The kernel can hand the
    same free port to two threads that ask at once; the set stops two servers sharing it."""
    with ports_lock:
        for _ in range(100):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            if port not in ports_held:
                ports_held.add(port)
                return port
    raise RuntimeError("no free port")


def release_port(port):
    with ports_lock:
        ports_held.discard(port)


class Server:
    """One running server: its process group, port and the lines it prints."""

    def __init__(self, name, output):
        self.name = name
        self.output = output
        self.proc = None
        self.port = None
        self.lines = []  # (arrival time, bytes) for every line printed
        self.cond = threading.Condition()
        self.quiet_from = 0.0  # wait_quiet waits LOG_QUIET past this moment too

    def start(self):
        spec = SERVERS[self.name]
        argv = spec["run"](os.path.join(SRC, spec["source"]), self.output)
        env = dict(os.environ, **spec.get("env", {}))
        for attempt in range(START_TRIES):
            self.port = free_port()
            self.proc = subprocess.Popen(
                argv + [str(self.port)], cwd=HERE, env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                preexec_fn=lambda: libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL))
            with live_lock:
                live.add(self.proc)
            threading.Thread(target=self._read_lines, args=(self.proc,), daemon=True).start()
            if self._wait_ready():
                self.quiet_from = time.monotonic()
                self.wait_quiet(0)  # the start-up lines and the probe's own are not a request's
                # A server that lost its port to another program exits after the probe may
                # already have reached that program: it counts as started only if still alive.
                if self.alive():
                    return
            log("%s did not start (attempt %d)" % (self.name, attempt + 1))
            self.stop()
        raise RuntimeError("%s did not start; its output:\n%s" % (
            self.name, b"".join(line for _, line in self.lines[-40:]).decode("latin-1")))

    def _read_lines(self, proc):
        for line in proc.stdout:
            with self.cond:
                self.lines.append((time.monotonic(), line))
                self.cond.notify_all()

    def _wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def wait_quiet(self, since):
        """Waits until no line has arrived for LOG_QUIET s (at most LOG_MAX_WAIT s); returns
        the lines from index SINCE on."""
        deadline = time.monotonic() + LOG_MAX_WAIT
        with self.cond:
            while True:
                now = time.monotonic()
                last = self.lines[-1][0] if len(self.lines) > since else 0
                quiet_until = max(last, self.quiet_from) + LOG_QUIET
                if now >= quiet_until or now >= deadline:
                    return [line for _, line in self.lines[since:]]
                self.cond.wait(min(quiet_until, deadline) - now)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc is None:
            return
        stop_group(self.proc)
        self.proc = None
        release_port(self.port)


def stop_group(proc):
    """SIGTERM to the process group, SIGKILL after 3 s; the group is always gone after."""
    for sig, grace in ((signal.SIGTERM, 3), (signal.SIGKILL, 3)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(grace)
            break
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    with live_lock:
        live.discard(proc)


def stop_all(*_):
    with live_lock:
        procs = list(live)
    for proc in procs:
        stop_group(proc)


# ---------------------------------------------------------------- one exchange


def masked_frame(opcode, payload, mask=b"\x4d\x61\x73\x6b"):
    assert len(payload) < 126
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + masked


PING_FRAME = masked_frame(0x1, b"ping")
CLOSE_FRAME = masked_frame(0x8, b"\x03\xe8")


def find_head_end(data):
    """Index just past the empty line ending a response head, or -1."""
    ends = [i + n for i, n in ((data.find(b"\r\n\r\n"), 4), (data.find(b"\n\n"), 2)) if i >= 0]
    return min(ends) if ends else -1


class Connection:
    """A TCP connection whose sender runs in a thread, so a server that answers before it has
    read everything (or stops reading) never blocks the reader."""

    def __init__(self, port, data):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.sock.setblocking(True)
        self.send_error = None
        self.received = b""
        self.eof = None  # None while open, else "eof" or "reset"
        self.sender = threading.Thread(target=self._send, args=(data,), daemon=True)
        self.sender.start()

    def _send(self, data):
        try:
            self.sock.sendall(data)
        except OSError as exc:
            self.send_error = exc.__class__.__name__

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError as exc:
            self.send_error = self.send_error or exc.__class__.__name__

    def read(self, until, timeout, idle=None):
        """Reads until UNTIL(received) holds, the peer closes, TIMEOUT s pass, or (IDLE given
        and something received) IDLE s pass without a byte."""
        deadline = time.monotonic() + timeout
        while self.eof is None and not until(self.received):
            now = time.monotonic()
            wait = deadline - now
            if idle is not None and self.received:
                wait = min(wait, idle)
            if wait <= 0:
                return False
            readable, _, _ = select.select([self.sock], [], [], wait)
            if not readable:
                if time.monotonic() >= deadline or idle is not None:
                    return False
                continue
            try:
                chunk = self.sock.recv(65536)
            except OSError:  # ECONNRESET, in practice
                self.eof = "reset"
                break
            if not chunk:
                self.eof = "eof"
            self.received += chunk
        return until(self.received)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
        self.sender.join(5)


def parse_head(head):
    lines = re.split(rb"\r?\n", head.rstrip(b"\r\n"))
    status_line = lines[0]
    match = re.match(rb"HTTP/\d\.\d (\d{3})", status_line)
    status = int(match.group(1)) if match else None
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        headers.append([name.decode("latin-1"), value.strip(b" \t").decode("latin-1")] if sep
                       else [line.decode("latin-1"), None])
    return status_line, status, headers


def header(headers, name):
    for n, v in headers:
        if n.lower() == name.lower():
            return v
    return None


def decode_frames(data):
    """The (opcode, payload) of each complete server frame in DATA; compressed messages
    (RSV1) are inflated with one inflater for the connection, as context takeover needs."""
    frames = []
    inflater = zlib.decompressobj(-15)
    while len(data) >= 2:
        first, second = data[0], data[1]
        length, offset = second & 0x7F, 2
        if length == 126:
            if len(data) < 4:
                break
            length, offset = int.from_bytes(data[2:4], "big"), 4
        elif length == 127:
            if len(data) < 10:
                break
            length, offset = int.from_bytes(data[2:10], "big"), 10
        if second & 0x80:
            offset += 4
        if len(data) < offset + length:
            break
        payload = data[offset:offset + length]
        if first & 0x40:
            try:
                payload = inflater.decompress(payload + b"\x00\x00\xff\xff")
            except zlib.error:
                payload = b"<not inflatable>"
        frames.append((first & 0x0F, payload))
        data = data[offset + length:]
    return frames


def echoed(data):
    """Whether the text "ping" came back in DATA's text or continuation frames (a
    fragmented echo counts)."""
    return b"ping" in b"".join(payload for opcode, payload in decode_frames(data) if opcode in (0x0, 0x1))


def expected_accept(request):
    # whitespace before the colon too: a server that trims the name hashes this key
    match = re.search(rb"(?im)^sec-websocket-key[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?$", request)
    if not match:
        return None
    digest = hashlib.sha1(match.group(1) + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest()
    return base64.b64encode(digest).decode()


def exchange(port, data):
    """Sends DATA on a fresh connection; returns what came back (raw, not normalised)."""
    result = dict(status=None, status_line=None, headers=[], body=b"", echo=None, accept_valid=None, notes=[],
                  interim=[])
    conn = Connection(port, data)
    try:
        head_end = -1
        deadline = time.monotonic() + HEAD_TIMEOUT
        while True:
            conn.read(lambda got: find_head_end(got) >= 0, max(0.0, deadline - time.monotonic()))
            head_end = find_head_end(conn.received)
            if head_end < 0:
                break
            status_line, status, headers = parse_head(conn.received[:head_end])
            if status is not None and 100 <= status < 200 and status != 101:
                result["interim"].append(status_line.decode("latin-1"))
                conn.received = conn.received[head_end:]
                continue
            break
        if head_end < 0:
            result["status_line"] = "timeout" if conn.eof is None else "closed"
            if conn.eof == "reset":
                result["notes"].append("connection reset")
            result["body"] = conn.received[:BODY_KEEP]
            if conn.received:
                result["notes"].append("%d bytes without a complete head" % len(conn.received))
            return result
        result.update(status_line=status_line.decode("latin-1"), status=status, headers=headers)
        rest = conn.received[head_end:]
        if status == 101:
            conn.received = rest
            conn.send(PING_FRAME)
            conn.read(echoed, ECHO_TIMEOUT, idle=IDLE)
            result["body"] = conn.received[:BODY_KEEP]
            result["echo"] = echoed(conn.received)
            accept = header(headers, "Sec-WebSocket-Accept")
            result["accept_valid"] = accept == expected_accept(data)
            if not result["accept_valid"]:
                result["notes"].append("Sec-WebSocket-Accept %r is not the first key's %r" % (accept, expected_accept(data)))
            if conn.eof is None:
                conn.send(CLOSE_FRAME)
                conn.received = b""
                conn.read(lambda got: False, BODY_TIMEOUT)
        else:
            conn.received = rest
            length = header(headers, "Content-Length")
            if length is not None and length.isdigit():
                conn.read(lambda got: len(got) >= int(length), BODY_TIMEOUT)
            else:
                conn.read(lambda got: False, BODY_TIMEOUT, idle=IDLE)
            result["body"] = conn.received[:BODY_KEEP]
        return result
    finally:
        if conn.send_error:
            result["notes"].append("sending failed (%s)" % conn.send_error)
        conn.close()


# ---------------------------------------------------------------- normalising


def normalise_common(text, port):
    text = text.replace("127.0.0.1:%d" % port, "{authority}")
    return re.sub(r"(?<!\d)%d(?!\d)" % port, "{port}", text)


LOG_PATTERNS = [
    (re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?"), "{time}"),
    (re.compile(r"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}"), "{time}"),
    (re.compile(r"\b\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(?::\d+)?"), "{time}"),
    (re.compile(r"127\.0\.0\.1:\d{4,5}"), "127.0.0.1:{client_port}"),
    (re.compile(r"\(:\d{4,5}\)"), "(:{client_port})"),
    (re.compile(r"\b\d+(?:\.\d+)?ms\b"), "{ms}"),
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "{address}"),
    (re.compile(r"@[0-9a-f]{6,8}\b"), "@{hash}"),
    (re.compile(r"\bqtp\d+-\d+"), "qtp{thread}"),
]


def normalise_log(lines, port):
    result = []
    for raw in lines:
        text = normalise_common(raw.rstrip(b"\r\n").decode("latin-1"), port)
        for pattern, replacement in LOG_PATTERNS:
            text = pattern.sub(replacement, text)
        result.append(text)
    return result


def record(request_name, server_name, version, raw, log_lines, port):
    headers = []
    for name, value in raw["headers"]:
        if value is not None:
            value = "{date}" if name.lower() == "date" else normalise_common(value, port)
        headers.append([name, value])
    entry = {
        "request": request_name,
        "server": server_name,
        "server_version": version,
        "accepts": raw["status"] == 101,
        "status": raw["status"],
        "status_line": raw["status_line"],
        "headers": headers,
        "body": normalise_common(raw["body"].decode("latin-1"), port),
        "echo": raw["echo"],
        "accept_valid": raw["accept_valid"],
        "log": normalise_log(log_lines, port),
        "note": "; ".join(raw["notes"]),
    }
    if raw["interim"]:
        entry["interim"] = raw["interim"]
    return entry


# ---------------------------------------------------------------- running


def load_requests(names=None):
    index = []
    with open(os.path.join(REQUESTS, "index.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, rfc, description = line.rstrip("\n").split("\t")
            index.append((name, rfc, description))
    if names:
        unknown = set(names) - {n for n, _, _ in index}
        if unknown:
            sys.exit("unknown requests: %s" % ", ".join(sorted(unknown)))
        index = [entry for entry in index if entry[0] in names]
    result = []
    for name, rfc, description in index:
        with open(os.path.join(REQUESTS, name + ".http"), "rb") as f:
            result.append((name, rfc, f.read()))
    return result


def substitute(data, port):
    return data.replace(b"{authority}", b"127.0.0.1:%d" % port).replace(b"{port}", b"%d" % port)


def measure_server(name, output, version, requests):
    """Every request against one fresh server; a server that died is restarted, and the
    request after which it died says so."""
    server = Server(name, output)
    records = []
    try:
        server.start()
        for request_name, _, template in requests:
            if not server.alive():
                server.start()
            since = len(server.lines)
            data = substitute(template, server.port)
            raw = exchange(server.port, data)
            server.quiet_from = time.monotonic()
            lines = server.wait_quiet(since)
            entry = record(request_name, name, version, raw, lines, server.port)
            time.sleep(0.05)
            if not server.alive():
                code = server.proc.poll()
                entry["note"] = "; ".join(filter(None, [entry["note"], "the server exited (status %s)" % code]))
                server.stop()
            records.append(entry)
    finally:
        server.stop()
    return records


COMPARED = ("accepts", "status", "status_line", "headers", "body", "echo", "accept_valid", "log")


def differences(a, b, fields=COMPARED):
    return [field for field in fields if a.get(field) != b.get(field)]


def run_all(names, requests, jobs):
    versions = {name: SERVERS[name]["version"]() for name in names}
    outputs = {name: build(name) for name in names}
    results = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {name: pool.submit(measure_server, name, outputs[name], versions[name], requests)
                   for name in names}
        for name, future in futures.items():
            results[name] = future.result()
            log("measured %s (%d requests)" % (name, len(results[name])))
    return results


def ordered(results, requests, names):
    by_key = {(r["request"], r["server"]): r for recs in results.values() for r in recs}
    return [by_key[(request, name)] for request, _, _ in requests for name in names if (request, name) in by_key]


# ---------------------------------------------------------------- limits


def probe_request(kind, n):
    """A baseline request stretched along one dimension to size N."""
    with open(os.path.join(REQUESTS, "baseline.http"), "rb") as f:
        baseline = f.read()
    head, _ = baseline.split(b"\r\n\r\n", 1)
    request_line, fields = head.split(b"\r\n", 1)
    if kind == "line":  # one extra field line of N bytes (CRLF not counted)
        extra = b"X-Long: " + b"a" * max(0, n - 8)
        return request_line + b"\r\n" + fields + b"\r\n" + extra + b"\r\n\r\n"
    if kind == "fields":  # N field lines in all
        count = fields.count(b"\r\n") + 1
        extra = b"".join(b"X-Field-%d: %d\r\n" % (i, i) for i in range(max(0, n - count)))
        return request_line + b"\r\n" + fields + b"\r\n" + extra + b"\r\n"
    if kind == "target":  # a request-target of N bytes
        target = b"/?q=" + b"a" * max(0, n - 4)
        return b"GET " + target + b" HTTP/1.1\r\n" + fields + b"\r\n\r\n"
    if kind == "head":  # a head of N bytes once {authority} is a 15-byte 127.0.0.1:PORT
        base = len(request_line) + 2 + len(fields) + 2 + 2 + fields.count(b"{authority}") * 4
        sizes, room = [], n - base  # sizes of the padding lines, CRLF included
        while room > 0:
            sizes.append(min(1000, room))
            room -= sizes[-1]
        if sizes and sizes[-1] < 16:  # too short for a field line: grow the one before
            extra = sizes.pop()
            if sizes:
                sizes[-1] += extra
        pad = b""
        for i, size in enumerate(sizes):
            name = b"X-Pad-%d: " % i
            pad += name + b"a" * max(0, size - 2 - len(name)) + b"\r\n"
        return request_line + b"\r\n" + fields + b"\r\n" + pad + b"\r\n"
    raise ValueError(kind)


LIMIT_KINDS = {"line": (100, 1 << 21), "fields": (20, 1 << 17), "target": (10, 1 << 21), "head": (700, 1 << 22)}


def measure_limits(name, output):
    """For each dimension, the largest size answered with 101 (doubling, then bisection)."""
    server = Server(name, output)
    found = {}
    try:
        server.start()

        def accepted(kind, n):
            if not server.alive():
                server.start()
            raw = exchange(server.port, substitute(probe_request(kind, n), server.port))
            return raw["status"] == 101, raw["status_line"]

        for kind, (low, cap) in LIMIT_KINDS.items():
            ok, answer = accepted(kind, low)
            if not ok:
                found[kind] = {"largest_accepted": None, "note": "the smallest probe (%d) was refused: %s" % (low, answer)}
                continue
            high, refused_as = low * 2, None
            while high <= cap:
                ok, answer = accepted(kind, high)
                if not ok:
                    refused_as = answer
                    break
                low, high = high, high * 2
            if refused_as is None:
                found[kind] = {"largest_accepted": None, "note": "no limit up to %d" % low, "tried_up_to": low}
                continue
            while high - low > 1:
                middle = (low + high) // 2
                ok, answer = accepted(kind, middle)
                if ok:
                    low = middle
                else:
                    high, refused_as = middle, answer
            found[kind] = {"largest_accepted": low, "first_refused": high,
                           "refused_as": normalise_common(refused_as, server.port)}
            if kind == "head":  # tells a size limit from a field-count limit in disguise
                found[kind]["field_lines_in_largest"] = probe_request(kind, low).count(b"\r\n") - 2
    finally:
        server.stop()
    return found


# ---------------------------------------------------------------- summary


def summarise(table, requests):
    rfc = {name: verdict for name, verdict, _ in requests}
    servers = list(dict.fromkeys(r["server"] for r in table))
    lines = ["| server | accepted | refused | RFC-valid accepted | RFC-invalid refused | either: accepted | unsettled |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for server in servers:
        rows = [r for r in table if r["server"] == server]
        valid = [r for r in rows if rfc.get(r["request"]) == "accept"]
        invalid = [r for r in rows if rfc.get(r["request"]) == "refuse"]
        either = [r for r in rows if rfc.get(r["request"]) == "either"]
        lines.append("| %s | %d | %d | %d/%d | %d/%d | %d/%d | %d |" % (
            server, sum(r["accepts"] for r in rows), sum(not r["accepts"] for r in rows),
            sum(r["accepts"] for r in valid), len(valid), sum(not r["accepts"] for r in invalid), len(invalid),
            sum(r["accepts"] for r in either), len(either), sum(bool(r.get("unsettled")) for r in rows)))
    lines += ["", "Refusals by status line (count):", ""]
    for server in servers:
        counts = {}
        for r in table:
            if r["server"] == server and not r["accepts"]:
                counts[r["status_line"]] = counts.get(r["status_line"], 0) + 1
        lines.append("- %s: %s" % (server, ", ".join("`%s` %d" % item for item in sorted(counts.items(), key=lambda i: -i[1]))))
    lines += ["", "101 whose Sec-WebSocket-Accept is not the first key's (a client fails these):", ""]
    for server in servers:
        wrong = [r["request"] for r in table if r["server"] == server and r["accepts"] and not r.get("accept_valid")]
        lines.append("- %s: %d%s" % (server, len(wrong), " (%s)" % ", ".join(wrong) if wrong else ""))
    lines += ["", "101 without the echo coming back (count):", ""]
    for server in servers:
        silent = [r["request"] for r in table if r["server"] == server and r["accepts"] and not r["echo"]]
        lines.append("- %s: %d%s" % (server, len(silent), " (%s)" % ", ".join(silent) if silent else ""))
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--summary", action="store_true")
    mode.add_argument("--limits", action="store_true", help="only re-measure limits.json")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--servers")
    parser.add_argument("--requests")
    parser.add_argument("--jobs", type=int, default=0, help="servers measured at once (default: all)")
    parser.add_argument("--dump", help="with --check: write the new measurement here as JSON lines")
    args = parser.parse_args()

    names = list(SERVERS)
    if args.servers:
        names = args.servers.split(",")
        unknown = [n for n in names if n not in SERVERS]
        if unknown:
            sys.exit("unknown servers: %s (known: %s)" % (", ".join(unknown), ", ".join(SERVERS)))
    if args.quick:
        names = [n for n in names if SERVERS[n]["quick"]]
    if args.write and args.requests:
        sys.exit("--write measures every request; use --check --requests for a subset")
    requests = load_requests(args.requests.split(",") if args.requests else None)

    if args.summary:
        with open(TABLE) as f:
            table = [json.loads(line) for line in f]
        print(summarise([r for r in table if r["server"] in names], requests))
        return 0

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: (stop_all(), sys.exit(1)))
    if any(SERVERS[n]["source"].endswith(".js") for n in names):
        npm_ci()
    jobs = args.jobs or len(names)
    started = time.monotonic()
    try:
        if args.limits or args.write:
            outputs = {name: build(name) for name in names}
        if args.limits:
            write_limits(names, outputs, jobs)
        elif args.write:
            first = run_all(names, requests, jobs)
            second = run_all(names, requests, jobs)
            table = []
            for one, two in zip(ordered(first, requests, names), ordered(second, requests, names)):
                differing = differences(one, two)
                if differing:
                    one["unsettled"] = True
                    one["unsettled_fields"] = differing
                    why = "; ".join("%s: run 1 %s, run 2 %s" % (f, json.dumps(one[f])[:300], json.dumps(two[f])[:300])
                                    for f in differing)
                    one["note"] = "; ".join(filter(None, [one["note"], "runs differ: " + why]))
                table.append(one)
            with open(TABLE, "w", encoding="ascii", newline="\n") as f:
                for entry in table:
                    f.write(json.dumps(entry) + "\n")
            log("wrote %s: %d records" % (os.path.relpath(TABLE), len(table)))
            write_limits(names, outputs, jobs)
            print(summarise(table, requests))
        else:
            with open(TABLE) as f:
                stored = {(r["request"], r["server"]): r for r in map(json.loads, f)}
            results = run_all(names, requests, jobs)
            fresh = ordered(results, requests, names)
            if args.dump:
                with open(args.dump, "w") as f:
                    for entry in fresh:
                        f.write(json.dumps(entry) + "\n")
            failures = 0
            notes = 0
            for entry in fresh:
                old = stored.get((entry["request"], entry["server"]))
                if old is None:
                    failures += 1
                    print("%s / %s: not in table.jsonl" % (entry["request"], entry["server"]))
                    continue
                fields = [f for f in COMPARED if f not in old.get("unsettled_fields", [])]
                # A new version (a Debian update of the library or its runtime) is a note: the
                # check is about behaviour; re-measure with --write to refresh the table.
                if differences(old, entry, ["server_version"]):
                    notes += 1
                    if notes <= 3:
                        print("note: %s / %s: server_version was %s, now %s" % (
                            entry["request"], entry["server"], json.dumps(old.get("server_version")),
                            json.dumps(entry.get("server_version"))))
                differing = differences(old, entry, fields)
                if differing:
                    failures += 1
                    for field in differing:
                        print("%s / %s: %s was %s, now %s" % (entry["request"], entry["server"], field,
                                                               json.dumps(old.get(field))[:400],
                                                               json.dumps(entry.get(field))[:400]))
            print("%d passed, %d failed, %d with another version (notes)" % (
                len(fresh) - failures, failures, notes))
            log("%.0f s" % (time.monotonic() - started))
            return 1 if failures else 0
    finally:
        stop_all()
    log("%.0f s" % (time.monotonic() - started))
    return 0


def write_limits(names, outputs, jobs):
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {name: pool.submit(measure_limits, name, outputs[name]) for name in names}
        limits = {name: future.result() for name, future in futures.items()}
    previous = {}
    if os.path.exists(LIMITS):
        with open(LIMITS) as f:
            previous = json.load(f)
    previous.update(limits)
    with open(LIMITS, "w", encoding="ascii", newline="\n") as f:
        json.dump({name: previous[name] for name in SERVERS if name in previous}, f, indent=1)
        f.write("\n")
    log("wrote %s" % os.path.relpath(LIMITS))


if __name__ == "__main__":
    sys.exit(main())
