#!/usr/bin/python3
"""Loopback WebSocket servers for capture.sh: Python websockets (Debian's python3-websockets) on
127.0.0.1 and ::1 (plain) and on 127.0.0.1 with TLS (wss, a throw-away self-signed certificate).
Prints `PORTS plain ipv6 tls` and serves until killed; each connection is closed after one message."""
import asyncio
import ssl
import sys

import websockets


async def echo(websocket, path=None):
    async for message in websocket:
        await websocket.send(message)
        break


async def main(cert, key):
    plain = await websockets.serve(echo, "127.0.0.1", 0, subprotocols=["chat"])
    ipv6 = await websockets.serve(echo, "::1", 0, subprotocols=["chat"])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    secure = await websockets.serve(echo, "127.0.0.1", 0, ssl=context, subprotocols=["chat"])
    plain_port = plain.sockets[0].getsockname()[1]
    tls_port = secure.sockets[0].getsockname()[1]
    ipv6_port = ipv6.sockets[0].getsockname()[1]
    print(f"PORTS {plain_port} {ipv6_port} {tls_port}", flush=True)
    await asyncio.sleep(120)


asyncio.run(main(sys.argv[1], sys.argv[2]))
