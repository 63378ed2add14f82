#!/usr/bin/python3
"""The C API against the CLI on every sample.

usage: compare-with-cli.py WS_HANDSHAKE CAPI_VERDICTS  (run from the repository's root)

Each sample (samples/*.http, samples/broken/*.http, samples/interop/*.http, the requests of
samples/batch/mixed-stream.http as `ws-handshake --batch` cuts them, tests/golden/inputs/*.http)
is split into name/value pairs the way an HTTP server hands them to
WebSocketBeginServerHandshake: the bytes before the first colon, and the bytes after it with
spaces and tabs trimmed; a folded line stays in the value with its CR LF, and a line without a
colon is dropped. The split is first checked against the fields ws-handshake itself read.
Then, for each of several sets of server choices, the C API (capi_verdicts, through
WebSocketBeginServerHandshake) must agree with `ws-handshake -f json` run on the sample:

- when the CLI reported nothing in CANNOT_APPLY: the same acceptance, status, HRESULT,
  diagnostic ids in the same order and, when accepted, the same response headers;
- otherwise (the sample breaks a rule pairs cannot carry): every id the CLI reported outside
  CANNOT_APPLY is among the C API's, and none of the C API's is in CANNOT_APPLY.

Every case is also run through the CLI once more (`--batch`, all heads of a set of choices in
one stream) on the head the C API rebuilt, which must give exactly what the C API gave. Prints one line per case and a summary; exits 1 on any mismatch.
"""
import json
import pathlib
import subprocess
import sys

# Rules of the raw request that name/value pairs cannot carry, so their checks cannot apply.
CANNOT_APPLY = {
    # The request line: pairs have no method, target or version; the rebuilt head says
    # `GET / HTTP/1.1`.
    "malformed-request-line", "invalid-method", "invalid-request-target",
    "invalid-http-version", "method-not-get", "unsupported-http-version",
    "transfer-encoding-in-http-1-0", "missing-request-line", "authority-form-target",
    "userinfo-in-target",
    # Line syntax: pairs have no line endings, no folding, no line without a colon.
    "lf-line-endings", "bare-cr", "obs-fold", "missing-colon",
    # The byte stream: pairs are a whole header block with nothing after it.
    "empty-input", "incomplete-request", "truncated-request", "data-after-headers",
}

CHOICES = [
    [],
    ["-p", "chat"],
    ["-e", "permessage-deflate"],
    ["-p", "superchat", "-e", "permessage-deflate; server_no_context_takeover"],
]


def choices_json(choices):
    subprotocol = None
    extensions = []
    for option, value in zip(choices[::2], choices[1::2]):
        if option == "-p":
            subprotocol = value
        else:
            extensions.append(value)
    return subprotocol, extensions


def split_pairs(head):
    lines = head.split(b"\n")
    lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]
    while lines and lines[0] == b"":
        lines.pop(0)
    pairs = []
    for line in lines[1:]:
        if line == b"":
            break
        if line[:1] in (b" ", b"\t") and pairs:
            name, value = pairs[-1]
            pairs[-1] = (name, value + b"\r\n" + line)
            continue
        name, colon, value = line.partition(b":")
        if not colon:
            continue
        pairs.append((name, value.strip(b" \t")))
    return pairs


def run_cli(cli, choices, path=None, data=None, batch=False):
    # The C API is given pairs split from the raw bytes, so the CLI reads the same bytes as raw.
    args = [cli, "-f", "json", "--input-format", "raw"] + (["--batch"] if batch else []) + choices
    args.append(str(path) if path is not None else "-")
    result = subprocess.run(args, input=data, capture_output=True, timeout=60, check=False)
    # 0 accepted, 1 refused, 3 the input could not be read as a request; 2 is a usage error.
    if result.returncode not in (0, 1, 3):
        raise RuntimeError(f"{args} exited {result.returncode}: {result.stderr.decode()}")
    return [json.loads(line) for line in result.stdout.decode().splitlines() if line.strip()] \
        if batch else json.loads(result.stdout)


def cli_verdict(document):
    return {
        "hresult": document["hresult"]["value"],
        "accepted": document["ok"],
        "status": document["status"],
        # The CLI adds notes from the server profiles, which are not the engine's and which
        # the C API does not carry.
        "ids": [d["id"] for d in document["diagnostics"] if d["id"] != "refused-by-servers"],
        "response_headers": [[h["name"].encode().hex(), h["value"].encode().hex()]
                             for h in document["response_headers"]] if document["ok"] else [],
    }


def capi_verdicts(driver, cases):
    payload = {"cases": [{"pairs": [[n.hex(), v.hex()] for n, v in case["pairs"]],
                          "subprotocol": case["subprotocol"],
                          "extensions": case["extensions"]} for case in cases]}
    result = subprocess.run([driver], input=json.dumps(payload).encode(), capture_output=True,
                            timeout=120, check=True)
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def samples(cli):
    """(name, head bytes, CLI document per choice set or None to run the CLI on the file)."""
    root = pathlib.Path(".")
    for pattern in ("samples/*.http", "samples/broken/*.http", "samples/interop/*.http",
                    "tests/golden/inputs/*.http"):
        for path in sorted(root.glob(pattern)):
            yield str(path), path.read_bytes(), {tuple(c): run_cli(cli, c, path=path)
                                                  for c in map(list, CHOICES)}
    stream_path = root / "samples/batch/mixed-stream.http"
    stream = stream_path.read_bytes()
    per_choice = {tuple(c): run_cli(cli, c, path=stream_path, batch=True) for c in CHOICES}
    offsets = [d["offset"] for d in per_choice[()]]
    for i, start in enumerate(offsets):
        end = offsets[i + 1] if i + 1 < len(offsets) else len(stream)
        yield (f"{stream_path}#{i + 1}", stream[start:end],
               {choice: documents[i] for choice, documents in per_choice.items()})


def main():
    cli, driver = sys.argv[1], sys.argv[2]
    cases = []
    problems = []
    for name, head, documents in samples(cli):
        pairs = split_pairs(head)
        if not pairs:
            # A head without a field (the HTTP/2 preface) has no pairs to pass; the C API
            # refuses a count of 0 with E_INVALIDARG, which test_websocket.c checks.
            print(f"skip     {name}: no header fields, so no pairs")
            continue
        read = documents[()].get("request")
        if read is not None:
            fields = [(f["name"].encode("latin-1"), f["value"].encode("latin-1"))
                      for f in read["fields"]]
            if fields != pairs:
                problems.append(f"{name}: the split pairs differ from the fields the CLI read")
        for choice in CHOICES:
            subprotocol, extensions = choices_json(choice)
            cases.append({"name": name, "choice": choice, "pairs": pairs,
                          "subprotocol": subprotocol, "extensions": extensions,
                          "cli": cli_verdict(documents[tuple(choice)])})

    results = capi_verdicts(driver, cases)
    # The CLI on the heads the C API rebuilt, one --batch run per set of choices.
    rebuilt = {}
    for choice in CHOICES:
        indices = [i for i, case in enumerate(cases) if case["choice"] == choice]
        stream = b"".join(bytes.fromhex(results[i]["rebuilt_head"]) for i in indices)
        documents = run_cli(cli, choice, data=stream, batch=True)
        if len(documents) != len(indices):
            problems.append(f"--batch {choice} read {len(documents)} rebuilt heads, "
                            f"not {len(indices)}")
        rebuilt.update(zip(indices, map(cli_verdict, documents)))
    exact = partial = 0
    for index, (case, got) in enumerate(zip(cases, results)):
        label = f"{case['name']} {' '.join(case['choice']) or '(no choices)'}"
        want = case["cli"]
        mine = {key: got.get(key) for key in want}
        if rebuilt.get(index) != mine:
            problems.append(f"{label}: the CLI on the rebuilt head gives {rebuilt.get(index)}, "
                            f"the C API {mine}")
        cannot = [i for i in want["ids"] if i in CANNOT_APPLY]
        if not cannot:
            exact += 1
            if mine != want:
                problems.append(f"{label}: the C API gives {mine}, the CLI {want}")
                continue
            print(f"same     {label}: {want['hresult']} {want['status']} {want['ids']}")
        else:
            partial += 1
            if mine["ids"] is None:
                problems.append(f"{label}: the C API gave no verdict: {got}")
                continue
            missing = [i for i in want["ids"] if i not in CANNOT_APPLY and i not in mine["ids"]]
            unexpected = [i for i in mine["ids"] if i in CANNOT_APPLY]
            if missing or unexpected:
                problems.append(f"{label}: ids missing from the C API {missing}, "
                                f"ids it cannot see but reported {unexpected}")
                continue
            print(f"partial  {label}: the CLI also found {cannot}, which pairs cannot carry; "
                  f"C API {mine['hresult']} {mine['status']} {mine['ids']}")
    for problem in problems:
        print(f"MISMATCH {problem}")
    print(f"{len(cases)} cases: {exact} compared in full, {partial} without the checks pairs "
          f"cannot carry, {len(problems)} mismatches")
    return 1 if problems or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
