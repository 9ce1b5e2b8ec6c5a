#!/usr/bin/env bash
# 1,000 tenants (issue 29): N tenant schemas on the local PostgreSQL, each with a 100-row table, and one migration
# of one CREATE INDEX CONCURRENTLY to apply to all of them. Rows, each from the same starting point (a copy of a
# template database where every schema has its table and V1 applied, so every row times the index migration only):
#   - the psql floor: the index statement sent by psql, one session per schema, P at a time (xargs -P);
#   - idxmig migrate over all schemas in one process at --parallel P (--max-server-builds P);
#   - idxmig with --shard K/S: S processes started together, each at --parallel P/S (the same P connections in
#     all) and, with --shard-parallel-too, each at --parallel P as well (S x P);
#   - Flyway's own command line (11.20, fetched by bench/flyway-cli/pom.xml; 13.12's command-line distribution is
#     not on Maven Central), run once per schema as a shell loop would, P at a time, on a sample of M schemas,
#     scaled to N (said as such in the row). -skipCheckForUpdate: without it every run also waits for Redgate's
#     update check over the network (about 4 s more per run when tried here), which is not Flyway's work.
# Each row: wall time, peak RSS (per process; for shards the largest and the sum), and a check that every
# schema got its index.
#   bench/fleet-1000.sh [--schemas 1000] [--parallel 4] [--shards 4] [--flyway-sample 50] [--shard-parallel-too]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
schemas=1000; parallel=4; shards=4; sample=50; too=false; user="${PGUSER:-postgres}"
while [ $# -gt 0 ]; do
  case "$1" in
    --schemas) schemas="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --shards) shards="$2"; shift 2 ;;
    --flyway-sample) sample="$2"; shift 2 ;;
    --shard-parallel-too) too=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
"$here/idxmig" --version >/dev/null
lib="$here/target/bench/flyway-cli"
if [ ! -d "$lib" ]; then
  mvn -B -q -Dstyle.color=never -f "$here/bench/flyway-cli/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" >&2
fi
tmpl="idxmig_f1000_tmpl_$$"
db="idxmig_f1000_$$"
work="$(mktemp -d)"
width=${#schemas}
export PGOPTIONS="-c client_min_messages=warning"
psql_db() { psql -h 127.0.0.1 -U "$user" -qAt -v ON_ERROR_STOP=1 -d "$1" -c "$2" >/dev/null; }
cleanup() {
  psql_db postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  psql_db postgres "DROP DATABASE IF EXISTS $tmpl WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/migrations"
printf 'CREATE TABLE items (id int PRIMARY KEY, owner int);\nINSERT INTO items SELECT g, g %% 10 FROM generate_series(1, 100) g;\n' \
  > "$work/migrations/V1__items.sql"
printf 'CREATE INDEX CONCURRENTLY idx_items_owner ON items (owner);\n' > "$work/migrations/V2__owner_index.sql"
echo "executeInTransaction=false" > "$work/migrations/V2__owner_index.sql.conf"

# The template: schemas, their tables and V1 applied by idxmig (Flyway's history table, which Flyway's CLI reads
# as its own, and idxmig's ledger beside it).
psql_db postgres "CREATE DATABASE $tmpl"
psql_db "$tmpl" "DO \$\$ BEGIN FOR i IN 1..$schemas LOOP EXECUTE format('CREATE SCHEMA tenant_%s', lpad(i::text, $width, '0')); END LOOP; END \$\$"
(cd "$work" && "$here/idxmig" migrate --url "jdbc:postgresql://127.0.0.1:5432/$tmpl" --user "$user" --schemas 'tenant_*' \
  --locations filesystem:migrations --target 1 --no-backup --no-verify --parallel "$parallel" >/dev/null 2>"$work/setup.err") \
  || { tail -5 "$work/setup.err" >&2; exit 1; }
fresh() {
  psql_db postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  psql_db postgres "CREATE DATABASE $db TEMPLATE $tmpl"
}
built() { # schemas whose index exists
  psql -h 127.0.0.1 -U "$user" -qAt -d "$db" -c "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_items_owner'"
}
url="jdbc:postgresql://127.0.0.1:5432/$db"
now() { date +%s.%N; }

echo "$schemas schemas x 1 migration of 1 CREATE INDEX CONCURRENTLY (100-row tables), --parallel $parallel;" \
  "$(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "| run | wall | per schema | peak RSS | indexes built |"
echo "|---|---|---|---|---|"

# psql floor
fresh
s=$(now)
seq -w 1 "$schemas" | xargs -P "$parallel" -I{} psql -h 127.0.0.1 -U "$user" -qAt -v ON_ERROR_STOP=1 -d "$db" \
  -c "SET search_path = tenant_{}" -c "CREATE INDEX CONCURRENTLY idx_items_owner ON items (owner)" >/dev/null
e=$(now)
wall=$(echo "$e - $s" | bc -l)
printf '| psql floor, %d sessions at a time | %.1f s | %.1f ms | - | %s |\n' "$parallel" "$wall" \
  "$(echo "$wall * 1000 / $schemas" | bc -l)" "$(built)"

# idxmig: one process, then S shards started together
idxmig_row() { # label, processes, parallel each
  local label="$1" n="$2" p="$3" k pids=() peak=0 sum=0 kb
  rm -f "$work"/out-*.txt "$work"/err-*.txt "$work"/rss-*.txt
  fresh
  s=$(now)
  for k in $(seq 1 "$n"); do
    local shard=()
    [ "$n" -gt 1 ] && shard=(--shard "$k/$n")
    (cd "$work" && /usr/bin/time -f "%M" -o "$work/rss-$k.txt" "$here/idxmig" migrate --url "$url" --user "$user" \
      --schemas 'tenant_*' --locations filesystem:migrations --no-backup --no-verify --parallel "$p" \
      --max-server-builds "$p" ${shard[@]+"${shard[@]}"} >"$work/out-$k.txt" 2>"$work/err-$k.txt") &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || { tail -3 "$work"/err-*.txt >&2; }; done
  e=$(now)
  for k in $(seq 1 "$n"); do
    kb=$(tail -1 "$work/rss-$k.txt"); sum=$((sum + kb)); [ "$kb" -gt "$peak" ] && peak=$kb
  done
  wall=$(echo "$e - $s" | bc -l)
  local rss="$((peak / 1024)) MiB"
  [ "$n" -gt 1 ] && rss="$((peak / 1024)) MiB each at most, $((sum / 1024)) MiB together"
  printf '| %s | %.1f s | %.1f ms | %s | %s |\n' "$label" "$wall" "$(echo "$wall * 1000 / $schemas" | bc -l)" "$rss" \
    "$(built)"
  grep -h -E ' on [0-9]+ targets:' "$work"/out-*.txt | sed 's/^/    /' >&2
}
idxmig_row "idxmig migrate, one process, --parallel $parallel" 1 "$parallel"
each=$(( parallel / shards )); [ "$each" -lt 1 ] && each=1
idxmig_row "idxmig migrate, $shards shards side by side, --parallel $each each" "$shards" "$each"

# Flyway's CLI once per schema on a sample, P at a time, scaled
fresh
s=$(now)
seq 1 "$sample" | xargs printf "%0${width}d\n" \
  | xargs -P "$parallel" -I{} /usr/bin/time -f "%M" -a -o "$work/flyway-rss.txt" \
    java -cp "$lib/*" org.flywaydb.commandline.Main migrate -skipCheckForUpdate -url="$url" -user="$user" -schemas=tenant_{} \
      -locations="filesystem:$work/migrations" -postgresql.transactional.lock=false >"$work/flyway.out" 2>&1 \
  || { tail -20 "$work/flyway.out" >&2; }
e=$(now)
wall=$(echo "$e - $s" | bc -l)
peak=$(sort -n "$work/flyway-rss.txt" | tail -1)
printf '| Flyway CLI 11.20 migrate once per schema, %d at a time: measured on %d schemas, scaled x%s | %.1f s (measured %.1f s) | %.1f ms | %d MiB per JVM | %s of %d |\n' \
  "$parallel" "$sample" "$(echo "scale=1; $schemas / $sample" | bc)" "$(echo "$wall * $schemas / $sample" | bc -l)" "$wall" \
  "$(echo "$wall * 1000 / $sample" | bc -l)" "$((peak / 1024))" "$(built)" "$sample"

if [ "$too" = true ]; then
  idxmig_row "idxmig migrate, $shards shards side by side, --parallel $parallel each" "$shards" "$parallel"
fi
