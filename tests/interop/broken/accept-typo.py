#!/usr/bin/python3
"""A deliberately broken ws-handshake, to show that the interop suite fails: it runs the real
binary ($WS_HANDSHAKE_REAL) and, in `-f http` output, replaces the second character of the
Sec-WebSocket-Accept value with another letter (the second, so that the suite's own
`accept-altered` change of the first character cannot undo it).
usage: WS_HANDSHAKE_REAL=$PWD/build/ws-handshake tests/interop/run.sh \
       tests/interop/broken/accept-typo.py"""
import os
import re
import subprocess
import sys

done = subprocess.run([os.environ["WS_HANDSHAKE_REAL"], *sys.argv[1:]], stdout=subprocess.PIPE)
out = done.stdout
if "http" in sys.argv[1:]:
    out = re.sub(rb"(?m)^(Sec-WebSocket-Accept: .)(.)",
                 lambda m: m.group(1) + (b"R" if m.group(2).upper() == b"Q" else b"Q"), out)
sys.stdout.buffer.write(out)
sys.exit(done.returncode)
