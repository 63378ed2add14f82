#!/usr/bin/env bash
# The man page is lint-clean and documents every option in --help and every diagnostic id;
# the README gives the same test command CI runs.
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

if [ -z "$mandoc" ] || [ ! -x "$mandoc" ]; then
  fail "mandoc is not installed (apt-get install mandoc); the man page cannot be linted"
else
  lint=$("$mandoc" -Tlint -W warning "$man" 2>&1)
  if [ -z "$lint" ]; then passed=$((passed + 1)); else fail "mandoc -Tlint: $lint"; fi
fi

for option in $("$bin" --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
  escaped=${option//-/\\-}
  if grep -qF -- "$escaped" "$man"; then
    passed=$((passed + 1))
  else
    fail "$man does not document $option"
  fi
done

for id in $("$bin" --list-diagnostics | cut -d' ' -f1); do
  escaped=${id//-/\\-}
  if grep -qF -- "$escaped" "$man" || grep -qwF -- "$id" "$man"; then
    passed=$((passed + 1))
  else
    fail "$man does not document the diagnostic $id"
  fi
done

if grep -qF "ctest --test-dir build --output-on-failure" README.md; then
  passed=$((passed + 1))
else
  fail "README.md lacks the test command"
fi

echo "docs: $passed passed, $failed failed"
[ "$failed" = 0 ]
