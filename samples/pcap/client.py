#!/usr/bin/python3
"""One Python websockets client connection for capture.sh: URL [insecure]; sends one message."""
import asyncio
import ssl
import sys

import websockets


async def main(url):
    context = None
    if url.startswith("wss:"):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    async with websockets.connect(url, ssl=context, subprotocols=["chat"]) as websocket:
        await websocket.send("hello")
        await websocket.recv()


asyncio.run(main(sys.argv[1]))
