#!/usr/bin/env bash
# Write availability during an index build: pgbench writes into worklog_bench from 4 clients (loopback, bounded
# by DURATION seconds) while the same index is built three ways. Prints the longest single write and the p99
# write latency during each, as a markdown table.
#   ROWS=5000000 DURATION=40 bench/safebuild/write_availability.sh
source "$(dirname "$0")/common.sh"
DURATION=${DURATION:-40}
CLIENTS=${CLIENTS:-2}
RATE=${RATE:-100}
ensure_table
INDEX="CREATE INDEX %s idx_bench_user_range ON public.worklog_bench (company_id, author_email, started);"

# pgbench -l with -R: client tx latency_us script epoch epoch_us lag_us. Latency counts from the scheduled
# start, so a write held behind a lock shows its whole wait; latency - lag is the time inside the server.
summarize() {
  cat "$3"/pgbench_log.* | awk -v mode="$1" -v build="$2" '
    { lat[NR] = $3 / 1000.0; ex[NR] = ($3 - $7) / 1000.0
      if (lat[NR] > max) max = lat[NR]; if (ex[NR] > maxex) maxex = ex[NR] }
    END {
      n = asort(lat); asort(ex)
      printf "| %s | %s | %d | %.1f | %.1f | %.1f |\n", mode, build, n, lat[int(n * 0.99)], max, maxex
    }'
}

run_mode() {
  local mode=$1 dir="$WORK/$1"
  drop_bench_indexes
  case $mode in
    plain) write_migration "$dir" "$(printf "$INDEX" "")" ;;
    idxmig-no-build) write_migration "$dir" "SELECT 1;" ;; # idxmig's own cost: JVM start, Flyway, no index
    *) write_migration "$dir" "$(printf "$INDEX" CONCURRENTLY)" conc ;;
  esac
  rm -f "$dir"/pgbench_log.*
  (cd "$dir" && "$PGBENCH" -n -d "$BENCH_DB" -f "$HERE/write.sql" -c "$CLIENTS" -j 2 -R "$RATE" -T "$DURATION" \
     -l --log-prefix=pgbench_log >"$dir/pgbench.out" 2>&1) &
  local bench=$!
  sleep 3
  local holder=""
  if [ "$mode" = concurrent-long-tx ]; then
    # A report that keeps a snapshot for 10 s: the concurrent build must wait for it, writers must not.
    psql_bench -c "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM pg_class; SELECT pg_sleep(10); COMMIT;" \
      >/dev/null &
    holder=$!
    sleep 0.5
  fi
  local t0 t1
  t0=$(date +%s.%N)
  local extra=()
  if [ "$mode" = concurrent-serial ]; then
    extra=(--max-parallel-maintenance-workers 0) # leave the CPUs to the writers
  fi
  if [ "$mode" = psql-concurrent ]; then
    # The same statement without idxmig: what PostgreSQL's concurrent build does to writers by itself.
    psql_bench -c "$(printf "$INDEX" CONCURRENTLY)" >"$dir/idxmig.out" 2>"$dir/idxmig.err" || true
  else
    idxmig_migrate "$dir" "bench_${mode//-/_}" --no-color "${extra[@]}" >"$dir/idxmig.out" 2>"$dir/idxmig.err" || true
  fi
  t1=$(date +%s.%N)
  [ -n "$holder" ] && wait "$holder"
  wait "$bench" || true
  local build
  build=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  # pgbench log: client tx time(us) script epoch epoch_us; with -R the latency includes schedule lag.
  summarize "$mode" "$build" "$dir"
  grep -E "built|warning|error" "$dir/idxmig.err" | sed 's/^/    /' >&2 || true
}

echo "| how | migrate wall time (s) | writes | p99 write latency (ms) | longest write (ms) | longest in server (ms) |"
echo "|---|---|---|---|---|---|"
for mode in baseline idxmig-no-build plain psql-concurrent concurrent concurrent-serial concurrent-long-tx; do
  if [ "$mode" = baseline ]; then
    # No build at all: what the load looks like on this machine.
    dir="$WORK/baseline"; mkdir -p "$dir"; rm -f "$dir"/pgbench_log.*
    (cd "$dir" && "$PGBENCH" -n -d "$BENCH_DB" -f "$HERE/write.sql" -c "$CLIENTS" -j 2 -R "$RATE" -T 15 \
       -l --log-prefix=pgbench_log >/dev/null 2>&1)
    summarize "no build (baseline)" - "$dir"
    continue
  fi
  run_mode "$mode"
done
drop_bench_indexes
