#!/usr/bin/python3
"""Tornado (Debian python3-tornado 6.2) with its defaults.

One `WebSocketHandler` subclass that only echoes, routed for every path (`r"/.*"`), so its
default `check_origin` (the Origin's host must equal the Host header) and default
`select_subprotocol` (none) are in force. Logging at INFO shows Tornado's access log and its
`tornado.general` reasons for refused or malformed requests.
"""
import asyncio
import logging
import sys

import tornado.web
import tornado.websocket


class Echo(tornado.websocket.WebSocketHandler):
    def open(self, *args):
        logging.getLogger("server").info("open %s", self.request.uri)

    def on_message(self, message):
        self.write_message(message, binary=isinstance(message, bytes))


class OneLineFormatter(logging.Formatter):
    def format(self, record):
        text = "%s %s: %s" % (record.levelname, record.name, record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            text += " | %s: %s" % (type(record.exc_info[1]).__name__, record.exc_info[1])
        return text


async def main(port):
    app = tornado.web.Application([(r"/.*", Echo)])
    app.listen(port, address="127.0.0.1")
    await asyncio.Future()


if __name__ == "__main__":
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter())
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    asyncio.run(main(int(sys.argv[1])))
