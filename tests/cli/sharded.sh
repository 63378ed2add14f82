#!/usr/bin/env bash
# A stream of requests sharded with GNU parallel (--pipe, records ending at the empty line of a
# head) gives the same NDJSON as one --batch run, apart from the positions in the stream, which
# restart in each shard: `index`, `offset`, and the `line` and `offset` of fields, offers and
# diagnostics (columns are within a line and stay); `index` is renumbered with jq as the man
# page shows. The stream mixes
# accepted, refused, CRLF and LF-only heads, blank lines between heads and an oversized head,
# so that every way a head can end meets a shard boundary. Prints `sharded: ok` or the first
# difference.
#
# usage: tests/cli/sharded.sh WS_HANDSHAKE   (from the repository's root; needs parallel, jq)
set -euo pipefail
bin=$(cd "$(dirname "${1:?usage: sharded.sh WS_HANDSHAKE}")" && pwd)/$(basename "$1")
for tool in parallel jq; do
  command -v "$tool" > /dev/null || { echo "sharded: $tool is missing (apt-get install $tool)"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The stream: 3,000 requests in a repeating mix, about 1.3 MB, so that small blocks make many
# shards.
{
  for ((i = 0; i < 500; i++)); do
    cat samples/chromium.http samples/broken/version-8.http samples/node-ws.http
    printf '\r\n'
    cat samples/lf-line-endings.http samples/broken/missing-key.http samples/python-websockets.http
  done
} > "$work/stream.http"
if [ "$(grep -c . "$work/stream.http")" -lt 1000 ]; then
  echo "sharded: the stream was not built"
  exit 1
fi
"$bin" --batch -f json - < "$work/stream.http" 2> /dev/null > "$work/single.ndjson" || true
# Shards of about 64 KiB, in order (-k), each its own --batch run.
parallel --pipe -k --block 64K --recend '\r\n\r\n' "$bin" --batch -f json - \
  < "$work/stream.http" 2> /dev/null > "$work/sharded.ndjson" || true
shards=$(jq -c 'select(.index == 1)' "$work/sharded.ndjson" | wc -l)
if [ "$shards" -lt 10 ]; then
  echo "sharded: only $shards shard(s); the test needs many"
  exit 1
fi
normalise() {
  jq -c 'del(.index, .offset) | del(.. | .line?) | del(.diagnostics[]?.offset)' "$1"
}
if ! cmp -s <(normalise "$work/single.ndjson") <(normalise "$work/sharded.ndjson"); then
  echo "sharded: the merged shards differ from one run:"
  diff <(normalise "$work/single.ndjson") <(normalise "$work/sharded.ndjson") | head -5
  exit 1
fi
# `index` renumbered across shards as the man page shows equals one run's.
if ! cmp -s <(jq -c '.index' "$work/single.ndjson") \
  <(jq -c -n '[inputs] | to_entries[] | .key + 1' "$work/sharded.ndjson"); then
  echo "sharded: renumbered indexes differ"
  exit 1
fi
echo "sharded: ok ($(wc -l < "$work/single.ndjson") results, $shards shards)"
