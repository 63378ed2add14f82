#!/usr/bin/python3
"""The docs test: every example in README.md and man/ws-handshake.1 is run against the built
binary and must print what the docs show, byte for byte; and the man page's JSON OUTPUT must
list exactly the members the JSON output has, with their types.

    run.py PATH/TO/ws-handshake           (from the repository's root, as ctest runs it)
    UPDATE_DOCS=1 run.py PATH/TO/ws-handshake

Examples
  README.md: every ```console block. man/ws-handshake.1: every .EX/.EE block that has a line
  starting with "$ ", read as a reader sees it: \\- \\e \\(aq \\(dq \\(ga \\(rs \\& \\f[BIRP]
  \\~ and "\\ " become the characters they print (any other escape is an error).
  A line starting with "$ " is a command. It goes on over the next lines while a line ends
  with "\\", "|", "&&" or "||", as in a shell. Every line after it, up to the next command
  or the end of the block, is its output: what a terminal shows, standard output and standard
  error together. Each command runs as `bash -c COMMAND 2>&1` with standard input from
  /dev/null, in one scratch directory holding a copy of samples/ and tests/golden/inputs/ and
  the files the docs define, with the binary's directory first on PATH.

Markers (an HTML comment in Markdown, a roff comment in the man page), each right before the
block it is about (only blank lines between them in Markdown; only the comment in roff):
  <!-- docs-test: file NAME -->      .\\" docs-test: file NAME
      The next block (any language in Markdown) is not an example: it is written to the
      scratch directory as NAME, one newline at the end.
  <!-- docs-test: skip: REASON -->   .\\" docs-test: skip: REASON
      The next example is not run (it cannot run offline, say); it is listed with REASON.

Placeholders, for output that legitimately varies (a random key, a time):
  {{any}}      any text within one line, possibly none
  {{number}}   digits, with an optional fraction: 12, 4.5
  {{base64}}   base64 characters with their padding: dGhlIHNhbXBsZSBub25jZQ==
  ...          a line of three dots alone: any number of whole lines, possibly none
An example with a placeholder is compared line by line as a pattern; any other unknown
{{NAME}} is an error.

UPDATE_DOCS=1 rewrites the output of every failing example in place (escaped for roff in the
man page), for review with `git diff`. Placeholders in a rewritten example are lost: put them
back. It never rewrites the JSON OUTPUT section.

JSON OUTPUT: each member is a .TP item whose tag reads `NAME (TYPE)` or `NAME (TYPE; WHEN)`;
a list of names shares one type (`line, column (integer)`). TYPE is one or more of integer,
string, boolean, null, object, array of strings, array of objects, joined by " or ".
WHEN is one of the phrases in WHEN_MODES below; without it the member is always present.
An .RS/.RE list right after an object member (or an array of objects) lists its members.
Each documented member must be present in the JSON of every run its WHEN covers, with one of
its types, in the documented order; no other member may appear; and every type of every
member must show up at least once over the runs of JSON_RUNS.

Written in Python (standard library only) rather than bash: it parses Markdown fences, roff
escapes and macros and JSON, matches patterns line by line, prints unified diffs and rewrites
the docs in place, which in bash would take a chain of sed, awk, diff and jq invocations.
"""

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Seconds one command may run.
COMMAND_TIMEOUT = 30

# The docs whose examples are run, relative to the repository's root.
MARKDOWN_DOCS = ["README.md"]
MAN_PAGES = ["man/ws-handshake.1"]
JSON_SCHEMA_PAGE = "man/ws-handshake.1"

# Folders copied into the scratch directory, so the examples find them where the docs say.
SCRATCH_FOLDERS = ["samples", "tests/golden/inputs"]

# What a WHEN phrase of JSON OUTPUT means: the runs (below) in which the member is present.
ALL_MODES = frozenset({"single", "servers", "batch", "har", "har-no-url", "verify"})
WHEN_MODES = {
    None: ALL_MODES,
    "with --batch or a HAR": frozenset({"batch", "har", "har-no-url"}),
    "with --batch": frozenset({"batch"}),
    "with a HAR": frozenset({"har", "har-no-url"}),
    "with a HAR, when the entry has a URL": frozenset({"har"}),
    "with --server": frozenset({"servers"}),
    "with a capture that holds the response": frozenset({"har"}),
}

# The JSON the member check reads: (mode, arguments). Together they show every type of every
# member: a refused and an accepted request, empty input (request and accept are null), an
# offer with and without parameter values, an entry with and without a URL.
JSON_RUNS = [
    ("single", ["-f", "json", "-p", "chat", "--negotiate-deflate",
                "samples/chromium-subprotocols.http"]),
    ("single", ["-f", "json", "samples/broken/version-8.http"]),
    ("single", ["-f", "json", "-"]),  # standard input is /dev/null: empty input
    # Every server: one that answers 101, one that refuses with a status, one that waits.
    ("servers", ["-f", "json", "--server", "all", "samples/lf-line-endings.http"]),
    ("batch", ["-f", "json", "--batch", "-p", "chat", "samples/batch/mixed-stream.http"]),
    ("har", ["-f", "json", "--har", "samples/har/chromium-websockets.har"]),
    ("har-no-url", ["-f", "json", "--har", "tests/golden/inputs/har-no-url.har"]),
]

# The JSON of `ws-handshake verify`, which VERIFY JSON OUTPUT lists: a response that fails
# (with a request that carries a key), one that opens, and one that cannot be read (response
# and status null).
VERIFY_JSON_RUNS = [
    ("verify", ["verify", "-f", "json", "--request", "samples/exchange/wrong-accept.request.http",
                "samples/exchange/wrong-accept.response.http"]),
    ("verify", ["verify", "-f", "json", "--request", "samples/exchange/correct.request.http",
                "samples/exchange/correct.response.http"]),
    ("verify", ["verify", "-f", "json", "--request", "samples/rfc6455-example.http",
                "samples/broken/truncated.http"]),
    ("verify", ["verify", "-f", "json", "--request", "samples/broken/truncated.http",
                "samples/exchange/deflate.response.http"]),
    ("verify", ["verify", "-f", "json", "--request", "samples/exchange/deflate.request.http",
                "samples/exchange/deflate.response.http"]),
]

# Each JSON section of the man page and the runs it is checked against.
JSON_SECTIONS = [("JSON OUTPUT", JSON_RUNS), ("VERIFY JSON OUTPUT", VERIFY_JSON_RUNS)]

PLACEHOLDERS = {
    "any": r".*?",
    "number": r"[0-9]+(?:\.[0-9]+)?",
    "base64": r"[A-Za-z0-9+/]+={0,2}",
}
ELLIPSIS = "..."


class DocsError(Exception):
    """The docs cannot be read as this test expects: a broken marker, block or tag."""


@dataclass
class Example:
    source: str  # file name, relative to the root
    line: int  # 1-based line of the command
    command: str
    expected: list  # output lines as a reader sees them
    output_lines: range  # 0-based indices of the output's lines in the source file
    roff: bool
    skip: str = ""


@dataclass
class Docs:
    examples: list = field(default_factory=list)
    files: dict = field(default_factory=dict)  # name -> (content, "file:line")


# ---------------------------------------------------------------------------------------------
# roff

ROFF_ESCAPES = {
    "-": "-", "e": "\\", "&": "", "~": " ", " ": " ", "(aq": "'", "(dq": '"', "(ga": "`",
    "(rs": "\\", "fB": "", "fI": "", "fR": "", "fP": "", "(bu": "\u2022", "(em": "\u2014",
}
ROFF_ESCAPE = re.compile(r"\\(\(..|f.|.)")


def roff_unescape(text, where):
    """The characters a reader sees for one roff text line."""
    def replace(match):
        escape = match.group(1)
        if escape not in ROFF_ESCAPES:
            raise DocsError(f"{where}: roff escape \\{escape} is not one this test reads")
        return ROFF_ESCAPES[escape]

    if text.endswith("\\") and not text.endswith("\\\\"):
        raise DocsError(f"{where}: a roff line ending in a bare backslash")
    return ROFF_ESCAPE.sub(replace, text)


def roff_escape(text):
    """A roff text line that a reader sees as `text` (for UPDATE_DOCS)."""
    out = []
    for char in text:
        out.append({"\\": "\\e", "-": "\\-", "'": "\\(aq", '"': "\\(dq", "`": "\\(ga"}.get(char, char))
    line = "".join(out)
    if line == "" or line[0] in ".'":
        line = "\\&" + line
    if line[-1] in " \t":
        line += "\\&"
    return line


def roff_arguments(text):
    """The arguments of a macro line, with roff's double quotes."""
    arguments = []
    i = 0
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        if text[i] == '"':
            i += 1
            current = []
            while i < len(text):
                if text[i] == '"':
                    if text[i + 1:i + 2] == '"':
                        current.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                current.append(text[i])
                i += 1
            arguments.append("".join(current))
        else:
            end = text.find(" ", i)
            end = len(text) if end < 0 else end
            arguments.append(text[i:end])
            i = end
    return arguments


def roff_line_text(line, where):
    """What a reader sees of a text line or a font macro line (.B, .BR, .IR and the like)."""
    match = re.match(r"^\.(B|I|BR|RB|BI|IB|IR|RI)(?: (.*))?$", line)
    if not match:
        if line.startswith("."):
            raise DocsError(f"{where}: expected text or a font macro, found {line!r}")
        return roff_unescape(line, where)
    arguments = roff_arguments(match.group(2) or "")
    joiner = " " if match.group(1) in ("B", "I") else ""
    return roff_unescape(joiner.join(arguments), where)


# ---------------------------------------------------------------------------------------------
# Reading the examples

MARKER = re.compile(r"^docs-test: (?:(file) (\S+)|(skip): (.+))$")


def parse_marker(text, where):
    match = MARKER.match(text.strip())
    if not match:
        raise DocsError(f"{where}: cannot read the marker {text.strip()!r} "
                        "(docs-test: file NAME, or docs-test: skip: REASON)")
    return ("file", match.group(2)) if match.group(1) else ("skip", match.group(4))


def continues(command_line):
    """Whether a shell reads on after this line: an odd run of backslashes, or a pipe or a
    list operator at its end."""
    line = command_line.rstrip()
    backslashes = len(line) - len(line.rstrip("\\"))
    return backslashes % 2 == 1 or line.endswith(("|", "&&", "||"))


def parse_session(source, items, roff, skip):
    """The examples of one block; `items` are (0-based source line, text as a reader sees it)."""
    examples = []
    k = 0
    if items and not items[0][1].startswith("$ "):
        raise DocsError(f"{source}:{items[0][0] + 1}: output before the first `$ ` command")
    while k < len(items):
        first = items[k][0]
        command = [items[k][1][2:]]
        k += 1
        while continues(command[-1]) and k < len(items):
            command.append(items[k][1])
            k += 1
        start = k
        while k < len(items) and not items[k][1].startswith("$ "):
            k += 1
        expected = [text for _, text in items[start:k]]
        lines = range(items[start][0], items[k - 1][0] + 1) if k > start else range(
            items[start - 1][0] + 1, items[start - 1][0] + 1)
        examples.append(Example(source, first + 1, "\n".join(command), expected, lines, roff, skip))
    return examples


def read_markdown(root, source, docs):
    lines = (root / source).read_text().split("\n")
    pending = None  # (kind, value, line)
    i = 0
    while i < len(lines):
        line = lines[i]
        comment = re.fullmatch(r"\s*<!--\s*(docs-test:.*?)\s*-->\s*", line)
        if comment:
            if pending:
                raise DocsError(f"{source}:{pending[2]}: marker not followed by a block")
            pending = (*parse_marker(comment.group(1), f"{source}:{i + 1}"), i + 1)
            i += 1
            continue
        fence = re.match(r"^(```+)\s*(\S*)\s*$", line)
        if fence:
            end = i + 1
            while end < len(lines) and lines[end].strip() != fence.group(1):
                end += 1
            if end == len(lines):
                raise DocsError(f"{source}:{i + 1}: unclosed code block")
            body = lines[i + 1:end]
            if pending and pending[0] == "file":
                add_file(docs, pending[1], body, f"{source}:{pending[2]}")
            elif fence.group(2) == "console":
                items = [(n, lines[n]) for n in range(i + 1, end)]
                skip = pending[1] if pending else ""
                docs.examples += parse_session(source, items, roff=False, skip=skip)
            elif pending:
                raise DocsError(f"{source}:{pending[2]}: a skip marker before a block that is not "
                                "```console")
            pending = None
            i = end + 1
            continue
        if pending and line.strip():
            raise DocsError(f"{source}:{pending[2]}: marker not followed by a block")
        i += 1


def add_file(docs, name, body, where):
    if "/" in name or name in (".", ".."):
        raise DocsError(f"{where}: a file defined by the docs is named without a folder")
    if name in docs.files:
        raise DocsError(f"{where}: {name} is defined twice (also at {docs.files[name][1]})")
    docs.files[name] = ("\n".join(body) + "\n", where)


def read_man_page(root, source, docs):
    lines = (root / source).read_text().split("\n")
    pending = None
    i = 0
    while i < len(lines):
        line = lines[i]
        comment = re.match(r'^\.\\"\s*(docs-test:.*)$', line)
        if comment:
            pending = (*parse_marker(comment.group(1), f"{source}:{i + 1}"), i + 1)
            if not lines[i + 1].startswith(".EX"):
                raise DocsError(f"{source}:{i + 1}: marker not right before .EX")
            i += 1
            continue
        if line.startswith(".EX"):
            end = i + 1
            while end < len(lines) and not lines[end].startswith(".EE"):
                if lines[end].startswith(".") or lines[end].startswith("'"):
                    raise DocsError(f"{source}:{end + 1}: a request inside .EX/.EE; write a line "
                                    "that starts with a dot as \\&.")
                end += 1
            if end == len(lines):
                raise DocsError(f"{source}:{i + 1}: .EX without .EE")
            items = [(n, roff_unescape(lines[n], f"{source}:{n + 1}")) for n in range(i + 1, end)]
            if pending and pending[0] == "file":
                add_file(docs, pending[1], [text for _, text in items], f"{source}:{pending[2]}")
            elif any(text.startswith("$ ") for _, text in items):
                skip = pending[1] if pending else ""
                docs.examples += parse_session(source, items, roff=True, skip=skip)
            elif pending:
                raise DocsError(f"{source}:{pending[2]}: a skip marker before a block without "
                                "a `$ ` command")
            pending = None
            i = end + 1
            continue
        i += 1


# ---------------------------------------------------------------------------------------------
# Running and comparing

def pattern_of(expected):
    """A regular expression for an expected output with placeholders, or None without any."""
    if not any(line == ELLIPSIS or "{{" in line for line in expected):
        return None
    parts = []
    for line in expected:
        if line == ELLIPSIS:
            parts.append(r"(?:[^\n]*\n)*?")
            continue
        pieces = re.split(r"\{\{(.*?)\}\}", line)
        regex = []
        for n, piece in enumerate(pieces):
            if n % 2 == 0:
                regex.append(re.escape(piece))
            elif piece in PLACEHOLDERS:
                regex.append(PLACEHOLDERS[piece])
            else:
                raise DocsError(f"unknown placeholder {{{{{piece}}}}} (known: "
                                f"{', '.join(PLACEHOLDERS)}, and a line of ...)")
        parts.append("".join(regex) + r"\n")
    return re.compile("".join(parts))


def matches(expected, actual):
    pattern = pattern_of(expected)
    text = "".join(line + "\n" for line in expected)
    return actual == text if pattern is None else pattern.fullmatch(actual) is not None


def make_scratch(root, docs, folders):
    scratch = Path(tempfile.mkdtemp(prefix="wsh-docs-"))
    for folder in folders:
        shutil.copytree(root / folder, scratch / folder)
    for name, (content, where) in docs.files.items():
        if (scratch / name).exists():
            raise DocsError(f"{where}: {name} would hide a file of the repository")
        (scratch / name).write_text(content)
    return scratch


def environment(binary):
    env = dict(os.environ)
    env["PATH"] = f"{binary.parent}{os.pathsep}{env.get('PATH', '')}"
    env["LC_ALL"] = "C.UTF-8"
    env["TERM"] = "dumb"
    env.pop("NO_COLOR", None)
    return env


def run_command(command, scratch, env):
    try:
        completed = subprocess.run(["bash", "--noprofile", "--norc", "-c", command], cwd=scratch,
                                   env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired as expired:
        output = (expired.output or b"").decode("utf-8", "replace")
        return output + f"[docs test: timed out after {COMMAND_TIMEOUT} s]\n"
    return completed.stdout.decode("utf-8", "replace")


def show_diff(example, actual):
    expected = [line + "\n" for line in example.expected]
    lines = actual.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of output\n"
    diff = difflib.unified_diff(expected, lines, f"{example.source}:{example.line} (documented)",
                                "actual", n=3)
    return "".join(diff)


def update(root, failures, quiet=False):
    """Writes the actual output of each failing example into its source, bottom up."""
    by_source = {}
    for example, actual in failures:
        by_source.setdefault(example.source, []).append((example, actual))
    for source, items in by_source.items():
        path = root / source
        lines = path.read_text().split("\n")
        for example, actual in sorted(items, key=lambda item: -item[0].output_lines.start):
            new = actual.split("\n")
            if new and new[-1] == "":
                new.pop()
            if example.roff:
                new = [roff_escape(line) for line in new]
            lines[example.output_lines.start:example.output_lines.stop] = new
            if pattern_of(example.expected) is not None and not quiet:
                print(f"UPDATE_DOCS: {source}:{example.line} had placeholders; they are replaced "
                      "by this run's output: put them back")
        path.write_text("\n".join(lines))
        if not quiet:
            print(f"UPDATE_DOCS: rewrote {len(items)} example(s) in {source}")


# ---------------------------------------------------------------------------------------------
# JSON OUTPUT

@dataclass
class Member:
    name: str
    types: list
    when: str
    where: str
    children: list = field(default_factory=list)


# "map of objects": an object whose member names are data (the servers of --server), each
# member an object with the members listed.
# "verify object": the members VERIFY JSON OUTPUT lists, but schema_version and command (the
# response a capture holds, judged inside a server-side result).
TYPE_NAMES = {"integer", "string", "boolean", "null", "object", "array of strings",
              "array of objects", "map of objects", "verify object"}
TAG = re.compile(r"^([a-z_-]+(?:, [a-z_-]+)*) \(([^;()]+)(?:; ([^()]+))?\)$")


def read_json_schema(root, source, section="JSON OUTPUT"):
    """The members a JSON section lists, as a tree of Member."""
    lines = (root / source).read_text().split("\n")
    try:
        start = lines.index(f".SH {section}")
    except ValueError as missing:
        raise DocsError(f"{source}: no .SH {section} section") from missing
    top = Member("(the object)", ["object"], None, f"{source}:{start + 1}")
    stack = [top]
    groups = []
    last = []
    i = start + 1
    while i < len(lines) and not lines[i].startswith(".SH"):
        line = lines[i]
        where = f"{source}:{i + 1}"
        if line.startswith(".TP"):
            i += 1
            tag = roff_line_text(lines[i], f"{source}:{i + 1}")
            match = TAG.match(tag)
            if not match:
                raise DocsError(f"{source}:{i + 1}: cannot read the member tag {tag!r}: write "
                                "NAME (TYPE) or NAME (TYPE; WHEN)")
            types = match.group(2).split(" or ")
            for kind in types:
                if kind not in TYPE_NAMES:
                    raise DocsError(f"{source}:{i + 1}: unknown type {kind!r} (known: "
                                    f"{', '.join(sorted(TYPE_NAMES))})")
            if match.group(3) not in WHEN_MODES:
                raise DocsError(f"{source}:{i + 1}: unknown condition {match.group(3)!r} (known: "
                                f"{'; '.join(w for w in WHEN_MODES if w)})")
            last = [Member(name, types, match.group(3), f"{source}:{i + 1}")
                    for name in match.group(1).split(", ")]
            stack[-1].children += last
        elif line.startswith(".RS"):
            # After a list of names (`a, b (object)`), the members listed are each one's.
            if not last or any(not ({"object", "array of objects", "map of objects"} &
                                    set(m.types)) for m in last):
                raise DocsError(f"{where}: .RS lists members, but the item before it is not an "
                                "object or an array of objects")
            stack.append(last[0])
            groups.append(last)
            last = []
        elif line.startswith(".RE"):
            if len(stack) == 1:
                raise DocsError(f"{where}: .RE without .RS")
            stack.pop()
            last = groups.pop()
            for member in last[1:]:
                member.children = last[0].children
        i += 1
    if len(stack) != 1:
        raise DocsError(f"{source}: JSON OUTPUT ends inside .RS")
    return top


def link_verify_objects(member, verify_top):
    """Gives every "verify object" member of MEMBER's tree the members of VERIFY JSON OUTPUT
    but the two that name a verify result."""
    for child in member.children:
        if "verify object" in child.types:
            child.children = [m for m in verify_top.children
                              if m.name not in ("schema_version", "command")]
        else:
            link_verify_objects(child, verify_top)


def type_of(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        if all(isinstance(element, str) for element in value):
            return "array of strings" if value else "array"
        if all(isinstance(element, dict) for element in value):
            return "array of objects"
    return "something else"


def check_object(value, member, mode, path, errors, seen):
    names = [child.name for child in member.children]
    for key in value:
        if key not in names:
            errors.append(f"{path}.{key}: in the {mode} JSON, not listed in JSON OUTPUT")
    documented_order = [name for name in names if name in value]
    actual_order = [key for key in value if key in names]
    if documented_order != actual_order:
        errors.append(f"{path or 'the object'}: in the {mode} JSON the members come as {actual_order}, "
                      f"JSON OUTPUT lists them as {documented_order}")
    for child in member.children:
        child_path = f"{path}.{child.name}"
        present = mode in WHEN_MODES[child.when]
        if not present:
            if child.name in value:
                errors.append(f"{child_path}: in the {mode} JSON, but {child.where} says it is "
                              f"present only {child.when}")
            continue
        if child.name not in value:
            errors.append(f"{child_path}: missing from the {mode} JSON; {child.where} lists it "
                          f"({' or '.join(child.types)}{'; ' + child.when if child.when else ''})")
            continue
        check_value(value[child.name], child, mode, child_path, errors, seen)


def check_value(value, member, mode, path, errors, seen):
    kind = type_of(value)
    allowed = set(member.types)
    if kind == "object" and "map of objects" in allowed:
        kind = "map of objects"
    if kind == "object" and "verify object" in allowed:
        kind = "verify object"
    if kind == "array":  # empty: fits any array type, shows none
        if not allowed & {"array of strings", "array of objects"}:
            errors.append(f"{path}: an array in the {mode} JSON; {member.where} says "
                          f"{' or '.join(member.types)}")
        return
    if kind not in allowed:
        errors.append(f"{path}: {kind} in the {mode} JSON; {member.where} says "
                      f"{' or '.join(member.types)}")
        return
    seen.add((id(member), kind))
    if kind in ("object", "verify object"):
        check_object(value, member, mode, path, errors, seen)
    elif kind == "array of objects":
        for element in value:
            check_object(element, member, mode, path + "[]", errors, seen)
    elif kind == "map of objects":
        for key, element in value.items():
            if not isinstance(element, dict):
                errors.append(f"{path}.{key}: not an object in the {mode} JSON")
                continue
            check_object(element, member, mode, f"{path}.{key}", errors, seen)


def unseen(member, seen, path=""):
    """Documented types that no run showed: the runs do not test them."""
    missing = []
    for child in member.children:
        child_path = f"{path}.{child.name}"
        for kind in child.types:
            if (id(child), kind) not in seen:
                missing.append(f"{child_path}: {child.where} says it can be {kind}; no run of "
                               "JSON_RUNS shows it (add a run that does, or fix the docs)")
        if "verify object" in child.types:
            continue  # VERIFY JSON OUTPUT's own runs show its members' types
        missing += unseen(child, seen, child_path + ("[]" if "array of objects" in child.types
                                                      else ""))
    return missing


def json_outputs(binary, scratch, env, runs=None):
    """(mode, the JSON text of one result) for every result of `runs`; problems."""
    outputs = []
    errors = []
    for mode, arguments in JSON_RUNS if runs is None else runs:
        completed = subprocess.run([str(binary), *arguments], cwd=scratch, env=env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT)
        text = completed.stdout.decode("utf-8")
        if not text:
            errors.append(f"ws-handshake {' '.join(arguments)} printed no JSON")
        for document in [text] if mode in ("single", "servers", "verify") else text.splitlines():
            outputs.append((mode, document, f"ws-handshake {' '.join(arguments)}"))
    return outputs, errors


def check_json_output(schema, outputs):
    """The problems found comparing JSON OUTPUT (`schema`) with the `outputs`."""
    errors = []
    seen = set()
    for mode, document, command in outputs:
        try:
            value = json.loads(document)
        except ValueError as error:
            errors.append(f"{command}: not JSON ({error})")
            continue
        check_value(value, schema, mode, "", errors, seen)
    errors += unseen(schema, seen)
    return list(dict.fromkeys(errors))


# ---------------------------------------------------------------------------------------------
# The test's own test: on tests/docs/self-test/ it must find, pass, fail and rewrite what it is
# meant to, and the JSON check must catch each kind of drift.

SELF_TEST = Path(__file__).resolve().parent / "self-test"
SELF_TEST_EXAMPLES = [("doc.md", 5, ""), ("doc.md", 7, ""), ("doc.md", 18, ""),
                      ("doc.md", 21, ""), ("doc.md", 24, ""), ("doc.md", 26, ""),
                      ("doc.md", 30, ""), ("doc.md", 37, "needs the network"),
                      ("self-test.1", 7, ""), ("self-test.1", 21, ""), ("self-test.1", 23, "")]
SELF_TEST_FAILING = [("doc.md", 7), ("self-test.1", 23)]
SELF_TEST_JSON_GOOD = [
    ("single", '{"a":1,"c":{"d":true,"e":false},"f":[{"g":"x"}]}', "good"),
    ("batch", '{"a":2,"b":null,"c":{"d":false,"e":true},"f":[]}', "good"),
]
SELF_TEST_JSON_BAD = [
    ("single", '{"c":{"d":true},"a":"1","b":"x","f":[{"g":"x","h":1}],"z":0}', "bad"),
]
SELF_TEST_JSON_ERRORS = [
    ".z: in the single JSON, not listed in JSON OUTPUT",
    ".f[].h: in the single JSON, not listed in JSON OUTPUT",
    "the object: in the single JSON the members come as ['c', 'a', 'b', 'f'], JSON OUTPUT "
    "lists them as ['a', 'b', 'c', 'f']",
    ".b: in the single JSON, but self-test.1:30 says it is present only with --batch",
    ".a: string in the single JSON; self-test.1:28 says integer",
    ".c.e: missing from the single JSON",
]


def self_test():
    """Problems with the test itself, one sentence each; none when it works."""
    problems = []
    work = Path(tempfile.mkdtemp(prefix="wsh-docs-self-"))
    try:
        for name in ("doc.md", "self-test.1"):
            shutil.copy(SELF_TEST / name, work / name)
        docs = read_docs(work, ["doc.md"], ["self-test.1"])
        found = [(e.source, e.line, e.skip) for e in docs.examples]
        if found != SELF_TEST_EXAMPLES:
            problems.append(f"examples found: {found}; wanted {SELF_TEST_EXAMPLES}")
        if sorted(docs.files) != ["data.txt", "greeting.txt"]:
            problems.append(f"files defined: {sorted(docs.files)}")
        scratch = make_scratch(work, docs, [])
        try:
            passed, failures = check_examples(docs, scratch, environment(Path("/bin/true")))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        failing = [(e.source, e.line) for e, _ in failures]
        if passed != 8 or failing != SELF_TEST_FAILING:
            problems.append(f"{passed} passed and {failing} failed; wanted 8 and "
                            f"{SELF_TEST_FAILING}")
        update(work, failures, quiet=True)
        if "$ printf 'a\\nb\\n'\na\nb\n```\n" not in (work / "doc.md").read_text():
            problems.append("UPDATE_DOCS did not rewrite the Markdown example")
        if "$ echo wrong\nwrong\n.EE\n" not in (work / "self-test.1").read_text():
            problems.append("UPDATE_DOCS did not rewrite the roff example")
        for text in ["-x 'a' \"b\" `c` \\e", ".dot", "'quote", "", "trailing "]:
            back = roff_unescape(roff_escape(text), "self-test")
            if back != text:
                problems.append(f"roff escaping does not round-trip {text!r}: {back!r}")
        schema = read_json_schema(work, "self-test.1")
        errors = check_json_output(schema, SELF_TEST_JSON_GOOD)
        if len(errors) != 1 or not errors[0].startswith(".b: self-test.1:30 says it can be "
                                                        "string; no run"):
            problems.append(f"JSON check of good output said {errors}; wanted only that .b "
                            "was never a string")
        errors = check_json_output(schema, SELF_TEST_JSON_BAD)
        for wanted in SELF_TEST_JSON_ERRORS:
            if not any(error.startswith(wanted) for error in errors):
                problems.append(f"JSON check missed {wanted!r}; it said {errors}")
    except DocsError as error:
        problems.append(str(error))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems


# ---------------------------------------------------------------------------------------------

def read_docs(root, markdown_docs, man_pages):
    docs = Docs()
    for source in markdown_docs:
        read_markdown(root, source, docs)
    for source in man_pages:
        read_man_page(root, source, docs)
    return docs


def check_examples(docs, scratch, env):
    """Runs every example that is not skipped: the number that passed, and (example, actual
    output) for each that failed."""
    failures = []
    passed = 0
    for example in docs.examples:
        if example.skip:
            continue
        try:
            pattern_of(example.expected)
        except DocsError as error:
            raise DocsError(f"{example.source}:{example.line}: {error}") from error
        actual = run_command(example.command, scratch, env)
        if matches(example.expected, actual):
            passed += 1
        else:
            failures.append((example, actual))
    return passed, failures


def check_repository(root, binary):
    """The docs test proper; prints its report and returns the exit status."""
    try:
        docs = read_docs(root, MARKDOWN_DOCS, MAN_PAGES)
        schemas = [(read_json_schema(root, JSON_SCHEMA_PAGE, section), runs)
                   for section, runs in JSON_SECTIONS]
        link_verify_objects(schemas[0][0], schemas[1][0])
        scratch = make_scratch(root, docs, SCRATCH_FOLDERS)
    except DocsError as error:
        print(f"docs: {error}")
        return 1
    try:
        env = environment(binary)
        passed, failures = check_examples(docs, scratch, env)
        outputs = []
        json_errors = []
        for schema, runs in schemas:
            section_outputs, section_errors = json_outputs(binary, scratch, env, runs)
            outputs += section_outputs
            json_errors += section_errors + check_json_output(schema, section_outputs)
    except DocsError as error:
        print(f"docs: {error}")
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    for example, actual in failures:
        print(f"FAIL {example.source}:{example.line}: $ {example.command}")
        print(show_diff(example, actual), end="")
    skipped = [example for example in docs.examples if example.skip]
    for example in skipped:
        print(f"skipped {example.source}:{example.line}: $ {example.command.splitlines()[0]}")
        print(f"  because: {example.skip}")
    for error in json_errors:
        print(f"FAIL JSON OUTPUT: {error}")
    per_source = {}
    for example in docs.examples:
        per_source[example.source] = per_source.get(example.source, 0) + 1
    counts = ", ".join(f"{per_source.get(s, 0)} in {s}" for s in MARKDOWN_DOCS + MAN_PAGES)
    print(f"docs: {len(docs.examples)} examples ({counts}): {passed} passed, {len(failures)} "
          f"failed, {len(skipped)} skipped; JSON OUTPUT against {len(outputs)} results of "
          f"{sum(len(runs) for _, runs in JSON_SECTIONS)} runs: {len(json_errors)} problems")
    if failures and os.environ.get("UPDATE_DOCS") == "1":
        update(root, failures)
    empty = [s for s in MARKDOWN_DOCS + MAN_PAGES if per_source.get(s, 0) == 0]
    if empty:
        print(f"FAIL: no example found in {', '.join(empty)}")
    return 0 if not failures and not json_errors and not empty else 1


def main(argv):
    if len(argv) != 2:
        print("usage: run.py PATH/TO/ws-handshake (from the repository's root)", file=sys.stderr)
        return 2
    problems = self_test()
    for problem in problems:
        print(f"FAIL self-test: {problem}")
    if problems:
        print("docs: the test's own self-test failed; its verdict on the docs would mean nothing")
        return 1
    return check_repository(Path.cwd(), Path(argv[1]).resolve())


if __name__ == "__main__":
    sys.exit(main(sys.argv))
