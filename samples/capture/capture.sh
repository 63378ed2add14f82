#!/bin/bash
# Capture real WebSocket upgrade requests from unmodified clients into samples/*.http.
# usage: bash samples/capture/capture.sh      (env: WS_DIR, WS_VERSION, CHROMIUM)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SAMPLES=$(dirname "$HERE")
PY=/usr/bin/python3                      # Debian's python, which has websockets 10.4
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
WS_DIR=${WS_DIR:-/tmp/wscap}             # npm `ws` lives here, never in the repo
WS_VERSION=${WS_VERSION:-8.23.0}
NAMES="chromium chromium-subprotocols node-ws node-ws-subprotocols python-websockets python-websockets-subprotocols"

WORK=$(mktemp -d /tmp/wscap-run.XXXXXX)
GROUPS_TO_KILL=()
cleanup() {
  # every background process is started under `timeout`, which leads its own process group
  for g in "${GROUPS_TO_KILL[@]}"; do kill -- "-$g" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() {  # wait_for FILE SECONDS
  for _ in $(seq $(( $2 * 10 ))); do [ -s "$1" ] && return 0; sleep 0.1; done
  echo "capture.sh: timed out waiting for $1" >&2; return 1
}

# 1. npm ws, outside the repo
if [ "$(node -p "try{require('$WS_DIR/node_modules/ws/package.json').version}catch(e){''}")" != "$WS_VERSION" ]; then
  npm install --prefix "$WS_DIR" --no-audit --no-fund "ws@$WS_VERSION" >/dev/null
fi

# 2. capture server (exits by itself after 6 captures or 90 s)
timeout 100 "$PY" "$HERE/capture-server.py" --out-dir "$WORK/out" --expect 6 --timeout 90 \
  >"$WORK/server.log" 2>&1 &
SERVER=$!; GROUPS_TO_KILL+=("$SERVER")
wait_for "$WORK/server.log" 10
PORT=$(awk '/^PORT /{print $2; exit}' "$WORK/server.log")
echo "capture server on 127.0.0.1:$PORT"

# 3. Chromium headless loads the page; its script opens both WebSockets in turn
timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --no-proxy-server \
  --enable-logging=stderr --user-data-dir="$WORK/profile" "http://127.0.0.1:$PORT/" >"$WORK/chromium.log" 2>&1 &
CHROME=$!; GROUPS_TO_KILL+=("$CHROME")
wait_for "$WORK/out/chromium.http" 30
wait_for "$WORK/out/chromium-subprotocols.http" 30
for _ in $(seq 100); do grep -q 'wscap: done' "$WORK/chromium.log" && break; sleep 0.1; done
grep -o '"wscap: [^"]*' "$WORK/chromium.log" | sed 's/^"wscap: /chromium page: /' || true
kill -- "-$CHROME" 2>/dev/null || true

# 4. Node ws and Python websockets, default client then with subprotocols
export NODE_PATH="$WS_DIR/node_modules"
timeout 20 node "$HERE/node-client.js" "ws://127.0.0.1:$PORT/capture/node-ws"
timeout 20 node "$HERE/node-client.js" "ws://127.0.0.1:$PORT/capture/node-ws-subprotocols" chat superchat
timeout 20 "$PY" "$HERE/python-client.py" "ws://127.0.0.1:$PORT/capture/python-websockets"
timeout 20 "$PY" "$HERE/python-client.py" "ws://127.0.0.1:$PORT/capture/python-websockets-subprotocols" chat superchat
wait "$SERVER"   # the server has had its 6 captures and exits

# 5. check, then copy into samples/
for n in $NAMES; do
  f="$WORK/out/$n.http"
  [ "$(tail -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = 0d0a0d0a ] || { echo "$n: no CRLF CRLF at end" >&2; exit 1; }
  grep -qi '^Sec-WebSocket-Key:' "$f" || { echo "$n: no Sec-WebSocket-Key" >&2; exit 1; }
done
for n in $NAMES; do cp "$WORK/out/$n.http" "$SAMPLES/$n.http"; done

echo "clients:"
echo "  $("$CHROMIUM" --version 2>/dev/null)"
echo "  node $(node --version), ws $(node -p "require('$WS_DIR/node_modules/ws/package.json').version")"
echo "  python $("$PY" -c 'import sys,websockets; print(sys.version.split()[0], "websockets", websockets.__version__)')"
for n in $NAMES; do echo "--- samples/$n.http"; head -n1 "$SAMPLES/$n.http"; done
