#!/usr/bin/env bash
# Start-up benchmark: wall time and peak memory of `idxmig status` and `idxmig migrate` on the example project,
# on SQLite and PostgreSQL, through the ./idxmig launcher as a user runs it. Prints a Markdown table.
#   bench/startup.sh [--runs N] [--sqlite-only] [--no-flyway] [--pg-url jdbc:postgresql://127.0.0.1:5432/postgres]
# The anchor: Flyway's own command line, `flyway info` on the same SQLite file and migrations (Flyway CLI 11.20,
# fetched once by Maven into target/bench/flyway-cli from bench/flyway-cli/pom.xml; its Main on the same Java, with
# the class path its launcher builds: every jar of the distribution and the JDBC drivers). --no-flyway skips it.
# Needs GNU time (/usr/bin/time). Creates and drops its own PostgreSQL database.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=10
sqlite_only=false
flyway=true
pg_admin_url="jdbc:postgresql://127.0.0.1:5432/postgres"
pg_user="${PGUSER:-postgres}"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --sqlite-only) sqlite_only=true; shift ;;
    --no-flyway) flyway=false; shift ;;
    --pg-url) pg_admin_url="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

"$here/idxmig" --version >/dev/null   # builds the jar and its class-data archive once, outside the timings
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/migrations" "$here/idxmig.yaml" "$work/"
cd "$work"

# measure NAME SETUP-COMMAND COMMAND...: runs SETUP (untimed) then COMMAND, $runs times; median wall, max RSS
measure() {
  local name="$1" setup="$2"; shift 2
  local times=() peak=0
  for _ in $(seq "$runs"); do
    eval "$setup"
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    read -r secs kb < "$work/time.txt"
    times+=("$secs")
    [ "$kb" -gt "$peak" ] && peak="$kb"
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  printf '| %s | %d | %.2f s | %d MiB |\n' "$name" "$runs" "$median" "$((peak / 1024))"
}

echo "| command | runs | median wall time | peak RSS |"
echo "|---|---|---|---|"
measure "sqlite: migrate (example, 2,000 rows)" "rm -f idxmig.db" "$here/idxmig" migrate -Dworklog_rows=2000
measure "sqlite: status" ":" "$here/idxmig" status
measure "sqlite: verify" ":" "$here/idxmig" verify
if [ "$flyway" = true ]; then
  lib="$here/target/bench/flyway-cli"
  if [ ! -d "$lib" ]; then
    mvn -B -q -Dstyle.color=never -f "$here/bench/flyway-cli/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" >&2
  fi
  measure "sqlite: Flyway CLI 11.20 info (the anchor)" ":" java -cp "$lib/*" org.flywaydb.commandline.Main info \
    -url=jdbc:sqlite:idxmig.db -locations=filesystem:migrations/common,filesystem:migrations/sqlite
fi

if [ "$sqlite_only" = false ]; then
  db="idxmig_bench_$$"
  base="${pg_admin_url%/*}"
  psql_admin() { psql -h 127.0.0.1 -U "$pg_user" -qAt -d postgres -c "$1" >/dev/null; }
  psql_admin "CREATE DATABASE $db"
  trap 'psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
  pg=(--url "$base/$db" --user "$pg_user")
  reset="psql_admin 'DROP DATABASE IF EXISTS $db WITH (FORCE)'; psql_admin 'CREATE DATABASE $db'"
  measure "postgresql: migrate (example, 2,000 rows)" "$reset" "$here/idxmig" migrate "${pg[@]}" -Dworklog_rows=2000
  measure "postgresql: status" ":" "$here/idxmig" status "${pg[@]}"
  measure "postgresql: verify" ":" "$here/idxmig" verify "${pg[@]}"
fi
