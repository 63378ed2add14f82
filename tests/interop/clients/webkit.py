#!/usr/bin/python3
"""Client driver: WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver package, the engine
behind Safari) on a private Xvfb display. It loads the suite's page, which runs every scenario
with `new WebSocket(url, protocols)` and reports to the server; MiniBrowser prints the console,
where WebKit writes each handshake error's text, and this driver records it.

usage: /usr/bin/python3 webkit.py PAGE_URL CONSOLE.jsonl PROFILE_DIR
(env MINIBROWSER overrides the binary)
"""
import json
import os
import re
import select
import signal
import subprocess
import sys
import time

MINIBROWSER = os.environ.get("MINIBROWSER",
                             "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
# "CONSOLE NETWORK ERROR text" (source, level) or "URL:LINE:COL: CONSOLE LOG text" (level).
CONSOLE_LINE = re.compile(
    r"^(?:(\S+): )?CONSOLE (?:(\w+) )?(LOG|INFO|WARN|WARNING|ERROR|DEBUG) (.*)$")
children = []


def stop_all():
    """Stop MiniBrowser, then Xvfb: SIGTERM, SIGKILL 5 s later."""
    for child in reversed(children):
        if child.poll() is None:
            child.terminate()  # Xvfb removes its lock and socket on SIGTERM
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def on_sigterm(*_):
    """The suite ends this driver with SIGTERM: take the browser and the display along."""
    stop_all()
    sys.exit(1)


def start_xvfb():
    """A display of our own: Xvfb picks a free number and writes it to a pipe."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp",
                             "-screen", "0", "1280x800x24"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    children.append(xvfb)
    os.close(write_end)
    # Read up to the newline: Xvfb exits if the pipe closes before it has written it all.
    text, deadline = b"", time.monotonic() + 15
    while not text.endswith(b"\n"):
        ready, _, _ = select.select([read_end], [], [], max(0, deadline - time.monotonic()))
        chunk = os.read(read_end, 64) if ready else b""
        if not chunk:
            break
        text += chunk
    os.close(read_end)
    number = text.decode().strip()
    if not number.isdigit():
        raise RuntimeError("Xvfb gave no display number in 15 s")
    return ":" + number


def main(page_url, console_path, profile_dir):
    console = open(console_path, "a", buffering=1)

    def record(level, text, **extra):
        console.write(json.dumps({"level": level, "text": text, **extra}) + "\n")

    # Retries only around starting a program (Xvfb, then the browser up to the page's first
    # line), never around what the page observes.
    for attempt in range(1, 4):
        stop_all()
        children.clear()
        started = False
        try:
            display = start_xvfb()
            for sub in ("config", "data", "cache"):
                os.makedirs(os.path.join(profile_dir, sub), exist_ok=True)
            env = dict(os.environ, DISPLAY=display, NO_AT_BRIDGE="1",
                       XDG_CONFIG_HOME=os.path.join(profile_dir, "config"),
                       XDG_DATA_HOME=os.path.join(profile_dir, "data"),
                       XDG_CACHE_HOME=os.path.join(profile_dir, "cache"))
            browser = subprocess.Popen(
                # Despite the setting's name, the console lines arrive on stderr.
                [MINIBROWSER, "--enable-write-console-messages-to-stdout=true", page_url],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            children.append(browser)
            deadline = time.monotonic() + 30
            pending = b""
            while True:
                timeout = None if started else max(0, deadline - time.monotonic())
                ready, _, _ = select.select([browser.stdout], [], [], timeout)
                if not ready:
                    raise RuntimeError("the page did not start in 30 s")
                chunk = os.read(browser.stdout.fileno(), 65536)
                if not chunk:
                    raise RuntimeError("MiniBrowser exited with %s" % browser.wait())
                *lines, pending = (pending + chunk).split(b"\n")
                for raw in lines:
                    line = raw.decode("utf-8", "replace")
                    m = CONSOLE_LINE.match(line)
                    if not m:
                        record("stdout", line)
                        continue
                    text = m.group(4)
                    record(m.group(3).lower(), text, source=(m.group(2) or "js").lower(),
                           at=m.group(1))
                    if text.startswith("interop: start"):
                        started = True
                    if text == "interop: done":
                        stop_all()
                        return 0
        except RuntimeError as e:
            record("driver", "start attempt %d failed: %s" % (attempt, e))
            if started:
                break
    stop_all()
    return 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        sys.exit(main(*sys.argv[1:4]))
    finally:
        stop_all()
