#!/usr/bin/python3
"""Validates JSON Lines plan records against schema/vbhc.plan-1.schema.json
and checks that every span slices the original file to the item's text.

usage: validate_records.py [--texts-from-stream INPUT.jsonl] SCHEMA RECORDS.jsonl [BASE_DIR]

Spans are checked against the file named by each record's source.path (under
BASE_DIR), or, for records of `vbhc extract --stream`, against the "text" of
the input line whose "id" is the record's source.path (--texts-from-stream).
A record whose source cannot be found is reported, not guessed.
Uses Debian's python3-jsonschema (no hand-written validator).
Exit status: 0 all valid, 1 some invalid (or none read), 2 usage error."""
import argparse
import json
import os
import sys

import jsonschema

ITEM_KEYS = ("references", "dates", "periods", "deadlines", "targets", "tasks")


def stream_texts(path):
    """The UTF-8 bytes of each input line's text, by its id (as vbhc writes it)."""
    texts = {}
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict) and "text" in obj:
                key = obj["id"] if isinstance(obj.get("id"), str) else (
                    f"stdin:{n}" if "id" not in obj else json.dumps(obj["id"]))
                texts[key] = str(obj["text"]).encode("utf-8", "surrogateescape")
    return texts


def source_bytes(record, base, texts):
    """The original bytes of a record, or None with the reason."""
    path = str(record.get("source", {}).get("path"))
    if texts is not None:
        return (texts[path], None) if path in texts else (None, f"no input line with id {path!r}")
    try:
        with open(os.path.join(base, path), "rb") as src:
            return src.read(), None
    except OSError as e:
        return None, f"{path}: {e.strerror}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("schema")
    ap.add_argument("records")
    ap.add_argument("base", nargs="?", default=".")
    ap.add_argument("--texts-from-stream", metavar="INPUT.jsonl",
                    help="the --stream input whose lines' texts the spans slice")
    a = ap.parse_args()
    with open(a.schema, encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    texts = stream_texts(a.texts_from_stream) if a.texts_from_stream else None
    bad = count = 0
    with open(a.records, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            count += 1
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{a.records}:{n}: not JSON: {e}")
                bad += 1
                continue
            errors = list(validator.iter_errors(record))
            for error in errors:
                print(f"{a.records}:{n}: {'/'.join(map(str, error.path))}: {error.message}")
            bad += bool(errors)
            if errors or record["source"]["encoding"] != "utf-8":
                continue  # spans of legacy bytes: checked by tests/encoding_test.cc
            if not any(record.get(key) for key in ITEM_KEYS):
                continue  # nothing to slice (an error record of --stream, an empty text)
            raw, why = source_bytes(record, a.base, texts)
            if raw is None:
                print(f"{a.records}:{n}: spans not checked: {why}")
                bad += 1
                continue
            for key in ITEM_KEYS:
                for item in record.get(key, []):
                    s, e = item["span"]
                    if raw[s:e].decode("utf-8", "replace") != item["text"]:
                        print(f"{a.records}:{n}: {key} span {item['span']} does not slice to its text")
                        bad += 1
    failed = min(bad, count)
    print(f"{count} records validated: {count - failed} passed, {failed} failed")
    return 1 if bad or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
