#!/usr/bin/env bash
# usage: check-deb.sh [BUILD_DIR]   (as root on Debian 12, from the repository's root)
# Builds the Debian packages as a release would (a Release build installed under /usr, then
# `cpack -G DEB`), runs lintian on them, installs them with apt-get, checks that
# `man ws-handshake`, `man ws-handshake-api`, `pkg-config --cflags --libs ws-handshake` and a
# program built with it work, then removes them again. Changes the system: CI only.
# Exit status 0 when every step passes; lintian's tags are printed, and any error or warning
# not listed in ACCEPTED below fails.
set -euo pipefail
build=${1:-build-deb}
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root: apt-get installs the packages"

# Warnings explained rather than fixed. CPack (3.25) writes a postinst and a postrm that run
# ldconfig for any package with a library under /usr/lib, and offers no way to leave them out
# but replacing them; the package also has the ldconfig trigger, so the calls are redundant
# and harmless.
accepted=(
  "W: libws-handshake1: maintscript-calls-ldconfig [postinst]"
  "W: libws-handshake1: maintscript-calls-ldconfig [postrm]"
)

rm -rf "$build"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DWSH_BUILD_TESTS=OFF > /dev/null
cmake --build "$build" -j2 > "$build/build.log" 2>&1 || { tail -20 "$build/build.log"; fail "build"; }
(cd "$build" && cpack -G DEB > cpack.log) || { cat "$build/cpack.log"; fail "cpack"; }
mapfile -t debs < <(realpath "$build"/*.deb)
[ "${#debs[@]}" = 3 ] || fail "expected 3 packages, got: ${debs[*]}"
for deb in "${debs[@]}"; do
  echo "== $(basename "$deb")"
  dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Depends\|Section\|Installed-Size\):/  &/p'
done

echo "== lintian"
lintian_out=$(lintian --tag-display-limit 0 --display-info "${debs[@]}" 2>&1 || true)
echo "$lintian_out"
unexplained=$(echo "$lintian_out" | grep -E '^[EW]: ' | grep -vxFf <(printf '%s\n' "${accepted[@]}") || true)
[ -z "$unexplained" ] || fail "lintian errors or warnings not accounted for:
$unexplained"

echo "== apt-get install"
apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${debs[@]}" > "$build/apt-install.log" 2>&1 ||
  { cat "$build/apt-install.log"; fail "apt-get install"; }
trap 'apt-get purge -y -qq -o DPkg::Lock::Timeout=600 ws-handshake libws-handshake-dev libws-handshake1 > /dev/null' EXIT
[ "$(command -v ws-handshake)" = /usr/bin/ws-handshake ] || fail "ws-handshake is not on PATH"
ws-handshake -q samples/rfc6455-example.http || fail "ws-handshake on the RFC's example"
for page in ws-handshake ws-handshake-api; do
  MANWIDTH=80 man "$page" 2> /dev/null | grep -q . || fail "man $page shows nothing"
done
# The completions load from where each shell looks for a package's: bash-completion's
# directory (sourced as bash-completion would), zsh's site-functions, fish's vendor directory.
bash -c 'source /usr/share/bash-completion/completions/ws-handshake && complete -p ws-handshake' \
  > /dev/null || fail "the bash completion does not load"
for file in /usr/share/zsh/vendor-completions/_ws-handshake \
  /usr/share/fish/vendor_completions.d/ws-handshake.fish; do
  [ -s "$file" ] || fail "$file is not installed"
done
if command -v zsh > /dev/null; then
  zsh -n /usr/share/zsh/vendor-completions/_ws-handshake || fail "zsh cannot parse _ws-handshake"
fi
if command -v fish > /dev/null; then
  fish -c 'source /usr/share/fish/vendor_completions.d/ws-handshake.fish; complete -C "ws-handshake --ser"' |
    grep -q -- --server || fail "the fish completion does not complete --server"
fi
flags=$(pkg-config --cflags --libs ws-handshake) || fail "pkg-config ws-handshake"
echo "pkg-config --cflags --libs ws-handshake: $flags"
work=$(mktemp -d)
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -pedantic -Werror tests/capi/consumer/main.c -o "$work/consumer" $flags
"$work/consumer" > /dev/null || fail "a program built with pkg-config"
rm -rf "$work"
echo "the packages install, work and are removed again"
