#!/usr/bin/python3
"""`ws-handshake request --like CLIENT` against every capture of that client, byte for byte.

    templates.py WS_HANDSHAKE      (from the repository's root, as ctest runs it)

The captures are the real clients' requests: samples/*.http and samples/interop/*.http (each
client with its defaults, with and without the subprotocols chat and superchat) and
tests/request/captures/*.http (Node ws and Python websockets given an origin, subprotocols and
headers of the application's own; capture.py re-measures them and index.json says what each
was given). For each, the tool is run with the capture's key, a URI made of its Host and
target, a -p for each subprotocol it offers and the settings index.json lists, and must print
exactly the capture's bytes. Prints one line per capture and a summary; exits 1 on a mismatch.
"""
import difflib
import json
import pathlib
import subprocess
import sys

CLIENTS = ["chromium", "firefox", "webkit", "node-ws", "python-websockets"]
CAPTURES = pathlib.Path("tests/request/captures")


def field(head, name):
    """The value of the first field called `name` in a request head, or None."""
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name.lower():
            return value.strip().decode()
    return None


def options_for(settings):
    """The `ws-handshake request` options for what capture.py gave a client."""
    options = []
    if "origin" in settings:
        options += ["--origin", settings["origin"]]
    for name, value in settings.get("headers", []):
        options += ["-H", f"{name}: {value}"]
    return options


def cases():
    """(file, client, settings) for every capture."""
    found = []
    for folder in [pathlib.Path("samples"), pathlib.Path("samples/interop")]:
        for path in sorted(folder.glob("*.http")):
            client = path.stem.removesuffix("-subprotocols")
            if client in CLIENTS:
                found.append((path, client, {}))
    index = json.loads((CAPTURES / "index.json").read_text())
    for name, entry in sorted(index.items()):
        found.append((CAPTURES / name, entry["client"], entry["settings"]))
    return found


def main():
    binary = sys.argv[1]
    passed = failed = 0
    seen = set()
    for path, client, settings in cases():
        seen.add(client)
        head = path.read_bytes()
        target = head.split(b" ")[1].decode()
        command = [binary, "request", "--like", client, "--key", field(head, b"sec-websocket-key"),
                   f"ws://{field(head, b'host')}{target}"]
        protocols = field(head, b"sec-websocket-protocol")
        for protocol in protocols.split(",") if protocols else []:
            command += ["-p", protocol.strip()]
        command += options_for(settings)
        result = subprocess.run(command, capture_output=True, timeout=10, check=False)
        if result.returncode == 0 and result.stdout == head:
            passed += 1
            print(f"ok    {path}")
            continue
        failed += 1
        print(f"FAIL  {path}: {' '.join(command[1:])} (exit {result.returncode})")
        print(result.stderr.decode(errors="replace"), end="")
        sys.stdout.writelines(difflib.unified_diff(
            head.decode(errors="replace").splitlines(True),
            result.stdout.decode(errors="replace").splitlines(True), str(path), "ws-handshake"))
    missing = set(CLIENTS) - seen
    if missing:
        failed += 1
        print(f"FAIL  no capture of {', '.join(sorted(missing))}")
    print(f"templates: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
