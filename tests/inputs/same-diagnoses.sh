#!/usr/bin/env bash
# Each input format gives the diagnoses of the raw bytes it stands for: the same handshakes fed
# both ways (a capture in samples/ as raw bytes, and the header blocks, curl transcripts and
# commands, pcap files made from it) must print the same `severity: message [id]` lines with
# -f gcc, positions aside. usage: same-diagnoses.sh path/to/ws-handshake (from the root)
set -u
bin=${1:?usage: same-diagnoses.sh path/to/ws-handshake}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# The diagnoses without their positions, sorted.
diagnoses() {
  "$bin" -f gcc "$@" 2>/dev/null | sed -E 's/^.*:[0-9]+:[0-9]+: //' | sort
}

same() {
  local what=$1 expected=$2 actual=$3
  if [ "$expected" = "$actual" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $what"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -20
  fi
}

# Header blocks and copied curl commands made from Chromium's captured request.
chromium=$(diagnoses samples/chromium.http)
for f in samples/headers/chromium-no-request-line.txt samples/headers/chromium-absolute-url.txt \
  samples/headers/http2-pseudo-headers.txt samples/curl/chromium-bash.txt \
  samples/curl/chromium-cmd.txt samples/curl/firefox-bash.txt samples/curl/firefox-cmd.txt; do
  same "$f vs samples/chromium.http" "$chromium" "$(diagnoses "$f")"
  same "$f (--input-format) vs samples/chromium.http" "$chromium" \
    "$(diagnoses --input-format "$(basename "$(dirname "$f")")" "$f")"
done
# The same with one rule broken both ways (the version, the Upgrade token, the key).
for mutation in 's/Sec-WebSocket-Version: 13/Sec-WebSocket-Version: 8/I' \
  's/Upgrade: websocket/Upgrade: h2c/I' 's/Sec-WebSocket-Key: [A-Za-z0-9+\/=]*/Sec-WebSocket-Key: c2hvcnQ=/I'; do
  sed "$mutation" samples/chromium.http >"$work/raw.http"
  expected=$(diagnoses "$work/raw.http")
  [ -n "$expected" ] || { echo "FAIL: $mutation breaks no rule"; failed=$((failed + 1)); }
  for f in samples/headers/chromium-no-request-line.txt samples/headers/http2-pseudo-headers.txt \
    samples/curl/chromium-bash.txt samples/curl/chromium-cmd.txt samples/curl/firefox-bash.txt \
    samples/curl/firefox-cmd.txt; do
    sed "$mutation" "$f" >"$work/$(basename "$f")"
    same "$f with $mutation" "$expected" "$(diagnoses "$work/$(basename "$f")")"
  done
done
same "samples/headers/firefox-copy.txt vs samples/python-websockets.http" \
  "$(diagnoses samples/python-websockets.http)" "$(diagnoses samples/headers/firefox-copy.txt)"

# curl transcripts: the request's and the response's lines, as raw bytes.
for f in samples/curl/curl-v.txt samples/curl/curl-v-version-8.txt; do
  sed -n 's/^> //p' "$f" | sed 's/\r$//; s/$/\r/' >"$work/request.http"
  sed -n 's/^< //p' "$f" | sed 's/\r$//; s/$/\r/' >"$work/response.http"
  request=$(diagnoses "$work/request.http")
  response=$("$bin" verify -f gcc --request "$work/request.http" "$work/response.http" \
    2>/dev/null | sed -E 's/^.*:[0-9]+:[0-9]+: //' | grep -vxF -f <(printf '%s\n' "$request") |
    sort)
  same "$f vs its > and < lines as raw bytes" "$(printf '%s\n%s' "$request" "$response" |
    sed '/^$/d' | sort)" "$(diagnoses "$f")"
done

# One capture in four containers and link types: pcap with Ethernet and SLL2 frames, pcapng,
# and with a segment split, reordered and retransmitted.
ethernet=$(diagnoses samples/pcap/loopback-ethernet.pcap)
for f in samples/pcap/loopback-any-sll2.pcap samples/pcap/loopback.pcapng \
  samples/pcap/retransmission.pcap; do
  same "$f vs samples/pcap/loopback-ethernet.pcap" "$ethernet" "$(diagnoses "$f")"
done
# The curl request in the capture is the one in the transcript curl wrote.
same "the curl handshake in the capture vs samples/curl/curl-v-version-8.txt" \
  "$(diagnoses samples/curl/curl-v-version-8.txt)" \
  "$("$bin" -f gcc samples/pcap/loopback-ethernet.pcap 2>/dev/null | grep '#5:' |
    sed -E 's/^.*:[0-9]+:[0-9]+: //' | sort)"

echo "same-diagnoses: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
