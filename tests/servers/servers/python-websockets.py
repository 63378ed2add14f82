#!/usr/bin/python3
"""Python websockets (Debian python3-websockets 10.4) with its defaults.

`websockets.serve(handler, host, port)`: every path, no subprotocols, no origin check,
permessage-deflate offered by the library's defaults. The library logs through `logging`;
INFO shows each refused handshake ("connection rejected (...)") and each open, and the
debug line that carries the reason ("! invalid handshake") is kept with its exception text,
without the frame-by-frame debug lines.
"""
import asyncio
import logging
import sys

import websockets


class HandshakeDebugOnly(logging.Filter):
    """Pass INFO and above, and the DEBUG records that explain a failed handshake."""

    def filter(self, record):
        if record.levelno >= logging.INFO:
            return True
        message = record.getMessage()
        return message.startswith("! ") or "handshake" in message


class ReasonFormatter(logging.Formatter):
    """One line per record: level, logger, message, and the exception chain's texts."""

    def format(self, record):
        text = "%s %s: %s" % (record.levelname, record.name, record.getMessage())
        exc = record.exc_info[1] if record.exc_info else None
        while exc is not None:
            text += " | %s: %s" % (type(exc).__name__, exc)
            exc = exc.__cause__ or exc.__context__
        return text


async def echo(websocket):
    async for message in websocket:
        await websocket.send(message)


async def main(port):
    async with websockets.serve(echo, "127.0.0.1", port):
        await asyncio.Future()


if __name__ == "__main__":
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ReasonFormatter())
    handler.addFilter(HandshakeDebugOnly())
    logging.basicConfig(level=logging.DEBUG, handlers=[handler])
    logging.getLogger("asyncio").setLevel(logging.WARNING)
    asyncio.run(main(int(sys.argv[1])))
