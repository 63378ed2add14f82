#!/usr/bin/python3
"""Python websockets (Debian python3-websockets 10.4) as a server, defaults but for the
subprotocols it supports: `websockets.serve(echo, "127.0.0.1", PORT, subprotocols=["chat"])`.
Prints `listening` once the port is open."""
import asyncio
import sys

import websockets


async def echo(websocket):
    async for message in websocket:
        await websocket.send(message)


async def main(port):
    async with websockets.serve(echo, "127.0.0.1", port, subprotocols=["chat"]):
        print("listening", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
