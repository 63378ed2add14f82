#!/usr/bin/env bash
# Measures ws-handshake against its floor (OpenSSL SHA-1 and base64 alone) and Boost.Beast and
# prints a report: every ratio from figures measured in this one run, PASS or MISS per target,
# then the raw numbers. It builds nothing; build first (bench/README.md):
#   cmake -S . -B build-bench -G Ninja -DWSH_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-bench
#   bench/run.sh build-bench
# Needs valgrind, hyperfine, time (/usr/bin/time) and /usr/bin/python3. Exits 0 whatever the
# figures, since it is a report and not a test; 2 when the build or a tool is missing.
set -euo pipefail

if [[ $# -ne 1 || ! -d $1 ]]; then
  echo "usage: bench/run.sh BUILD_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench_dir")
ws=$build/ws-handshake
bin=$build/bench
for program in "$ws" "$bin"/bench_{handshake,engine_loop,floor_loop,gen_requests,empty_main,empty_main_cxx}; do
  if [[ ! -x $program ]]; then
    echo "run.sh: $program is missing: configure with -DWSH_BUILD_BENCH=ON and build (bench/README.md)" >&2
    exit 2
  fi
done
for tool in valgrind hyperfine /usr/bin/time /usr/bin/python3; do
  if ! command -v "$tool" > /dev/null; then
    echo "run.sh: $tool is missing (apt-get install valgrind hyperfine time python3)" >&2
    exit 2
  fi
done

# The sizes of the measurements. The environment may shrink them for a quick try; the targets
# are judged on the defaults. WSH_BENCH_KEEP=1 keeps the working directory.
requests=${WSH_BENCH_REQUESTS:-200000}
batch_runs=${WSH_BENCH_BATCH_RUNS:-15}
callgrind_count=${WSH_BENCH_CALLGRIND_COUNT:-10000}
startup_runs=${WSH_BENCH_STARTUP_RUNS:-100}
stream_bytes=$((1 << 30))

work=$(mktemp -d)
if [[ -n ${WSH_BENCH_KEEP:-} ]]; then
  echo "run.sh: keeping $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi
raw=$work/raw.txt
note() { printf 'run.sh: %s\n' "$*" >&2; }
record() { printf '%s\n' "$*" >> "$raw"; }
# The instructions a command executes (callgrind's Ir), 0 when valgrind fails.
instructions() {
  local ir
  ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
    sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p')
  echo "${ir:-0}"
}

dirty=$(git -C "$root" status --porcelain -- src CMakeLists.txt bench 2> /dev/null | wc -l)
record "commit $(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown) uncommitted_paths $dirty"
record "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs | tr ' ' '_') cores $(nproc)"
record "loadavg_start $(cut -d' ' -f1-3 /proc/loadavg)"

note "generating $requests requests"
requests_file=$work/requests.http
"$bin/bench_gen_requests" "$requests" "$requests_file"
request_file_bytes=$(stat -c %s "$requests_file")
record "requests $requests bytes $request_file_bytes"

# 1. Batch, end to end: the CPU time of the whole process (reading, answering, writing).
note "batch: $batch_runs runs of ws-handshake --batch -f http over $requests requests"
cat "$requests_file" > /dev/null # into the page cache before the first run
# The same requests as NDJSON (-f json), runs interleaved with -f http so load drifts hit both.
note "batch: $batch_runs runs of ws-handshake --batch -f json over $requests requests"
# Both runs of a pair on one CPU (taskset, from util-linux), so that neither pays for moving
# between CPUs nor gets a different neighbour on a shared machine.
pin=()
if command -v taskset > /dev/null; then
  pin=(taskset -c 0)
fi
for ((run = 1; run <= batch_runs; run++)); do
  record "batch_run $(/usr/bin/python3 "$bench_dir/cpu-time.py" "${pin[@]}" "$ws" --batch -f http "$requests_file")"
  record "batch_json_run $(/usr/bin/python3 "$bench_dir/cpu-time.py" "${pin[@]}" "$ws" --batch -f json "$requests_file")"
done

# 2. In process: floor, naive floor, engine and Beast under Google Benchmark.
note "bench_handshake: 5 repetitions"
if ! "$bin/bench_handshake" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$work/gbench.json" --benchmark_out_format=json > "$work/gbench.txt" 2>&1; then
  note "bench_handshake failed:"
  cat "$work/gbench.txt" >&2
fi

# 3. Engine only: instructions per handshake, (Ir(2N) - Ir(N)) / N, so that startup cancels;
# begin_server_handshake for each request (fresh), and one ServerHandshake for all (reused).
for count in "$callgrind_count" "$((2 * callgrind_count))"; do
  note "callgrind: bench_engine_loop $count (fresh and reused), bench_floor_loop $count"
  record "callgrind engine $count $(instructions "$bin/bench_engine_loop" "$count" fresh)"
  record "callgrind engine_reused $count $(instructions "$bin/bench_engine_loop" "$count" reused)"
  record "callgrind floor $count $(instructions "$bin/bench_floor_loop" "$count")"
done

# The batch's instructions per request in each format, (Ir(2N) - Ir(N)) / N over the first
# requests of the same generator: the NDJSON ratio as contention cannot blur it.
for count in "$callgrind_count" "$((2 * callgrind_count))"; do
  "$bin/bench_gen_requests" "$count" "$work/requests-$count.http"
  note "callgrind: ws-handshake --batch -f http and -f json over $count requests"
  record "callgrind batch_http $count $(instructions "$ws" --batch -f http "$work/requests-$count.http")"
  record "callgrind batch_json $count $(instructions "$ws" --batch -f json "$work/requests-$count.http")"
  rm -f "$work/requests-$count.http"
done

# 4. Startup: one request answered, against an empty program built the same way (and,
# for reference, one that also loads libstdc++ as ws-handshake does), in one hyperfine run.
note "hyperfine: $startup_runs runs each"
hyperfine --shell=none --warmup 3 --runs "$startup_runs" --style none --export-json "$work/hyperfine.json" \
  --command-name ws-handshake "$ws $root/samples/chromium.http" \
  --command-name empty_main "$bin/bench_empty_main" \
  --command-name empty_main_cxx "$bin/bench_empty_main_cxx" > "$work/hyperfine.txt" 2>&1 ||
  { note "hyperfine failed:"; cat "$work/hyperfine.txt" >&2; }

# For reference: the instructions of each of those runs, which contention cannot blur.
record "startup_ir ws-handshake $(instructions "$ws" "$root/samples/chromium.http")"
record "startup_ir empty_main $(instructions "$bin/bench_empty_main")"
record "startup_ir empty_main_cxx $(instructions "$bin/bench_empty_main_cxx")"

# 5. Peak memory on a stream of at least 1 GiB of whole copies of the requests, through a pipe
# so that no such file is written.
copies=$(((stream_bytes + request_file_bytes - 1) / request_file_bytes))
record "stream copies $copies bytes $((copies * request_file_bytes)) requests $((copies * requests))"
note "peak RSS: $copies copies ($((copies * request_file_bytes)) bytes) through a pipe"
for ((copy = 0; copy < copies; copy++)); do cat "$requests_file"; done |
  /usr/bin/time -o "$work/stream-time.txt" -v "$ws" --batch -f http - > /dev/null 2> /dev/null || true

record "loadavg_end $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$bench_dir/report.py" "$work" || note "report.py failed"
exit 0
