#!/usr/bin/env bash
# Hostile bytes, end to end: every control byte, invalid UTF-8 sequences and terminal escape
# sequences, placed where the output quotes them (a field value, the request target, the file
# name, an option). Text output (stdout and stderr, formats text and http, with -v) must be
# safe for a terminal: valid UTF-8, no C0 control but tab and newline, no DEL, no C1 control;
# the bytes must show up escaped (\xHH). JSON output must parse (jq) and be valid UTF-8.
#
# usage: escaping.sh path/to/ws-handshake   (needs jq and iconv)
set -u
bin=$(realpath "${1:?usage: escaping.sh path/to/ws-handshake}")
command -v jq >/dev/null || { echo "escaping: jq is needed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
fail() {
  failed=$((failed + 1))
  echo "FAIL: $1"
}

# terminal_safe FILE: valid UTF-8, no C0 but tab and newline, no DEL, no C1 (raw or UTF-8).
terminal_safe() {
  iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 &&
    ! LC_ALL=C grep -a -q -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$1"
}

# wire_safe FILE: printable ASCII lines, each ended by CRLF (the http format's stdout).
wire_safe() {
  ! LC_ALL=C grep -a -q -P '[^\x20-\x7e\r]|\r.|[^\r]$|^$' "$1"
}

# check_text NAME EXPECTED_ESCAPE ARGS...: runs the binary in text and http formats (with -v)
# and checks both streams; EXPECTED_ESCAPE (if not empty) must appear on stderr.
check_text() {
  local name=$1 escape=$2 format
  shift 2
  for format in text http; do
    timeout 10 "$bin" -v --color never -f "$format" "$@" >"$work/out" 2>"$work/err" </dev/null
    if ! terminal_safe "$work/err" ||
      { [ "$format" = text ] && ! terminal_safe "$work/out"; } ||
      { [ "$format" = http ] && ! wire_safe "$work/out"; }; then
      fail "$name ($format): raw control or invalid UTF-8 in text output"
      cat -v "$work/out" "$work/err" | head -5 | sed 's/^/    /'
    elif [ -n "$escape" ] && ! grep -qF -- "$escape" "$work/err"; then
      fail "$name ($format): stderr lacks '$escape'"
    else
      passed=$((passed + 1))
    fi
  done
}

# check_json NAME ARGS...: JSON output parses, is valid UTF-8 and has no raw control byte.
check_json() {
  local name=$1
  shift
  timeout 10 "$bin" -f json "$@" >"$work/out" 2>"$work/err" </dev/null
  if ! jq -e 'has("diagnostics")' "$work/out" >/dev/null 2>&1; then
    fail "$name (json): output does not parse"
  elif ! iconv -f UTF-8 -t UTF-8 "$work/out" >/dev/null 2>&1; then
    fail "$name (json): output is not valid UTF-8"
  elif LC_ALL=C grep -a -q -P '[\x00-\x09\x0b-\x1f]' "$work/out"; then
    fail "$name (json): raw control byte in JSON output"
  else
    passed=$((passed + 1))
  fi
}

# request FILE VERSION_VALUE [TARGET]: the RFC 6455 example with those bytes spliced in.
request() {
  printf 'GET %s HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n' "${3:-/chat}" >"$1"
  printf 'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' >>"$1"
  printf 'Sec-WebSocket-Version: %s\r\n\r\n' "$2" >>"$1"
}

# Every control byte but LF and CR (which end lines) and NUL (which printf cannot pass): in a
# field value (control-byte-in-value, the line shown escaped) and in the request target.
for code in $(seq 1 31) 127; do
  [ "$code" = 10 ] || [ "$code" = 13 ] && continue
  byte=$(printf "\\x$(printf %02x "$code")")
  hex=$(printf '\\x%02x' "$code")
  [ "$code" = 9 ] && hex='\t'
  request "$work/value.http" "1${byte}3"
  check_text "value byte $code" "$hex" "$work/value.http"
  check_json "value byte $code" "$work/value.http"
  request "$work/target.http" 13 "/a${byte}b"
  check_text "target byte $code" "$hex" "$work/target.http"
  check_json "target byte $code" "$work/target.http"
done
# NUL, CR alone and LF alone inside a value.
printf 'GET /chat HTTP/1.1\r\nHost: a\0b\r\n\r\n' >"$work/nul.http"
check_text "value NUL" '\x00' "$work/nul.http"
check_json "value NUL" "$work/nul.http"
printf 'GET /chat HTTP/1.1\r\nHost: a\rb\r\n\r\n' >"$work/cr.http"
check_text "value bare CR" '\r' "$work/cr.http"
check_json "value bare CR" "$work/cr.http"

# Every byte from 0x80 to 0xff in one value: obs-text, allowed, so the request is read and the
# value is quoted in the unsupported-version message (and in JSON, as U+FFFD).
high=$(for code in $(seq 128 255); do printf "\\x$(printf %02x "$code")"; done)
request "$work/high.http" "1${high}3"
check_text "bytes 0x80-0xff" '\x80\x81' "$work/high.http"
check_json "bytes 0x80-0xff" "$work/high.http"

# Invalid UTF-8 (overlong, surrogate, above U+10FFFF, lone continuation, truncated, 5-byte,
# FE/FF) and escape sequences (SGR, OSC title, OSC 8 hyperlink, DCS, C1 CSI raw and in UTF-8).
sequences=(
  '\xc0\x80' '\xed\xa0\x80' '\xf4\x90\x80\x80' '\x80' '\xe2\x82' '\xf8\x88\x80\x80\x80'
  '\xfe\xff' '\x1b[31mred\x1b[0m' '\x1b]0;pwned\x07' '\x1b]8;;http://evil/\x1b\\link'
  '\x1bP+q\x1b\\' '\x9b2J' '\xc2\x9b2J' '\x1b[2J\x1b[H' '\x1bc'
)
for sequence in "${sequences[@]}"; do
  request "$work/sequence.http" "1$(printf "$sequence")3"
  check_text "sequence $sequence" "" "$work/sequence.http"
  check_json "sequence $sequence" "$work/sequence.http"
done
# A valid UTF-8 value comes through JSON unchanged, an invalid one as U+FFFD.
request "$work/utf8.http" "caf$(printf '\xc3\xa9')-$(printf '\xff')"
"$bin" -f json "$work/utf8.http" >"$work/out" 2>/dev/null
value=$(jq -r '.request.fields[] | select(.name == "Sec-WebSocket-Version") | .value' "$work/out")
if [ "$value" = "café-"$'\xef\xbf\xbd' ]; then passed=$((passed + 1)); else fail "UTF-8 in JSON: '$value'"; fi

# A file name made of every byte but NUL and '/': escaped in text, valid in JSON.
name=$(for code in $(seq 1 255); do [ "$code" = 47 ] || printf "\\x$(printf %02x "$code")"; done)
request "$work/$name" 8
check_text "file name" '\x1b' "$work/$name"
check_json "file name" "$work/$name"
# An escape sequence in an option value (a usage error) and in a missing file's name.
timeout 10 "$bin" -p "$(printf '\x1b]0;pwned\x07')" "$work/high.http" >/dev/null 2>"$work/err"
if [ $? = 2 ] && terminal_safe "$work/err"; then passed=$((passed + 1)); else fail "-p with an escape"; fi
timeout 10 "$bin" "$work/$(printf '\x1b[31mmissing')" >/dev/null 2>"$work/err"
if [ $? = 3 ] && terminal_safe "$work/err" && grep -qF '\x1b[31m' "$work/err"; then
  passed=$((passed + 1))
else
  fail "missing file named with an escape"
fi

echo "escaping: $passed passed, $failed failed"
[ "$failed" = 0 ]
