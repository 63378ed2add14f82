#!/usr/bin/python3
"""Runs COMMAND with standard output and standard error sent to /dev/null, then prints the CPU
time it used (user and system seconds, from getrusage(RUSAGE_CHILDREN), microsecond resolution,
where /usr/bin/time -f prints hundredths) and its exit status: `USER SYS STATUS`."""

import resource
import subprocess
import sys

if len(sys.argv) < 2:
    sys.exit("usage: cpu-time.py COMMAND [ARG...]")
before = resource.getrusage(resource.RUSAGE_CHILDREN)
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
after = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{after.ru_utime - before.ru_utime:.6f} {after.ru_stime - before.ru_stime:.6f} {status}")
