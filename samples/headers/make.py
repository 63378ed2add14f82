#!/usr/bin/python3
"""Writes the header blocks of samples/headers/ from real captures in samples/, the way
devtools copy them (each file's first line below says which):

chromium-no-request-line.txt  samples/chromium.http's fields, LF line endings, no request line:
                              what a person selects and copies from Chromium's Headers panel.
firefox-copy.txt              samples/python-websockets.http as Firefox's "Copy Request Headers"
                              writes it: request line and fields joined with LF, no final newline.
chromium-absolute-url.txt     samples/chromium.http as Chromium's "Copy request headers" writes
                              it: the request line holds the absolute ws:// URL, CRLF, no empty
                              line.
http2-pseudo-headers.txt      samples/chromium.http's fields as an HTTP/2 devtools panel lists
                              them: :authority, :method, :path, :scheme first, names in lower
                              case, `name: value`.

usage: make.py   (from anywhere; rewrites the four files)"""
from pathlib import Path

here = Path(__file__).resolve().parent
samples = here.parent


def head_lines(name):
    text = (samples / name).read_bytes().decode("latin-1")
    lines = text.split("\r\n")
    return lines[0], [line for line in lines[1:] if line]


request_line, fields = head_lines("chromium.http")
(here / "chromium-no-request-line.txt").write_bytes(("\n".join(fields) + "\n").encode("latin-1"))
method, target, version = request_line.split(" ")
host = next(f.split(": ", 1)[1] for f in fields if f.lower().startswith("host:"))
absolute = f"{method} ws://{host}{target} {version}"
(here / "chromium-absolute-url.txt").write_bytes(("\r\n".join([absolute] + fields) + "\r\n").encode("latin-1"))
pseudo = [f":authority: {host}", f":method: {method}", f":path: {target}", ":scheme: http"]
lowered = [f.split(": ", 1)[0].lower() + ": " + f.split(": ", 1)[1] for f in fields
           if not f.lower().startswith("host:")]
(here / "http2-pseudo-headers.txt").write_bytes(("\n".join(pseudo + lowered) + "\n").encode("latin-1"))
request_line, fields = head_lines("python-websockets.http")
(here / "firefox-copy.txt").write_bytes("\n".join([request_line] + fields).encode("latin-1"))
