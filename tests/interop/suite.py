#!/usr/bin/python3
"""Interop suite: real, unmodified clients against the responses ws-handshake builds.

For each client, starts server.py on 127.0.0.1 and the client's driver (clients/), which
runs every scenario of scenarios.py in turn; then compares what the server and the client
recorded with the outcome written down in scenarios.EXPECT and scenarios.TOOL, prints one
table row per check, and ends with `N passed, N failed`. Exit status 0 only if nothing
failed.

Every program runs in a process group of its own under a deadline and is killed at the
end; the suite is also a child subreaper, so whatever a browser leaves behind is found and
killed too. Run it through run.sh, which installs the npm packages first.
"""
import argparse
import ctypes
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

import scenarios as S

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"  # Debian's, which has python3-websockets
CLIENT_TIMEOUT = 240  # seconds for one client's whole run, browser start included
SCENARIO_TIMEOUT = 15  # seconds a client waits for one scenario
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"

libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36
live = []  # every Popen started and not yet stopped


def start(argv, log_path, env=None):
    """A program in a new process group, killed if this process dies."""
    log = open(log_path, "ab")
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                            start_new_session=True,
                            preexec_fn=lambda: libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL))
    log.close()
    live.append(proc)
    if os.environ.get("INTEROP_GROUPS_FILE"):  # run.sh's last resort, should this process die
        with open(os.environ["INTEROP_GROUPS_FILE"], "a") as f:
            f.write("%d\n" % proc.pid)
    return proc


def stop(proc):
    """SIGTERM to the program's whole group, SIGKILL 5 s later."""
    for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(grace)
            break
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the leader may be gone, its group not
    except ProcessLookupError:
        pass
    if proc in live:
        live.remove(proc)


def descendants():
    """Live (non-zombie) processes below this one."""
    parent, state = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)], state[int(entry)] = int(fields[1]), fields[0]
    me, out = os.getpid(), []
    for pid in parent:
        p = parent[pid]
        while p > 1 and p != me:
            p = parent.get(p, 0)
        if p == me and state[pid] != "Z":
            out.append(pid)
    return out


def cleanup():
    """Stop every program still running, then kill and reap whatever is left below us."""
    for proc in list(live):
        stop(proc)
    leftovers = descendants()
    for pid in leftovers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                if not descendants():
                    break
                time.sleep(0.1)
        except ChildProcessError:
            break
    return leftovers


def version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired, IndexError) as e:
        return "unknown (%s)" % e


def client_versions():
    ws = json.load(open(os.path.join(HERE, "node_modules", "ws", "package.json")))["version"]
    pw = json.load(open(os.path.join(HERE, "node_modules", "playwright-core",
                                     "package.json")))["version"]
    return {
        "chromium": version(["/usr/bin/chromium", "--version"]) + ", playwright-core " + pw,
        "firefox": version(["/usr/bin/firefox-esr", "--version"]),
        "webkit": "WebKitGTK " + version(["dpkg-query", "-W", "-f=${Version}",
                                          "libwebkit2gtk-4.1-0"]) + " MiniBrowser",
        "node-ws": "ws " + ws + " on Node " + version(["node", "--version"]),
        "python-websockets": version([
            PY, "-c", "import sys, websockets; print('websockets', websockets.__version__,"
            " 'on Python', sys.version.split()[0])"]),
    }


def wait_for_port(log_path, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with open(log_path) as f:
            m = re.search(r"^PORT (\d+)$", f.read(), re.M)
        if m:
            return int(m.group(1))
        time.sleep(0.05)
    raise RuntimeError("server.py printed no port in %d s" % seconds)


def run_client(client, binary, work):
    """One client through every scenario it takes part in; returns run facts."""
    cdir = os.path.join(work, client)
    os.makedirs(os.path.join(cdir, "reports"), exist_ok=True)
    t0 = time.monotonic()
    server = start([PY, os.path.join(HERE, "server.py"), "--binary", binary, "--client", client,
                    "--out", cdir, "--timeout", str(CLIENT_TIMEOUT + 30),
                    "--scenario-timeout", str(SCENARIO_TIMEOUT)],
                   os.path.join(cdir, "server.log"))
    port = wait_for_port(os.path.join(cdir, "server.log"), 15)
    page = "http://127.0.0.1:%d/" % port
    config = {"client": client, "timeoutMs": SCENARIO_TIMEOUT * 1000, "scenarios": [
        {"name": s.name, "protocols": list(s.offer),
         "url": "ws://127.0.0.1:%d/ws/%s/%s" % (port, client, s.name),
         "deflate": dict(s.client_deflate) or None}
        for s in S.SCENARIOS if client in s.clients]}
    config_path = os.path.join(cdir, "config.json")
    with open(config_path, "w") as f:
        json.dump(config, f, indent=1)
    console, profile = os.path.join(cdir, "console.jsonl"), os.path.join(cdir, "profile")
    argv = {
        "chromium": ["node", os.path.join(HERE, "clients", "chromium.js"), page, console, profile],
        "firefox": ["node", os.path.join(HERE, "clients", "firefox.js"), page, console, profile],
        "webkit": [PY, os.path.join(HERE, "clients", "webkit.py"), page, console, profile],
        "node-ws": ["node", os.path.join(HERE, "clients", "node-ws.js"), config_path,
                    os.path.join(cdir, "reports")],
        "python-websockets": [PY, os.path.join(HERE, "clients", "python-websockets.py"),
                              config_path, os.path.join(cdir, "reports")],
    }[client]
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    driver = start(argv, os.path.join(cdir, "driver.log"), env)
    deadline, done_at = t0 + CLIENT_TIMEOUT, None
    while driver.poll() is None and time.monotonic() < deadline:
        if done_at is None and os.path.exists(os.path.join(cdir, "done")):
            done_at = time.monotonic()
            deadline = min(deadline, done_at + 15)  # time for the browser to close itself
        time.sleep(0.1)
    facts = {"port": port, "driver_exit": driver.poll(),
             "timed_out": driver.poll() is None and done_at is None}
    stop(driver)
    stop(server)
    facts["seconds"] = round(time.monotonic() - t0, 1)
    return facts


# ---------------------------------------------------------------- judging


def matches(template, text):
    """`...` in the template stands for any run of characters."""
    if text is None:
        return False
    pattern = ".*?".join(re.escape(part) for part in template.split("..."))
    return re.search(pattern, text, re.S) is not None


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def console_entries(cdir):
    out = []
    try:
        with open(os.path.join(cdir, "console.jsonl"), encoding="utf-8") as f:
            for line in f:
                try:
                    out.append(json.loads(line))
                except ValueError:
                    pass
    except OSError:
        pass
    return out


def browser_errors(entries, client, scenario):
    """Console lines about this scenario's WebSocket (they quote its URL)."""
    url = re.compile(r"/ws/%s/%s(?![\w-])" % (re.escape(client), re.escape(scenario)))
    return [e["text"] for e in entries
            if url.search(e.get("text", "")) and not e["text"].startswith("interop:")]


def firefox_reasons(cdir):
    """Firefox's own reasons from MOZ_LOG=nsWebSocket:4, per scenario (not asserted)."""
    reasons, current = {}, None
    interesting = re.compile(r"check failed|Expected .* received|non-matching|not found|"
                             r"unknown value|mismatch|[Ii]nvalid|aborting")
    for path in sorted(glob.glob(os.path.join(cdir, "moz.log*"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.search(r"AsyncOpen uri=\S+/ws/firefox/([a-z-]+)", line)
                if m:
                    current = m.group(1)
                    continue
                if current and "D/nsWebSocket" in line and interesting.search(line):
                    text = line.split("D/nsWebSocket ", 1)[1].strip()
                    reasons.setdefault(current, [])
                    if text not in reasons[current]:
                        reasons[current].append(text)
    return reasons


def extension_names(value):
    if not value:
        return ()
    return tuple(e.split(";")[0].strip() for e in value.split(",") if e.strip())


def header_value(response, name):
    """The (first) value of header `name` (lower case) in a response, or None."""
    for line in (response or "").split("\r\n")[1:]:
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == name:
            return value.strip()
    return None


def pmd_params(value):
    """permessage-deflate's parameters in an extensions value: {name: value or True}."""
    for element in (value or "").split(","):
        parts = [p.strip() for p in element.split(";")]
        if parts[0].lower() == "permessage-deflate":
            return {k.strip().lower(): (v.strip().strip('"') if sep else True)
                    for k, sep, v in (p.partition("=") for p in parts[1:] if p)}
    return None


def agreed_mismatch(client, report, answered):
    """Where the client's own view of permessage-deflate contradicts the tool's answer: the
    string Chromium and WebKit expose as ws.extensions, the parameters Node ws accepted,
    Python's PerMessageDeflate object. Firefox exposes only the name. None if they agree."""
    want = pmd_params(answered) or {}
    server_bits = int(want.get("server_max_window_bits", 15))
    snct = "server_no_context_takeover" in want
    client_bits = want.get("client_max_window_bits")
    if client in ("chromium", "webkit"):
        got = report.get("extensions")
        return None if got == answered else "ws.extensions is %r" % got
    if client == "node-ws":
        p = report.get("extension_params") or {}
        if (int(p.get("server_max_window_bits", 15)) != server_bits
                or bool(p.get("server_no_context_takeover")) != snct
                or (client_bits and str(p.get("client_max_window_bits")) != client_bits)):
            return "node ws accepted %s" % json.dumps(p)
        return None
    if client == "python-websockets":
        objs = " ".join(report.get("extension_objects") or [])
        m = re.search(r"remote_no_context_takeover=(\w+), local_no_context_takeover=\w+, "
                      r"remote_max_window_bits=(\d+), local_max_window_bits=(\d+)", objs)
        if not m or (m.group(1) == "True") != snct or int(m.group(2)) != server_bits or (
                client_bits and m.group(3) != client_bits):
            return "python agreed %s" % objs
        return None
    return None


def response_summary(response):
    """The response's status and WebSocket fields, on one line."""
    lines = (response or "").split("\r\n")
    keep = [lines[0]] + [l for l in lines[1:] if l.lower().startswith("sec-websocket-")]
    return " / ".join(l for l in keep if l)


def judge_tool(scenario, client, rec):
    verdict = S.TOOL[scenario.name]
    run = rec.get("refusal") if scenario.refuse_args else rec.get("tool")
    quote = verdict.quotes.get(client)
    expected = "exit %d, %s [%s]" % (verdict.exit, verdict.severity, verdict.id)
    for other in verdict.also:
        expected += " and [%s]" % other
    if quote:
        expected += ', effect quotes "%s"' % quote
    if not run:
        return False, expected, "no ws-handshake run", ""
    diags = run.get("diagnostics") or []
    observed = "exit %s, %s" % (run["exit"], ", ".join(
        "%s [%s]" % (d["severity"], d["id"]) for d in diags) or "no diagnostic")
    problems = []
    if run["exit"] != verdict.exit:
        problems.append("exit status %s" % run["exit"])
    hit = [d for d in diags if d["id"] == verdict.id and d["severity"] == verdict.severity]
    if not hit:
        problems.append("no %s [%s]" % (verdict.severity, verdict.id))
    if quote and not any(quote in d.get("consequence", "") for d in hit):
        problems.append("JSON consequence does not quote it")
    if quote and quote not in run["stderr"]:
        problems.append("stderr `= effect:` does not quote it")
    if "[%s]" % verdict.id not in run["stderr"]:
        problems.append("stderr lacks [%s]" % verdict.id)
    for other in verdict.also:
        if not any(d["id"] == other and d["severity"] == verdict.severity for d in diags):
            problems.append("no %s [%s]" % (verdict.severity, other))
        if "[%s]" % other not in run["stderr"]:
            problems.append("stderr lacks [%s]" % other)
    details = "ws-handshake " + " ".join(run["argv"])
    if problems:
        details += "; " + "; ".join(problems)
    return not problems, expected, observed, details


def describe_open(report, after):
    text = "open, protocol=%r, extensions=%r" % (report.get("protocol"), report.get("extensions"))
    if after:
        text += ", echo " + str(after.get("echo", "none"))
        if after.get("client_compressed"):
            text += " (compressed)"
        if after.get("error"):
            text += ", " + after["error"]
    close = report.get("close") or {}
    text += ", close %s%s" % (close.get("code"), "" if close.get("wasClean") else " (not clean)")
    return text


def judge_client(scenario, client, rec, report, errors, reasons):
    exp = S.EXPECT[scenario.name][client]
    if isinstance(exp, S.Open):
        expected = "open, protocol=%r, extensions=%r, echo, close 1000" % (
            exp.protocol, ", ".join(exp.extensions))
        if exp.compressed:
            expected += ", echo compressed"
        if exp.answer is not None:
            expected = "tool answers %r; " % exp.answer + expected
    else:
        expected = 'fails: "%s"' % exp.error
    if rec is None:
        return False, expected, "no connection reached the server", ""
    if report is None:
        return False, expected, "the client reported nothing (timeout?)", response_summary(
            rec.get("response"))
    after = rec.get("after") or {}
    error_text = report.get("error") if client in ("node-ws", "python-websockets") else \
        " | ".join(errors) or None
    details = ["sent: " + response_summary(rec.get("response"))]
    if rec.get("careless"):
        details.append("careless: " + rec["careless"])
    answered = header_value(rec.get("response"), "sec-websocket-extensions")
    if after.get("deflate") and after.get("echo") == "ok":
        details.append("server inflated with a %d-bit window" % rec["after"]["deflate"][
            "client_bits"])
    if report.get("extension_params"):
        details.append("node ws params: " + json.dumps(report["extension_params"]))
    if report.get("offered"):
        details.append("offered: " + json.dumps(report["offered"]))
    if report.get("extension_objects"):
        details.append("python: " + ", ".join(report["extension_objects"]))
    if report.get("error_type"):
        details.append("exception: " + report["error_type"])
    if reasons:
        details.append("MOZ_LOG: " + " | ".join(reasons[:3]))
    if rec["tool"]["exit"] != 0:
        details.append("ws-handshake exit %s: %s" % (rec["tool"]["exit"],
                                                     rec["tool"]["stderr"].strip()[-300:]))
    if report.get("timeout"):
        details.append("client timed out")
    mismatch = None
    if report.get("opened") and isinstance(exp, S.Open) and exp.answer is not None:
        mismatch = agreed_mismatch(client, report, answered)
        if mismatch:
            details.append("the client's parameters differ from the answer: " + mismatch)
    if report.get("opened"):
        observed = describe_open(report, after)
        if isinstance(exp, S.Open) and exp.answer is not None:
            observed = "tool answered %r; " % answered + observed
    else:
        observed = "fails: " + (('"%s"' % error_text) if error_text else "no error text")
        if report.get("close"):
            observed += ", close %s" % report["close"].get("code")

    if isinstance(exp, S.Open):
        close = report.get("close") or {}
        ok = (report.get("opened") and report.get("protocol") == exp.protocol
              and extension_names(report.get("extensions")) == exp.extensions
              and after.get("echo") == "ok" and after.get("client_close_code") == 1000
              and close.get("code") == 1000 and close.get("wasClean")
              and (after.get("client_compressed") or not exp.compressed)
              and not report.get("timeout")
              and (exp.answer is None or (answered == exp.answer and rec["tool"]["exit"] == 0
                                          and not mismatch)))
    else:
        ok = (not report.get("opened") and matches(exp.error, error_text)
              and rec.get("response", "").startswith("HTTP/1.1 101 ")
              and not after.get("frames") and not report.get("timeout"))
        if not rec.get("response", "").startswith("HTTP/1.1 101 "):
            details.append("the response sent was not a 101, so this proves nothing")
    return bool(ok), expected, observed, "; ".join(details)


def judge(clients, work):
    rows = []
    for client in clients:
        cdir = os.path.join(work, client)
        entries = console_entries(cdir)
        reasons = firefox_reasons(cdir) if client == "firefox" else {}
        for scenario in S.SCENARIOS:
            if client not in scenario.clients:
                continue
            rec = load_json(os.path.join(cdir, "server", scenario.name + ".json"))
            report = load_json(os.path.join(cdir, "reports", scenario.name + ".json"))
            if scenario.name in S.TOOL:
                if rec is None:
                    rows.append((False, client, scenario.name + " (tool)", "", "no request", ""))
                else:
                    ok, e, o, d = judge_tool(scenario, client, rec)
                    rows.append((ok, client, scenario.name + " (tool)", e, o, d))
            ok, e, o, d = judge_client(scenario, client, rec, report,
                                       browser_errors(entries, client, scenario.name),
                                       reasons.get(scenario.name, []))
            label = scenario.name + (" (careless 101)" if scenario.add_header or
                                     scenario.alter_accept else "")
            rows.append((ok, client, label, e, o, d))
    return rows


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(rows):
    out = ["| client | scenario | expected | observed | result: details |",
           "| --- | --- | --- | --- | --- |"]
    for ok, client, scenario, expected, observed, details in rows:
        out.append("| %s | %s | %s | %s | %s%s |" % (
            cell(client), cell(scenario), cell(expected), cell(observed),
            "pass" if ok else "FAIL", (": " + cell(details)) if details else ""))
    return "\n".join(out)


def save_samples(clients, work, dest):
    os.makedirs(dest, exist_ok=True)
    for client in clients:
        for scenario, suffix in (("plain", ""), ("subprotocol", "-subprotocols")):
            src = os.path.join(work, client, "requests", scenario + ".http")
            if os.path.exists(src):
                shutil.copyfile(src, os.path.join(dest, client + suffix + ".http"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", help="the ws-handshake binary under test")
    ap.add_argument("--clients", default=",".join(S.CLIENTS),
                    help="comma-separated subset of: " + ", ".join(S.CLIENTS))
    ap.add_argument("--out", help="keep every capture, log and record here")
    ap.add_argument("--save-samples", metavar="DIR",
                    help="copy each client's captured requests (plain, with subprotocols)"
                         " to DIR/<client>[-subprotocols].http")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    clients = [c for c in args.clients.split(",") if c]
    unknown = set(clients) - set(S.CLIENTS)
    if unknown or not os.access(binary, os.X_OK):
        ap.error("unknown client %s" % unknown if unknown else "%s is not executable" % binary)

    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda signum, _: sys.exit(128 + signum))
    work = os.path.abspath(args.out) if args.out else tempfile.mkdtemp(prefix="ws-interop.")
    os.makedirs(work, exist_ok=True)
    t0 = time.monotonic()
    facts, leftovers, versions = {}, [], {}
    try:
        versions = client_versions()
        for client in clients:
            print("== %s: %s" % (client, versions[client]), flush=True)
            facts[client] = run_client(client, binary, work)
            print("   %.1f s%s" % (facts[client]["seconds"],
                                   ", TIMED OUT" if facts[client]["timed_out"] else ""), flush=True)
    finally:
        leftovers = cleanup()
    rows = judge(clients, work)
    if args.save_samples:
        save_samples(clients, work, args.save_samples)
    if leftovers:
        rows.append((False, "suite", "cleanup", "no process left", "%d left" % len(leftovers),
                     "killed pids %s" % leftovers))
    passed = sum(1 for r in rows if r[0])
    failed = len(rows) - passed
    report = table(rows)
    with open(os.path.join(work, "report.md"), "w") as f:
        f.write(report + "\n")
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"facts": facts, "versions": versions, "rows": rows}, f, indent=1)
    print()
    print(report)
    print()
    for scenario in S.SCENARIOS:
        skipped = [c for c in clients if c not in scenario.clients]
        if skipped:
            print("not run: %s for %s (%s)" % (scenario.name, ", ".join(skipped),
                                               scenario.skip_reason))
    print("time: %.1f s (%s)" % (time.monotonic() - t0, ", ".join(
        "%s %.1f s" % (c, f["seconds"]) for c, f in facts.items())))
    if failed or args.out:
        print("records: %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
