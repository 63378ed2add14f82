#!/usr/bin/python3
"""Open one WebSocket with the python websockets library, unmodified defaults.
usage: python-client.py URL [SUBPROTOCOL...]"""
import asyncio
import sys

import websockets


async def main(url, protocols):
    kwargs = {"subprotocols": protocols} if protocols else {}
    async with websockets.connect(url, open_timeout=10, close_timeout=1, **kwargs) as ws:
        print(url, "open, subprotocol:", ws.subprotocol)


try:
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
except websockets.exceptions.ConnectionClosed:
    pass  # the capture server hangs up right after the 101
