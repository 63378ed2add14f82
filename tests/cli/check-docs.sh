#!/usr/bin/env bash
# The man page is lint-clean and documents every option the binary declares and every
# diagnostic id; the README gives the same test command CI runs.
# The options come from `ws-handshake --dump-options`, the option table parsing and --help are
# built from: each must be in --help, and have its own entry in the man page's OPTIONS, whose
# tag (as mandoc renders it) names each of its spellings and its value (the value's name, its
# choices as `a|b`, or `[=VALUE]` for a value that can only be attached); each choice of a
# value must be named in OPTIONS too.
set -u
bin=${1:?usage: check-docs.sh path/to/ws-handshake path/to/mandoc}
mandoc=${2:-}
man=man/ws-handshake.1
passed=0
failed=0
fail() {
  failed=$((failed + 1))
  echo "FAIL: $1"
}
check() { if "${@:2}"; then passed=$((passed + 1)); else fail "$1"; fi; }

if [ -z "$mandoc" ] || [ ! -x "$mandoc" ]; then
  fail "mandoc is not installed (apt-get install mandoc); the man page cannot be checked"
  echo "docs: $passed passed, $failed failed"
  exit 1
fi
lint=$("$mandoc" -Tlint -W warning "$man" 2>&1)
check "mandoc -Tlint: $lint" test -z "$lint"

# A section of the man page as a reader sees it, without the overstrike of bold, and its tags
# (the lines at the first indent).
rendered=$("$mandoc" -Tutf8 -O width=200 "$man" | sed 's/.\x08//g')
section() { printf '%s\n' "$rendered" | awk -v name="$1" '$0 == name { on = 1; next } /^[A-Z]/ { on = 0 } on'; }
tags_of() { printf '%s\n' "$1" | grep -E '^       [^ ]' | sed 's/^ *//'; }
listing=$("$bin" --dump-options)
check "--dump-options lists nothing" test -n "$listing"

# A command's options are documented in OPTIONS (the default command's, and those every
# command shares) or in the section named after the command (VERIFY for `ws-handshake
# verify`); its --help shows each.
declare -A options_of help_of
options_of["ws-handshake"]=$(section OPTIONS)
help_of["ws-handshake"]=$("$bin" --help)
while IFS= read -r command; do
  [ "$command" = ws-handshake ] && continue
  word=${command#ws-handshake }
  upper=$(printf '%s' "$word" | tr '[:lower:]' '[:upper:]')
  own=$(section "$upper")
  check "$man: no $upper section for the command '$command'" test -n "$own"
  options_of["$command"]=$(printf '%s\n%s\n' "$own" "${options_of["ws-handshake"]}")
  help_of["$command"]=$("$bin" "$word" --help)
done < <(printf '%s\n' "$listing" | cut -f1 | sort -u)

# has_tag PATTERN: a tag line of the command's sections matches the extended regular
# expression PATTERN.
has_tag() { printf '%s\n' "$tags" | grep -qE -- "$1"; }
# quote TEXT: TEXT as a literal in an extended regular expression.
quote() { printf '%s' "$1" | sed 's/[][\.|$(){}?+*^]/\\&/g'; }

while IFS=$'\037' read -r command names value kind choices _; do
  options=${options_of["$command"]}
  help=${help_of["$command"]}
  tags=$(tags_of "$options")
  if [ "$kind" = operand ]; then
    check "$man: OPTIONS has no entry for $names" has_tag "^$(quote "$names")( |$)"
    continue
  fi
  IFS=, read -ra spellings <<<"$names"
  long=""
  for spelling in "${spellings[@]}"; do
    [[ $spelling == --* ]] && long=$spelling
    check "$man: no OPTIONS entry names $spelling" has_tag "(^|[ ,])$(quote "$spelling")([ ,[]|$)"
    check "--help does not show $spelling" grep -qE -- "(^|[ ,])$(quote "$spelling")([ ,[]|$)" <<<"$help"
  done
  if [ -n "$value" ]; then
    if [ "$kind" = attached ]; then
      forms="$(quote "$long[=$value]")"
    else
      forms="$(quote "$long $value")"
      [ -n "$choices" ] && forms="$forms|$(quote "$long ${choices//,/|}")"
    fi
    check "$man: the entry of $long shows neither $long $value nor its choices" has_tag "($forms)( |$)"
  fi
  IFS=, read -ra values <<<"$choices"
  for choice in "${values[@]}"; do
    check "$man: OPTIONS does not name $choice, a value of $long" grep -qw -- "$choice" <<<"$options"
  done
done < <(printf '%s\n' "$listing" | tr '\t' '\037')

for id in $("$bin" --list-diagnostics | cut -d' ' -f1); do
  escaped=${id//-/\\-}
  if grep -qF -- "$escaped" "$man" || grep -qwF -- "$id" "$man"; then
    passed=$((passed + 1))
  else
    fail "$man does not document the diagnostic $id"
  fi
done

# SERVERS names every profile --list-servers prints, with its version as printed there.
servers_section=$(section SERVERS | tr -s ' \n' '  ')
check "$man has no SERVERS section" test -n "$servers_section"
while read -r name library_and_version; do
  version=${library_and_version%%;*}
  check "$man: SERVERS does not name the server $name" grep -qwF -- "$name" <<<"$servers_section"
  check "$man: SERVERS does not give $name as \"$version\"" grep -qF -- "$version" <<<"$servers_section"
done < <("$bin" --list-servers)

if grep -qF "ctest --test-dir build --output-on-failure" README.md; then
  passed=$((passed + 1))
else
  fail "README.md lacks the test command"
fi

echo "docs: $passed passed, $failed failed"
[ "$failed" = 0 ]
