#!/usr/bin/python3
"""--redact on every sample, with a credential planted in each place it must hide.

For every request sample (samples/*.http, samples/broken/*.http, samples/interop/*.http and the
requests of samples/exchange/), and each place a capture carries a credential (a Cookie, an
Authorization and a Proxy-Authorization value, the Sec-WebSocket-Key under --redact=key, a
query-string token under each of the names token, access_token, jwt, auth and key, a JWT sent
as a subprotocol, Basic credentials in a URL), the secret is planted into the sample and
ws-handshake runs with --redact in every output format. Each run must:
  - print the secret nowhere (standard output or error);
  - give the exit status the same bytes give without --redact;
  - in JSON, give the same diagnostics (id, severity, line, column) as without it: the
    placeholder has the secret's length, so the columns stay right.
A place that does not fit a sample (no request line to carry a query, a head with no end to put
a field before) is left out for that sample and counted.

  run.py WS_HANDSHAKE [--every N]   (--every N: only every Nth sample/place pair, for
                                      sanitizer builds, where each start is slow)
"""
import base64
import glob
import hashlib
import json
import os
import re
import subprocess
import sys

FORMATS = ["text", "json", "http", "sarif", "github", "gcc"]
JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTkwMDAwMDAwMH0."
       "c2VjcmV0c2lnbmF0dXJlX0FCQ0RFRkdISUpLTE1OT1A")
KEY = "U2VjcmV0S2V5U2VjcmV0IQ=="  # base64 of the 16 bytes "SecretKeySecret!"
REQUEST_LINE = re.compile(rb"^([A-Z]+) (\S+) (HTTP/\d\.\d)(\r?\n)")


def samples(root):
    found = []
    for pattern in ("samples/*.http", "samples/broken/*.http", "samples/interop/*.http",
                    "samples/exchange/*.request.http"):
        found += sorted(glob.glob(os.path.join(root, pattern)))
    return found


def head_end(data):
    """Where the empty line that ends the head starts, and the line ending; None without one."""
    for ending in (b"\r\n", b"\n"):
        at = data.find(ending + ending)
        if at >= 0:
            return at + len(ending), ending
    return None


def add_field(data, line):
    end = head_end(data)
    if end is None:
        return None
    at, ending = end
    return data[:at] + line + ending + data[at:]


def with_target(data, edit):
    match = REQUEST_LINE.match(data)
    if not match:
        return None
    target = edit(match.group(2))
    if target is None:
        return None
    return data[:match.start(2)] + target + data[match.end(2):]


def add_query(name, secret):
    def edit(target):
        separator = b"&" if b"?" in target else b"?"
        return target + separator + name + b"=" + secret
    return edit


def userinfo(target):
    if not target.startswith(b"/"):
        return None
    return b"ws://alice:S3cretPassw0rdXYZ@server.example.com" + target


def replace_key(data):
    match = re.search(rb"(?im)^sec-websocket-key:[ \t]*([A-Za-z0-9+/=]{24})", data)
    if not match:
        return None
    return data[:match.start(1)] + KEY.encode() + data[match.end(1):]


def add_subprotocol(data):
    match = re.search(rb"(?im)^(sec-websocket-protocol:[^\r\n]*?)[ \t]*(\r?\n)", data)
    if match:
        return data[:match.end(1)] + b", " + JWT.encode() + data[match.end(1):]
    return add_field(data, b"Sec-WebSocket-Protocol: " + JWT.encode())


# (place, the secret that must not show, how to plant it, the --redact form)
PLACES = [
    ("Cookie", b"S3cretCookieValue4242", lambda d: add_field(d, b"Cookie: session=S3cretCookieValue4242"), "--redact"),
    ("Authorization", b"S3cretBearerToken77", lambda d: add_field(d, b"Authorization: Bearer S3cretBearerToken77"), "--redact"),
    ("Proxy-Authorization", b"YWxpY2U6UzNjcmV0UHJveHk=", lambda d: add_field(d, b"Proxy-Authorization: Basic YWxpY2U6UzNjcmV0UHJveHk="), "--redact"),
    ("Sec-WebSocket-Key", KEY.encode(), replace_key, "--redact=key"),
    ("JWT subprotocol", JWT.encode()[40:90], add_subprotocol, "--redact"),
    ("URL credentials", b"S3cretPassw0rdXYZ", lambda d: with_target(d, userinfo), "--redact"),
] + [
    ("query " + name, b"q5ecret" + name.encode() + b"0042",
     (lambda name: lambda d: with_target(d, add_query(name.encode(), b"q5ecret" + name.encode() + b"0042")))(name),
     "--redact")
    for name in ("token", "access_token", "jwt", "auth", "key")
]


def run(binary, arguments, data):
    return subprocess.run([binary] + arguments + ["-"], input=data, capture_output=True,
                          timeout=30, check=False)


def diagnostics_of(result):
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError:
        return None
    return [(d["id"], d["severity"], d["line"], d["column"]) for d in document["diagnostics"]]


def main():
    every = 1
    if len(sys.argv) == 4 and sys.argv[2] == "--every":
        every = int(sys.argv[3])
    elif len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    pair = 0
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    failures = []
    checked = 0
    left_out = 0
    files = samples(root)
    for path in files:
        with open(path, "rb") as f:
            original = f.read()
        name = os.path.relpath(path, root)
        for place, secret, plant, redact in PLACES:
            pair += 1
            if pair % every != 0:
                continue
            data = plant(original)
            if data is None:
                left_out += 1
                continue
            assert secret in data, (name, place)
            plain = {fmt: run(binary, ["-f", fmt], data) for fmt in ("json",)}
            for fmt in FORMATS:
                checked += 1
                result = run(binary, [redact, "-f", fmt], data)
                label = f"{name} ({place}, -f {fmt})"
                if secret in result.stdout or secret in result.stderr:
                    failures.append(f"{label}: the secret is printed")
                reference = plain["json"]
                if result.returncode != reference.returncode:
                    failures.append(f"{label}: exit {result.returncode} with --redact, "
                                    f"{reference.returncode} without: {result.stderr[-300:]!r}")
                if fmt == "json" and reference.returncode != 3:
                    before, after = diagnostics_of(reference), diagnostics_of(result)
                    if before != after:
                        failures.append(f"{label}: diagnostics {after} with --redact, "
                                        f"{before} without")
    exchanges, exchange_runs = check_exchanges(binary, root, failures)
    for failure in failures:
        print("FAIL:", failure)
    print(f"redact: {len(files)} samples x {len(PLACES)} places x {len(FORMATS)} formats"
          f"{f' (every {every}th pair)' if every > 1 else ''}: "
          f"{checked} runs, {len(failures)} failures; {left_out} sample/place pairs left out "
          "(no request line or no end of head to plant into); "
          f"verify --redact=key on {exchanges} exchanges: {exchange_runs} runs")
    return 1 if failures or checked == 0 or exchange_runs == 0 else 0


def check_exchanges(binary, root, failures):
    """verify --redact=key on each exchange sample, in every format: neither the key, nor the
    accept it gives, nor the response's own accept is printed, and the exit status and the JSON
    findings (id, severity, line, column) are those of the plain run."""
    runs = 0
    requests = sorted(glob.glob(os.path.join(root, "samples/exchange/*.request.http")))
    for request in requests:
        response = request.replace(".request.http", ".response.http")
        with open(request, "rb") as f:
            key = re.search(rb"(?im)^sec-websocket-key:[ \t]*(\S+)", f.read())
        with open(response, "rb") as f:
            accept = re.search(rb"(?im)^sec-websocket-accept:[ \t]*(\S+)", f.read())
        secrets = [key.group(1)] if key else []
        if key:
            digest = hashlib.sha1(key.group(1) + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest()
            secrets.append(base64.b64encode(digest))
        if accept:
            secrets.append(accept.group(1))
        name = os.path.relpath(response, root)
        command = [binary, "verify", "--request", request, response]
        plain = subprocess.run(command + ["-f", "json"], capture_output=True, timeout=30,
                               check=False)
        for fmt in [fmt for fmt in FORMATS if fmt != "http"]:  # verify has no -f http
            runs += 1
            result = subprocess.run(command + ["--redact=key", "-f", fmt], capture_output=True,
                                    timeout=30, check=False)
            label = f"verify {name} (--redact=key, -f {fmt})"
            for secret in secrets:
                if secret in result.stdout or secret in result.stderr:
                    failures.append(f"{label}: {secret!r} is printed")
            if result.returncode != plain.returncode:
                failures.append(f"{label}: exit {result.returncode} with --redact=key, "
                                f"{plain.returncode} without: {result.stderr[-300:]!r}")
            if fmt == "json" and diagnostics_of(result) != diagnostics_of(plain):
                failures.append(f"{label}: diagnostics {diagnostics_of(result)} with "
                                f"--redact=key, {diagnostics_of(plain)} without")
    return len(requests), runs


if __name__ == "__main__":
    sys.exit(main())
