#!/usr/bin/python3
"""The command line, differentially: runs ws-handshake on some two thousand generated command
lines and compares the exit status, standard output and standard error of each with the
results stored in command-lines.expected.

    command-lines.py check  BIN [--every N] [EXPECTED]   compare BIN with EXPECTED (ctest)
    command-lines.py record BIN [EXPECTED]   run BIN on the generated cases, write EXPECTED

The cases combine every option with each of its spellings (short, long, value attached or
separate), good and bad values, repeated and missing values, flags given values, `--`, FILE,
`-` and standard input, clusters of short options, and a seeded random mix of all of these.
EXPECTED holds each case's arguments with its results, and every distinct output once, so
that `git diff` after `record` shows exactly which command lines changed behaviour. `check`
also fails when the generator no longer yields the stored cases: re-record and review.

Every case runs from the source root with standard input from STDIN_FILE, a 10 s timeout,
and an environment without NO_COLOR, TERM or COLUMNS, two at a time. `--every N` checks one
case in N, for sanitizer builds, whose every start costs a hundred times more.
"""

import concurrent.futures
import hashlib
import json
import os
import random
import subprocess
import sys

STDIN_FILE = "samples/chromium-subprotocols.http"
CHROMIUM = "samples/chromium.http"
SUBPROTOCOLS = "samples/chromium-subprotocols.http"
DEFLATE = "samples/python-websockets.http"
HAR = "samples/har/chromium-websockets.har"
BATCH = "samples/batch/mixed-stream.http"
MISSING = "samples/no-such-file.http"

# Options that take a value: long name, short letter, values to try (good ones first).
VALUE_OPTIONS = [
    ("protocol", "p", ["chat", "superchat", "nope", "a b", "", "ch@t", "-x", "chat,superchat"]),
    ("extension", "e", ["permessage-deflate", "permessage-deflate; client_max_window_bits=15",
                        "permessage-deflate; client_max_window_bits", "x-unknown",
                        "permessage-deflate;", "a, b", "", "x=",
                        "permessage-deflate; server_max_window_bits=8"]),
    ("accept-protocols", None, ["chat", "superchat,chat", " chat , superchat ", "none", "",
                                ",,", "a b,chat", "chat,,", "ch@t"]),
    ("prefer", None, ["server", "client", "", "Server", "both"]),
    ("format", "f", ["text", "http", "json", "xml", "", "JSON"]),
    ("har", None, [HAR, MISSING, "", CHROMIUM, "samples/har/no-websocket.har"]),
    ("input-format", None, ["raw", "har", "", "HAR", "pcap"]),
    ("color", None, ["auto", "always", "never", "", "sometimes", "yes"]),
    ("max-header-bytes", None, ["64", "65536", "1048576", "512", "63", "1048577", "0", "-1",
                                "abc", "", "0x100", "0100", "1e3", " 100", "100 ", "+100",
                                "99999999999999999999"]),
]

# Options without a value: long name, short letter.
FLAGS = [("batch", None), ("strict", None), ("quiet", "q"), ("verbose", "v"),
         ("allow-truncated", None), ("list-diagnostics", None), ("help", "h"),
         ("version", None)]

NEGOTIATE = ["--negotiate-deflate", "--negotiate-deflate=",
             "--negotiate-deflate=server_max_window_bits=10",
             "--negotiate-deflate=client_max_window_bits=12,server_no_context_takeover",
             "--negotiate-deflate=bogus", "--negotiate-deflate=server_max_window_bits=8",
             "--negotiate-deflate=client_no_context_takeover=1", "--negotiate-deflate=true",
             "--negotiate-deflate={}"]

# Where FILE goes around the options: after them, before them, or absent (standard input).
FILE_PLACES = ["after", "before", "stdin"]


def spellings(long, short, value):
    """Every way of writing --long with VALUE."""
    forms = [[f"--{long}", value], [f"--{long}={value}"]]
    if short:
        forms += [[f"-{short}", value], [f"-{short}{value}"]]
    return forms


def place(args, where, file=CHROMIUM):
    if where == "after":
        return args + [file]
    if where == "before":
        return [file] + args
    return list(args)


def canonical(long, short, value, turn):
    """One spelling of --long VALUE, chosen by TURN so that pairs use every spelling."""
    forms = spellings(long, short, value)
    return forms[turn % len(forms)]


def generate():
    cases = []
    # 1. Each value option, each value, each spelling, each place of FILE.
    for long, short, values in VALUE_OPTIONS:
        for value in values:
            for form in spellings(long, short, value):
                for where in FILE_PLACES:
                    cases.append(place(form, where, SUBPROTOCOLS))
    # 2. Each flag in each spelling, with and without a value.
    for long, short in FLAGS:
        forms = [[f"--{long}"]] + [[f"--{long}={v}"]
                                   for v in ["", "true", "false", "1", "0", "yes", "bogus", "{}"]]
        if short:
            forms += [[f"-{short}"], [f"-{short}{short}"]]
        for form in forms:
            for where in FILE_PLACES:
                cases.append(place(form, where))
    # 3. --negotiate-deflate: its value only attached, so a FILE after it stays FILE.
    for option in NEGOTIATE:
        cases += [
            [option, DEFLATE], [DEFLATE, option], [option], [option, "--", DEFLATE],
            [option, "-e", "permessage-deflate", DEFLATE], [option, option, DEFLATE],
            [option, "--negotiate-deflate=bogus", DEFLATE],
            ["--negotiate-deflate", option, DEFLATE], ["-p", option, SUBPROTOCOLS],
            [option, "-p", "chat", SUBPROTOCOLS], [option, "-", "-f", "json"],
            [option, "--batch", BATCH], ["--", option], [option, "-v", DEFLATE],
            ["-e", option, DEFLATE], [option, DEFLATE, CHROMIUM],
        ]
    # 4. Values missing: at the end, before `--`, before another option, before `-`.
    for long, short, _ in VALUE_OPTIONS:
        names = [f"--{long}"] + ([f"-{short}"] if short else [])
        for name in names:
            cases += [[name], [CHROMIUM, name], [name, "--", CHROMIUM], [name, "--batch", CHROMIUM],
                      [name, "-q", CHROMIUM], [name, "-", CHROMIUM], [name, "-"],
                      [name, "--negotiate-deflate", CHROMIUM], [name, "--help"]]
    # 5. Each option twice: the same value, another value, short then long.
    for long, short, values in VALUE_OPTIONS:
        first, second = values[0], values[1]
        cases += [[f"--{long}", first, f"--{long}", first, SUBPROTOCOLS],
                  [f"--{long}", first, f"--{long}={second}", SUBPROTOCOLS],
                  [f"--{long}={values[-1]}", f"--{long}", first, SUBPROTOCOLS]]
        if short:
            cases.append([f"-{short}", first, f"--{long}", second, SUBPROTOCOLS])
    for long, short in FLAGS:
        cases.append([f"--{long}", f"--{long}", CHROMIUM])
        if short:
            cases.append([f"-{short}", f"--{long}", CHROMIUM])
    extensions = VALUE_OPTIONS[1][2]
    for i, a in enumerate(extensions):
        for b in extensions[i:]:
            cases.append(["-e", a, "-e", b, DEFLATE])
    # 6. Every pair of options, in both orders, with a good value each.
    singles = [canonical(long, short, values[0], turn)
               for turn, (long, short, values) in enumerate(VALUE_OPTIONS)]
    singles += [[f"--{long}"] for long, _ in FLAGS if long not in ("help", "version")]
    singles += [["-q"], ["-v"], [NEGOTIATE[2]], [NEGOTIATE[0]], ["-p", "superchat"],
                ["--accept-protocols=superchat,chat"], ["--prefer", "client"],
                ["-fhttp"], ["--format=json"], ["--color=always"], ["--input-format", "har"]]
    for a in singles:
        for b in singles:
            if a != b:
                cases.append(a + b + [SUBPROTOCOLS])
    # 7. FILE, `-`, `--` and operands that look like options.
    cases += [
        [], ["--"], ["--", CHROMIUM], [CHROMIUM, "--"], ["--", "-"], ["-", "--"], ["-"],
        ["--", "-p"], ["--", "--batch"], ["--", "--negotiate-deflate"], ["--", "--help"],
        ["--", CHROMIUM, CHROMIUM], [CHROMIUM, CHROMIUM], ["-", "-"], [MISSING], ["samples"],
        [""], ["--", ""], [CHROMIUM, "--", CHROMIUM], ["-p", "chat", "--", SUBPROTOCOLS],
        ["--", "-p", "chat"], ["-pchat", "--", "-"], ["--", "--", CHROMIUM], ["--", "-", "-"],
        ["---"], ["---p", "chat"], ["-", CHROMIUM], [CHROMIUM, "-"], ["--bogus"],
        ["--bogus", CHROMIUM], ["-x", CHROMIUM], ["--Protocol", "chat", CHROMIUM],
        ["--PROTOCOL=chat", CHROMIUM], ["--proto", "chat", CHROMIUM], ["-P", "chat", CHROMIUM],
        ["--protocol_", "chat", CHROMIUM], ["--max_header_bytes", "100", CHROMIUM],
        ["/p", "chat", CHROMIUM], ["+p", "chat"], ["-5", CHROMIUM], ["--5"], ["-"] * 3,
        ["--batch", "--", BATCH], ["--har", HAR, CHROMIUM], ["--har", HAR, "--", CHROMIUM],
        ["--input-format=har", HAR], ["--input-format", "har", "-"], ["--batch", "--har", HAR],
        ["--batch", "--input-format", "har", HAR], ["--list-diagnostics", MISSING],
        ["--help", MISSING], ["--version", "--help"], ["--help", "--version"],
        ["--help", "--bogus"], ["--bogus", "--help"], ["--help", "-p", "a b"],
        ["--help", "--prefer", "x"], ["--prefer", "x", "--help"], ["--version", "-f", "xml"],
        ["-f", "xml", "--version"], ["--version", "--bogus"], ["-h", CHROMIUM, CHROMIUM],
        ["--help=false"], ["--max-header-bytes", "10", "--prefer", "x"],
        ["--prefer", "x", "--max-header-bytes", "10"], ["-f", "xml", "--color", "x"],
        ["--color", "x", "-f", "xml"], ["-p", "a b", "-e", "a;"], ["-e", "a;", "-p", "a b"],
        ["-p", "a b", "--accept-protocols", "a b"], ["--har", HAR, "--batch", CHROMIUM],
        ["-p", "chat", "-p", "superchat", "--prefer", "x"], [CHROMIUM, CHROMIUM, "--bogus"],
        ["--bogus", "--prefer", "x"], ["--prefer", "x", "--bogus"],
        ["--", "-f", "json", CHROMIUM], ["-f", "json", "--", "-"], ["--", "-e", "x"],
        ["--negotiate-deflate=bogus", "--bogus"], ["--negotiate-deflate=bogus", "-p", "a b"],
        ["-p", "a b", "--negotiate-deflate=bogus"], ["-e", "a;", "--negotiate-deflate=bogus"],
        ["--negotiate-deflate=bogus", "--har", HAR, CHROMIUM],
        ["--negotiate-deflate=bogus", "--max-header-bytes", "1"],
    ]
    # 8. Clusters of short options.
    for cluster in ["-qv", "-vq", "-qq", "-vv", "-qvh", "-hq", "-qh", "-vfjson", "-qvfjson",
                    "-qvf", "-qp", "-qpchat", "-vpchat", "-pq", "-fq", "-eq", "-qe",
                    "-qepermessage-deflate", "-fhttpq", "-qx", "-xq", "-q-", "-q-v", "-hv",
                    "-vh", "-pv", "-p-", "-e-", "-f-", "-qvpchat", "-vqe", "-q=1", "-v=true"]:
        for where in ["after", "stdin"]:
            cases.append(place([cluster], where, SUBPROTOCOLS))
        cases.append([cluster, "chat", SUBPROTOCOLS])
    # 9. A seeded random mix of all the fragments above.
    fragments = [f for long, short, values in VALUE_OPTIONS for v in values
                 for f in spellings(long, short, v)]
    fragments += [[f"--{long}"] for long, _ in FLAGS] + [[f"-{s}"] for _, s in FLAGS if s]
    fragments += [[n] for n in NEGOTIATE]
    fragments += [[CHROMIUM], [SUBPROTOCOLS], [DEFLATE], ["-"], ["--"], [MISSING], ["--bogus"],
                  ["-p"], ["-e"], ["--har"], ["-qv"], ["--batch=false"], ["--quiet=0"]]
    rng = random.Random(6455)
    for _ in range(700):
        args = []
        for _ in range(rng.randint(1, 5)):
            args += rng.choice(fragments)
        cases.append(args)
    unique = []
    seen = set()
    for case in cases:
        key = tuple(case)
        if key not in seen:
            seen.add(key)
            unique.append(case)
    return unique


def run_case(binary, args):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
    with open(STDIN_FILE, "rb") as stdin:
        try:
            done = subprocess.run([binary] + args, stdin=stdin, capture_output=True, timeout=10,
                                  env=env)
        except subprocess.TimeoutExpired:
            return {"exit": "timeout", "stdout": b"", "stderr": b""}
    return {"exit": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


def output_id(text):
    return hashlib.sha256(text).hexdigest()[:12] if text else ""


def decode(text):
    return text.decode("utf-8", errors="surrogateescape")


def record(binary, expected_path):
    outputs = {}
    lines = []
    for args in generate():
        result = run_case(binary, args)
        ids = {}
        for stream in ("stdout", "stderr"):
            ids[stream] = output_id(result[stream])
            if ids[stream]:
                outputs[ids[stream]] = decode(result[stream])
        lines.append(json.dumps({"args": args, "exit": result["exit"], "stdout": ids["stdout"],
                                 "stderr": ids["stderr"]}, ensure_ascii=True))
    with open(expected_path, "w", encoding="utf-8") as out:
        out.write('{"stdin": %s,\n "cases": [\n' % json.dumps(STDIN_FILE))
        out.write(",\n".join(lines))
        out.write('\n],\n "outputs": {\n')
        out.write(",\n".join(f"{json.dumps(k)}: {json.dumps(outputs[k], ensure_ascii=True)}"
                             for k in sorted(outputs)))
        out.write("\n}}\n")
    print(f"command-lines: recorded {len(lines)} cases, {len(outputs)} distinct outputs")
    return 0


def check(binary, expected_path, every):
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    stored = [case["args"] for case in expected["cases"]]
    failed = 0
    in_sync = stored == generate()
    if not in_sync:
        print("FAIL: the generator no longer yields the stored cases: run "
              "`tests/cli/command-lines.py record BIN` and review the diff")
    outputs = expected["outputs"]
    cases = expected["cases"][::every]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda case: run_case(binary, case["args"]), cases))
    for case, result in zip(cases, results):
        problems = []
        if result["exit"] != case["exit"]:
            problems.append(f"exit {result['exit']}, expected {case['exit']}")
        for stream in ("stdout", "stderr"):
            if output_id(result[stream]) != case[stream]:
                want = outputs.get(case[stream], "") if case[stream] else ""
                problems.append(f"{stream} differs\n      expected: {want[:300]!r}"
                                f"\n      actual:   {decode(result[stream])[:300]!r}")
        if problems:
            failed += 1
            print(f"FAIL: ws-handshake {' '.join(json.dumps(a) for a in case['args'])}")
            if failed <= 20:
                for problem in problems:
                    print(f"    {problem}")
    print(f"command-lines: {len(cases) - failed} passed, {failed} failed"
          f"{f' (one case in {every})' if every > 1 else ''}")
    return 0 if failed == 0 and in_sync else 1


def main():
    arguments = sys.argv[1:]
    every = 1
    if "--every" in arguments[:-1]:
        at = arguments.index("--every")
        every = int(arguments[at + 1])
        del arguments[at:at + 2]
    if len(arguments) not in (2, 3) or arguments[0] not in ("check", "record") or every < 1:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    binary = os.path.abspath(arguments[1])
    here = os.path.dirname(os.path.abspath(__file__))
    expected_path = arguments[2] if len(arguments) > 2 else os.path.join(here,
                                                                         "command-lines.expected")
    if arguments[0] == "record":
        return record(binary, expected_path)
    return check(binary, expected_path, every)


if __name__ == "__main__":
    sys.exit(main())
