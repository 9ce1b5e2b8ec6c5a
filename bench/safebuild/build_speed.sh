#!/usr/bin/env bash
# Build speed of the same 3-column index (int, text, timestamptz) on worklog_bench ($ROWS rows): PostgreSQL's
# defaults, serial (max_parallel_maintenance_workers=0), and idxmig with its session settings, plain and
# CONCURRENTLY. Median of $REPS runs each, as a markdown table; ratio = PostgreSQL defaults / this row, same kind.
#   ROWS=5000000 REPS=3 bench/safebuild/build_speed.sh
source "$(dirname "$0")/common.sh"
REPS=${REPS:-3}
ensure_table
COLS="(company_id, author_email, started)"

psql_ms() { # the server-side time of the last statement, from psql's \timing
  psql_bench -c '\timing on' -c "$1" | awk '/^Time:/ { t = $2 } END { print t }'
}

idxmig_ms() { # idxmig's own record of the build (ledger build_ms)
  local conc=$1 dir="$WORK/speed" schema="bench_speed"
  shift
  local sql="CREATE INDEX ${conc:+CONCURRENTLY }idx_bench_user_range ON public.worklog_bench $COLS;"
  write_migration "$dir" "$sql" "${conc:+conc}"
  idxmig_migrate "$dir" "$schema" --quiet --large-table 1TB "$@" >/dev/null
  psql_bench -Atc "SELECT build_ms FROM $schema.idxmig_index_ledger WHERE action = 'created'"
}

measure() { # label, kind, command...
  local label=$1 kind=$2
  shift 2
  local times=()
  for _ in $(seq "$REPS"); do
    drop_bench_indexes
    psql_bench -c "CHECKPOINT" >/dev/null
    times+=("$("$@")")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  echo "$label|$kind|$median|${times[*]}"
}

results=$(
  measure "PostgreSQL defaults" plain psql_ms "CREATE INDEX idx_bench_user_range ON worklog_bench $COLS"
  measure "serial (max_parallel_maintenance_workers=0)" plain \
    psql_ms "SET max_parallel_maintenance_workers = 0; CREATE INDEX idx_bench_user_range ON worklog_bench $COLS"
  measure "idxmig defaults" plain idxmig_ms ""
  measure "idxmig --maintenance-work-mem 256MB" plain idxmig_ms "" --maintenance-work-mem 256MB
  measure "PostgreSQL defaults, CONCURRENTLY" concurrent \
    psql_ms "CREATE INDEX CONCURRENTLY idx_bench_user_range ON worklog_bench $COLS"
  measure "idxmig defaults, CONCURRENTLY" concurrent idxmig_ms yes
)
drop_bench_indexes
echo "| build | median (s) | runs (s) | PostgreSQL defaults / this |"
echo "|---|---|---|---|"
echo "$results" | awk -F'|' '
  $1 == "PostgreSQL defaults" { base["plain"] = $3 }
  $1 == "PostgreSQL defaults, CONCURRENTLY" { base["concurrent"] = $3 }
  { rows[NR] = $0 }
  END {
    for (i = 1; i <= NR; i++) {
      split(rows[i], f, "|"); n = split(f[4], runs, " "); list = ""
      for (j = 1; j <= n; j++) list = list (j > 1 ? ", " : "") sprintf("%.1f", runs[j] / 1000)
      printf "| %s | %.1f | %s | %.2f |\n", f[1], f[3] / 1000, list, base[f[2]] / f[3]
    }
    printf "\nCONCURRENTLY over plain (PostgreSQL defaults): %.2fx the time\n", base["concurrent"] / base["plain"]
  }'
