#!/usr/bin/env python3
"""Validate every Corpus/expected/*.json against the published schema
(Sources/IndsatsKit/Resources/indsats-document.schema.json, draft 2020-12),
and check that hand-broken copies are rejected, so that this check can fail.

Usage: scripts/validate-schema.py [EXPECTED_JSON ...]
Exit status: 0 all valid and every broken copy rejected; 1 otherwise;
2 when the jsonschema package is missing (pip install jsonschema).
"""
import copy
import json
import pathlib
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    print("validate-schema: needs the jsonschema package, 4.0 or later, for draft 2020-12"
          " (python3 -m pip install jsonschema)", file=sys.stderr)
    sys.exit(2)

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "Sources/IndsatsKit/Resources/indsats-document.schema.json"


def breakages(document):
    """(what was broken, broken copy): each must be rejected by the schema."""
    def broken(change):
        doc = copy.deepcopy(document)
        change(doc)
        return doc

    def rename_field(doc):
        fields = doc["initiatives"][0]["fields"]
        key = next(iter(fields))
        fields[key + "X"] = fields.pop(key)

    def add_key(doc):
        doc["initiatives"][0]["amounts"].append({"text": "1 kr.", "dkk": 1, "currency": "DKK"})

    return [
        ("a field key renamed", broken(rename_field)),
        ("page 0", broken(lambda d: d["initiatives"][0]["pages"].update(first=0))),
        ("source missing", broken(lambda d: d.pop("source"))),
        ("an unknown warning code", broken(lambda d: d["warnings"].append({"code": "no-such-code", "message": "x"}))),
        ("an amount with an unknown key", broken(add_key)),
        ("dkk as a string", broken(lambda d: d["initiatives"][0]["amounts"].append({"text": "1 kr.", "dkk": "1"}))),
        ("amounts missing", broken(lambda d: d["initiatives"][0].pop("amounts"))),
        ("another schemaVersion", broken(lambda d: d.update(schemaVersion="1"))),
        ("a budget figure as text", broken(lambda d: d["tables"]["budget"]["rows"][0]["values"].__setitem__(0, "6,9"))),
        ("a budget row without kind", broken(lambda d: d["tables"]["budget"]["rows"][0].pop("kind"))),
        ("tables missing", broken(lambda d: d.pop("tables"))),
    ]


def main(argv):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    files = [pathlib.Path(a) for a in argv] or sorted((ROOT / "Corpus/expected").glob("*.json"))
    if not files:
        print("validate-schema: no Corpus/expected/*.json to validate", file=sys.stderr)
        return 1

    failed = False
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(document)"
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
        failed = failed or bool(errors)
        if errors:
            continue
        if not document.get("initiatives"):
            print(f"{path}: has no initiatives to break", file=sys.stderr)
            failed = True
            continue
        for what, doc in breakages(document):
            if validator.is_valid(doc):
                print(f"{path}: {what}: the schema accepts it", file=sys.stderr)
                failed = True
        print(f"{path}: valid; {len(breakages(document))} broken copies rejected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
