#!/usr/bin/python3
"""aiohttp (Debian python3-aiohttp 3.8.4, its C HTTP parser) with its defaults.

`web.WebSocketResponse()` with no protocols, routed for GET on every path; `prepare()`
refuses a bad handshake by raising an HTTP error that aiohttp turns into the response.
Logging at INFO shows aiohttp's access log and its server errors (parser failures).
"""
import logging
import sys

from aiohttp import WSMsgType, web


async def echo(request):
    ws = web.WebSocketResponse()
    try:
        await ws.prepare(request)
    except web.HTTPException as exc:
        logging.getLogger("server").info("prepare refused: %d %s", exc.status, exc.text)
        raise
    logging.getLogger("server").info("open %s", request.path_qs)
    async for message in ws:
        if message.type == WSMsgType.TEXT:
            await ws.send_str(message.data)
        elif message.type == WSMsgType.BINARY:
            await ws.send_bytes(message.data)
    return ws


class OneLineFormatter(logging.Formatter):
    def format(self, record):
        text = "%s %s: %s" % (record.levelname, record.name, record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            text += " | %s: %s" % (type(record.exc_info[1]).__name__, record.exc_info[1])
        return text


if __name__ == "__main__":
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter())
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    app = web.Application()
    app.router.add_get("/{tail:.*}", echo)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
