#!/usr/bin/python3
"""A property of `ws-handshake request`: whatever it is asked, with a random key, the server
side accepts what it prints, with that key and those offers.

    property.py WS_HANDSHAKE [RUNS]      (RUNS defaults to 150)

Each run draws a command line from a seeded generator (URI forms, subprotocols, extensions,
--origin, -H, --like), lets the tool draw its own key (getrandom(2)), and pipes the
request into `ws-handshake -f json -`. The JSON must say ok, with no error or warning; its
accept value must be base64(SHA-1(key + GUID)) computed here (RFC 6455 4.2.2 item 5.4); its
offers must be the ones asked for (the --like client's own extensions without -e); and the
keys of all runs must differ. Prints the first failures and a summary; exits 1 on any.
"""
import base64
import hashlib
import json
import random
import subprocess
import sys

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
URIS = ["ws://127.0.0.1:8080/chat", "wss://example.com/a b?q=1&r=%20", "ws://[::1]/",
        "WS://Example.COM:80", "wss://h:8443/x/y/z?"]
PROTOCOLS = ["chat", "superchat", "v2.json", "mqtt", "x~y"]
EXTENSIONS = ["permessage-deflate", "permessage-deflate; client_max_window_bits",
              "permessage-deflate; server_no_context_takeover; server_max_window_bits=9",
              "x-custom", "x-q; a=\"b\""]
LIKES = {"chromium": "permessage-deflate; client_max_window_bits",
         "firefox": "permessage-deflate", "webkit": "permessage-deflate; client_max_window_bits",
         "node-ws": "permessage-deflate; client_max_window_bits",
         "python-websockets": "permessage-deflate; client_max_window_bits"}
HEADERS = ["User-Agent: probe/1.0", "X-Trace: 42", "Cookie: a=b; c=d", "Accept-Language:",
           "Cache-Control;", "Host: other.example"]


def draw(rng):
    """A command line and what it offers: (arguments, subprotocols, extensions)."""
    args = []
    like = rng.choice([None] + list(LIKES))
    if like:
        args += ["--like", like]
    protocols = rng.sample(PROTOCOLS, rng.randrange(4))
    for protocol in protocols:
        args += ["-p", protocol]
    extensions = [LIKES[like]] if like else []
    if rng.random() < 0.5:
        extensions = rng.sample(EXTENSIONS, rng.randrange(1, 4))
        for extension in extensions:
            args += ["-e", extension]
    if rng.random() < 0.4:
        args += ["--origin", rng.choice(["https://app.example.com", "null", "http://h:8443"])]
    for header in rng.sample(HEADERS, rng.randrange(3)):
        args += ["-H", header]
    args.append(rng.choice(URIS))
    return args, protocols, extensions


def main():
    binary = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    rng = random.Random(6455)
    keys = set()
    failures = []
    for _ in range(runs):
        args, protocols, extensions = draw(rng)
        made = subprocess.run([binary, "request", *args], capture_output=True, timeout=10,
                              check=False)
        if made.returncode != 0:
            failures.append(f"request {args}: exit {made.returncode}: {made.stderr.decode()}")
            continue
        answered = subprocess.run([binary, "-f", "json", "-"], input=made.stdout,
                                  capture_output=True, timeout=10, check=False)
        outcome = json.loads(answered.stdout)
        key = next(line.split(b":", 1)[1].strip() for line in made.stdout.split(b"\r\n")
                   if line.lower().startswith(b"sec-websocket-key:"))
        keys.add(key)
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest()).decode()
        found = [d["id"] for d in outcome["diagnostics"] if d["severity"] != "note"]
        # With no -p chosen on the server side, offered subprotocols leave that one warning.
        found = [i for i in found if i != "subprotocol-not-selected" or not protocols]
        headers = {h["name"].lower(): h["value"] for h in outcome.get("response_headers", [])}
        offers = outcome.get("offers", {})
        problems = []
        if not outcome["ok"] or found:
            problems.append(f"refused or warned: {found}")
        if headers.get("sec-websocket-accept") != accept:
            problems.append(f"accept {headers.get('sec-websocket-accept')}, expected {accept}")
        if offers.get("subprotocols") != protocols:
            problems.append(f"offered subprotocols {offers.get('subprotocols')}")
        if [e.get("text") for e in offers.get("extensions", [])] != extensions:
            problems.append(f"offered extensions {offers.get('extensions')}")
        if problems:
            failures.append(f"request {args}: {'; '.join(problems)}")
    if len(keys) != runs - sum(1 for f in failures if ": exit " in f):
        failures.append(f"{len(keys)} distinct keys in {runs} runs")
    for failure in failures[:10]:
        print(f"FAIL  {failure}")
    print(f"property: {runs - len(failures)} of {runs} runs passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
