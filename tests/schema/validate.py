#!/usr/bin/python3
"""Validates every JSON object ws-handshake prints for the golden cases against the published
schema (schema/ws-handshake.schema.json, JSON Schema draft 2020-12), with Debian's
python3-jsonschema. Each golden case's arguments are run with -f json; a batch or HAR case
prints one object per line. Also checks that the validator rejects a member the schema does not
describe, so a silently permissive schema cannot pass.

usage: validate.py WS_HANDSHAKE (run from the repository's root)"""

import json
import pathlib
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate.py: python3-jsonschema is missing (apt-get install python3-jsonschema)")


def objects_of(stdout):
    text = stdout.strip()
    if not text:
        return []
    if text.startswith("{\n"):
        return [json.loads(text)]
    return [json.loads(line) for line in text.splitlines()]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    schema = json.loads(pathlib.Path("schema/ws-handshake.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    checked = 0
    failures = 0
    firsts = {}
    for args_file in sorted(pathlib.Path("tests/golden/cases").glob("*.args")):
        args = args_file.read_text().splitlines()
        # A subcommand stays first, before -f.
        command = args[:1] if args[:1] == ["verify"] else []
        run = subprocess.run([binary, *command, "-f", "json", *args[len(command):]],
                             capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
        for document in objects_of(run.stdout.decode("ascii")):
            checked += 1
            firsts.setdefault(document.get("command", "server"), document)
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
            for error in errors[:3]:
                failures += 1
                path = "/".join(str(p) for p in error.path)
                print(f"FAIL: {args_file.stem}: /{path}: {error.message}")
    if set(firsts) != {"server", "verify"}:
        sys.exit(f"validate.py: the golden cases printed JSON of {sorted(firsts)} only")
    # The schema must refuse what it does not describe, for each kind of result.
    for kind, first in firsts.items():
        if validator.is_valid(dict(first, undocumented_member=1)):
            failures += 1
            print(f"FAIL: the schema accepts an undocumented member in a {kind} result")
    print(f"schema: {checked} objects checked, {failures} failures")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
