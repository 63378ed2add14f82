#!/usr/bin/env bash
# Validates ws-handshake's -f sarif output with a real SARIF consumer: Microsoft's SARIF
# multitool (npm @microsoft/sarif-multitool, test-only, installed as locked here), which checks
# a log against the SARIF 2.1.0 schema and its own rules. A single request, a batch with every
# severity, and verify's two inputs. Prints `sarif: N passed, N failed`.
#
# usage: tests/sarif/check.sh WS_HANDSHAKE   (from the repository's root)
set -u
bin=$(cd "$(dirname "${1:?usage: check.sh WS_HANDSHAKE}")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$here/node_modules/.package-lock.json" ] ||
   [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && timeout 600 npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi
tool=$here/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
chmod u+x "$tool"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {
  local name=$1
  shift
  "$bin" "$@" > "$work/$name.sarif" 2> /dev/null
  # The multitool writes its findings (schema violations JSON1xxx, rule violations SARIFnnnn)
  # to a SARIF log of its own: any of level error fails the check; warnings are printed.
  if [ -s "$work/$name.sarif" ] &&
     DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 timeout 120 "$tool" validate "$work/$name.sarif" \
       --output "$work/$name.validation.sarif" --log ForceOverwrite > "$work/$name.log" 2>&1 &&
     /usr/bin/python3 - "$work/$name.validation.sarif" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0].get("results", [])
for result in results:
    print(f"  {result.get('level', 'warning')} {result['ruleId']}: {result['message'].get('text', '')}")
sys.exit(1 if any(r.get("level") == "error" for r in results) else 0)
PY
  then
    passed=$((passed + 1))
    echo "ok: $name"
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
    cat "$work/$name.log"
  fi
}
check single -f sarif samples/broken/version-8.http
check batch -f sarif --batch -p chat samples/batch/mixed-stream.http
check har -f sarif --har samples/har/chromium-websockets.har
check verify verify -f sarif --request samples/exchange/wrong-accept.request.http \
  samples/exchange/wrong-accept.response.http
echo "sarif: $passed passed, $failed failed"
[ "$failed" = 0 ]
