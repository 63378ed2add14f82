#!/usr/bin/python3
"""Checks the compatibility notes against the measured table.

For every request of tests/servers/requests that ws-handshake accepts with no error, the
`refused-by-servers` notes of `ws-handshake -f json` must name exactly the servers that the
table (table.jsonl) measured refusing it: no 101, or a 101 whose Sec-WebSocket-Accept is wrong.
The bytes are the ones compare.py predicts: the request with {authority} and {port} filled.
Rows listed in known-differences.tsv (a server the profile does not model there) are left out.

  check-notes.py WS_HANDSHAKE [--every N]   (only every Nth request: sanitizer builds)

Prints one line per request that gets notes and exits 1 on any difference.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402  (the port and the known differences)
import measure  # noqa: E402  (the requests and the substitution)

NAMES = re.compile(r"^(.*?) (?:refuses|refuse|answers|answer) ")


def named_servers(message):
    match = NAMES.match(message)
    if not match:
        return None
    return set(re.split(r", and |, | and ", match.group(1)))


def main():
    every = 1
    if len(sys.argv) == 4 and sys.argv[2] == "--every":
        every = int(sys.argv[3])
    elif len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ws = sys.argv[1]
    measured = {}
    with open(os.path.join(HERE, "table.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            opens = row["accepts"] and row.get("accept_valid", True)
            measured.setdefault(row["request"], {})[row["server"]] = opens
    known = compare.load_known(compare.KNOWN)
    failures = 0
    checked = 0
    noted = 0
    for number, (name, _, template) in enumerate(measure.load_requests()):
        if number % every != 0:
            continue
        data = measure.substitute(template, compare.PORT)
        run = subprocess.run([ws, "-f", "json", "-"], input=data, capture_output=True,
                             timeout=30, check=False)
        if run.returncode == 3:
            continue  # unreadable here (over the default limits, cut off): not a valid request
        if run.returncode not in (0, 1):
            print("%s: ws-handshake exited %d: %s" % (name, run.returncode, run.stderr.decode(errors="replace")))
            failures += 1
            continue
        result = json.loads(run.stdout)
        if not result["ok"]:
            continue
        if name not in measured:
            print("%s: not in table.jsonl" % name)
            failures += 1
            continue
        checked += 1
        servers = measured[name]
        ignored = {server for server in servers if (server, name) in known}
        expected = {server for server, opens in servers.items() if not opens} - ignored
        got = set()
        for diagnostic in result["diagnostics"]:
            if diagnostic["id"] != "refused-by-servers":
                continue
            names = named_servers(diagnostic["message"])
            if names is None:
                print("%s: cannot read the servers of note %r" % (name, diagnostic["message"]))
                failures += 1
                continue
            if got & names:
                print("%s: a server is named by two notes: %s" % (name, sorted(got & names)))
                failures += 1
            got |= names
        got -= ignored
        if got:
            noted += 1
            print("%s: %s" % (name, ", ".join(sorted(got))))
        if got != expected:
            failures += 1
            print("%s: the notes name %s; measured refusing: %s" % (
                name, sorted(got) or "none", sorted(expected) or "none"))
    print("check-notes: %d valid requests, %d with notes, %d differences" % (checked, noted, failures))
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
