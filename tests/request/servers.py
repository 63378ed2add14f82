#!/usr/bin/python3
"""`ws-handshake request` against real servers: what it prints opens a WebSocket.

    servers.py WS_HANDSHAKE      (from the repository's root, as ctest runs it)

Starts Python websockets (Debian python3-websockets) and Node ws (npm ws, `npm ci` in
tests/request) on 127.0.0.1, each from servers/, and for each a set of command lines (plain,
with offers, origin and fields of its own, and --like each real client, with and without
subprotocols) runs `ws-handshake request` with a fresh random key, writes its bytes to the
server over TCP and reads the response head. Each must be a 101 whose Sec-WebSocket-Accept is
the one the key gives (RFC 6455 4.2.2 item 5.4, computed here), that selects the subprotocol the
server's rule picks from the offer, and that `ws-handshake verify --client rfc` opens. As a control, the same request
with its key cut to 8 bytes must not get a 101 from either server.

Exits 77 (skipped, with the reason) when python3-websockets, node or tests/request/node_modules
is missing, 1 on any failure. Every socket has a 5 s timeout and every server is stopped at the
end; starting a server is retried (a new port each time), nothing else is.
"""
import base64
import hashlib
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TIMEOUT = 5
CLIENTS = ["chromium", "firefox", "webkit", "node-ws", "python-websockets"]

# The subprotocol each server selects from the client's offer, by its documented rule: Python
# websockets the first of its own list (["chat"]) the client offers, Node ws the client's first.
SELECTS = {
    "python-websockets": lambda offered: "chat" if "chat" in offered else None,
    "node-ws": lambda offered: offered[0] if offered else None,
}

SERVERS = {
    "python-websockets": ["/usr/bin/python3", str(HERE / "servers" / "python-websockets.py")],
    "node-ws": ["node", str(HERE / "servers" / "node-ws.js")],
}

# The options of each command line, besides the URI.
COMMANDS = [
    [],
    ["-p", "chat"],
    ["-p", "superchat", "-p", "chat", "-e", "permessage-deflate; client_max_window_bits",
     "--origin", "http://app.example.com", "-H", "User-Agent: probe/1.0", "-H", "X-Trace: 42"],
] + [["--like", client] for client in CLIENTS] + [
    ["--like", client, "-p", "chat", "-p", "superchat"] for client in CLIENTS]


def missing_prerequisite():
    """Why the servers cannot run here, or None."""
    if subprocess.run(["/usr/bin/python3", "-c", "import websockets"],
                      capture_output=True, check=False).returncode != 0:
        return "Debian's python3-websockets is not installed (apt-get install python3-websockets)"
    if shutil.which("node") is None:
        return "node is not installed"
    if not (HERE / "node_modules" / "ws").is_dir():
        return "npm ws is not installed: run `npm ci` in tests/request"
    return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(name):
    """Starts a server on a free port; returns (process, port). Retries on a new port."""
    env = dict(os.environ, NODE_PATH=str(HERE / "node_modules"))
    for _ in range(3):
        port = free_port()
        process = subprocess.Popen(SERVERS[name] + [str(port)], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True, env=env,
                                   start_new_session=True)
        ready = []

        def on_alarm(*_):
            raise TimeoutError

        signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(10)
        try:
            ready = [process.stdout.readline()]
        except TimeoutError:
            pass
        finally:
            signal.alarm(0)
        if ready and ready[0].strip() == "listening":
            return process, port
        stop(process)
    raise RuntimeError(f"{name} did not start")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def exchange(port, request):
    """Sends `request`, returns the response head (up to and with its empty line)."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        connection.sendall(request)
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = connection.recv(4096)
            if not chunk:
                break
            response += chunk
    end = response.find(b"\r\n\r\n")
    return response[: end + 4] if end >= 0 else response


def fields(head):
    """The fields of a head as (lowercase name, value) pairs."""
    out = []
    for line in head.split(b"\r\n")[1:]:
        name, colon, value = line.partition(b":")
        if colon:
            out.append((name.strip().lower().decode(), value.strip().decode()))
    return out


def value(head, name):
    return next((v for n, v in fields(head) if n == name), None)


def check(binary, server, port, options, scratch):
    """The failures of one command line against one server (an empty list when it opens)."""
    uri = f"ws://127.0.0.1:{port}/request/{server}?case=1"
    made = subprocess.run([binary, "request", *options, uri], capture_output=True, timeout=10,
                          check=False)
    if made.returncode != 0:
        return [f"ws-handshake request exits {made.returncode}: {made.stderr.decode()}"]
    request = made.stdout
    response = exchange(port, request)
    problems = []
    if not response.startswith(b"HTTP/1.1 101 "):
        return [f"no 101: {response.splitlines()[0] if response else b'(nothing)'}"]
    key = value(request, "sec-websocket-key").encode()
    expected = base64.b64encode(hashlib.sha1(key + GUID).digest()).decode()
    if value(response, "sec-websocket-accept") != expected:
        problems.append(f"Sec-WebSocket-Accept {value(response, 'sec-websocket-accept')}, "
                        f"expected {expected}")
    offered = [options[i + 1] for i, option in enumerate(options) if option == "-p"]
    selected = SELECTS[server](offered)
    if value(response, "sec-websocket-protocol") != selected:
        problems.append(f"subprotocol {value(response, 'sec-websocket-protocol')}, expected "
                        f"{selected}")
    (scratch / "request.http").write_bytes(request)
    (scratch / "response.http").write_bytes(response)
    verified = subprocess.run([binary, "verify", "-q", "--client", "rfc", "--request",
                               str(scratch / "request.http"), str(scratch / "response.http")],
                              timeout=10, check=False)
    if verified.returncode != 0:
        problems.append(f"ws-handshake verify exits {verified.returncode} on the response")
    # The control: the same request with a key of 8 bytes is refused.
    broken = request.replace(key, base64.b64encode(b"8 bytes!"))
    refused = exchange(port, broken)
    if refused.startswith(b"HTTP/1.1 101 "):
        problems.append("the control with a short key got a 101 too")
    return problems


def main():
    binary = os.path.abspath(sys.argv[1])
    reason = missing_prerequisite()
    if reason:
        if os.environ.get("WSH_NO_SKIP"):
            print(f"FAIL: {reason} (WSH_NO_SKIP is set: CI installs everything)")
            return 1
        print(f"SKIP: {reason}")
        return 77
    passed = failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        for server in SERVERS:
            process, port = start(server)
            try:
                for options in COMMANDS:
                    problems = check(binary, server, port, options, pathlib.Path(scratch))
                    label = f"{server:18} request {' '.join(options) or '(plain)'}"
                    if problems:
                        failed += 1
                        print(f"FAIL  {label}: {'; '.join(problems)}")
                    else:
                        passed += 1
                        print(f"ok    {label}")
            finally:
                stop(process)
    print(f"servers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
