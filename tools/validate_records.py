#!/usr/bin/python3
"""Validates JSON Lines plan records against schema/vbhc.plan-1.schema.json
and checks that every span slices the original file to the item's text.

usage: validate_records.py SCHEMA RECORDS.jsonl [BASE_DIR]
Uses Debian's python3-jsonschema (no hand-written validator)."""
import json
import os
import sys

import jsonschema

schema_path, records_path = sys.argv[1], sys.argv[2]
base = sys.argv[3] if len(sys.argv) > 3 else "."
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
count = 0
with open(records_path, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        record = json.loads(line)
        count += 1
        for error in validator.iter_errors(record):
            print(f"{records_path}:{n}: {'/'.join(map(str, error.path))}: {error.message}")
            bad += 1
        if record["source"]["encoding"] != "utf-8":
            continue  # spans of legacy bytes: checked by tests/encoding_test.cc
        with open(os.path.join(base, record["source"]["path"]), "rb") as src:
            raw = src.read()
        for key in ("references", "dates", "periods", "deadlines", "targets"):
            for item in record[key]:
                s, e = item["span"]
                if raw[s:e].decode("utf-8", "replace") != item["text"]:
                    print(f"{records_path}:{n}: {key} span {item['span']} does not slice to its text")
                    bad += 1
print(f"{count} records validated: {count - min(bad, count)} passed, {min(bad, count)} failed")
sys.exit(1 if bad or count == 0 else 0)
