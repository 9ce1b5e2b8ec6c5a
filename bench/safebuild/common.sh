# Shared by the safe-build benchmarks: where PostgreSQL and idxmig are, and the benchmark database.
# Loopback only; every load is bounded in time.
set -euo pipefail
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
PGOPTIONS=${PGOPTIONS:--c client_min_messages=warning}
export PGHOST PGPORT PGUSER PGOPTIONS
BENCH_DB=${BENCH_DB:-idxmig_bench}
ROWS=${ROWS:-5000000}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
IDXMIG_JAR=${IDXMIG_JAR:-$REPO/target/idxmig.jar}
WORK=${WORK:-$(mktemp -d /tmp/idxmig-bench.XXXXXX)}
PGBENCH=${PGBENCH:-$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | head -n 1)}

psql_bench() {
  psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"
}

# idxmig migrate against the benchmark database; history in its own schema per run so runs do not collide.
idxmig_migrate() {
  local dir=$1 schema=$2
  shift 2
  (cd "$dir" && java -jar "$IDXMIG_JAR" migrate --url "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" \
    --user "$PGUSER" --schema "$schema" --locations migrations "$@")
}

# A table of $ROWS rows with the issue's three index columns (int, text, timestamptz), made once and reused.
ensure_table() {
  if ! psql -X -q -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" | grep -q 1; then
    psql -X -q -d postgres -c "CREATE DATABASE $BENCH_DB"
  fi
  local have
  have=$(psql_bench -Atc "SELECT coalesce((SELECT reltuples::bigint FROM pg_class WHERE relname = 'worklog_bench'), -1)")
  if [ "$have" -lt "$((ROWS * 9 / 10))" ]; then
    echo "creating worklog_bench with $ROWS rows" >&2
    psql_bench <<SQL
DROP TABLE IF EXISTS worklog_bench;
CREATE TABLE worklog_bench (id bigserial PRIMARY KEY, company_id int NOT NULL, author_email text NOT NULL,
                            started timestamptz NOT NULL, duration_seconds int NOT NULL);
INSERT INTO worklog_bench (company_id, author_email, started, duration_seconds)
SELECT 1 + g % 500, 'user' || (g % 20000) || '@example.com',
       TIMESTAMPTZ '2025-01-01' + (g % 5256000) * INTERVAL '6 seconds', 60 * (1 + g % 480)
FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE worklog_bench;
SQL
  fi
}

drop_bench_indexes() {
  psql_bench -c "DROP INDEX IF EXISTS idx_bench_user_range" >/dev/null
  psql_bench -Atc "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench\_%'" | while read -r s; do
    psql_bench -c "DROP SCHEMA $s CASCADE" >/dev/null
  done
}

# Writes a one-migration project: $1 folder, $2 SQL, $3 "conc" for a non-transactional migration.
write_migration() {
  local dir=$1 sql=$2 mode=${3:-}
  rm -rf "$dir" && mkdir -p "$dir/migrations"
  printf '%s\n' "$sql" > "$dir/migrations/V1__bench_index.sql"
  if [ "$mode" = conc ]; then
    echo "executeInTransaction=false" > "$dir/migrations/V1__bench_index.sql.conf"
  fi
}
