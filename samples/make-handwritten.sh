#!/bin/bash
# Regenerate the hand-written samples (RFC 6455 example and its broken variants), byte-exact.
# usage: bash samples/make-handwritten.sh
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p broken

# rfc LINE...: the RFC 6455 section 1.3 request with CRLF endings and the final empty line.
# Each argument is one header line (no line ending) in the RFC's order.
req() { local l; for l in "$@"; do printf '%s\r\n' "$l"; done; printf '\r\n'; }
RL='GET /chat HTTP/1.1'
HOST='Host: server.example.com'
UPG='Upgrade: websocket'
CONN='Connection: Upgrade'
KEY='Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='
ORIG='Origin: http://example.com'
PROTO='Sec-WebSocket-Protocol: chat, superchat'
VER='Sec-WebSocket-Version: 13'

req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > rfc6455-example.http
# valid with a warning: bare LF line endings throughout
printf '%s\n' "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" '' > lf-line-endings.http

cd broken
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" 'Sec-WebSocket-Version: 8' > version-8.http
req "$RL" "$HOST" "$UPG" "$CONN" "$ORIG" "$PROTO" "$VER" > missing-key.http
req "$RL" "$HOST" "$UPG" "$CONN" 'Sec-WebSocket-Key: dGhlIHNhbXBsZQ==' "$ORIG" "$PROTO" "$VER" > short-key.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" 'Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA==' "$ORIG" "$PROTO" "$VER" > duplicate-key.http
req 'POST /chat HTTP/1.1' "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > post-method.http
req 'GET /chat HTTP/1.0' "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > http-1.0.http
req "$RL" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > missing-host.http
req "$RL" "$HOST" 'Connection: close' "$KEY" "$ORIG" "$PROTO" "$VER" > proxy-stripped-upgrade.http
req "$RL" "$HOST" 'Upgrade : websocket' "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > space-before-colon.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" 'Sec-WebSocket-Protocol: chat,' ' superchat' "$VER" > obs-fold.http
{ printf '%s\r\n' "$RL" "$HOST" "$UPG" "$CONN" "$KEY"; } > truncated.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" $'Origin: http://example.com\rX-Evil: 1' "$PROTO" "$VER" > bare-cr.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" $'User-Agent: evil\x1b]0;pwned\x07\x1b[31mred' > escape-in-user-agent.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=' > bad-extension-syntax.http
req "$RL" "$HOST" "$UPG" 'Connection: "Upgrade"' "$KEY" "$ORIG" "$PROTO" "$VER" > connection-quoted.http
req "$RL" "$HOST" 'Upgrade: websocket, h2c' "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > upgrade-h2c.http
{ req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER"; printf '\x81\x80abcd'; } > data-after-headers.http
# The parser's conformance cases (RFC 9112 3, RFC 3986): one broken part each.
req 'GET /chat|room HTTP/1.1' "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > target-pipe.http
req 'GET /chat%zz HTTP/1.1' "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > target-bad-percent.http
req 'GET ws://user:secret@server.example.com/chat HTTP/1.1' "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > target-userinfo.http
req 'GET server.example.com:80 HTTP/1.1' "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > authority-form.http
req 'GET /chat HTTP/1.1 ' "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > space-after-version.http
req $'GET /chat HTTP/1.1\r X-Evil: 1' "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > request-line-bare-cr.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" 'Sec-WebSocket-Version 13' > missing-colon.http
req "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$PROTO" "$VER" > no-request-line.http
printf 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' > http2-preface.http
