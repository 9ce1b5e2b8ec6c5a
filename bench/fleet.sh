#!/usr/bin/env bash
# Fleet benchmark: N tenant schemas on the local PostgreSQL, each with a small table and M index migrations.
# Measures `migrate` over all schemas at several --parallel settings, then `verify` and `status` over all of
# them: wall time, idxmig's own work time (from its summary line, JVM start excluded) and peak RSS.
#   bench/fleet.sh [--schemas 500] [--migrations 5] [--indexes-per-migration 1] [--parallel "1 2 4"] [--runs 1]
# --runs N repeats the verify and status rows N times on the same database (take the median), without
# migrating again.
# Issue 3's catalog benchmark is: bench/fleet.sh --schemas 200 --migrations 5 --indexes-per-migration 10 --parallel 4
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
schemas=500; migrations=5; per=1; parallels="1 2 4"; runs=1; user="${PGUSER:-postgres}"
while [ $# -gt 0 ]; do
  case "$1" in
    --schemas) schemas="$2"; shift 2 ;;
    --migrations) migrations="$2"; shift 2 ;;
    --indexes-per-migration) per="$2"; shift 2 ;;
    --parallel) parallels="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
"$here/idxmig" --version >/dev/null
db="idxmig_fleet_$$"
work="$(mktemp -d)"
psql_db() { psql -h 127.0.0.1 -U "$user" -qAt -v ON_ERROR_STOP=1 -d "$1" -c "$2" >/dev/null; }
cleanup() { psql_db postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/migrations"
cols=""
for c in $(seq 1 $((migrations * per))); do cols="$cols, c$c int"; done
printf 'CREATE TABLE items (id int PRIMARY KEY%s);\nINSERT INTO items (id) SELECT g FROM generate_series(1, 100) g;\n' \
  "$cols" > "$work/migrations/V1__items.sql"
n=1
for m in $(seq 1 "$migrations"); do
  f="$work/migrations/V$((m + 1))__indexes_$m.sql"
  : > "$f"
  for _ in $(seq 1 "$per"); do
    printf 'CREATE INDEX CONCURRENTLY idx_items_c%d ON items (c%d);\n' "$n" "$n" >> "$f"
    n=$((n + 1))
  done
  echo "executeInTransaction=false" > "$f.conf"
done

reset_db() {
  psql_db postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  psql_db postgres "CREATE DATABASE $db"
  psql_db "$db" "DO \$\$ BEGIN FOR i IN 1..$schemas LOOP EXECUTE format('CREATE SCHEMA tenant_%s', lpad(i::text, 4, '0')); END LOOP; END \$\$"
}

url="jdbc:postgresql://127.0.0.1:5432/$db"
run() { # label, args...: prints a table row
  local label="$1"; shift
  (cd "$work" && /usr/bin/time -f "%e %M" -o "$work/time.txt" "$here/idxmig" "$@" --url "$url" --user "$user" \
      --schemas 'tenant_*' > "$work/out.txt" 2> "$work/err.txt") || { tail -5 "$work/out.txt" "$work/err.txt" >&2; }
  read -r secs kb < "$work/time.txt"
  local summary work_s
  summary="$(grep -E ' on [0-9]+ targets:' "$work/out.txt" | tail -1)"
  work_s="$(sed -E 's/.*, ([0-9.]+) s$/\1/' <<< "$summary")"
  printf '| %s | %s s | %s s | %.1f ms | %d MiB | %s |\n' "$label" "$secs" "$work_s" \
    "$(echo "$work_s * 1000 / $schemas" | bc -l)" "$((kb / 1024))" "$(sed -E 's/^[a-z]+ on //; s/, [0-9.]+ s$//' <<< "$summary")"
}

echo "$schemas schemas x $migrations index migrations x $per index(es) each ($((schemas * migrations * per)) indexes)"
echo
echo "| run | wall | idxmig work | work per schema | peak RSS | result |"
echo "|---|---|---|---|---|---|"
for p in $parallels; do
  reset_db
  run "migrate --parallel $p" migrate --parallel "$p" --max-server-builds "$p" --no-verify
done
for r in $(seq 1 "$runs"); do
  suffix=""; [ "$runs" -gt 1 ] && suffix=" (run $r)"
  run "verify --parallel 1$suffix" verify
  run "verify --parallel 4$suffix" verify --parallel 4
  run "status --parallel 4$suffix" status --parallel 4
done
