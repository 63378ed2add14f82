#!/usr/bin/env bash
# usage: check-man.sh MANDOC  (from the repository's root)
# ws-handshake-api(3) is clean under `mandoc -Tlint`, and names every function, HRESULT and
# property type the header declares.
set -u
mandoc=${1:-}
page=man/ws-handshake-api.3
header=src/capi/include/ws-handshake/websocket.h
passed=0
failed=0
fail() {
  failed=$((failed + 1))
  echo "FAIL: $1"
}

if [ -z "$mandoc" ] || [ ! -x "$mandoc" ]; then
  fail "mandoc is not installed (apt-get install mandoc); the man page cannot be linted"
else
  lint=$("$mandoc" -Tlint -W warning "$page" 2>&1)
  if [ -z "$lint" ]; then passed=$((passed + 1)); else fail "mandoc -Tlint: $lint"; fi
fi

for function in $(grep -oE '\bWebSocket[A-Za-z]+\(' "$header" | tr -d '(' | sort -u); do
  if grep -qE "^\.(Fn|Fo|Nm) $function( |$)" "$page"; then
    passed=$((passed + 1))
  else
    fail "$page does not document $function"
  fi
done
for name in $(grep -oE '^#define (S|E)_[A-Z_]+' "$header" | cut -d' ' -f2 | sort -u) \
            $(grep -oE '\bWEB_SOCKET_[A-Z0-9_]+_PROPERTY_TYPE\b' "$header" | sort -u); do
  if grep -qw -- "$name" "$page"; then
    passed=$((passed + 1))
  else
    fail "$page does not mention $name"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
