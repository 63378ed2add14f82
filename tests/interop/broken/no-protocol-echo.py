#!/usr/bin/python3
"""A deliberately broken ws-handshake, to show that the interop suite fails: it runs the real
binary ($WS_HANDSHAKE_REAL) and drops the Sec-WebSocket-Protocol line from `-f http` output,
as if the tool forgot to echo the chosen subprotocol.
usage: WS_HANDSHAKE_REAL=$PWD/build/ws-handshake tests/interop/run.sh \
       tests/interop/broken/no-protocol-echo.py"""
import os
import re
import subprocess
import sys

done = subprocess.run([os.environ["WS_HANDSHAKE_REAL"], *sys.argv[1:]], stdout=subprocess.PIPE)
out = done.stdout
if "http" in sys.argv[1:]:
    out = re.sub(rb"(?m)^Sec-WebSocket-Protocol: [^\r\n]*\r\n", b"", out)
sys.stdout.buffer.write(out)
sys.exit(done.returncode)
