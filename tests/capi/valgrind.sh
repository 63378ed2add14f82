#!/usr/bin/env bash
# usage: valgrind.sh TEST_WEBSOCKET [HANDSHAKES]
# The C API's test under valgrind's memcheck: fails on any invalid read or write, use of
# uninitialised memory, or definite, indirect or possible leak. HANDSHAKES (default 10000)
# is how many handshakes the test's long run makes.
set -euo pipefail
export WSH_CAPI_HANDSHAKES=${2:-10000}
exec valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible \
  --track-origins=yes --quiet "$1"
