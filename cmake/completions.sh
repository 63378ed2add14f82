#!/bin/sh
# usage: completions.sh WS_HANDSHAKE OUTDIR
# Writes ws-handshake's completions for bash (OUTDIR/ws-handshake), zsh (OUTDIR/_ws-handshake)
# and fish (OUTDIR/ws-handshake.fish) from what the built binary says of itself: its option
# table (`--dump-options`), each subcommand's description (the start of its --help) and
# the clients `verify --client` takes (`verify --list-clients`). cmake/completions.awk writes
# each script; the build runs this, so the scripts follow the option table and are never
# edited by hand.
set -eu
bin=$1
out=$2
here=$(dirname "$0")
tab=$(printf '\t')
mkdir -p "$out"
dump=$("$bin" --dump-options)
clients=$("$bin" verify --list-clients | awk '{ printf "%s%s", sep, $1; sep = " " }')
commands=
for command in $(printf '%s\n' "$dump" | cut -f1 | sed -n 's/^ws-handshake //p' | uniq); do
  # The first words of --help, up to a parenthesis, colon or comma.
  description=$("$bin" "$command" --help | head -n 1 | sed 's/ *[(:,].*//')
  commands="$commands$command$tab$description$tab"
done
for shell in bash zsh fish; do
  printf '%s\n' "$dump" |
    awk -F "$tab" -v shell="$shell" -v clients="$clients" -v commands="$commands" \
      -f "$here/completions.awk" >"$out/completion.$shell.tmp"
done
mv "$out/completion.bash.tmp" "$out/ws-handshake"
mv "$out/completion.zsh.tmp" "$out/_ws-handshake"
mv "$out/completion.fish.tmp" "$out/ws-handshake.fish"
