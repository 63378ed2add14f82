#!/usr/bin/python3
"""Prints bench/run.sh's report from the files it left in WORK_DIR: raw.txt (one measurement a
line), gbench.json (Google Benchmark), hyperfine.json and stream-time.txt (/usr/bin/time -v).

Every figure README.md and bench/README.md quote is printed here, with the machine it was
measured on (CPU model and the instruction-set flags the code and OpenSSL use, kernel,
distribution, the versions of the compiler and libraries), so the READMEs copy them from a
report instead of typing or deriving them. It runs right after the measurements, on the same
machine: what raw.txt does not record (CPU flags, kernel, packages) is read here."""

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

work = Path(sys.argv[1])
raw_lines = [line.split() for line in (work / "raw.txt").read_text().splitlines() if line.strip()]


def raw(key):
    """The fields of the first raw line named `key`, or None."""
    return next((fields[1:] for fields in raw_lines if fields[0] == key), None)


def load_json(name):
    path = work / name
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


# Batch: CPU seconds (user + system) of each run, median, per handshake.
requests = int(raw("requests")[0])
batch_runs = [fields[1:] for fields in raw_lines if fields[0] == "batch_run"]
batch_cpu = [float(user) + float(system) for user, system, _ in batch_runs]
batch_statuses = sorted({int(status) for _, _, status in batch_runs})
batch_ns = statistics.median(batch_cpu) / requests * 1e9 if batch_cpu else None
batch_json_cpu = [float(user) + float(system)
                  for fields in raw_lines if fields[0] == "batch_json_run"
                  for user, system, _ in [fields[1:]]]
batch_json_ns = statistics.median(batch_json_cpu) / requests * 1e9 if batch_json_cpu else None
# Each json run follows an http run at once, so the ratio within each pair is the least touched
# by load that comes and goes over the minutes of the run; their median is the figure judged.
json_pair_ratios = [json / http for http, json in zip(batch_cpu, batch_json_cpu) if http > 0]
json_pair_ratio = statistics.median(json_pair_ratios) if json_pair_ratios else None

# Google Benchmark: the median CPU time of each benchmark, in ns.
gbench = {}
gbench_doc = load_json("gbench.json")
for entry in gbench_doc["benchmarks"] if gbench_doc else []:
    if entry.get("aggregate_name") == "median" and not entry.get("error_occurred"):
        scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[entry["time_unit"]]
        gbench[entry["run_name"]] = (entry["cpu_time"] * scale, entry["real_time"] * scale)
floor_ns = gbench.get("BM_Floor", (None,))[0]
naive_ns = gbench.get("BM_FloorNaive", (None,))[0]
engine_ns = gbench.get("BM_Engine", (None,))[0]
engine_reused_ns = gbench.get("BM_EngineReused", (None,))[0]
beast_ns = gbench.get("BM_Beast", (None,))[0]

# Callgrind: (Ir(2N) - Ir(N)) / N.
instructions = {}
for fields in raw_lines:
    if fields[0] == "callgrind":
        instructions.setdefault(fields[1], []).append((int(fields[2]), int(fields[3])))


def per_handshake(program):
    counts = sorted(instructions.get(program, []))
    if len(counts) != 2 or 0 in (counts[0][1], counts[1][1]):
        return None
    (n, ir_n), (n2, ir_2n) = counts
    return (ir_2n - ir_n) / (n2 - n)


engine_ir = per_handshake("engine")
batch_http_ir = per_handshake("batch_http")
batch_json_ir = per_handshake("batch_json")
engine_reused_ir = per_handshake("engine_reused")
floor_ir = per_handshake("floor")

# Hyperfine: median wall time of each command, in ms.
startup = {}
hyperfine_doc = load_json("hyperfine.json")
for result in hyperfine_doc["results"] if hyperfine_doc else []:
    startup[result["command"]] = result
startup_ms = {name: result["median"] * 1e3 for name, result in startup.items()}
startup_cpu_ms = {name: (result["user"] + result["system"]) * 1e3 for name, result in startup.items()}

startup_ir = {fields[1]: int(fields[2]) for fields in raw_lines if fields[0] == "startup_ir"}

# The 1 GiB stream: /usr/bin/time -v.
stream_time = {}
try:
    for line in (work / "stream-time.txt").read_text().splitlines():
        name, _, value = line.strip().rpartition(": ")
        stream_time[name] = value
except OSError:
    pass
rss_kib = int(stream_time["Maximum resident set size (kbytes)"]) if stream_time else None
stream = raw("stream")  # copies N bytes B requests R
stream_requests = int(stream[5]) if stream else None


# The measurement sizes run.sh uses unless told otherwise; a smaller run is only a quick check.
DEFAULT_SIZES = {"requests": 200_000, "callgrind N": 10_000, "startup runs": 100}

# CPU flags that decide which code runs: SSE2 and AVX2 in the parser and the stream cutter,
# SSSE3/AVX/AVX2/SHA-NI/AVX-512 in OpenSSL's SHA-1.
CPU_FLAGS = ["sse2", "ssse3", "sse4_2", "avx", "avx2", "bmi2", "sha_ni", "avx512f"]


def cpu_flags():
    """The flags of CPU_FLAGS this machine has: raw.txt's cpu_flags line when run.sh recorded
    one, else /proc/cpuinfo (the report runs on the machine that measured)."""
    recorded = raw("cpu_flags")
    if recorded is None:
        try:
            with open("/proc/cpuinfo") as cpuinfo:
                recorded = next((line.split(":", 1)[1].split() for line in cpuinfo
                                 if line.startswith("flags")), [])
        except OSError:
            recorded = []
    return {flag: flag in recorded for flag in CPU_FLAGS}


def distribution():
    try:
        with open("/etc/os-release") as release:
            for line in release:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return "unknown distribution"


def package_versions():
    """The Debian packages the benchmark is built and measured with, as installed now."""
    names = ["g++", "libssl-dev", "libboost-dev", "libbenchmark-dev", "valgrind", "hyperfine"]
    try:
        listed = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}\n", *names],
                                capture_output=True, text=True, check=False).stdout
    except OSError:
        return "dpkg-query not available"
    return ", ".join(line for line in listed.splitlines() if line.strip()) or "not found"


def ratio(numerator, denominator):
    return numerator / denominator if numerator is not None and denominator else None


def verdict(value, passes):
    return "n/a" if value is None else ("PASS" if passes(value) else "MISS")


def show(value, unit="", digits=0):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{unit}"


rows = []  # (figure, measured, compared with, ratio, target, verdict)
batch_floor = ratio(batch_ns, floor_ns)
rows.append(("batch end to end: CPU per handshake", show(batch_ns, " ns"),
             f"floor {show(floor_ns, ' ns', 1)}", show(batch_floor, "x", 2),
             "<= 4x (aim 2.5x)", verdict(batch_floor, lambda r: r <= 4)))
rows.append(("batch -f json (NDJSON) vs -f http", show(batch_json_ns, " ns"),
             f"http {show(batch_ns, ' ns')}", show(json_pair_ratio, "x", 2), "<= 2x",
             verdict(json_pair_ratio, lambda r: r <= 2)))
beast_batch = ratio(beast_ns, batch_ns)
rows.append(("Boost.Beast vs batch", f"Beast {show(beast_ns, ' ns')}",
             f"batch {show(batch_ns, ' ns')}", show(beast_batch, "x", 2), ">= 10x",
             verdict(beast_batch, lambda r: r >= 10)))
rows.append(("engine only: instructions/handshake", show(engine_ir),
             f"floor {show(floor_ir)}", show(ratio(engine_ir, floor_ir), "x", 2), "< 5,000",
             verdict(engine_ir, lambda ir: ir < 5000)))
rows.append(("  the same, one ServerHandshake reused", show(engine_reused_ir),
             f"floor {show(floor_ir)}", show(ratio(engine_reused_ir, floor_ir), "x", 2), "< 5,000",
             verdict(engine_reused_ir, lambda ir: ir < 5000)))
startup_ratio = ratio(startup_ms.get("ws-handshake"), startup_ms.get("empty_main"))
rows.append(("startup: median wall time", show(startup_ms.get("ws-handshake"), " ms", 3),
             f"empty {show(startup_ms.get('empty_main'), ' ms', 3)}", show(startup_ratio, "x", 2),
             "<= 2x", verdict(startup_ratio, lambda r: r <= 2)))
# The same target on the two measures a busy machine blurs less: a wall-time PASS is not
# quoted alone when these say otherwise.
startup_cpu_ratio = ratio(startup_cpu_ms.get("ws-handshake"), startup_cpu_ms.get("empty_main"))
rows.append(("  the same in CPU time (hyperfine's mean)",
             show(startup_cpu_ms.get("ws-handshake"), " ms", 3),
             f"empty {show(startup_cpu_ms.get('empty_main'), ' ms', 3)}",
             show(startup_cpu_ratio, "x", 2), "<= 2x", verdict(startup_cpu_ratio, lambda r: r <= 2)))
startup_ir_ratio = ratio(startup_ir.get("ws-handshake"), startup_ir.get("empty_main"))
rows.append(("  the same in instructions (callgrind)", show(startup_ir.get("ws-handshake")),
             f"empty {show(startup_ir.get('empty_main'))}", show(startup_ir_ratio, "x", 2),
             "<= 2x", verdict(startup_ir_ratio, lambda r: r <= 2)))
rss_mib = rss_kib / 1024 if rss_kib is not None else None
rows.append(("peak RSS, batch over a 1 GiB stream", show(rss_mib, " MiB", 1),
             f"{stream_requests:,} requests" if stream else "", "", "< 16 MiB",
             verdict(rss_mib, lambda mib: mib < 16)))

header = ("figure", "measured", "compared with", "ratio", "target", "verdict")
widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]


def print_row(row):
    print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())


commit = raw("commit")
flags = cpu_flags()
callgrind_n = min((count for counts in instructions.values() for count, _ in counts), default=None)
startup_runs = len(startup["ws-handshake"]["times"]) if "ws-handshake" in startup else None
sizes = {"requests": requests, "callgrind N": callgrind_n, "startup runs": startup_runs}
print(f"ws-handshake benchmark report: commit {commit[0]} ({commit[2]} uncommitted paths in src/, "
      f"bench/, CMakeLists.txt)")
print(f"machine: {raw('cpu')[0].replace('_', ' ')}, {raw('cpu')[2]} cores; Linux {os.uname().release}; "
      f"{distribution()}")
print("cpu flags: " + ", ".join(f"{flag} {'yes' if present else 'no'}" for flag, present in flags.items())
      + " (valgrind runs the code without sha_ni and avx512f)")
print(f"packages: {package_versions()}")
print(f"load average {' '.join(raw('loadavg_start'))} at start, "
      f"{' '.join(raw('loadavg_end') or ['?'])} at end")
print("sizes: " + ", ".join(f"{name} {show(value)}" for name, value in sizes.items()) +
      f", {len(batch_runs)} batch runs")
print()
print_row(header)
print_row(tuple("-" * width for width in widths))
for row in rows:
    print_row(row)

print()
print("for reference (not targets):")
stream_cpu = None
batch_sys = [float(system) for _, system, _ in batch_runs]
batch_sys_ns = statistics.median(batch_sys) / requests * 1e9 if batch_sys else None
startup_share = (100 * startup_cpu_ms["ws-handshake"] / 1e3 / statistics.median(batch_cpu)
                 if "ws-handshake" in startup_cpu_ms and batch_cpu else None)
if stream_time and stream:
    stream_cpu = float(stream_time["User time (seconds)"]) + float(stream_time["System time (seconds)"])
reference = [
    ("engine in process (BM_Engine)", show(engine_ns, " ns"),
     f"{show(ratio(engine_ns, floor_ns), 'x', 2)} the floor; Beast is {show(ratio(beast_ns, engine_ns), 'x', 2)} it"),
    ("engine reused in process (BM_EngineReused)", show(engine_reused_ns, " ns"),
     f"{show(ratio(engine_reused_ns, floor_ns), 'x', 2)} the floor; Beast is {show(ratio(beast_ns, engine_reused_ns), 'x', 2)} it"),
    ("one-shot SHA1() floor (BM_FloorNaive)", show(naive_ns, " ns", 1),
     f"{show(ratio(naive_ns, floor_ns), 'x', 2)} BM_Floor: OpenSSL 3 fetches SHA-1 on every call"),
    ("startup vs an empty program loading libstdc++",
     show(startup_ms.get("empty_main_cxx"), " ms", 3),
     f"ws-handshake is {show(ratio(startup_ms.get('ws-handshake'), startup_ms.get('empty_main_cxx')), 'x', 2)} it"),
    ("the same, in instructions (callgrind)", show(startup_ir.get("empty_main_cxx")),
     f"ws-handshake is {show(ratio(startup_ir.get('ws-handshake'), startup_ir.get('empty_main_cxx')), 'x', 2)} it"),
    ("NDJSON vs http, ratio of the two medians", show(ratio(batch_json_ns, batch_ns), "x", 2),
     "the judged figure is the median of the ratios within each interleaved pair"),
    ("NDJSON vs http, instructions per request", show(batch_json_ir),
     f"http {show(batch_http_ir)}: {show(ratio(batch_json_ir, batch_http_ir), 'x', 2)} (callgrind)"),
    ("batch over the 1 GiB stream, CPU per handshake",
     show(stream_cpu / stream_requests * 1e9 if stream_cpu is not None and stream_requests else None, " ns"),
     f"wall {stream_time.get('Elapsed (wall clock) time (h:mm:ss or m:ss)', 'n/a')}"),
    ("batch system time per handshake", show(batch_sys_ns, " ns"),
     f"{show(ratio(batch_sys_ns, batch_ns) and 100 * ratio(batch_sys_ns, batch_ns), '%')} of the batch's CPU: "
     "mostly the kernel copying the file into the read buffer"),
    ("one startup within a batch run", show(startup_cpu_ms.get("ws-handshake"), " ms", 3),
     f"{show(startup_share, '%', 1)} of the median batch run's CPU time"),
]
needs = [
    ("batch at 4x the floor", show(4 * floor_ns if floor_ns else None, " ns"),
     f"the batch measures {show(batch_ns, ' ns')}"),
    ("batch at 10x faster than Beast", show(beast_ns / 10 if beast_ns else None, " ns"),
     f"{show(ratio(beast_ns and beast_ns / 10, floor_ns), 'x', 2)} the floor, "
     f"{show(beast_ns / 10 - floor_ns if beast_ns and floor_ns else None, ' ns')} above it"),
    ("engine under 5,000 instructions, reused", show(engine_reused_ir - 5000 if engine_reused_ir else None),
     "instructions to cut per handshake (negative: already under)"),
    ("engine under 5,000 instructions, fresh", show(engine_ir - 5000 if engine_ir else None),
     "instructions to cut per handshake (negative: already under)"),
]
ref_widths = [max(len(row[i]) for row in reference + needs) for i in range(2)]
for name, value, comment in reference:
    print(f"  {name.ljust(ref_widths[0])}  {value.ljust(ref_widths[1])}  {comment}")
print()
print("what the targets ask for, from the figures above:")
for name, value, comment in needs:
    print(f"  {name.ljust(ref_widths[0])}  {value.ljust(ref_widths[1])}  {comment}")

warnings = []
if batch_statuses != [0]:
    warnings.append(f"ws-handshake --batch exited with {batch_statuses}: not every request was accepted")
if not gbench_doc or len(gbench) < 5:
    warnings.append("bench_handshake failed or a benchmark reported an error (see above)")
if stream_time.get("Exit status", "0") != "0":
    warnings.append(f"the 1 GiB stream run exited with {stream_time['Exit status']}")
cores = int(raw("cpu")[2])
busiest = max(float(raw(key)[0]) for key in ("loadavg_start", "loadavg_end") if raw(key))
if busiest > cores - 0.5:
    warnings.append(f"load average {busiest} on {cores} cores: other processes competed for the CPU, "
                    "so wall times (startup) are inflated; CPU times and instruction counts hold up better")
small = [name for name, value in sizes.items() if value is not None and value < DEFAULT_SIZES[name]]
if small:
    warnings.append(f"a quick run ({', '.join(small)} below the defaults): not the figures to quote")
for warning in warnings:
    print(f"WARNING: {warning}")

print()
print("raw numbers:")
print(f"  requests: {requests:,} ({int(raw('requests')[2]):,} bytes, "
      f"{int(raw('requests')[2]) / requests:.0f} bytes each)")
for index, (user, system, status) in enumerate(batch_runs, 1):
    print(f"  batch run {index}: user {user} s, sys {system} s, exit {status}")
for index, (user, system, status) in enumerate(
        [fields[1:] for fields in raw_lines if fields[0] == "batch_json_run"], 1):
    print(f"  batch -f json run {index}: user {user} s, sys {system} s, exit {status}")
for name, (cpu, real) in gbench.items():
    print(f"  {name}: median CPU {cpu:.1f} ns, median real {real:.1f} ns (5 repetitions)")
loop_commands = {"engine": "bench_engine_loop {} fresh", "engine_reused": "bench_engine_loop {} reused",
                 "floor": "bench_floor_loop {}", "batch_http": "ws-handshake --batch -f http ({} requests)",
                 "batch_json": "ws-handshake --batch -f json ({} requests)"}
for program, counts in instructions.items():
    for count, ir in sorted(counts):
        print(f"  callgrind {loop_commands[program].format(count)}: Ir {ir:,}")
for name, result in startup.items():
    print(f"  hyperfine {name}: median {result['median'] * 1e3:.3f} ms, mean {result['mean'] * 1e3:.3f} "
          f"ms +- {result['stddev'] * 1e3:.3f}, min {result['min'] * 1e3:.3f}, "
          f"max {result['max'] * 1e3:.3f} ({len(result['times'])} runs)")
for name, ir in startup_ir.items():
    print(f"  callgrind {name} (startup, one request or none): Ir {ir:,}")
if stream:
    print(f"  stream: {int(stream[1])} copies, {int(stream[3]):,} bytes, {stream_requests:,} requests")
for key in ("Maximum resident set size (kbytes)", "User time (seconds)", "System time (seconds)",
            "Elapsed (wall clock) time (h:mm:ss or m:ss)", "Exit status"):
    if key in stream_time:
        print(f"  stream {key}: {stream_time[key]}")
