"""Python websockets' server: prints its port and accepts every handshake it can read."""
import asyncio

import websockets


async def handler(connection, path=None):
    await connection.close()


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(120)


asyncio.run(main())
