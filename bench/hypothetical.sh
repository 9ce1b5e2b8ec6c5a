#!/usr/bin/env bash
# Hypothetical plan checks against the real build (issue 15): the example migrated to version 2 with ROWS worklogs
# (default 1,000,000) on the local PostgreSQL, then
#   1. plan-check --hypothetical (HypoPG; V3/V4's four indexes pending, nothing built), wall time and idxmig's
#      own time (the wall time of the same run with no pending index statement subtracted is JVM start-up),
#   2. migrate --dry-run --shadow (pg_dump --schema-only into a scratch database, replay, drop),
#   3. the real migrate of V3/V4 (CREATE INDEX CONCURRENTLY on the full table),
#   4. plan-check on the built indexes.
# And the same on SQLite (a schema+statistics copy). Run by hand: ROWS=1000000 bench/hypothetical.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${ROWS:-1000000}"
user="${PGUSER:-postgres}"
db="idxmig_hypo_$$"
work="$(mktemp -d)"
cleanup() { psql -h 127.0.0.1 -U "$user" -qAt -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
jar="$here/target/idxmig.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -o package -DskipTests)
cp -r "$here/migrations" "$here/idxmig.yaml" "$work/"
cd "$work"
psql -h 127.0.0.1 -U "$user" -qAt -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -h 127.0.0.1 -U "$user" -qAt -d "$db" -c "CREATE EXTENSION hypopg" >/dev/null
pg=(--url "jdbc:postgresql://127.0.0.1:5432/$db" --user "$user")
idx() { java -jar "$jar" "$@"; }
secs() { local s e; s=$(date +%s.%N); "$@" >"$work/out.txt" 2>"$work/err.txt" || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

# idxmig's own time from its JSON reports: the checks' durationMs summed; the migrations' durationMs summed.
# (the JSON document wraps each target's report: targets[0].report)
checks_ms() { python3 -c 'import json,sys; print(sum(c["durationMs"] for c in json.load(open(sys.argv[1]))["targets"][0]["report"]["checks"]))' "$1"; }
applied_ms() { python3 -c 'import json,sys; print(sum(a["durationMs"] for a in json.load(open(sys.argv[1]))["targets"][0]["report"]["applied"]))' "$1"; }

run_for() {
  local label="$1"; shift
  idx migrate "$@" --target 2 --no-backup -q -Dworklog_rows="$rows" >/dev/null
  local t_start t_hypo t_shadow t_build t_real
  t_start=$(secs idx status "$@")
  t_hypo=$(secs idx plan-check --hypothetical --format json "$@"); m_hypo=$(checks_ms "$work/out.txt")
  t_shadow=$(secs idx migrate --dry-run --shadow "$@"); head -1 "$work/out.txt"
  t_build=$(secs idx migrate --no-backup --no-verify --format json "$@" -Dworklog_rows="$rows"); m_build=$(applied_ms "$work/out.txt")
  t_real=$(secs idx plan-check --format json "$@"); m_real=$(checks_ms "$work/out.txt")
  printf '| %s | %.1f | %.1f (checks %s ms) | %.1f | %.1f (V3+V4 %s ms) | %.1f (checks %s ms) |\n' "$label" "$t_start" \
    "$t_hypo" "$m_hypo" "$t_shadow" "$t_build" "$m_build" "$t_real" "$m_real"
}

echo "| target | idxmig status (JVM start + connect), s | plan-check --hypothetical, s | migrate --dry-run --shadow, s | real migrate V3+V4, s | plan-check after, s |"
echo "|---|---|---|---|---|---|"
run_for "PostgreSQL, $rows worklogs" "${pg[@]}"
run_for "SQLite, $rows worklogs" --url "jdbc:sqlite:$work/bench.db"
