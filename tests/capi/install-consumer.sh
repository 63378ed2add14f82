#!/usr/bin/env bash
# usage: install-consumer.sh BUILD_DIR C_COMPILER cmake|pkg-config
# Installs BUILD_DIR into a fresh prefix (`cmake --install --prefix`), checks what landed
# where, then builds consumer/main.c against that install as a user would and runs it: with
# CMake's find_package(ws-handshake), shared and static (`cmake`), or with pkg-config and the
# compiler (`pkg-config`; exit status 77, skipped, when pkg-config is not installed).
set -euo pipefail
build=$1
cc=$2
mode=$3
if [ "$mode" = pkg-config ] && ! command -v pkg-config > /dev/null; then
  echo "SKIP: pkg-config is not installed (apt-get install pkg-config)"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" > "$work/install.log"
libdir=$(dirname "$(find "$prefix" -name libws-handshake.so.1 -print -quit)")
[ -n "$libdir" ] || fail "no libws-handshake.so.1 under $prefix"
for file in bin/ws-handshake share/man/man1/ws-handshake.1.gz share/man/man3/ws-handshake-api.3.gz \
            include/ws-handshake/websocket.h; do
  [ -f "$prefix/$file" ] || fail "$file is not installed"
done
for file in libws-handshake.so libws-handshake.a pkgconfig/ws-handshake.pc \
            cmake/ws-handshake/ws-handshakeConfig.cmake \
            cmake/ws-handshake/ws-handshakeConfigVersion.cmake; do
  [ -e "$libdir/$file" ] || fail "$libdir/$file is not installed"
done
soname=$(readelf -d "$libdir/libws-handshake.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = libws-handshake.so.1 ] || fail "SONAME is '$soname'"
exported=$(nm -D --defined-only "$libdir/libws-handshake.so" | awk '$2 == "T" {print $3}' |
           grep -cv '^WebSocket[A-Za-z]*@@WS_HANDSHAKE_1$' || true)
[ "$exported" = 0 ] || fail "the library exports symbols other than WebSocket*"
if command -v man > /dev/null; then
  man_found=$(MANPATH="$prefix/share/man" man -w ws-handshake-api 2>/dev/null || true)
  [ "$man_found" = "$prefix/share/man/man3/ws-handshake-api.3.gz" ] ||
    fail "man -w ws-handshake-api finds '$man_found'"
fi
echo "installed: $(cd "$prefix" && find . -type f -o -type l | sort | tr '\n' ' ')"

if [ "$mode" = pkg-config ]; then
  export PKG_CONFIG_PATH=$libdir/pkgconfig
  flags=$(pkg-config --cflags --libs ws-handshake)
  echo "pkg-config --cflags --libs ws-handshake: $flags"
  # shellcheck disable=SC2086
  "$cc" -std=c11 -Wall -Wextra -pedantic -Werror "$here/consumer/main.c" -o "$work/with-pkg-config" $flags
  LD_LIBRARY_PATH=$libdir "$work/with-pkg-config" > "$work/out.txt" || fail "the pkg-config build failed"
  grep -q 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' "$work/out.txt" || fail "unexpected output"
  readelf -d "$work/with-pkg-config" | grep -q 'libws-handshake.so.1' || fail "not linked to the .so"
  echo "built and ran the consumer with pkg-config"
  exit 0
fi

cmake -S "$here/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="-std=c11 -Wall -Wextra -pedantic -Werror" \
  > "$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "find_package(ws-handshake) failed"; }
cmake --build "$work/consumer" > "$work/consumer-build.log" 2>&1 ||
  { cat "$work/consumer-build.log"; fail "the find_package build failed"; }
"$work/consumer/consumer_shared" > /dev/null || fail "consumer_shared failed"
"$work/consumer/consumer_static" > /dev/null || fail "consumer_static failed"
readelf -d "$work/consumer/consumer_static" | grep -q 'libws-handshake' &&
  fail "consumer_static loads libws-handshake"
echo "built and ran the consumer with find_package, shared and static"
