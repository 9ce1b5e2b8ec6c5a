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
  # the ledger row of the migration itself: the index lives in public, outside the history schema
  psql_bench -Atc "SELECT build_ms FROM $schema.idxmig_index_ledger WHERE action = 'migrated'"
}

run_config() { # one build of config $1
  case $1 in
    1) psql_ms "CREATE INDEX idx_bench_user_range ON worklog_bench $COLS" ;;
    2) psql_ms "SET max_parallel_maintenance_workers = 0; CREATE INDEX idx_bench_user_range ON worklog_bench $COLS" ;;
    3) idxmig_ms "" ;;
    4) idxmig_ms "" --maintenance-work-mem 256MB ;;
    5) psql_ms "CREATE INDEX CONCURRENTLY idx_bench_user_range ON worklog_bench $COLS" ;;
    6) idxmig_ms yes ;;
  esac
}
LABELS=("" "PostgreSQL defaults|plain" "serial (max_parallel_maintenance_workers=0)|plain" "idxmig defaults|plain"
        "idxmig --maintenance-work-mem 256MB|plain" "PostgreSQL defaults, CONCURRENTLY|concurrent"
        "idxmig defaults, CONCURRENTLY|concurrent")
declare -A TIMES
# Rounds over all configurations rather than one configuration after another, so a busy minute on a shared
# machine spreads over all of them instead of landing on one.
for rep in $(seq "$REPS"); do
  for c in 1 2 3 4 5 6; do
    drop_bench_indexes
    psql_bench -c "CHECKPOINT" >/dev/null
    TIMES[$c]="${TIMES[$c]:-} $(run_config $c)"
    echo "round $rep config $c: ${TIMES[$c]}" >&2
  done
done
results=$(for c in 1 2 3 4 5 6; do
  median=$(printf '%s\n' ${TIMES[$c]} | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  echo "${LABELS[$c]}|$median|${TIMES[$c]# }"
done)
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
