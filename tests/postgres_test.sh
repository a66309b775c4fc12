#!/bin/sh
# Loads the JSON Lines records into PostgreSQL with the COPY of README
# ("PostgreSQL"), on a throwaway server in a temporary directory, and checks
# that every record arrives whole: counts, values, and strings holding
# backslashes, quotes and tabs.
#   usage: postgres_test.sh VBHC SOURCE_DIR
# Exits 77 (skipped, with the reason) when no PostgreSQL server can be started
# here: tools/install-deps.sh installs Debian's postgresql.
set -u
vbhc="$(realpath "$1")"
cd "$2" || exit 2
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "SKIP: no PostgreSQL server binaries (apt-get install postgresql)"; exit 77
fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
# initdb refuses to run as root: the server runs as the postgres user then.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$tmp" 2>/dev/null || { echo "SKIP: no postgres user"; exit 77; }; fi
cleanup() { as_owner "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
port=$((20000 + $$ % 20000))
if ! as_owner "$bindir/initdb" -D "$tmp/data" -U vbhc --auth=trust >"$tmp/initdb.log" 2>&1 ||
   ! as_owner "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
       -o "-k $tmp -p $port -c listen_addresses=''" start >/dev/null 2>&1; then
  echo "SKIP: cannot start a PostgreSQL server here:"; tail -5 "$tmp/initdb.log" "$tmp/server.log" 2>/dev/null
  exit 77
fi
psql() { command psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U vbhc -d postgres "$@"; }

fail=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected '$2', got '$3'"; fail=1; fi
}

# The commands of README, as written there.
"$vbhc" extract corpora/ > "$tmp/records.jsonl"
printf '%s\n' '{"id": "odd\\path \"quoted\"\ttab", "text": "Quyết định số 12/QĐ-UBND ngày 14/10/2021 \\\\ \"trích\"\tdẫn"}' |
  "$vbhc" extract --stream >> "$tmp/records.jsonl"
psql -c "CREATE TABLE records (record jsonb)"
sed 's/\\/\\\\/g' "$tmp/records.jsonl" | psql -c "\copy records (record) FROM STDIN"

check "one row per record" "$(wc -l < "$tmp/records.jsonl" | tr -d ' ')" "$(psql -c 'SELECT count(*) FROM records')"
dates=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['dates']) for l in open(sys.argv[1])))" "$tmp/records.jsonl")
check "every date" "$dates" "$(psql -c "SELECT sum(jsonb_array_length(record->'dates')) FROM records")"
check "a document by number" "corpora/written/kh-tinh-mau-chuyen-doi-so.txt" \
  "$(psql -c "SELECT record->'source'->>'path' FROM records WHERE record->'document'->>'number' = '57/KH-UBND' AND record->'source'->>'encoding' = 'utf-8'")"
check "backslash, quotes and tab survive" "$(printf 'odd\\path "quoted"\ttab')" \
  "$(psql -c "SELECT record->'source'->>'path' FROM records WHERE record->'source'->>'path' LIKE 'odd%'")"
# Every record comes back from jsonb equal to its line (key order aside).
psql -c "SELECT record::text FROM records" > "$tmp/back.jsonl"
check "records equal their lines" "same" "$(python3 - "$tmp/records.jsonl" "$tmp/back.jsonl" <<'PY'
import json, sys
def canon(path):
    return sorted(json.dumps(json.loads(l), sort_keys=True, ensure_ascii=False) for l in open(path) if l.strip())
print("same" if canon(sys.argv[1]) == canon(sys.argv[2]) else "different")
PY
)"
check "the example query of README" "1" \
  "$(psql -c "SELECT count(*) FROM records WHERE record->'document'->>'date' >= '2024-03-01' AND record->'document'->>'number' = '88/SNV-TCBC' AND record->'source'->>'encoding' = 'utf-8'")"
exit $fail
