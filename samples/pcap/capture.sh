#!/bin/bash
# Captures real WebSocket handshakes on loopback into samples/pcap/ and curl transcripts into
# samples/curl/: Debian's tcpdump records Python websockets 10.4 clients (IPv4, IPv6 and one
# wss:// connection) and Debian's curl 7.88.1 (http:// with Upgrade headers; it has no ws://)
# talking to server.py. `-i lo` writes Ethernet frames, `-i any` Linux cooked v2 (SLL2).
# Then craft.py makes the retransmission and pcapng samples from the Ethernet capture.
# usage: bash samples/pcap/capture.sh       (as root: tcpdump needs it; about 15 s)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
samples=$(dirname "$here")
py=/usr/bin/python3
work=$(mktemp -d /tmp/wsh-pcap.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
timeout 60 "$py" "$here/server.py" "$work/cert.pem" "$work/key.pem" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^PORTS' "$work/server.log" && break; sleep 0.1; done
read -r _ plain ipv6 tls < <(grep '^PORTS' "$work/server.log")
filter="tcp port $plain or tcp port $ipv6 or tcp port $tls"
timeout 60 tcpdump -i lo -U -s 0 -w "$work/lo.pcap" "$filter" 2>"$work/tcpdump-lo.log" &
pids+=($!)
timeout 60 tcpdump -i any -U -s 0 -w "$work/any.pcap" "$filter" 2>"$work/tcpdump-any.log" &
pids+=($!)
sleep 1.5
timeout 10 "$py" "$here/client.py" "ws://127.0.0.1:$plain/chat?room=1"
timeout 10 "$py" "$here/client.py" "ws://[::1]:$ipv6/chat"
timeout 10 "$py" "$here/client.py" "wss://127.0.0.1:$tls/secure"
key=dGhlIHNhbXBsZSBub25jZQ==
curl_args=(--http1.1 -s -o /dev/null --max-time 2 -H 'Upgrade: websocket' -H 'Connection: Upgrade'
  -H "Sec-WebSocket-Key: $key" -H 'Sec-WebSocket-Version: 13' "http://127.0.0.1:$plain/curl")
curl -v "${curl_args[@]}" 2>"$work/curl-v.txt" || true
curl --trace-ascii "$work/curl-trace.txt" "${curl_args[@]}" || true
curl -v --http1.1 -s -o /dev/null --max-time 2 -H 'Upgrade: websocket' -H 'Connection: Upgrade' \
  -H "Sec-WebSocket-Key: $key" -H 'Sec-WebSocket-Version: 8' "http://127.0.0.1:$plain/v8" \
  2>"$work/curl-v-version-8.txt" || true
sleep 1.5
kill "${pids[1]}" "${pids[2]}"
wait "${pids[1]}" "${pids[2]}" 2>/dev/null || true
cp "$work/lo.pcap" "$here/loopback-ethernet.pcap"
cp "$work/any.pcap" "$here/loopback-any-sll2.pcap"
cp "$work/curl-v.txt" "$samples/curl/curl-v.txt"
cp "$work/curl-trace.txt" "$samples/curl/curl-trace-ascii.txt"
cp "$work/curl-v-version-8.txt" "$samples/curl/curl-v-version-8.txt"
"$py" "$here/craft.py" "$here/loopback-ethernet.pcap" "$here"
echo "tcpdump: $(tcpdump --version 2>&1 | head -1); curl: $(curl --version | head -1 | cut -d' ' -f1-2)"
tcpdump -r "$here/loopback-ethernet.pcap" -nn 2>/dev/null | wc -l | sed 's/^/packets (lo): /'
