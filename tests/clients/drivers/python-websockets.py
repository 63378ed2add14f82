#!/usr/bin/python3
"""Client driver: Python `websockets` (Debian's python3-websockets), `websockets.connect` with
its defaults (it offers permessage-deflate with client_max_window_bits), one connection after
another.

usage: /usr/bin/python3 python-websockets.py CONFIG.json REPORTS.jsonl
CONFIG.json is {timeoutMs, confirm, connections: [{name, url, protocols}]}; appends one JSON
line per connection to REPORTS.jsonl, the exception's text verbatim.
"""
import asyncio
import json
import sys
import time

import websockets


def new_report(name):
    return {"name": name, "opened": False, "protocol": None, "extensions": None,
            "messages": [], "events": [], "close": None, "timeout": False, "error": None,
            "ms": None}


def failed(report, e):
    """Record an exception: its text, its type and the exceptions chained below it."""
    timed_out = isinstance(e, asyncio.TimeoutError)
    report["events"].append("timeout" if timed_out else "error")
    report["timeout"] = report["timeout"] or timed_out
    report["error"] = str(e)
    report["error_type"] = type(e).__name__
    report["error_causes"] = []
    while len(report["error_causes"]) < 4 and (e.__cause__ or e.__context__):
        e = e.__cause__ or e.__context__
        report["error_causes"].append("%s: %s" % (type(e).__name__, e))


async def run_one(connection, timeout, confirm):
    report = new_report(connection["name"])
    kwargs = {"subprotocols": connection["protocols"]} if connection["protocols"] else {}
    t0 = time.monotonic()
    try:
        ws = await websockets.connect(connection["url"], open_timeout=timeout, close_timeout=2,
                                      **kwargs)
    except Exception as e:  # the handshake's failure is what is measured
        report["ms"] = int((time.monotonic() - t0) * 1000)
        failed(report, e)
        return report
    report["ms"] = int((time.monotonic() - t0) * 1000)
    report["events"].append("open")
    report["opened"] = True
    report["protocol"] = ws.subprotocol or ""
    report["extensions"] = ", ".join(repr(ext) for ext in ws.extensions)
    try:
        await ws.send(confirm)
        while True:
            message = await asyncio.wait_for(ws.recv(), timeout)
            report["events"].append("message")
            report["messages"].append(message if isinstance(message, str) else "<binary>")
            if message == confirm:
                break
    except Exception as e:
        failed(report, e)
    finally:
        await ws.close()
    report["events"].append("close")
    report["close"] = {"code": ws.close_code, "reason": ws.close_reason}
    return report


async def main(config_path, reports_path):
    with open(config_path) as f:
        config = json.load(f)
    for connection in config["connections"]:
        report = await run_one(connection, config["timeoutMs"] / 1000, config["confirm"])
        with open(reports_path, "a") as f:
            f.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:3]))
