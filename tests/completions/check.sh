#!/usr/bin/env bash
# usage: check.sh DIR   (DIR holds the generated ws-handshake, _ws-handshake, ws-handshake.fish)
# Each completion loads in its shell, and completes a subcommand, an option, an option's value
# (from a list of choices, from --list-clients, after `=`), a comma-separated list and a file:
# bash by calling the function with COMP_WORDS as bash does, zsh through an interactive zsh
# with compinit in a clean HOME (zsh-complete.zsh), fish with `complete -C`. The shells that are
# installed are checked; when one is missing and nothing failed, the exit status is 77 (skipped)
# and the output says which (.ci/run installs zsh and fish).
set -u
dir=$(cd "${1:?usage: check.sh DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
missing=()
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*"
}
# expect SHELL LINE WORD GOT: GOT (the candidates, space-separated) holds WORD; a directory
# may come with or without its slash (bash's readline adds it after the function).
expect() {
  local got=" ${4//\// } " word=${3%/}
  if [[ $got == *" $word "* ]]; then pass; else fail "$1: '$2' should offer '$3'; got: $4"; fi
}
# refuse SHELL LINE WORD GOT: GOT does not hold WORD.
refuse() {
  if [[ " $4 " == *" $3 "* ]]; then fail "$1: '$2' should not offer '$3'; got: $4"; else pass; fi
}

# Files to complete, in a directory of their own.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/captures"
touch "$work/captures/request.http" "$work/response.http"
cd "$work" || exit 1

# The cases: a line as typed (the cursor at its end), a word it must offer, and for some a word
# it must not.
cases=(
  "ws-handshake ve|verify"
  "ws-handshake req|request"
  "ws-handshake resp|response.http"
  "ws-handshake --for|--format"
  "ws-handshake --format j|json"
  "ws-handshake -f sa|sarif"
  "ws-handshake --fail-on w|warning"
  "ws-handshake verify --cl|--client"
  "ws-handshake verify --client chr|chromium"
  "ws-handshake verify --client rfc,no|rfc,node-ws"
  "ws-handshake verify --request capt|captures/"
  "ws-handshake request --li|--like"
  "ws-handshake request --like py|python-websockets"
  "ws-handshake request -|--header|--batch"
  "ws-handshake request resp||response.http"
)

# bash: COMP_WORDS split as bash splits them (COMP_WORDBREAKS cuts at `=`).
if command -v bash >/dev/null; then
  registered=$(bash --norc -c "source '$dir/ws-handshake' && complete -p ws-handshake" 2>&1)
  if [ "$registered" = "complete -F _ws_handshake ws-handshake" ]; then pass; else
    fail "bash: complete -p ws-handshake says: $registered"
  fi
  bash_complete() {
    bash --norc -c '
      source "$1"; shift
      COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
      _ws_handshake; printf "%s\n" "${COMPREPLY[@]}"' complete "$dir/ws-handshake" "$@" |
      tr '\n' ' '
  }
  for case in "${cases[@]}"; do
    IFS='|' read -r line wanted unwanted <<<"$case"
    read -ra typed <<<"$line"
    [[ $line == *" " ]] && typed+=("")
    got=$(bash_complete "${typed[@]}")
    [ -n "$wanted" ] && expect bash "$line" "$wanted" "$got"
    [ -n "$unwanted" ] && refuse bash "$line" "$unwanted" "$got"
  done
  got=$(bash_complete ws-handshake --format = "")
  expect bash "ws-handshake --format=" json "$got"
  got=$(bash_complete ws-handshake --redact = "")
  expect bash "ws-handshake --redact=" key "$got"
else
  missing+=(bash)
fi

# zsh: one interactive shell for every case.
if command -v zsh >/dev/null; then
  lines=()
  for case in "${cases[@]}"; do lines+=("${case%%|*}"); done
  mapfile -t answers < <(zsh -f "$here/zsh-complete.zsh" "$dir" "${lines[@]}" 2>&1)
  if [ "${answers[0]:-}" = "compinit	_ws-handshake" ]; then pass; else
    fail "zsh: compinit did not load _ws-handshake: ${answers[*]}"
  fi
  for i in "${!cases[@]}"; do
    IFS='|' read -r line wanted unwanted <<<"${cases[$i]}"
    answer=${answers[$((i + 1))]:-}
    got=${answer#*$'\t'}
    # zsh lists the word being completed, after a comma only what follows the comma.
    wanted=${wanted##*,}
    [ -n "$wanted" ] && expect zsh "$line" "$wanted" "$got"
    [ -n "$unwanted" ] && refuse zsh "$line" "$unwanted" "$got"
  done
else
  missing+=(zsh)
fi

# fish: the script parses (fish -n), then complete -C answers each line.
if command -v fish >/dev/null; then
  if fish -n "$dir/ws-handshake.fish" 2>/dev/null; then pass; else fail "fish -n: $(fish -n "$dir/ws-handshake.fish" 2>&1)"; fi
  for case in "${cases[@]}"; do
    IFS='|' read -r line wanted unwanted <<<"$case"
    got=$(HOME="$work" fish --no-config -c "source '$dir/ws-handshake.fish'; complete -C '$line'" 2>&1 |
      cut -f1 | tr '\n' ' ')
    [ -n "$wanted" ] && expect fish "$line" "$wanted" "$got"
    [ -n "$unwanted" ] && refuse fish "$line" "$unwanted" "$got"
  done
else
  missing+=(fish)
fi

echo "completions: $passed passed, $failed failed"
[ "$failed" = 0 ] || exit 1
if [ ${#missing[@]} -gt 0 ]; then
  if [ -n "${WSH_NO_SKIP:-}" ]; then
    echo "FAIL: not installed: ${missing[*]} (WSH_NO_SKIP is set: CI installs everything)"
    exit 1
  fi
  echo "SKIP: not installed: ${missing[*]} (apt-get install ${missing[*]})"
  exit 77
fi
