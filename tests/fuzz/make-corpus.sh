#!/usr/bin/env bash
# Writes the seed corpus under tests/fuzz/corpus/, one directory per fuzz target:
# - handshake/: one input per golden case (tests/golden/cases), its options encoded in the three
#   leading bytes (and input lines) that fuzz_handshake.cpp reads, then the sample it answers;
#   plus hostile option sets (escape sequences in -p, -e, --accept-protocols and the file name).
# - request_parser/: hostile requests beyond samples/ (the fuzzer and the replay test take
#   samples/*.http and samples/broken/*.http as they are).
# - parser_differential/: boundaries of the SSE2 and AVX2 searches.
# - extension_list/: Sec-WebSocket-Extensions values, good and bad.
# Run it after adding a golden case and commit the result.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$root/tests/fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus/handshake" "$corpus/request_parser" "$corpus/parser_differential" \
  "$corpus/extension_list"
out=$corpus/handshake

# encode_case NAME ARGS_FILE: writes the seed of one golden case; fails on an option the
# leading bytes cannot express.
encode_case() {
  local name=$1 args_file=$2 args mode=3 pick=0 negotiate=0 protocol_line=() extension_line=()
  local accept_line=() deflate_line=() input= i=0 arg
  mapfile -t args <"$args_file" # mode 3 above: every renderer
  while [ "$i" -lt "${#args[@]}" ]; do
    arg=${args[$i]}
    case $arg in
    --strict) mode=$((mode | 4)) ;;
    --allow-truncated) mode=$((mode | 8)) ;;
    --max-header-bytes)
      i=$((i + 1))
      [ "${args[$i]}" = 128 ] || return 1
      mode=$((mode | 64))
      ;;
    -p)
      i=$((i + 1))
      case ${args[$i]} in
      chat) pick=$((pick | 1)) ;;
      superchat) pick=$((pick | 2)) ;;
      Chat) pick=$((pick | 3)) ;;
      *) pick=$((pick | 6)); protocol_line=("${args[$i]}") ;;
      esac
      ;;
    -e)
      i=$((i + 1))
      case ${args[$i]} in
      permessage-deflate) pick=$((pick | 8)) ;;
      'permessage-deflate; client_max_window_bits=15') pick=$((pick | 16)) ;;
      x-webkit-deflate-frame) pick=$((pick | 32)) ;;
      *) pick=$((pick | 64)); extension_line=("${args[$i]}") ;;
      esac
      ;;
    --accept-protocols)
      i=$((i + 1))
      case ${args[$i]} in
      superchat,chat) negotiate=$((negotiate | 1)) ;;
      chat,x) negotiate=$((negotiate | 2)) ;;
      *) negotiate=$((negotiate | 3)); accept_line=("${args[$i]}") ;;
      esac
      ;;
    --prefer)
      i=$((i + 1))
      [ "${args[$i]}" = client ] && negotiate=$((negotiate | 4))
      ;;
    --negotiate-deflate) negotiate=$((negotiate | 8)) ;;
    --negotiate-deflate=server_max_window_bits=10,client_max_window_bits=12,server_no_context_takeover)
      negotiate=$((negotiate | 16))
      ;;
    --negotiate-deflate=*) negotiate=$((negotiate | 24)); deflate_line=("${arg#*=}") ;;
    -v | --verbose) negotiate=$((negotiate | 32)) ;;
    -*) return 1 ;;
    *) input=$arg ;;
    esac
    i=$((i + 1))
  done
  [ -n "$input" ] || return 1
  {
    printf "\\x$(printf %02x "$mode")\\x$(printf %02x "$pick")\\x$(printf %02x "$negotiate")"
    for line in "${protocol_line[@]}" "${extension_line[@]}" "${accept_line[@]}" \
      "${deflate_line[@]}"; do
      printf '%s\n' "$line"
    done
    cat "$root/$input"
  } >"$out/golden-$name"
}

for args_file in "$root"/tests/golden/cases/*.args; do
  name=$(basename "$args_file" .args)
  if ! encode_case "$name" "$args_file"; then
    rm -f "$out/golden-$name"
    echo "skipped golden case $name: fuzz_handshake's option bytes cannot express its options" >&2
  fi
done

# seed TARGET NAME PRINTF_FORMAT [ARGS...]: one seed written with printf.
seed() {
  local target=$1 name=$2
  shift 2
  # shellcheck disable=SC2059
  printf "$@" >"$corpus/$target/$name"
}
rfc=$(cat "$root/samples/rfc6455-example.http")
# Hostile choices: JSON with a file name full of escapes; colour and -v with -p, -e,
# --accept-protocols and --negotiate-deflate settings from the input; an -e that is not 9.1.
{ printf '\x82\x01\x00'; cat "$root/samples/broken/escape-in-user-agent.http"; } >"$out/hostile-json"
{
  printf '\xa0\x46\x3bch\x1b[31mat\npermessage-deflate; x="\x1b"\n'
  printf 'chat,\x1b]0;x\x07, superchat\nserver_max_window_bits=9, client_no_context_takeover\n'
  cat "$root/samples/chromium.http"
} >"$out/hostile-choices"
{ printf '\x03\x81\x00'; cat "$root/samples/chromium.http"; } >"$out/invalid-extension-choice"
# permessage-deflate answers that break RFC 7692 7.1, one rule each, and 8-bit windows.
{ printf '\x03\x18\x00'; cat "$root/samples/chromium.http"; } >"$out/deflate-chosen-twice"
{ printf '\x03\x40\x00permessage-deflate; client_max_window_bits=8\n'; cat "$root/samples/chromium.http"; } \
  >"$out/deflate-client-window-8"
deflate_offer='Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10; server_no_context_takeover; client_max_window_bits=9'
{
  printf '\x03\x40\x00permessage-deflate; client_max_window_bits=12\n'
  head -c -2 "$root/samples/rfc6455-example.http"
  printf '%s\r\n\r\n' "$deflate_offer"
} >"$out/deflate-response-breaks-offer"
{
  printf '\x03\x00\x18client_max_window_bits=9, server_no_context_takeover\n'
  head -c -2 "$root/samples/rfc6455-example.http"
  printf 'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=8, '
  printf 'permessage-deflate; client_max_window_bits=8, permessage-deflate; client_max_window_bits\r\n\r\n'
} >"$out/deflate-negotiate-window-8"

r=request_parser
seed $r leading-empty-lines.http '\r\n\n%s' "$rfc"
seed $r absolute-form.http 'GET ws://server.example.com/chat HTTP/1.1\r\nHost: server.example.com\r\n\r\n'
seed $r utf8-in-values.http 'GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: caf\xc3\xa9 \xc0\x80 \xed\xa0\x80 \xf5 \x80 \xe2\x82\r\n\r\n'
seed $r escape-in-target.http 'GET /\x1b[31m HTTP/1.1\r\nHost: h\r\n\r\n'
seed $r nul-in-value.http 'GET / HTTP/1.1\r\nHost: h\x00\r\n\r\n'
seed $r lf-then-crlf-end.http 'GET / HTTP/1.1\nHost: h\n\r\n'
seed $r version-2.http 'GET / HTTP/2.0\r\nHost: h\r\n\r\n'
seed $r tab-after-method.http 'GET\t/ HTTP/1.1\r\nHost: h\r\n\r\n'
seed $r empty-value.http 'GET / HTTP/1.1\r\nHost:\r\nX: \t \r\n\r\n'
seed $r many-fields.http 'GET / HTTP/1.1\r\n%s\n\r\n' "$(for i in $(seq 300); do printf 'X-%d: %d\r\n' "$i" "$i"; done)"

# parser_differential/: boundaries of the SSE2 and AVX2 searches (fuzz_parser_differential also
# takes request_parser/ and the samples).
d=parser_differential
head='GET / HTTP/1.1\r\n'
# The LF that starts the end at byte 62 (the last byte a 64-byte window decides) and at 63.
seed $d end-at-window-edge-lf.http "${head}X: %s\n\n" "$(printf 'a%.0s' $(seq 43))"
seed $d end-at-window-edge-crlf.http "${head}X: %s\r\n\r\n" "$(printf 'a%.0s' $(seq 43))"
seed $d end-after-window-edge.http "${head}X: %s\n\r\n" "$(printf 'a%.0s' $(seq 44))"
seed $d near-miss-ends.http "${head}A: 1\n\rB: 2\r\n\rC: 3\r\n\n"
seed $d value-bytes-at-chunk-edge.http "${head}Va: %s\x1f\x7f\x80\xff\tv\r\n\r\n" "$(printf 'v%.0s' $(seq 12))"
seed $d name-tchar-at-chunk-edge.http "${head}Aaaaaaaaaaaaaaa_b.c~: v\r\n\r\n"
seed $d target-pct-at-chunk-edge.http 'GET /aaaaaaaaaa%%41%%7e%%zz?[x] HTTP/1.1\r\n\r\n'
seed $d fifteen-bytes.http 'GET / HTTP/1.1\n'
seed $d sixteen-bytes.http 'GET / HTTP/1.1\n\n'
seed $d lf-lines-long.http "GET /x HTTP/1.1\nUser-Agent: %s\nHost: h\n\n" "$(printf 'u%.0s' $(seq 100))"
seed $d tab-values.http "${head}A:\t\tb\tc\t\r\nB: \t \r\n\r\n"
seed $d authority-userinfo-asterisk.http 'CONNECT [::1]:443 HTTP/1.1\r\n\r\nGET ws://u@h/ HTTP/1.1\r\n\r\nOPTIONS * HTTP/1.1\r\n\r\n'

e=extension_list
seed $e chromium 'permessage-deflate; client_max_window_bits'
seed $e two-offers 'permessage-deflate; client_max_window_bits=15; server_no_context_takeover, permessage-deflate'
seed $e quoted 'permessage-deflate; client_max_window_bits="15", x-foo; a="b\\c"'
seed $e quoted-not-token 'x; a="b c"'
seed $e unterminated-quote 'x; a="15'
seed $e empty-elements ' , ,x,, '
seed $e empty ''
seed $e missing-value 'permessage-deflate; client_max_window_bits='
seed $e trailing-semicolon 'permessage-deflate;'
seed $e ows-everywhere 'x \t; \t a \t = \t 1 \t ,\ty'
seed $e escape 'x\x1b[31m; a=\x80'

echo "wrote $(find "$corpus" -type f | wc -l) seeds to ${corpus#"$root"/}"
