#!/bin/sh
# Regenerates the golden outputs corpora/**/NAME.expected.jsonl from the
# current build.  Review the diff (git diff corpora/) before committing.
#   usage: tools/regen-golden.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
vbhc="${1:-build}/vbhc"
find corpora -name '*.txt' | sort | while read -r doc; do
  "$vbhc" extract --rules rules --jobs 1 "$doc" > "${doc%.txt}.expected.jsonl"
done
echo "regenerated: $(find corpora -name '*.expected.jsonl' | wc -l) golden files"
