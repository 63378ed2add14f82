#!/usr/bin/env bash
# Golden tests of `ws-handshake request`: runs the binary on every case and compares a
# transcript (stdout, stderr, exit status) byte for byte with cases/NAME.expected. A case is
# cases/NAME.args: the arguments after `request`, one per line (so they need no quoting); every
# case that prints a request gives --key, so the output is the same on every run. The request
# each case prints is also answered by the server side (`ws-handshake -`), whose exit status
# the transcript records: 0, since every request printed must be accepted.
# UPDATE_GOLDEN=1 rewrites the expected files instead, for review with `git diff`.
set -u
bin=${1:?usage: run.sh path/to/ws-handshake}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
for args_file in "$here"/cases/*.args; do
  name=$(basename "$args_file" .args)
  mapfile -t args <"$args_file"
  expected="$here/cases/$name.expected"
  status=0
  "$bin" request "${args[@]}" >"$work/out" 2>"$work/err" </dev/null || status=$?
  {
    printf '$ ws-handshake request'
    printf ' %q' "${args[@]}"
    printf '\n--- stdout\n'
    cat "$work/out"
    printf '\n--- stderr\n'
    cat "$work/err"
    printf '\n--- exit %d\n' "$status"
    if [ "$status" = 0 ]; then
      server=0
      "$bin" -q - <"$work/out" || server=$?
      printf -- '--- ws-handshake - (the server side) exits %d\n' "$server"
    fi
  } >"$work/actual"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$work/actual" "$expected"
    echo "updated: $name"
    passed=$((passed + 1))
  elif cmp -s "$work/actual" "$expected"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name (diff expected actual):"
    diff -u "$expected" "$work/actual" | head -40 | cat -v
  fi
done
# A request printed but refused by the server side fails even when its transcript was
# recorded that way.
refused=$(grep -l -- '^--- ws-handshake - (the server side) exits [^0]' "$here"/cases/*.expected)
if [ -n "$refused" ]; then
  failed=$((failed + 1))
  echo "FAIL: requests the server side refuses: $refused"
fi
echo "request: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
