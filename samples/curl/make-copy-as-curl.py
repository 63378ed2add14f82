#!/usr/bin/python3
"""Writes "Copy as cURL" commands for samples/chromium.http as Chromium's and Firefox's devtools
generate them, following their sources:
- Chromium (devtools-frontend, front_end/panels/network/NetworkLogView.ts, generateCurlCommand):
  `curl --url URL`, then `-H 'name: value'` for each request header except accept-encoding,
  host, method, path, scheme, version, authority and protocol; a cookie header becomes `-b`, an
  empty value `-H 'name;'`; parts joined with " \\\n  " (bash) or " ^\n  " (cmd). escapeStringPosix
  uses '...' or, for control characters, ! and ', $'...' with \\uXXXX; escapeStringWin wraps in ^"
  and puts ^ before every character outside [a-zA-Z0-9\s_\-:=+~'/.',?;*], %% before a name
  character becomes %%^.
- Firefox (devtools/client/shared/curl.js, Curl.generateCommand): `curl URL` (`curl.exe` on
  Windows), `-H 'Name: value'` for each header but Host, the same quoting.
The URL is ws://HOST/PATH from the request's Host and target.

usage: make-copy-as-curl.py   (rewrites chromium-bash.txt, chromium-cmd.txt, firefox-bash.txt,
firefox-cmd.txt beside this script)"""
import re
from pathlib import Path

here = Path(__file__).resolve().parent
text = (here.parent / "chromium.http").read_bytes().decode("latin-1")
lines = [line for line in text.split("\r\n") if line]
method, target, _ = lines[0].split(" ")
headers = [tuple(line.split(": ", 1)) for line in lines[1:]]
host = next(value for name, value in headers if name.lower() == "host")
url = f"ws://{host}{target}"


def posix(value):
    if re.search(r"[\x00-\x1f\x7f-\x9f!']", value):
        escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
        escaped = re.sub(r"[\x00-\x1f\x7f-\x9f!]", lambda m: "\\u%04x" % ord(m.group(0)), escaped)
        return "$'" + escaped + "'"
    return "'" + value + "'"


def win(value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[^a-zA-Z0-9\s_\-:=+~'/.',?;*]", lambda m: "^" + m.group(0), escaped)
    escaped = re.sub(r"%(?=[a-zA-Z0-9_])", "%^", escaped)
    return '^"' + escaped + '^"'


def chromium(escape, join):
    ignored = {"accept-encoding", "host", "method", "path", "scheme", "version", "authority", "protocol"}
    parts = ["--url " + re.sub(r"[\[\]{}]", lambda m: "\\" + m.group(0), escape(url))]
    for name, value in headers:
        if name.lower() in ignored:
            continue
        if not value.strip():
            parts.append("-H " + escape(name + ";"))
        elif name.lower() == "cookie" and "=" in value:
            parts.append("-b " + escape(value))
        else:
            parts.append("-H " + escape(f"{name}: {value}"))
    return "curl " + join.join(parts) + "\n"


def firefox(escape, join, program):
    parts = [escape(url)]
    for name, value in headers:
        if name.lower() == "host":
            continue
        parts.append("-H " + escape(f"{name}: {value}"))
    return program + join.join(parts) + "\n"


(here / "chromium-bash.txt").write_text(chromium(posix, " \\\n  "))
(here / "chromium-cmd.txt").write_text(chromium(win, " ^\n  "))
(here / "firefox-bash.txt").write_text(firefox(posix, " \\\n  ", "curl "))
(here / "firefox-cmd.txt").write_text(firefox(win, " ^\n  ", "curl.exe "))
