#!/usr/bin/python3
"""What real servers answer to the request-line and request-target samples of samples/broken/:
Node's http server (node-server.js) and Python websockets (websockets-server.py) are started on
loopback, each sample is sent as it is, and the first line of the answer (with Node's llhttp
error code) is printed; measured.txt keeps the output, which the catalogue's effects quote.
usage: /usr/bin/python3 samples/broken/server-behaviour/probe.py > samples/broken/server-behaviour/measured.txt
"""
import os
import socket
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = ["target-pipe", "target-bad-percent", "target-userinfo", "authority-form",
           "space-after-version", "request-line-bare-cr", "missing-colon", "no-request-line",
           "http2-preface"]
SERVERS = [("node http " + subprocess.run(["node", "--version"], capture_output=True,
                                          text=True, timeout=10).stdout.strip(),
            ["node", os.path.join(HERE, "node-server.js")]),
           ("python websockets", ["/usr/bin/python3", os.path.join(HERE, "websockets-server.py")])]


def answer(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(data)
        received = b""
        try:
            while b"\r\n\r\n" not in received:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                received += chunk
        except socket.timeout:
            return "no answer within 5 s"
    if not received:
        return "closed without an answer"
    lines = received.split(b"\r\n")
    error = [line.decode("latin1") for line in lines if line.startswith(b"X-Error:")]
    return " ".join([lines[0].decode("latin1")] + error)


def main():
    for name, command in SERVERS:
        if name.startswith("python websockets"):
            import websockets  # noqa: F401, the version is part of the result
            name += " " + websockets.__version__
        server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        try:
            port = int(server.stdout.readline())
            for sample in SAMPLES:
                with open(os.path.join(HERE, "..", sample + ".http"), "rb") as file:
                    print(f"{name}\t{sample}\t{answer(port, file.read())}")
        finally:
            server.kill()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
