#!/usr/bin/python3
"""Client driver: Python `aiohttp` (Debian's python3-aiohttp), `ClientSession.ws_connect`
with its defaults (compress=0: no extension offered), one session and connection after
another.

usage: /usr/bin/python3 aiohttp-client.py CONFIG.json REPORTS.jsonl
CONFIG.json is {timeoutMs, confirm, connections: [{name, url, protocols}]}; appends one JSON
line per connection to REPORTS.jsonl, the exception's text verbatim.
"""
import asyncio
import json
import sys
import time

import aiohttp


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


async def exchange(ws, report, timeout, confirm):
    """Send the confirmation text and read until its echo comes back."""
    await ws.send_str(confirm)
    while True:
        msg = await asyncio.wait_for(ws.receive(), timeout)
        if msg.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
            report["events"].append("message")
            text = msg.data if msg.type == aiohttp.WSMsgType.TEXT else "<binary>"
            report["messages"].append(text)
            if text == confirm:
                return
        else:
            report["events"].append(msg.type.name.lower())
            if msg.type == aiohttp.WSMsgType.ERROR:
                report["error"] = str(msg.data)
                report["error_type"] = type(msg.data).__name__
            return


async def run_one(connection, timeout, confirm):
    report = new_report(connection["name"])
    t0 = time.monotonic()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        try:
            ws = await session.ws_connect(connection["url"], protocols=connection["protocols"])
        except Exception as e:  # the handshake's failure is what is measured
            report["ms"] = int((time.monotonic() - t0) * 1000)
            failed(report, e)
            return report
        report["ms"] = int((time.monotonic() - t0) * 1000)
        report["events"].append("open")
        report["opened"] = True
        report["protocol"] = ws.protocol or ""
        report["extensions"] = ("permessage-deflate; window bits %d%s" % (
            ws.compress, "; client_no_context_takeover" if ws.client_notakeover else "")
            if ws.compress else "")
        try:
            await exchange(ws, report, timeout, confirm)
        except Exception as e:
            failed(report, e)
        await ws.close()
        report["events"].append("close")
        report["close"] = {"code": ws.close_code}
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
