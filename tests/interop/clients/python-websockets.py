#!/usr/bin/python3
"""Client driver: Python `websockets` (Debian's python3-websockets), unmodified defaults (it
offers permessage-deflate with client_max_window_bits) unless the scenario configures the
permessage-deflate offer (`deflate`: ClientPerMessageDeflateFactory's arguments), one
connection per scenario in turn.

usage: /usr/bin/python3 python-websockets.py CONFIG.json REPORTS_DIR
CONFIG.json is {client, timeoutMs, scenarios: [{name, url, protocols, deflate}]}; writes
REPORTS_DIR/<scenario>.json with what the client saw, the exception text verbatim.
"""
import asyncio
import json
import os
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory


async def run_one(scenario, timeout):
    report = {"scenario": scenario["name"], "client": "python-websockets", "opened": False,
              "protocol": None, "extensions": None, "events": [], "received": None,
              "close": None, "timeout": False, "error": None}
    kwargs = {"subprotocols": scenario["protocols"]} if scenario["protocols"] else {}
    if scenario.get("deflate"):
        # False: not offered at all, which Python spells None (Node ws spells it false).
        deflate = {k: (None if v is False else v) for k, v in scenario["deflate"].items()}
        kwargs["extensions"] = [ClientPerMessageDeflateFactory(**deflate)]
        report["offered"] = scenario["deflate"]
    try:
        ws = await websockets.connect(scenario["url"], open_timeout=timeout, close_timeout=5,
                                      **kwargs)
    except Exception as e:  # the handshake's failure is what we record
        report["events"].append("error")
        report["error"] = str(e)
        report["error_type"] = type(e).__name__
        return report
    report["events"].append("open")
    report["opened"] = True
    report["protocol"] = ws.subprotocol or ""
    report["extensions"] = ", ".join(ext.name for ext in ws.extensions)
    report["extension_objects"] = [repr(ext) for ext in ws.extensions]
    try:
        msg = await asyncio.wait_for(ws.recv(), timeout)
        report["events"].append("message")
        report["received"] = len(msg)
        await ws.send(msg)
        await asyncio.wait_for(ws.wait_closed(), timeout)
    except asyncio.TimeoutError:
        report["timeout"] = True
        report["events"].append("timeout")
    except websockets.exceptions.ConnectionClosed as e:
        report["events"].append("error")
        report["error"] = str(e)
    finally:
        await ws.close()
    report["events"].append("close")
    report["close"] = {"code": ws.close_code, "reason": ws.close_reason,
                       "wasClean": ws.close_code not in (None, 1006)}
    return report


async def main(config_path, reports_dir):
    with open(config_path) as f:
        config = json.load(f)
    os.makedirs(reports_dir, exist_ok=True)
    for scenario in config["scenarios"]:
        report = await run_one(scenario, config["timeoutMs"] / 1000)
        with open(os.path.join(reports_dir, scenario["name"] + ".json"), "w") as f:
            json.dump(report, f, indent=1)
        print(scenario["name"] + ":", ",".join(report["events"]), report["error"] or "",
              flush=True)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:3]))
