#!/usr/bin/env bash
# Writes one request per server-side rule that no sample shows, each the RFC 6455 example with
# one part broken, for the golden cases rule-*.args. Run from this folder; byte for byte
# reproducible.
set -euo pipefail
RL='GET /chat HTTP/1.1'
HOST='Host: server.example.com'
UPG='Upgrade: websocket'
CONN='Connection: Upgrade'
KEY='Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='
ORIG='Origin: http://example.com'
PROTO='Sec-WebSocket-Protocol: chat, superchat'
VER='Sec-WebSocket-Version: 13'
# req LINE...: the lines with CRLF, then the empty line.
req() { printf '%s\r\n' "$@"; printf '\r\n'; }
: > empty.http
req 'G@T /chat HTTP/1.1' "$HOST" "$UPG" "$CONN" "$KEY" "$VER" > invalid-method.http
req 'GET /chat HTTP/1.x' "$HOST" "$UPG" "$CONN" "$KEY" "$VER" > invalid-http-version.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" 'X(bad): 1' "$VER" > invalid-field-name.http
req "$RL" "$HOST" 'Host: other.example.com' "$UPG" "$CONN" "$KEY" "$VER" > duplicate-host.http
req "$RL" 'Host: server.example.com:80x' "$UPG" "$CONN" "$KEY" "$VER" > invalid-host.http
req "$RL" "$HOST" 'Upgrade: h2c' "$CONN" "$KEY" "$VER" > upgrade-not-websocket.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$VER" "$VER" > duplicate-version.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" 'Sec-WebSocket-Protocol: chat, chat' "$VER" > duplicate-subprotocol.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$VER" 'Content-Length: 0' 'Content-Length: 0' > repeated-content-length.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$VER" 'Transfer-Encoding: chunked,' > invalid-transfer-encoding.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$VER" 'Transfer-Encoding: identity' > unknown-transfer-coding.http
req 'GET /chat HTTP/1.0' "$HOST" "$UPG" "$CONN" "$KEY" "$VER" 'Transfer-Encoding: chunked' > transfer-encoding-in-http-1-0.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$VER" 'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=7' > invalid-deflate-offer.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$VER" 'Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=10' > deflate-offer.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$VER" 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits' > deflate-offer-plain.http
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$VER" 'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=16' > deflate-offer-invalid-only.http
{ req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$VER"; } > no-offer.http
for i in $(seq 1 300); do printf 'X-Field-%d: %d\r\n' "$i" "$i"; done > /tmp/ws-handshake-fields.$$
{ printf '%s\r\n' "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$VER"; cat /tmp/ws-handshake-fields.$$; printf '\r\n'; } > too-many-fields.http
rm -f /tmp/ws-handshake-fields.$$
req "$RL" "$HOST" "$UPG" "$CONN" "$KEY" "$ORIG" "$VER" 'Sec-WebSocket-Extensions: permessage-deflate' > deflate-offer-bare.http
# The server's own policy (--host, --allow-origin, --max-line-bytes): a request from another
# origin, with a port in Host and a long Cookie line.
req "$RL" 'Host: server.example.com:8080' "$UPG" "$CONN" "$KEY" 'Origin: https://evil.example' "$VER" \
  "Cookie: session=$(printf '%0120d' 0)" > policy.http
