#!/usr/bin/python3
"""Python websockets' client as an application uses it: `websockets.connect(url,
subprotocols=..., origin=..., extra_headers=...)` with settings from a JSON argument
({"subprotocols": [...], "origin": "...", "headers": [["Name", "value"], ...]}); prints
`open` or `error: MESSAGE` and exits."""
import asyncio
import json
import sys

import websockets


async def main(url, settings):
    try:
        async with websockets.connect(
            url,
            subprotocols=settings.get("subprotocols") or None,
            origin=settings.get("origin"),
            extra_headers=[tuple(pair) for pair in settings.get("headers", [])],
            open_timeout=5,
        ):
            print("open")
    except Exception as error:  # the client's own error, reported as it is
        print(f"error: {error}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], json.loads(sys.argv[2])))
