#!/usr/bin/python3
"""Compare clients::predict with what the real clients did (table.jsonl, table-b.jsonl).

Every settled row of the tables is replayed through the predictor (predict_main, built by
CMake as `predict_clients`): its request and response bytes, the URL the client used. The
verdict (opens/fails) is compared exactly; the message after measure.py's own masking (the
URL, host, port, key and accept values as placeholders), so the predicted text and the
measured one are compared the same way two measurements are.

    /usr/bin/python3 tests/clients/compare.py build/tests/predict_clients
    /usr/bin/python3 tests/clients/compare.py build/tests/predict_clients --set B --no-known

Prints per client and set the agreement on verdicts and on messages among claimed rows, then
every disagreement. Exit status 1 on any verdict disagreement among claimed rows, on a message
disagreement not listed in known-differences.json, and on a listed difference that no longer
happens (the list stays short and true); 0 otherwise, 2 on bad usage.
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import measure  # noqa: E402  the table's masking (normalize, stored_values) and client order

TABLES = [os.path.join(HERE, "table.jsonl"), os.path.join(HERE, "table-b.jsonl")]
KNOWN = os.path.join(HERE, "known-differences.json")


def load_rows(paths):
    rows = []
    for path in paths:
        rows.extend(measure.load_table(path))
    return rows


def port_of(row):
    m = re.search(r"(?im)^host:\s*127\.0\.0\.1:(\d+)", row["request"])
    return int(m.group(1)) if m else 0


def url_of(row):
    return "ws://127.0.0.1:%d/ws/%s" % (port_of(row), row["variant"])


def predict_all(predictor, rows):
    lines = []
    for row in rows:
        lines.append(json.dumps({
            "client": row["client"], "url": url_of(row),
            "request_hex": row["request"].encode("latin-1").hex(),
            "response_hex": row["response"].encode("latin-1").hex()}))
    done = subprocess.run([predictor], input="\n".join(lines) + "\n", capture_output=True,
                          text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise SystemExit("%s failed (%d): %s" % (predictor, done.returncode, done.stderr))
    out = [json.loads(line) for line in done.stdout.splitlines()]
    if len(out) != len(rows):
        raise SystemExit("%s answered %d lines for %d rows" % (predictor, len(out), len(rows)))
    return out


def decode(hex_text):
    raw = bytes.fromhex(hex_text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("predictor", help="the predict_clients program")
    ap.add_argument("--set", help="only this set (A, B)")
    ap.add_argument("--table", action="append",
                    help="a table to read (default: table.jsonl and table-b.jsonl)")
    ap.add_argument("--no-known", action="store_true",
                    help="ignore known-differences.json (every message difference counts)")
    ap.add_argument("--evidence", help="write, per client and rule, the rows each rule decided")
    args = ap.parse_args()
    rows = [r for r in load_rows(args.table or TABLES)
            if r["result"] in ("opens", "fails") and (args.set in (None, r["set"]))]
    if not rows:
        raise SystemExit("no rows to compare")
    predictions = predict_all(args.predictor, rows)
    known = {}
    if not args.no_known and os.path.exists(KNOWN):
        with open(KNOWN, encoding="utf-8") as f:
            for entry in json.load(f)["differences"]:
                known[(entry["set"], entry["variant"], entry["client"])] = entry["reason"]
    sets = []
    for r in rows:
        if r["set"] not in sets:
            sets.append(r["set"])
    stats, verdict_diffs, message_diffs, known_seen, evidence = {}, [], [], set(), {}
    for row, p in zip(rows, predictions):
        key = (row["set"], row["variant"], row["client"])
        label = "%s %s %s" % key
        s = stats.setdefault((row["set"], row["client"]), {
            "rows": 0, "claimed": 0, "verdict": 0, "message": 0})
        s["rows"] += 1
        if "error" in p:
            verdict_diffs.append("%s: predictor error: %s" % (label, p["error"]))
            continue
        if not p["claimed"]:
            continue
        s["claimed"] += 1
        predicted = "opens" if p["opens"] else "fails"
        values = measure.stored_values(row)
        message = measure.normalize(decode(p["message_hex"]), url_of(row), port_of(row), values)
        expected = row["message"] or ""
        evidence.setdefault((row["client"], p["rule"] or "(opens)"), []).append(
            "%s:%s" % (row["set"], row["variant"]))
        if predicted == row["result"]:
            s["verdict"] += 1
        else:
            verdict_diffs.append("%s: %s in the table, predicted %s (%s) %s" % (
                label, row["result"], predicted, p["rule"] or "-",
                json.dumps(message, ensure_ascii=False)))
        if message == expected:
            s["message"] += 1
            if key in known:
                known_seen.add(key)
                message_diffs.append("%s: listed in known-differences.json but agrees now" % label)
        elif key in known:
            known_seen.add(key)
        else:
            message_diffs.append("%s: table %s, predicted %s (%s)" % (
                label, json.dumps(expected, ensure_ascii=False),
                json.dumps(message, ensure_ascii=False), p["rule"] or "-"))
    for key in sorted(set(known) - known_seen):
        if args.set in (None, key[0]):
            message_diffs.append("%s %s %s: listed in known-differences.json, not compared" % key)
    print("%-4s %-18s %5s %8s %14s %14s" % ("set", "client", "rows", "claimed", "verdict",
                                             "message"))
    for set_name in sets:
        for client in measure.CLIENTS:
            s = stats.get((set_name, client))
            if not s:
                continue
            print("%-4s %-18s %5d %8d %8d %5.1f%% %8d %5.1f%%" % (
                set_name, client, s["rows"], s["claimed"], s["verdict"],
                100.0 * s["verdict"] / max(s["claimed"], 1), s["message"],
                100.0 * s["message"] / max(s["claimed"], 1)))
    for d in verdict_diffs:
        print("VERDICT " + d)
    for d in message_diffs:
        print("MESSAGE " + d)
    for key in sorted(known):
        if key in known_seen and args.set in (None, key[0]):
            print("KNOWN %s %s %s: %s" % (key + (known[key],)))
    if args.evidence:
        with open(args.evidence, "w", encoding="utf-8") as f:
            for (client, rule), names in sorted(evidence.items()):
                f.write("%s %s: %s\n" % (client, rule, ", ".join(names)))
    total = sum(s["claimed"] for s in stats.values())
    print("%d rows, %d claimed, %d verdict and %d message disagreements, %d known" % (
        len(rows), total, len(verdict_diffs), len(message_diffs), len(known_seen)))
    return 1 if verdict_diffs or message_diffs else 0


if __name__ == "__main__":
    sys.exit(main())
