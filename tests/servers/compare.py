#!/usr/bin/python3
"""Compares the server profiles (src/servers/) with the measured ground truth (table.jsonl).

Every row of table.jsonl (request x server) is predicted by the C++ program PREDICT (built from
predict.cpp, linking the library), fed the same bytes measure.py sends: the request file with
{authority} and {port} substituted by measure.substitute. Per server it counts agreement on
accepts and status (null when the server closed or never answered) and on the message: the
predicted library text, normalised as measure.py normalises what it records, must appear in the
body, a log line, the status line or a header value of the measured row.

  compare.py PREDICT            print the agreement table and every disagreement
  --server NAME                 only this server (repeatable)
  --verbose                     also list the rows whose message differs
  --min-agreement P             fail when a server's accepts+status agreement is below P percent
                                (default 99)
  --table FILE --requests DIR   another measured table and its requests (measure.py's format),
  --known FILE                  with its own known differences (default: this directory's)

Exits 1 when a server is below the minimum, when a disagreement is not listed in
known-differences.tsv, or when a listed one no longer differs (the file stays honest).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import measure  # noqa: E402  (reused: the requests, the substitution, the normalisation)

PORT = 54321  # five digits, as measure.py's ports: {authority} adds exactly 4 bytes
KNOWN = os.path.join(HERE, "known-differences.tsv")


def load_known(path):
    known = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            server, request, reason = line.rstrip("\n").split("\t")
            known[(server, request)] = reason
    return known


def normalise(text):
    text = measure.normalise_common(text, PORT)
    for pattern, replacement in measure.LOG_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def message_found(message, row):
    if not message:
        return False
    body = row.get("body") or ""
    places = [body, row.get("status_line") or ""] + list(row.get("log") or [])
    places += [value for _, value in row.get("headers") or []]
    if any(message in place for place in places):
        return True
    # the table keeps the first 200 bytes of a body
    return len(body) >= measure.BODY_KEEP and message.startswith(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("predict")
    parser.add_argument("--server", action="append")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--min-agreement", type=float, default=99.0)
    parser.add_argument("--table", default=measure.TABLE)
    parser.add_argument("--requests")
    parser.add_argument("--known", default=KNOWN)
    args = parser.parse_args()
    if args.requests:
        measure.REQUESTS = args.requests

    with open(args.table, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    if args.server:
        rows = [row for row in rows if row["server"] in args.server]
    requests = {name: data for name, _, data in measure.load_requests()}
    queries = "".join(
        json.dumps({"server": row["server"],
                    "request": measure.substitute(requests[row["request"]], PORT).decode("latin-1")}) + "\n"
        for row in rows)
    out = subprocess.run([args.predict], input=queries.encode(), capture_output=True, check=True)
    predictions = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(predictions) == len(rows)

    known = load_known(args.known)
    servers = []
    stats = {}
    disagreements = []
    message_misses = []
    for row, predicted in zip(rows, predictions):
        server = row["server"]
        if server not in stats:
            servers.append(server)
            stats[server] = {"rows": 0, "agree": 0, "refusals": 0, "predicted": 0, "matched": 0,
                             "accept_rows": 0, "accept_agree": 0}
        s = stats[server]
        s["rows"] += 1
        agree = predicted["accepts"] == row["accepts"] and predicted["status"] == row["status"]
        s["agree"] += agree
        if not agree:
            disagreements.append((server, row["request"], row, predicted))
        if row["accepts"] and predicted["accepts"]:
            s["accept_rows"] += 1
            s["accept_agree"] += predicted["accept_valid"] == row["accept_valid"]
            if predicted["accept_valid"] != row["accept_valid"]:
                disagreements.append((server, row["request"], row, predicted))
        if not row["accepts"] and agree:
            s["refusals"] += 1
            message = normalise(predicted["message"])
            if message:
                s["predicted"] += 1
                if message_found(message, row):
                    s["matched"] += 1
                else:
                    message_misses.append((server, row["request"], message, row))

    failed = False
    print("%-18s %9s %8s %18s %12s" % ("server", "rows", "agree", "accepts+status", "message"))
    for server in servers:
        s = stats[server]
        share = 100.0 * s["agree"] / s["rows"]
        low = share < args.min_agreement
        failed |= low
        print("%-18s %9d %8d %17.1f%% %5d/%d/%d%s" % (
            server, s["rows"], s["agree"], share, s["matched"], s["predicted"], s["refusals"],
            "  BELOW %.0f%%" % args.min_agreement if low else ""))
    print("(message: matched / predicted / refusals predicted right)")

    seen = set()
    if disagreements:
        print("\ndisagreements (measured -> predicted):")
    for server, request, row, predicted in disagreements:
        key = (server, request)
        seen.add(key)
        reason = known.get(key)
        mark = "known: " + reason if reason else "NEW"
        failed |= reason is None
        measured = "%s %s%s" % (row["status"], row["status_line"],
                                " (wrong accept)" if row.get("accept_valid") is False else "")
        guess = "%s %s%s [%s]" % (predicted["status"], predicted["status_line"] or
                                  ("waits" if predicted["waits"] else "closes"),
                                  "" if predicted["accept_valid"] else " (wrong accept)",
                                  predicted["cause"])
        print("  %-16s %-38s %s -> %s  %s" % (server, request, measured, guess, mark))
    for key, reason in sorted(known.items()):
        if key not in seen and (not args.server or key[0] in args.server):
            print("  %-16s %-38s STALE known difference (now agrees): %s" % (key[0], key[1], reason))
            failed = True
    if args.verbose and message_misses:
        print("\nmessages not found in the measured row:")
        for server, request, message, row in message_misses:
            print("  %-16s %-38s %r" % (server, request, message[:160]))
            print("  %-16s %-38s body=%r log=%r" % ("", "", (row.get("body") or "")[:100],
                                                   [line[:120] for line in row.get("log") or []][:3]))
    print("\n%s" % ("FAILED" if failed else "OK"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
