#!/usr/bin/env bash
# Fleet migrate against its floor (issue 19): N tenant schemas, each with a 100-row table and M migrations of K
# CREATE INDEX CONCURRENTLY each. The floor is the same statements sent by psql, one session per schema, P
# sessions at a time (xargs -P); then idxmig migrate over the same fleet at --parallel P. Prints wall times, the
# ratio, idxmig's CPU time and peak RSS.
#   bench/fleet-floor.sh [--schemas 20] [--migrations 5] [--indexes-per-migration 10] [--parallel 1]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
schemas=20; migrations=5; per=10; parallel=1; user="${PGUSER:-postgres}"
while [ $# -gt 0 ]; do
  case "$1" in
    --schemas) schemas="$2"; shift 2 ;;
    --migrations) migrations="$2"; shift 2 ;;
    --indexes-per-migration) per="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
"$here/idxmig" --version >/dev/null
db="idxmig_floor_$$"
work="$(mktemp -d)"
psql_db() { psql -h 127.0.0.1 -U "$user" -qAt -v ON_ERROR_STOP=1 -d "$1" -c "$2" >/dev/null; }
cleanup() { psql_db postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/migrations"
cols=""
for c in $(seq 1 $((migrations * per))); do cols="$cols, c$c int"; done
printf 'CREATE TABLE items (id int PRIMARY KEY%s);\nINSERT INTO items (id) SELECT g FROM generate_series(1, 100) g;\n' \
  "$cols" > "$work/table.sql"
: > "$work/indexes.sql"
n=1
for m in $(seq 1 "$migrations"); do
  f="$work/migrations/V$((m + 1))__indexes_$m.sql"
  : > "$f"
  for _ in $(seq 1 "$per"); do
    printf 'CREATE INDEX CONCURRENTLY idx_items_c%d ON items (c%d);\n' "$n" "$n" | tee -a "$f" >> "$work/indexes.sql"
    n=$((n + 1))
  done
  echo "executeInTransaction=false" > "$f.conf"
done
cp "$work/table.sql" "$work/migrations/V1__items.sql"

# fresh: every schema with its table, and for idxmig V1 applied already, so both sides build the same indexes
fresh() {
  psql_db postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  psql_db postgres "CREATE DATABASE $db"
  for i in $(seq -w 1 "$schemas"); do
    printf 'CREATE SCHEMA tenant_%s; SET search_path = tenant_%s;\n' "$i" "$i"; cat "$work/table.sql"
  done | psql -h 127.0.0.1 -U "$user" -qAt -v ON_ERROR_STOP=1 -d "$db" >/dev/null
}
secs() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc; }

fresh
floor=$(secs bash -c "seq -w 1 $schemas | xargs -P $parallel -I{} sh -c \
  '{ echo \"SET search_path = tenant_{};\"; cat \"$work/indexes.sql\"; } | psql -h 127.0.0.1 -U $user -qAt -v ON_ERROR_STOP=1 -d $db >/dev/null'")

psql_db postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
psql_db postgres "CREATE DATABASE $db"
psql_db "$db" "DO \$\$ BEGIN FOR i IN 1..$schemas LOOP EXECUTE format('CREATE SCHEMA tenant_%s', lpad(i::text, ${#schemas}, '0')); END LOOP; END \$\$"
url="jdbc:postgresql://127.0.0.1:5432/$db"
(cd "$work" && "$here/idxmig" migrate --url "$url" --user "$user" --schemas 'tenant_*' --locations filesystem:migrations \
  --target 1 --no-backup --no-verify --parallel "$parallel" >/dev/null 2>&1)
start=$(date +%s.%N)
(cd "$work" && /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$here/idxmig" migrate --url "$url" --user "$user" \
  --schemas 'tenant_*' --locations filesystem:migrations --no-backup --no-verify --parallel "$parallel" \
  --max-server-builds "$parallel" >"$work/out.txt" 2>"$work/err.txt") || { tail -5 "$work/err.txt" >&2; exit 1; }
read -r wall user_s sys_s kb < "$work/time.txt"
built=$(psql -h 127.0.0.1 -U "$user" -qAt -d "$db" -c "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'idx_items_c%'")
echo "$schemas schemas x $migrations migrations x $per CREATE INDEX CONCURRENTLY on 100-row tables, parallel $parallel" \
  "($built indexes built by idxmig)"
echo
echo "| psql floor | idxmig migrate | ratio | idxmig CPU (user+sys) | idxmig peak RSS | per index statement over the floor |"
echo "|---|---|---|---|---|---|"
printf '| %.1f s | %.1f s | %.1fx | %.1f s | %d MiB | %.1f ms |\n' "$floor" "$wall" "$(echo "$wall / $floor" | bc -l)" \
  "$(echo "$user_s + $sys_s" | bc -l)" "$((kb / 1024))" \
  "$(echo "($wall - $floor) * 1000 * $parallel / ($schemas * $migrations * $per)" | bc -l)"
