#!/usr/bin/python3
"""Client driver: Python `websocket-client` (Debian's python3-websocket),
`websocket.create_connection` with its defaults (no extension offered), one connection after
another.

usage: /usr/bin/python3 websocket-client.py CONFIG.json REPORTS.jsonl
CONFIG.json is {timeoutMs, confirm, connections: [{name, url, protocols}]}; appends one JSON
line per connection to REPORTS.jsonl, the exception's text verbatim.
"""
import json
import socket
import sys
import time

import websocket


def new_report(name):
    return {"name": name, "opened": False, "protocol": None, "extensions": None,
            "messages": [], "events": [], "close": None, "timeout": False, "error": None,
            "ms": None}


def failed(report, e):
    """Record an exception: its text, its type and the exceptions chained below it."""
    timed_out = isinstance(e, (websocket.WebSocketTimeoutException, socket.timeout))
    report["events"].append("timeout" if timed_out else "error")
    report["timeout"] = report["timeout"] or timed_out
    report["error"] = str(e)
    report["error_type"] = type(e).__name__
    report["error_causes"] = []
    while len(report["error_causes"]) < 4 and (e.__cause__ or e.__context__):
        e = e.__cause__ or e.__context__
        report["error_causes"].append("%s: %s" % (type(e).__name__, e))


def run_one(connection, timeout, confirm):
    report = new_report(connection["name"])
    kwargs = {"subprotocols": connection["protocols"]} if connection["protocols"] else {}
    t0 = time.monotonic()
    try:
        ws = websocket.create_connection(connection["url"], timeout=timeout, **kwargs)
    except Exception as e:  # the handshake's failure is what is measured
        report["ms"] = int((time.monotonic() - t0) * 1000)
        failed(report, e)
        return report
    report["ms"] = int((time.monotonic() - t0) * 1000)
    report["events"].append("open")
    report["opened"] = True
    report["protocol"] = ws.getsubprotocol() or ""
    report["extensions"] = ""  # websocket-client implements no extension
    try:
        ws.send(confirm)
        while True:
            message = ws.recv()
            report["events"].append("message")
            report["messages"].append(message if isinstance(message, str) else "<binary>")
            if message == confirm:
                break
    except Exception as e:
        failed(report, e)
    try:
        ws.close(timeout=2)
    except Exception as e:
        report["events"].append("close-error: %s" % e)
    report["events"].append("close")
    report["close"] = {"code": getattr(ws, "close_code", None)}
    return report


def main(config_path, reports_path):
    with open(config_path) as f:
        config = json.load(f)
    for connection in config["connections"]:
        report = run_one(connection, config["timeoutMs"] / 1000, config["confirm"])
        with open(reports_path, "a") as f:
            f.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
