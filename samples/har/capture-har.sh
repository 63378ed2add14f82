#!/bin/bash
# Record real HAR files from headless Chromium into samples/har/ (see README.md there):
#   chromium-websockets.har  the capture server's page, which opens two WebSockets
#   no-websocket.har         a plain static page (html + css), no WebSocket
# usage: bash samples/har/capture-har.sh      (env: PW_DIR, PW_VERSION, CHROMIUM)
# Loopback only. playwright-core is installed outside the repo and never downloads a browser:
# it drives Debian's /usr/bin/chromium.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CAPTURE=$(cd "$HERE/../capture" && pwd)
PY=/usr/bin/python3
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PW_DIR=${PW_DIR:-/tmp/harcap}            # npm playwright-core lives here, never in the repo
PW_VERSION=${PW_VERSION:-1.65.1}

WORK=$(mktemp -d /tmp/harcap-run.XXXXXX)
SESSIONS=()
cleanup() {
  # Each background job runs under `setsid`, so it and everything it starts (timeout, node,
  # Chromium and its helpers, even after Playwright moved Chromium to a process group of its
  # own) share one session whose id is the job's pid. End exactly those processes.
  local sid pids
  for sid in "${SESSIONS[@]}"; do
    mapfile -t pids < <(ps -eo pid=,sid= | awk -v s="$sid" '$2 == s { print $1 }')
    if [ "${#pids[@]}" -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; fi
  done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() {  # wait_for FILE SECONDS
  for _ in $(seq $(( $2 * 10 ))); do [ -s "$1" ] && return 0; sleep 0.1; done
  echo "capture-har.sh: timed out waiting for $1" >&2; return 1
}

# 1. playwright-core, outside the repo (it has no install script; no browser is downloaded)
if [ "$(node -p "try{require('$PW_DIR/node_modules/playwright-core/package.json').version}catch(e){''}")" != "$PW_VERSION" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 \
    npm install --prefix "$PW_DIR" --no-audit --no-fund "playwright-core@$PW_VERSION" >/dev/null
fi
export PLAYWRIGHT_CORE="$PW_DIR/node_modules/playwright-core" CHROMIUM

# 2. servers: the WebSocket capture server (exits by itself after its 2 captures or 90 s),
#    and a static page with no WebSocket
setsid timeout 100 "$PY" "$CAPTURE/capture-server.py" --out-dir "$WORK/raw" --expect 2 --timeout 90 \
  >"$WORK/ws-server.log" 2>&1 &
WS_SERVER=$!; SESSIONS+=("$WS_SERVER")
mkdir -p "$WORK/site"
cat >"$WORK/site/index.html" <<'EOF'
<!doctype html>
<html><head><meta charset="utf-8"><title>no websocket</title>
<link rel="stylesheet" href="style.css"></head>
<body><p>A static page: one document, one stylesheet, no WebSocket.</p></body></html>
EOF
printf 'body { font-family: sans-serif; }\n' >"$WORK/site/style.css"
setsid timeout 100 "$PY" -m http.server --bind 127.0.0.1 --protocol HTTP/1.1 \
  --directory "$WORK/site" 0 \
  >"$WORK/http-server.log" 2>&1 &
HTTP_SERVER=$!; SESSIONS+=("$HTTP_SERVER")

wait_for "$WORK/ws-server.log" 10
WS_PORT=$(awk '/^PORT /{print $2; exit}' "$WORK/ws-server.log")
for _ in $(seq 100); do grep -q 'Serving HTTP' "$WORK/http-server.log" && break; sleep 0.1; done
HTTP_PORT=$(sed -n 's/.*Serving HTTP on [^ ]* port \([0-9]*\).*/\1/p' "$WORK/http-server.log" | head -n1)
if [ -z "$WS_PORT" ] || [ -z "$HTTP_PORT" ]; then
  echo "capture-har.sh: a server did not start" >&2; exit 1
fi
echo "capture server on 127.0.0.1:$WS_PORT, static page on 127.0.0.1:$HTTP_PORT"

# 3. Chromium (through Playwright) records one HAR per page, each with a fresh profile
record() {  # record URL OUT PROFILE [--until-console TEXT]
  setsid timeout 90 node "$HERE/capture-har.js" "$@" &
  local job=$!; SESSIONS+=("$job")
  wait "$job"
}
mkdir -p "$WORK/profile-ws" "$WORK/profile-plain"
record "http://127.0.0.1:$WS_PORT/" "$WORK/chromium-websockets.har" "$WORK/profile-ws" \
  --until-console 'wscap: done'
record "http://127.0.0.1:$HTTP_PORT/" "$WORK/no-websocket.har" "$WORK/profile-plain"
wait "$WS_SERVER"   # it has had its 2 captures and exits

# 4. check: the WebSocket entries carry exactly the header lines Chromium put on the wire
#    (the capture server saved those bytes), in whatever order; the other HAR has none
"$PY" - "$WORK" <<'EOF'
import json, os, sys
work = sys.argv[1]
def entries(name):
    return json.load(open(os.path.join(work, name)))["log"]["entries"]
def is_ws(e):
    u = e["request"]["url"]
    return (e["response"]["status"] == 101 or e.get("_resourceType") == "websocket"
            or u.startswith(("ws:", "wss:")))
ws = [e for e in entries("chromium-websockets.har") if is_ws(e)]
other = [e for e in entries("chromium-websockets.har") if not is_ws(e)]
names = sorted(e["request"]["url"].rsplit("/", 1)[1] for e in ws)
assert names == ["chromium", "chromium-subprotocols"], names
assert other and all(e["response"]["status"] == 200 for e in other), "no plain 200 entry"
for e in ws:
    name = e["request"]["url"].rsplit("/", 1)[1]
    raw = open(os.path.join(work, "raw", name + ".http"), "rb").read().decode("latin-1")
    lines = raw.split("\r\n")
    wire = sorted(tuple(l.split(": ", 1)) for l in lines[1:] if l)
    har = sorted((h["name"], h["value"]) for h in e["request"]["headers"])
    assert har == wire, (name, har, wire)
    assert lines[0] == "GET /capture/%s HTTP/1.1" % name, lines[0]
    assert e["response"]["status"] == 101, e["response"]["status"]
    print("  %s: HAR headers == wire headers (%d), 101" % (name, len(har)))
assert not [e for e in entries("no-websocket.har") if is_ws(e)]
print("  no-websocket.har: %d entries, none a WebSocket" % len(entries("no-websocket.har")))
EOF

cp "$WORK/chromium-websockets.har" "$WORK/no-websocket.har" "$HERE/"
echo "browser: $("$CHROMIUM" --version 2>/dev/null), playwright-core $PW_VERSION, node $(node --version)"
echo "wrote $HERE/chromium-websockets.har and $HERE/no-websocket.har"
