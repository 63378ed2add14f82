#!/usr/bin/python3
"""Captures what the real Node ws and Python websockets clients send when an application gives
them an origin, subprotocols and headers of its own, for the templates of
`ws-handshake request --like node-ws|python-websockets` (the captures in samples/ show the
clients with their defaults only).

    capture.py [DIR]     (from the repository's root; DIR defaults to tests/request/captures)

For each client and each entry of SETTINGS, the client connects to a loopback server that
saves the request head byte for byte as DIR/<client>-<setting>.http and answers a correct 101.
DIR/index.json records, for each file, the client and the settings it was given, which
templates.py turns into the `ws-handshake request` options that must reproduce the file.
Needs /usr/bin/python3 with Debian's python3-websockets, and Node.js with npm ws installed by
`npm ci` in tests/request. About 5 seconds.
"""
import base64
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TIMEOUT = 10

# What an application asks of the client: the Origin, the subprotocols, fields of its own.
SETTINGS = {
    "origin": {"origin": "http://app.example.com"},
    "headers": {
        "origin": "https://app.example.com",
        "subprotocols": ["chat", "superchat"],
        "headers": [["X-Trace", "42"], ["Cookie", "session=abc"]],
    },
    "user-agent": {"headers": [["User-Agent", "probe/1.0"]]},
}

CLIENTS = {
    "node-ws": ["node", os.path.join(HERE, "clients", "node-ws.js")],
    "python-websockets": ["/usr/bin/python3", os.path.join(HERE, "clients", "python-websockets.py")],
}


def accept_for(head):
    """The Sec-WebSocket-Accept for the key in a request head (RFC 6455 4.2.2 item 5.4)."""
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"sec-websocket-key":
            digest = hashlib.sha1(value.strip() + GUID).digest()
            return base64.b64encode(digest)
    return b""


def serve_one(listener, saved):
    """Accepts one connection, saves its request head, answers 101 and closes."""
    connection, _ = listener.accept()
    with connection:
        connection.settimeout(TIMEOUT)
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = connection.recv(4096)
            if not chunk:
                break
            head += chunk
        head = head[: head.find(b"\r\n\r\n") + 4]
        saved.append(head)
        protocol = b""
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"sec-websocket-protocol":
                protocol = b"Sec-WebSocket-Protocol: " + value.split(b",")[0].strip() + b"\r\n"
        connection.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                           b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept_for(head) +
                           b"\r\n" + protocol + b"\r\n")


def capture(client, name, settings, env):
    """The request `client` sends with `settings`, and what the client reported."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(TIMEOUT)
        port = listener.getsockname()[1]
        saved = []
        server = threading.Thread(target=serve_one, args=(listener, saved))
        server.start()
        url = f"ws://127.0.0.1:{port}/capture/{client}/{name}"
        result = subprocess.run(CLIENTS[client] + [url, json.dumps(settings)], env=env,
                                capture_output=True, text=True, timeout=TIMEOUT, check=False)
        server.join(TIMEOUT)
    if not saved:
        raise RuntimeError(f"{client} {name}: no request arrived ({result.stdout}{result.stderr})")
    return saved[0], result.stdout.strip()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "captures")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, NODE_PATH=os.path.join(HERE, "node_modules"))
    index = {}
    for client in CLIENTS:
        for name, settings in SETTINGS.items():
            head, said = capture(client, name, settings, env)
            file = f"{client}-{name}.http"
            with open(os.path.join(out, file), "wb") as f:
                f.write(head)
            index[file] = {"client": client, "settings": settings}
            print(f"{file}: {len(head)} bytes; the client said: {said}")
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump(index, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
