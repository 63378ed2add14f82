#!/usr/bin/python3
"""Autobahn|Python (Debian python3-autobahn 22.7.1) on asyncio, with its defaults.

`WebSocketServerFactory("ws://127.0.0.1:PORT")` and a protocol that only echoes: every path,
no subprotocols, no origin check, permessage-deflate not enabled (the factory's default).
txaio's logging at "info" shows the library's reason for a refused handshake.
"""
import asyncio
import sys

import txaio

txaio.use_asyncio()

from autobahn.asyncio.websocket import WebSocketServerFactory, WebSocketServerProtocol  # noqa: E402


class Echo(WebSocketServerProtocol):
    def onConnect(self, request):
        print("open %s" % request.path, file=sys.stderr, flush=True)

    def onMessage(self, payload, isBinary):
        self.sendMessage(payload, isBinary)


def main(port):
    txaio.start_logging(level="info", out=sys.stderr)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    factory = WebSocketServerFactory("ws://127.0.0.1:%d" % port)
    factory.protocol = Echo
    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", port))
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main(int(sys.argv[1]))
