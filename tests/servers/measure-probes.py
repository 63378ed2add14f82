#!/usr/bin/python3
"""Measures probes/requests/ (make-probes.py) against the thirteen servers, with measure.py's
machinery: the same servers, builds, exchange, normalisation and record format.

  --write          measure twice and rewrite probes/table.jsonl (runs that differ are marked
                   "unsettled", as measure.py --write marks them)
  --check          measure once and compare with probes/table.jsonl; exit 1 on a difference
  --quick          with --check: only the servers that need no C, C++ or Java build
  --servers LIST   comma-separated subset of the servers (with --check)
  --requests LIST  comma-separated subset of the probes (with --check)

About 60 s on this machine (the slowest server's; everything runs at once).
"""
import argparse
import json
import os
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import measure  # noqa: E402

PROBES = os.path.join(HERE, "probes")
TABLE = os.path.join(PROBES, "table.jsonl")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--servers")
    parser.add_argument("--requests")
    args = parser.parse_args()
    if args.write and (args.servers or args.requests or args.quick):
        sys.exit("--write measures every probe on every server")

    measure.REQUESTS = os.path.join(PROBES, "requests")
    requests = measure.load_requests(args.requests.split(",") if args.requests else None)
    names = args.servers.split(",") if args.servers else list(measure.SERVERS)
    unknown = [name for name in names if name not in measure.SERVERS]
    if unknown:
        sys.exit("unknown servers: %s" % ", ".join(unknown))
    if args.quick:
        names = [name for name in names if measure.SERVERS[name]["quick"]]

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: (measure.stop_all(), sys.exit(1)))
    if any(measure.SERVERS[name]["source"].endswith(".js") for name in names):
        measure.npm_ci()
    started = time.monotonic()
    try:
        first = measure.ordered(measure.run_all(names, requests, len(names)), requests, names)
        if args.write:
            second = measure.ordered(measure.run_all(names, requests, len(names)), requests, names)
            with open(TABLE, "w", encoding="ascii", newline="\n") as f:
                for one, two in zip(first, second):
                    differing = measure.differences(one, two)
                    if differing:
                        one["unsettled"] = True
                        one["unsettled_fields"] = differing
                        one["note"] = "; ".join(filter(None, [one["note"], "runs differ: " + ", ".join(
                            "%s: %s / %s" % (field, json.dumps(one[field])[:200], json.dumps(two[field])[:200])
                            for field in differing)]))
                    f.write(json.dumps(one) + "\n")
            measure.log("wrote %s: %d records" % (os.path.relpath(TABLE), len(first)))
            return 0
        with open(TABLE) as f:
            stored = {(r["request"], r["server"]): r for r in map(json.loads, f)}
        failures = 0
        for entry in first:
            old = stored.get((entry["request"], entry["server"]))
            fields = [field for field in measure.COMPARED if old and field not in old.get("unsettled_fields", [])]
            differing = ["missing"] if old is None else measure.differences(old, entry, fields + ["server_version"])
            if differing:
                failures += 1
                print("%s / %s: %s differ" % (entry["request"], entry["server"], ", ".join(differing)))
        print("%d passed, %d failed" % (len(first) - failures, failures))
        return 1 if failures else 0
    finally:
        measure.stop_all()
        measure.log("%.0f s" % (time.monotonic() - started))


if __name__ == "__main__":
    sys.exit(main())
