#!/usr/bin/python3
"""Measure what real WebSocket clients do with server handshake responses.

Each client connects to a loopback server once per response variant (variants.json); the
server answers with the correct 101 for the request's own key with one thing changed, and
the client's driver reports whether the connection opened (confirmed by echoing one text
message) or failed, and the client's exact error text. Every variant is measured --runs
times per client, each run with a fresh client process; runs that disagree are stored as
`unsettled`.

    /usr/bin/python3 tests/clients/measure.py --write            # re-measure set A, rewrite
    /usr/bin/python3 tests/clients/measure.py --check --quick    # CI: a subset vs the table
    /usr/bin/python3 tests/clients/measure.py --check --variants B.json --set B

Exit status: 0 when the table was written or matched, 1 on a difference or a harness
failure, 2 on bad usage. See README.md.
"""
import argparse
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in tests/interop or here
HERE = os.path.dirname(os.path.abspath(__file__))
INTEROP = os.path.join(os.path.dirname(HERE), "interop")
sys.path.append(INTEROP)
import suite  # noqa: E402  the interop suite's process handling: start, stop, cleanup

import server as wsserver  # noqa: E402

PY = "/usr/bin/python3"
CLIENTS = ("chromium", "firefox", "webkit", "node-ws", "undici", "python-websockets",
           "websocket-client", "aiohttp", "gorilla")
BROWSERS = ("chromium", "firefox", "webkit")
CONFIRM = "ws-handshake confirm"
TABLE = os.path.join(HERE, "table.jsonl")
CACHE = os.path.join(HERE, ".cache")
GORILLA = os.path.join(CACHE, "gorilla")
SILENCE = 1.5  # seconds of silence after its response before the server hangs up
START_SECONDS = 90  # a client's start (a browser's, with its retries) before its first variant
DEADLINE_ENV = "WSH_MEASURE_CHILD"


# ---------------------------------------------------------------- preparing the clients


def npm_ci(folder):
    """npm ci when node_modules is missing or older than the lock file."""
    marker = os.path.join(folder, "node_modules", ".package-lock.json")
    lock = os.path.join(folder, "package-lock.json")
    if not os.path.exists(marker) or os.path.getmtime(lock) > os.path.getmtime(marker):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder,
                       check=True, timeout=300, stdin=subprocess.DEVNULL)


def build_gorilla():
    """The gorilla driver, built offline against Debian's packaged sources into .cache/."""
    source = os.path.join(HERE, "drivers", "gorilla", "main.go")
    if os.path.exists(GORILLA) and os.path.getmtime(GORILLA) > os.path.getmtime(source):
        return
    os.makedirs(CACHE, exist_ok=True)
    env = dict(os.environ, GO111MODULE="off", GOPATH="/usr/share/gocode", GOPROXY="off",
               GOFLAGS="", GOCACHE=os.path.join(CACHE, "go-build"))
    subprocess.run(["go", "build", "-o", GORILLA, "."], cwd=os.path.dirname(source), env=env,
                   check=True, timeout=300, stdin=subprocess.DEVNULL)


def prepare(clients):
    if any(c in clients for c in ("chromium", "firefox")):
        npm_ci(INTEROP)
    if any(c in clients for c in ("node-ws", "undici")):
        npm_ci(HERE)
    if "gorilla" in clients:
        build_gorilla()


def first_line(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired, IndexError) as e:
        return "unknown (%s)" % e


def package_version(package):
    return first_line(["dpkg-query", "-W", "-f=${Version}\\n", package])


def npm_version(folder, package):
    with open(os.path.join(folder, "node_modules", package, "package.json")) as f:
        return json.load(f)["version"]


def client_version(client):
    """The exact version of what runs, as one line."""
    python = " on Python " + first_line([PY, "-c", "import sys; print(sys.version.split()[0])"])
    node = " on Node " + first_line(["node", "--version"])
    if client == "chromium":
        return first_line(["/usr/bin/chromium", "--version"])
    if client == "firefox":
        return first_line(["/usr/bin/firefox-esr", "--version"])
    if client == "webkit":
        return "WebKitGTK %s MiniBrowser, libsoup %s" % (
            package_version("libwebkit2gtk-4.1-0"), package_version("libsoup-3.0-0"))
    if client == "node-ws":
        return "ws " + npm_version(HERE, "ws") + node
    if client == "undici":
        return "undici " + npm_version(HERE, "undici") + node
    if client == "python-websockets":
        return "websockets " + first_line(
            [PY, "-c", "import websockets as w; print(w.__version__)"]) + python
    if client == "websocket-client":
        return "websocket-client " + first_line(
            [PY, "-c", "import websocket as w; print(w.__version__)"]) + python
    if client == "aiohttp":
        return "aiohttp " + first_line([PY, "-c", (
            "import aiohttp, aiohttp.http_parser as p; print(aiohttp.__version__, '(C HTTP parser)'"
            " if p.HttpResponseParser is getattr(p, 'HttpResponseParserC', None)"
            " else '(Python HTTP parser)')")]) + python
    if client == "gorilla":
        return "gorilla/websocket %s (Debian) on %s" % (
            package_version("golang-github-gorilla-websocket-dev"),
            first_line(["go", "version"]).replace("go version ", ""))
    raise ValueError(client)


def driver_argv(client, page, config_path, reports_path, run_dir):
    console, profile = os.path.join(run_dir, "console.jsonl"), os.path.join(run_dir, "profile")
    drivers, interop = os.path.join(HERE, "drivers"), os.path.join(INTEROP, "clients")
    return {
        "chromium": ["node", os.path.join(interop, "chromium.js"), page, console, profile],
        "firefox": ["node", os.path.join(interop, "firefox.js"), page, console, profile],
        "webkit": [PY, os.path.join(interop, "webkit.py"), page, console, profile],
        "node-ws": ["node", os.path.join(drivers, "node-ws.js"), config_path, reports_path],
        "undici": ["node", os.path.join(drivers, "undici.js"), config_path, reports_path],
        "python-websockets": [PY, os.path.join(drivers, "python-websockets.py"), config_path,
                              reports_path],
        "websocket-client": [PY, os.path.join(drivers, "websocket-client.py"), config_path,
                             reports_path],
        "aiohttp": [PY, os.path.join(drivers, "aiohttp-client.py"), config_path, reports_path],
        "gorilla": [GORILLA, config_path, reports_path],
    }[client]


# ---------------------------------------------------------------- the variants file


def check_variants(doc):
    """Every variant builds, against RFC 6455 1.3's example request with and without a
    subprotocol offer, before any client starts; the example's accept proves the base."""
    sample = ("GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n%s\r\n")
    problems, names = [], set()
    for v in doc.get("variants", []):
        name = v.get("name", "")
        if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name) or name in names:
            problems.append("bad or repeated variant name %r" % name)
        names.add(name)
        for field in ("description", "offer", "edit"):
            if field not in v:
                problems.append("%s: no %s" % (name, field))
        offer = "Sec-WebSocket-Protocol: %s\r\n" % ", ".join(v.get("offer") or []) \
            if v.get("offer") else ""
        try:
            segments, values = wsserver.build_response(
                doc["base"], v, (sample % offer).encode(), 1)
        except (ValueError, KeyError, IndexError, TypeError) as e:
            problems.append("%s: %s" % (name, e))
            continue
        if name == "correct" and b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" not in segments[0][0]:
            problems.append("correct: the accept of RFC 6455's example key is not "
                            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    return problems


# ---------------------------------------------------------------- one run of one client


def run_client(client, doc, variants, run, work, timeout):
    """Every variant once through one fresh client process; returns the raw material."""
    run_dir = os.path.join(work, client, "run%d" % run)
    os.makedirs(run_dir, exist_ok=True)
    config_path = os.path.join(run_dir, "config.json")
    reports_path = os.path.join(run_dir, "reports.jsonl")
    server = wsserver.Server(doc, config_path, SILENCE, timeout + 3).start()
    base = "ws://%s:%d/ws/" % (wsserver.HOST, server.port)
    config = {"client": client, "timeoutMs": int(timeout * 1000), "confirm": CONFIRM,
              "connections": [{"name": v["name"], "url": base + v["name"],
                               "protocols": v["offer"]} for v in variants]}
    with open(config_path, "w") as f:
        json.dump(config, f, indent=1)
    page = "http://%s:%d/" % (wsserver.HOST, server.port)
    # One locale everywhere: WebKit's Accept-Language follows it, and the requests are compared.
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",
               LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)
    t0 = time.monotonic()
    driver = suite.start(driver_argv(client, page, config_path, reports_path, run_dir),
                         os.path.join(run_dir, "driver.log"), env)
    deadline = t0 + START_SECONDS + len(variants) * (timeout + 2)
    done_at = None
    while driver.poll() is None and time.monotonic() < deadline:
        if done_at is None and server.done.is_set():
            done_at = time.monotonic()
            deadline = min(deadline, done_at + 15)  # time for a browser to close itself
        time.sleep(0.05)
    timed_out = driver.poll() is None and (client not in BROWSERS or not server.done.is_set())
    exit_status = driver.poll()
    suite.stop(driver)
    time.sleep(0.2)  # let the server's threads see the last hang-ups
    server.stop()
    reports = {}
    if client in BROWSERS:
        reports = dict(server.reports)
    elif os.path.exists(reports_path):
        with open(reports_path) as f:
            for line in f:
                report = json.loads(line)
                reports[report["name"]] = report
    raw = {"client": client, "run": run, "port": server.port, "records": server.records,
           "reports": reports, "console": read_console(run_dir),
           "moz": firefox_reasons(run_dir, server.port) if client == "firefox" else {},
           "seconds": round(time.monotonic() - t0, 1), "timed_out": timed_out,
           "exit": exit_status}
    with open(os.path.join(run_dir, "raw.json"), "w") as f:
        json.dump(raw, f, indent=1)
    return raw


def read_console(run_dir):
    out = []
    try:
        with open(os.path.join(run_dir, "console.jsonl"), encoding="utf-8") as f:
            for line in f:
                try:
                    out.append(json.loads(line))
                except ValueError:
                    pass
    except OSError:
        pass
    return out


def firefox_reasons(run_dir, port):
    """Firefox's own reasons from MOZ_LOG=nsWebSocket:4, per variant."""
    reasons, current = {}, None
    opened = re.compile(r"AsyncOpen uri=ws://127\.0\.0\.1:%d/ws/([a-z0-9.-]+)" % port)
    interesting = re.compile(r"check failed|Expected .* received|non-matching|not found|"
                             r"unknown value|mismatch|[Ii]nvalid|aborting|[Ff]ail")
    for path in sorted(glob.glob(os.path.join(run_dir, "moz.log*"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = opened.search(line)
                if m:
                    current = m.group(1)
                    continue
                if current and "D/nsWebSocket" in line and interesting.search(line):
                    text = line.split("D/nsWebSocket ", 1)[1].strip()
                    if re.search(r"failed: \[this=", text):
                        continue  # "WebSocket: connection to HOST, PATH, PORT failed": no reason
                    text = re.sub(r" ?\[this=[0-9a-fx]+\]", "", text)
                    reasons.setdefault(current, [])
                    if text not in reasons[current]:
                        reasons[current].append(text)
    return reasons


# ---------------------------------------------------------------- observations


def mentions(text, url):
    """Whether text names this URL (and not a longer one that starts with it)."""
    at = text.find(url)
    while at >= 0:
        after = text[at + len(url):at + len(url) + 2]
        if not re.match(r"[\w-]|\.\w", after):
            return True
        at = text.find(url, at + 1)
    return False


def browser_lines(console, url, name):
    """The console lines about this variant, in order: those that name its URL, and those
    naming no URL that the browser printed while the page ran this variant."""
    lines, inside = [], False
    for entry in console:
        text = entry.get("text", "")
        if text == "interop: begin " + name:
            inside = True
        elif text.startswith("interop: end " + name + " "):
            inside = False
        elif mentions(text, url) or mentions(text, url + "/redirected"):
            lines.append(text)
        elif (inside and not text.startswith("interop:") and entry.get("level") != "driver"
              and "ws://" not in text):
            lines.append(text)
    return lines


def normalize(text, url, port, values):
    """The text with this run's URL, host, port, key and accept values as placeholders."""
    if text is None:
        return None
    text = text.replace(url + "/redirected", "{url}/redirected").replace(url, "{url}")
    text = text.replace("%s:%d" % (wsserver.HOST, port), "{host}:{port}")
    text = text.replace(wsserver.HOST, "{host}")
    text = re.sub(r"(?<!\d)%d(?!\d)" % port, "{port}", text)
    for name, value in sorted(values.items(), key=lambda kv: -len(kv[1])):
        if name not in ("host", "port", "protocol") and len(value) >= 8:
            text = text.replace(value, "{%s}" % name)
    return text


def observe(raw, variant, timeout):
    """What one run says about one variant: result, message, negotiated, note, bytes, and
    the facts two runs must agree on besides (`exchange`, `waited`)."""
    client, name = raw["client"], variant["name"]
    url = "ws://%s:%d/ws/%s" % (wsserver.HOST, raw["port"], name)
    records = raw["records"].get(name, [])
    first = next((r for r in records if not r["redirected"]), None)
    values = first["values"] if first else {}
    report = raw["reports"].get(name)
    notes = []
    obs = {"request": first["request"] if first else None,
           "response": first["response"] if first else None, "values": values,
           "exchange": "", "waited": "", "lingered": ""}
    if first and first.get("build_error"):
        notes.append("the server could not build the response: " + first["build_error"])
    if client in BROWSERS:
        error = "\n".join(browser_lines(raw["console"], url, name)) or None
    else:
        error = report.get("error") if report else None
    error = normalize(error, url, raw["port"], values)
    if report is None:
        obs.update(result="missing", message=None, negotiated=None)
        notes.append("no report from the driver (run %d)" % raw["run"])
    elif report.get("timeout") and not report.get("opened"):
        obs.update(result="fails", message="timeout after %g s" % timeout,
                   negotiated={"subprotocol": None, "extensions": None})
        obs["waited"] = "the client reported nothing in %g s%s" % (timeout, (
            ", although the server closed the connection %g s after its response" % SILENCE)
            if timeout > SILENCE else "")
        if error:
            notes.append("when the driver gave up: " + error)
    elif report.get("opened"):
        obs.update(result="opens", message=error or "",
                   negotiated={"subprotocol": report.get("protocol"),
                               "extensions": report.get("extensions")})
        echoed = CONFIRM in report.get("messages", [])
        others = [m for m in report.get("messages", []) if m != CONFIRM]
        exchange = "echo received" if echoed else "no echo"
        if others:
            exchange += ", also received %s" % json.dumps(others)
        close = report.get("close") or {}
        if close.get("code") not in (None, 1000):
            exchange += ", close %s" % close.get("code")
        if report.get("timeout"):
            exchange += ", timed out after opening"
        if not echoed or others or error:
            obs["exchange"] = "opened: " + exchange
    else:
        obs.update(result="fails", message=error or "",
                   negotiated={"subprotocol": None, "extensions": None})
    hung_up = bool(first) and any(e["event"] == "server-hangup" for e in first.get("events", []))
    if hung_up and obs["result"] == "fails" and not obs["waited"]:
        if (report.get("ms") or 0) >= SILENCE * 1000 - 100:
            obs["waited"] = "waited: the client sent nothing after the response and failed " \
                "only when the server closed the connection %g s later" % SILENCE
        else:
            obs["lingered"] = "the client failed at once but left the TCP connection open " \
                "until the server closed it %g s later" % SILENCE
    if len(records) > 1:
        notes.append("%d connections (%s)" % (len(records), ", ".join(
            "to the Location" if r["redirected"] else "first" for r in records)))
    if report and report.get("error_type"):
        notes.append("exception " + report["error_type"] + "".join(
            "; caused by " + normalize(c, url, raw["port"], values)
            for c in report.get("error_causes") or []))
    if obs["result"] == "fails" and not error and not report.get("timeout"):
        notes.append("failed without an error text")
    if raw["moz"].get(name):
        notes.append("MOZ_LOG: " + " | ".join(
            normalize(t, url, raw["port"], values) for t in raw["moz"][name][:4]))
    obs["notes"] = [n for n in [obs["waited"], obs["lingered"], obs["exchange"]] + notes if n]
    return obs


def settle(observations):
    """One row's verdict from its runs: their common one, or `unsettled` and why."""
    keys = [(o["result"], o["message"], json.dumps(o["negotiated"], sort_keys=True),
             o["exchange"], o["waited"]) for o in observations]
    first = observations[0]
    if len(set(keys)) == 1 and first["result"] != "missing":
        # A fact some runs saw and others did not (a socket left open longer, a MOZ_LOG
        # line) is kept, labelled with the runs that saw it.
        notes = []
        for note in dict.fromkeys(n for o in observations for n in o["notes"]):
            runs = [i + 1 for i, o in enumerate(observations) if note in o["notes"]]
            notes.append(note if len(runs) == len(observations) else "in run %s only: %s" % (
                ", ".join(map(str, runs)), note))
        return first["result"], first["message"], first["negotiated"], "; ".join(notes)
    why = "; ".join("run %d: %s %s%s" % (i + 1, o["result"], json.dumps(o["message"],
                                                                        ensure_ascii=False),
                                         (" (" + "; ".join(o["notes"]) + ")") if o["notes"]
                                         else "")
                    for i, o in enumerate(observations))
    return "unsettled", None, {"subprotocol": None, "extensions": None}, \
        "the runs disagree: " + why


def rows_for(set_name, variants, clients, versions, raws, timeout):
    rows = []
    for variant in variants:
        for client in clients:
            observations = [observe(raw, variant, timeout) for raw in raws[client]]
            result, message, negotiated, note = settle(observations)
            first = observations[0]
            rows.append({
                "set": set_name, "variant": variant["name"], "client": client,
                "client_version": versions[client], "request": first["request"],
                "response": first["response"], "result": result, "message": message,
                "negotiated": negotiated, "note": note,
                "_values": first["values"],
            })
    return rows


# ---------------------------------------------------------------- the table


def load_table(path):
    rows = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    return rows


def public(row):
    return {k: v for k, v in row.items() if not k.startswith("_")}


def write_table(path, old_rows, new_rows, set_name, variant_order, clients):
    measured = {(r["variant"], r["client"]) for r in new_rows}
    kept = [r for r in old_rows
            if r["set"] != set_name or (r["variant"], r["client"]) not in measured]
    order = {name: i for i, name in enumerate(variant_order)}
    client_order = {c: i for i, c in enumerate(CLIENTS)}
    sets = []
    for r in kept + new_rows:
        if r["set"] not in sets:
            sets.append(r["set"])
    rows = sorted((public(r) for r in kept + new_rows), key=lambda r: (
        sets.index(r["set"]), order.get(r["variant"], len(order)) if r["set"] == set_name else 0,
        client_order.get(r["client"], len(client_order))))
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(path + ".tmp", path)
    return len(rows)


def masked(text, values):
    """Request or response bytes with the run's port, key and accept values as placeholders,
    so that two runs compare equal when only the random key and the port differ."""
    if text is None:
        return None
    port = values.get("port")
    if port:
        text = re.sub(r"(?<=127\.0\.0\.1:)%s(?!\d)" % port, "{port}", text)
    for name, value in sorted(values.items(), key=lambda kv: -len(kv[1])):
        if name not in ("host", "port", "protocol") and len(value) >= 8:
            text = text.replace(value, "{%s}" % name)
    return text


def stored_values(row):
    """The placeholders' values of a stored row, recomputed from its request."""
    if not row.get("request"):
        return {}
    port = re.search(r"(?im)^host:\s*127\.0\.0\.1:(\d+)", row["request"])
    return wsserver.derived_values(row["request"].encode("latin-1"),
                                   int(port.group(1)) if port else 0)


def compare(old_rows, new_rows):
    """Differences between the stored rows and the measured ones, as lines of text."""
    stored = {(r["set"], r["variant"], r["client"]): r for r in old_rows}
    out = []
    for new in new_rows:
        key = (new["set"], new["variant"], new["client"])
        label = "%s %s %s" % key
        old = stored.get(key)
        if old is None:
            out.append("%s: not in the table (measured %s %s)" % (
                label, new["result"], json.dumps(new["message"], ensure_ascii=False)))
            continue
        # A new version of a client (a Debian update) is a note: the check is about behaviour,
        # which the lines below compare; re-measure with --write to refresh the table.
        if old["client_version"] != new["client_version"]:
            out.append("note: %s: client_version %r in the table, %r here" % (
                label, old["client_version"], new["client_version"]))
        if new["result"] == "unsettled":
            out.append("%s: this check's runs disagree: %s" % (label, new["note"]))
        elif old["result"] != "unsettled":
            for field in ("result", "message", "negotiated"):
                if old[field] != new[field]:
                    out.append("%s: %s %s in the table, %s here" % (
                        label, field, json.dumps(old[field], ensure_ascii=False),
                        json.dumps(new[field], ensure_ascii=False)))
        old_values = stored_values(old)
        for field in ("request", "response"):
            a, b = masked(old[field], old_values), masked(new[field], new["_values"])
            if a != b:
                # The bytes a new client version sends (its User-Agent, say) are a note too.
                out.append("note: %s: the %s differs (key and port aside): table %s, here %s" % (
                    label, field, json.dumps(a[:300] if a else a, ensure_ascii=False),
                    json.dumps(b[:300] if b else b, ensure_ascii=False)))
    return out


# ---------------------------------------------------------------- main


def summary(rows, clients):
    lines = []
    for client in clients:
        mine = [r for r in rows if r["client"] == client]
        counts = {k: sum(1 for r in mine if r["result"] == k)
                  for k in ("opens", "fails", "unsettled")}
        lines.append("%-18s opens %3d  fails %3d  unsettled %2d" % (
            client, counts["opens"], counts["fails"], counts["unsettled"]))
    return "\n".join(lines)


def print_summary(path, set_name):
    """Per client: how many variants open, fail or are unsettled, and each distinct message."""
    rows = [r for r in load_table(path) if set_name in (None, r["set"])]
    clients = [c for c in CLIENTS if any(r["client"] == c for r in rows)]
    print(summary(rows, clients))
    for client in clients:
        mine = [r for r in rows if r["client"] == client]
        print("\n%s (%s)" % (client, mine[0]["client_version"]))
        messages = {}
        for r in mine:
            if r["message"]:
                messages.setdefault(r["message"], []).append(r["variant"])
        for message, variants in sorted(messages.items(), key=lambda kv: -len(kv[1])):
            print("  %3d  %s" % (len(variants), message.replace("\n", " / ")[:200]))
    return 0


def measure(args):
    with open(args.variants) as f:
        doc = json.load(f)
    set_name = args.set or doc.get("set")
    if not set_name:
        raise SystemExit("no --set and no \"set\" in %s" % args.variants)
    problems = check_variants(doc)
    if problems:
        raise SystemExit("%s:\n  %s" % (args.variants, "\n  ".join(problems)))
    variants = [v for v in doc["variants"] if v.get("quick") or not args.quick]
    if args.only:
        wanted = set(args.only.split(","))
        variants = [v for v in variants if v["name"] in wanted]
    clients = [c for c in args.clients.split(",") if c]
    bad = [c for c in clients if c not in CLIENTS]
    if bad or not variants:
        raise SystemExit("unknown clients %s" % bad if bad else "no variant selected")
    runs = args.runs or (2 if args.write else 1)
    prepare(clients)
    versions = {c: client_version(c) for c in clients}
    work = os.path.abspath(args.out) if args.out else tempfile.mkdtemp(prefix="ws-clients.")
    os.makedirs(work, exist_ok=True)
    t0 = time.monotonic()
    raws, problems = {}, []
    try:
        for client in clients:
            raws[client] = []
            for run in range(1, runs + 1):
                raw = run_client(client, doc, variants, run, work, args.timeout)
                raws[client].append(raw)
                print("%-18s run %d: %5.1f s, %d/%d reports%s" % (
                    client, run, raw["seconds"], len(raw["reports"]), len(variants),
                    ", TIMED OUT" if raw["timed_out"] else ""), flush=True)
                if raw["timed_out"] or len(raw["reports"]) < len(variants):
                    problems.append("%s run %d: %d of %d reports%s (driver exit %s)" % (
                        client, run, len(raw["reports"]), len(variants),
                        ", timed out" if raw["timed_out"] else "", raw["exit"]))
    finally:
        leftovers = suite.cleanup()
    if leftovers:
        problems.append("killed %d processes left behind: %s" % (len(leftovers), leftovers))
    rows = rows_for(set_name, variants, clients, versions, raws, args.timeout)
    print(summary(rows, clients))
    print("time: %.0f s for %d variants x %d clients x %d runs" % (
        time.monotonic() - t0, len(variants), len(clients), runs))
    status = 0
    for p in problems:
        print("harness: " + p)
        status = 1
    if args.write:
        if problems and not args.force:
            print("not writing %s: the harness failed (use --force to write anyway)" % args.table)
        else:
            n = write_table(args.table, load_table(args.table), rows, set_name,
                            [v["name"] for v in doc["variants"]], clients)
            print("wrote %s: %d rows" % (args.table, n))
    else:
        lines = compare(load_table(args.table), rows)
        differences = [d for d in lines if not d.startswith("note: ")]
        for d in lines:
            print(d if d.startswith("note: ") else "DIFF " + d)
        print("%d rows compared, %d differences, %d notes" % (
            len(rows), len(differences), len(lines) - len(differences)))
        status = 1 if differences else status
    if args.out or status:
        print("records: %s" % work)
        with open(os.path.join(work, "rows.json"), "w") as f:
            json.dump([public(r) for r in rows], f, indent=1, ensure_ascii=False)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return status


def supervise(argv, deadline):
    """Run this script again as a child under a deadline; should the child die before it
    has cleaned up (timed out, killed), kill the process groups it had recorded."""
    groups = tempfile.NamedTemporaryFile(prefix="ws-clients-groups.", delete=False)
    groups.close()
    env = dict(os.environ, INTEROP_GROUPS_FILE=groups.name)
    env[DEADLINE_ENV] = "1"
    child = subprocess.Popen([PY, os.path.abspath(__file__)] + argv, env=env)

    def forward(signum, _):
        child.send_signal(signum)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, forward)
    try:
        status = child.wait(deadline)
    except subprocess.TimeoutExpired:
        print("measure: over %d s, stopping" % deadline, file=sys.stderr)
        child.terminate()
        try:
            status = child.wait(30)
        except subprocess.TimeoutExpired:
            child.kill()
            status = child.wait()
        status = status if status not in (0, None) else 1
    if status < 0 or status >= 124:
        with open(groups.name) as f:
            for line in f:
                try:
                    os.killpg(int(line), signal.SIGKILL)
                except (ValueError, ProcessLookupError, PermissionError):
                    pass
    os.unlink(groups.name)
    return 128 - status if status < 0 else status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true",
                      help="measure and rewrite this set's rows of the table")
    mode.add_argument("--check", action="store_true",
                      help="measure and compare with the table; exit 1 on any difference")
    mode.add_argument("--summary", action="store_true",
                      help="print per client the counts and distinct messages in the table")
    ap.add_argument("--quick", action="store_true", help="only the variants marked quick")
    ap.add_argument("--variants", default=os.path.join(HERE, "variants.json"),
                    help="the variants file (default: variants.json, set A)")
    ap.add_argument("--set", help="the set name stored in the rows (default: the file's)")
    ap.add_argument("--clients", default=",".join(CLIENTS),
                    help="comma-separated subset of: " + ", ".join(CLIENTS))
    ap.add_argument("--only", help="comma-separated variant names (looking at a few by hand)")
    ap.add_argument("--runs", type=int, help="runs per client (default: 2 with --write, 1 with"
                    " --check)")
    ap.add_argument("--timeout", type=float, default=4.0,
                    help="seconds a client gets for one handshake and echo (default 4)")
    ap.add_argument("--table", default=TABLE, help="the table (default: table.jsonl)")
    ap.add_argument("--out", help="keep every record, console and log in this folder")
    ap.add_argument("--force", action="store_true",
                    help="with --write: write even if the harness reported a problem")
    ap.add_argument("--deadline", type=int, default=1800,
                    help="seconds for the whole measurement (default 1800)")
    args = ap.parse_args()
    if args.summary:
        return print_summary(args.table, args.set)
    if not os.environ.get(DEADLINE_ENV):
        return supervise(sys.argv[1:], args.deadline)
    suite.libc.prctl(suite.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda signum, _: sys.exit(128 + signum))
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
