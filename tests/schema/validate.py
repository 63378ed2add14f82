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
    first = None
    for args_file in sorted(pathlib.Path("tests/golden/cases").glob("*.args")):
        args = args_file.read_text().splitlines()
        run = subprocess.run([binary, "-f", "json", *args], capture_output=True, stdin=subprocess.DEVNULL,
                             timeout=60)
        for document in objects_of(run.stdout.decode("ascii")):
            checked += 1
            first = first or document
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
            for error in errors[:3]:
                failures += 1
                path = "/".join(str(p) for p in error.path)
                print(f"FAIL: {args_file.stem}: /{path}: {error.message}")
    if first is None:
        sys.exit("validate.py: no JSON output at all")
    # The schema must refuse what it does not describe.
    bogus = dict(first, undocumented_member=1)
    if validator.is_valid(bogus):
        failures += 1
        print("FAIL: the schema accepts an undocumented member")
    print(f"schema: {checked} objects checked, {failures} failures")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
