#!/usr/bin/env bash
# Interop suite: real, unmodified clients (Chromium, Firefox, WebKitGTK, Node ws, Python
# websockets) against the responses ws-handshake builds. Prints a table and, last,
# `N passed, N failed`; exits non-zero if anything failed.
#
# usage: tests/interop/run.sh WS_HANDSHAKE [--clients LIST] [--out DIR] [--save-samples DIR]
#
# Needs Debian's chromium, firefox-esr, webkit2gtk-driver, xvfb, python3-websockets, nodejs
# and npm (see README.md). Installs the npm test-only packages, as locked, into
# tests/interop/node_modules first.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ]; then
  echo "usage: $0 WS_HANDSHAKE [--clients LIST] [--out DIR] [--save-samples DIR]" >&2
  exit 2
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f "$HERE/node_modules/.package-lock.json" ] ||
   [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  (cd "$HERE" && timeout 300 npm ci --no-audit --no-fund --loglevel=error)
fi

# `timeout` bounds the suite. On SIGTERM, SIGINT or SIGHUP, suite.py stops every program it
# started, each in a process group of its own; should suite.py itself die before it could
# (killed by `timeout --kill-after`, say), this script kills those groups, which suite.py
# lists in INTEROP_GROUPS_FILE.
groups_file=$(mktemp /tmp/ws-interop-groups.XXXXXX)
status=0
sweep() {
  if [ "$status" -ge 124 ]; then  # timed out or killed: the suite may not have cleaned up
    while read -r group; do kill -KILL -- "-$group" 2>/dev/null || true; done <"$groups_file"
  fi
  rm -f "$groups_file"
}
trap sweep EXIT
INTEROP_GROUPS_FILE=$groups_file timeout --kill-after=30 900 \
  /usr/bin/python3 "$HERE/suite.py" "$@" &
suite=$!
trap 'status=143; kill -TERM "$suite" 2>/dev/null || true' TERM INT HUP
wait "$suite" || status=$?
while kill -0 "$suite" 2>/dev/null; do  # a trapped signal ended the wait early
  wait "$suite" || status=$?
done
exit "$status"
