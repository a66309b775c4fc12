#!/bin/sh
# One million tiny files in one directory: every one gets its record, in path
# order, and peak memory stays under the documented bound (64 MB RSS: the
# path list is one buffer, the output window a ring).  One file in a thousand
# holds a decision; the others are empty, so the test needs inodes, not 4 GB
# of data blocks.  Runs in the Release build only (minutes under ASan).
#   usage: scale_test.sh VBHC [FILES]
# Exits 77 (skipped, with the reason) when the disk lacks room or inodes.
set -u
vbhc="$1"
files="${2:-1000000}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
free_kb=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
free_inodes=$(df -Pi "$tmp" | awk 'NR == 2 { print $4 }')
if [ "$free_kb" -lt 2000000 ] || { [ "$free_inodes" != "-" ] && [ "$free_inodes" -lt $((files + 10000)) ]; }; then
  echo "SKIP: $tmp has $free_kb KB and $free_inodes inodes free; need 2 GB and $files inodes"; exit 77
fi
mkdir "$tmp/docs"
/usr/bin/python3 - "$tmp/docs" "$files" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    fd = os.open(f"{d}/{i:07d}.txt", os.O_CREAT | os.O_WRONLY, 0o644)
    if i % 1000 == 0:
        os.write(fd, f"Quyết định số {i}/QĐ-UBND ngày 14/10/2021".encode())
    os.close(fd)
PY
/usr/bin/time -f "%M" -o "$tmp/rss" "$vbhc" extract "$tmp/docs" > "$tmp/out.jsonl" 2> "$tmp/err"
rc=$?
fail=0
check() { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected '$2', got '$3'"; fail=1; fi; }
check "exit code" 0 "$rc"
check "one record per file" "$files" "$(wc -l < "$tmp/out.jsonl" | tr -d ' ')"
check "decisions found" "$(( (files + 999) / 1000 ))" "$(grep -c '"number":"' "$tmp/out.jsonl")"
check "path order" "$tmp/docs/0000000.txt $tmp/docs/$(printf %07d $((files - 1))).txt" \
  "$(sed -n '1p;$p' "$tmp/out.jsonl" | sed 's/.*"path":"\([^"]*\)".*/\1/' | tr '\n' ' ' | sed 's/ $//')"
rss_kb=$(tail -1 "$tmp/rss")
echo "peak RSS: $rss_kb KB over $files files"
check "peak RSS under 64 MB" yes "$([ "$rss_kb" -le 65536 ] && echo yes || echo "no ($rss_kb KB)")"
exit $fail
