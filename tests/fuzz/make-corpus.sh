#!/usr/bin/env bash
# Writes the seed corpus under tests/fuzz/corpus/, one directory per fuzz target:
# - handshake/: one input per golden case (tests/golden/cases), its options encoded in the three
#   leading bytes (and input lines) that fuzz_handshake.cpp reads, then the sample it answers;
#   plus hostile option sets (escape sequences in -p, -e, --accept-protocols and the file name).
# - request_parser/: hostile requests beyond samples/ (the fuzzer and the replay test take
#   samples/*.http and samples/broken/*.http as they are).
# - extension_list/: Sec-WebSocket-Extensions values, good and bad.
# Run it after adding a golden case and commit the result.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$root/tests/fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus/handshake" "$corpus/request_parser" "$corpus/extension_list"
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
