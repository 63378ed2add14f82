#!/usr/bin/python3
"""Writes the exchange samples from the measured client table (tests/clients/table.jsonl):
each pair NAME.request.http and NAME.response.http is a real request Chromium 156 sent and the
response the measuring server answered it with, byte for byte (each request has its own key,
so a response belongs with its own request); stream.http is one pair written back to back, as
Wireshark's Follow TCP Stream shows it. Run from the repository's root; it rewrites the files
in samples/exchange/ and nothing else."""

import json
import pathlib

TABLE = pathlib.Path("tests/clients/table.jsonl")
OUT = pathlib.Path("samples/exchange")

# variant in the table -> sample name
PAIRS = {
    "correct-subprotocol": "correct",
    "accept-other-key": "wrong-accept",
    "protocol-absent": "no-protocol",
    "status-200": "status-200",
    "upgrade-list-websocket-h2c": "upgrade-list",
    "ext-pmd": "deflate",
}


def main():
    for line in TABLE.read_text().splitlines():
        row = json.loads(line)
        name = PAIRS.get(row["variant"])
        if row["client"] != "chromium" or name is None:
            continue
        request = row["request"].encode("latin-1")
        response = row["response"].encode("latin-1")
        (OUT / f"{name}.request.http").write_bytes(request)
        (OUT / f"{name}.response.http").write_bytes(response)
        if name == "wrong-accept":
            (OUT / "stream.http").write_bytes(request + response)


if __name__ == "__main__":
    main()
