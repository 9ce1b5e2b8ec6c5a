#!/usr/bin/env bash
# plan-check speed: 500 checks against the migrated example, on PostgreSQL and SQLite.
# Time per check = (wall time of 500 checks - wall time of 1 check) / 499, so JVM start-up and connecting,
# paid once per run, are not counted as per-check cost. Run by hand; not part of the test suite.
#
#   bench/plan-check-500.sh                 # PostgreSQL on 127.0.0.1:5432 as postgres, and SQLite
#   PG_URL=jdbc:postgresql://host/db bench/plan-check-500.sh
#   ROWS=1000000 bench/plan-check-500.sh    # example data size (default 100000 worklogs)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${ROWS:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/migrations" "$here/idxmig.yaml" "$work/"
cd "$work"

# 500 checks: the example's four index lookups with varying values, plus explicit parameters.
write_checks() {
  local n="$1"
  echo "checks:"
  for ((i = 0; i < n; i++)); do
    u=$((i % 500)); c=$((1 + u % 50)); m=$((1 + i % 12))
    case $((i % 4)) in
      0) printf '  - name: user worklogs %d\n    sql: SELECT id, started FROM worklogs WHERE company_id = %d AND author_email = '"'"'user%d@example.com'"'"' AND started >= '"'"'2025-%02d-01'"'"' AND started < '"'"'2025-%02d-28'"'"' ORDER BY started DESC\n    expect: {uses_index: idx_worklogs_user_range, no_full_scan: [worklogs]}\n' "$i" "$c" "$u" "$m" "$m" ;;
      1) printf '  - name: instance worklogs %d\n    sql: SELECT count(*) FROM worklogs WHERE instance_id = ? AND started >= ? AND started < ?\n    params: [%d, '"'"'2025-%02d-01'"'"', '"'"'2025-%02d-08'"'"']\n    expect: {uses_index: idx_worklogs_instance_range}\n' "$i" $((1 + i % 200)) "$m" "$m" ;;
      2) printf '  - name: billing rate %d\n    sql: SELECT hourly_rate FROM billing_rates WHERE company_id = %d AND user_email = '"'"'user%d@example.com'"'"' AND valid_from <= '"'"'2025-03-01'"'"' ORDER BY valid_from DESC LIMIT 1\n    expect: {uses_index: idx_billing_rates_lookup}\n' "$i" "$c" "$u" ;;
      3) printf '  - name: pending leaves %d\n    sql: SELECT id FROM factorial_leaves WHERE company_id = %d AND status = '"'"'pending'"'"' AND start_date >= '"'"'2025-%02d-01'"'"'\n    expect: {uses_any_index_on: factorial_leaves}\n' "$i" $((1 + 10 * (i % 5))) "$m" ;;
    esac
  done
}
write_checks 500 > checks-500.yaml
write_checks 1 > checks-1.yaml

now_ms() { date +%s%3N; }

# Wall time in ms of the fastest of three runs (the machine is shared: the minimum is the least disturbed).
fastest() {
  local best="" t0 t1
  for _ in 1 2 3; do
    t0=$(now_ms)
    "$@" > result.txt || true
    t1=$(now_ms)
    if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
  done
  echo "$best"
}

measure() { # label, then target flags
  local label="$1"; shift
  "$here/idxmig" plan-check "$@" --checks checks-1.yaml -q > /dev/null || true  # warm the class-data archive
  local one all
  one=$(fastest "$here/idxmig" plan-check "$@" --checks checks-1.yaml -q)
  all=$(fastest "$here/idxmig" plan-check "$@" --checks checks-500.yaml -q)
  head -1 result.txt
  awk -v l="$label" -v one="$one" -v all="$all" 'BEGIN {
    printf "%-10s 1 check: %d ms   500 checks: %d ms   per check: %.2f ms\n", l, one, all, (all - one) / 499 }'
}

echo "plan-check x500 on $(nproc) cores, ${rows} worklogs, $(date -u +%Y-%m-%dT%H:%MZ)"
if [ -z "${PG_URL:-}" ]; then
  db="idxmig_bench_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null
  trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS '"$db"'" >/dev/null; rm -rf "$work"' EXIT
  PG_URL="jdbc:postgresql://127.0.0.1:5432/$db"
fi
pg=(--url "$PG_URL" --user "${PG_USER:-postgres}")
"$here/idxmig" migrate "${pg[@]}" -Dworklog_rows="$rows" -q > /dev/null
measure postgresql "${pg[@]}"
"$here/idxmig" migrate -Dworklog_rows="$rows" -q > /dev/null
measure sqlite
