#!/usr/bin/python3
"""Writes the verify golden inputs from the measured client table (tests/clients/table.jsonl):
for each variant below, the request Chromium 156 sent and the response the measuring server
gave it, byte for byte, as VARIANT.request.http and VARIANT.response.http, and a golden case
tests/golden/cases/verify-VARIANT.args. One variant per response-side rule, so that every
diagnostic id of verify has a golden case. Run from the repository's root."""

import json
import pathlib

TABLE = pathlib.Path("tests/clients/table.jsonl")
OUT = pathlib.Path("tests/golden/inputs/verify")
CASES = pathlib.Path("tests/golden/cases")

VARIANTS = [
    "reason-missing", "version-http-1.0", "status-0101", "status-line-double-space",
    "syntax-crlf-before-status", "status-interim-100-first", "syntax-bare-lf",
    "syntax-obs-fold-extra", "syntax-space-before-colon-extra", "syntax-no-colon",
    "syntax-name-with-space", "syntax-nul-in-value", "syntax-bare-cr-in-value", "upgrade-missing",
    "connection-missing", "accept-missing", "accept-duplicate-same", "accept-decoded-key",
    "protocol-unrequested", "protocol-not-offered", "protocol-two-values", "ext-not-offered",
    "ext-empty", "ext-pmd-unknown-param", "ext-pmd-twice", "syntax-content-length-0",
    "syntax-transfer-encoding-chunked", "syntax-frame-after-head", "status-426",
    "syntax-long-header-64k",
]


def main():
    wanted = set(VARIANTS)
    for line in TABLE.read_text().splitlines():
        row = json.loads(line)
        if row["client"] != "chromium" or row["variant"] not in wanted:
            continue
        name = row["variant"]
        (OUT / f"{name}.request.http").write_bytes(row["request"].encode("latin-1"))
        (OUT / f"{name}.response.http").write_bytes(row["response"].encode("latin-1"))
        (CASES / f"verify-{name}.args").write_text(
            f"verify\n--request\n{OUT}/{name}.request.http\n{OUT}/{name}.response.http\n")
        wanted.discard(name)
    if wanted:
        raise SystemExit(f"not in the table: {sorted(wanted)}")


if __name__ == "__main__":
    main()
