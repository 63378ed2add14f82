#!/usr/bin/env bash
# Golden tests: runs ws-handshake on every case in every output format and compares a
# transcript (stdout, stderr, exit status) byte for byte with cases/NAME.expected.
# A case is cases/NAME.args: the arguments, one per line (so they need no quoting), after an
# optional first line `#formats F...` that replaces the three formats.
# UPDATE_GOLDEN=1 rewrites the expected files instead, for review with `git diff`.
set -u
bin=${1:?usage: run.sh path/to/ws-handshake}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A case whose arguments start with a subcommand (verify) gets -f after it.
transcript() {
  local format=$1
  shift
  local status=0
  local command=()
  if [ "${1:-}" = verify ]; then
    command=(verify)
    shift
  fi
  "$bin" "${command[@]}" -f "$format" --color never "$@" >"$work/out" 2>"$work/err" </dev/null ||
    status=$?
  printf '$ ws-handshake'
  [ ${#command[@]} -gt 0 ] && printf ' %s' "${command[@]}"
  printf ' -f %s' "$format"
  printf ' %q' "$@"
  printf '\n--- stdout\n'
  cat "$work/out"
  printf '\n--- stderr\n'
  cat "$work/err"
  printf '\n--- exit %d\n' "$status"
}

passed=0
failed=0
for args_file in "$here"/cases/*.args; do
  name=$(basename "$args_file" .args)
  mapfile -t args <"$args_file"
  # A first line `#formats F...` names the formats to run instead of text, http and json.
  case_formats=()
  if [[ ${args[0]:-} == "#formats "* ]]; then
    read -ra case_formats <<<"${args[0]#\#formats }"
    args=("${args[@]:1}")
  fi
  expected="$here/cases/$name.expected"
  {
    formats=(text http json)
    [ "${args[0]:-}" = verify ] && formats=(text json)
    [ ${#case_formats[@]} -gt 0 ] && formats=("${case_formats[@]}")
    for format in "${formats[@]}"; do
      transcript "$format" "${args[@]}"
    done
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
echo "golden: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
