#!/usr/bin/env bash
# Write stalls while an index is built on MariaDB (issue 30): a writer inserts into worklog_bench at RATE rows/s for
# DURATION s; 3 s in, the same index statement is sent by the plain mariadb client (as written, which lets the
# server choose; and forced to ALGORITHM=COPY) or applied by idxmig migrate (which adds ALGORITHM=INPLACE,
# LOCK=NONE). Prints one row per way: the statement's wall time, writes, p99 and longest write latency.
# Loopback MariaDB as root without a password (this machine); the database idxmig_bench_mdb is made once, reused.
# ROWS=2000000 DURATION=30 bench/mariadb/write_stall.sh   (mvn -B package -DskipTests first: target/idxmig.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-2000000}
DURATION=${DURATION:-30}
RATE=${RATE:-100}
DB=idxmig_bench_mdb
URL="jdbc:mariadb://127.0.0.1:3306/$DB?user=root"
DRIVER=$(ls ~/.m2/repository/org/mariadb/jdbc/mariadb-java-client/3.5.8/mariadb-java-client-3.5.8.jar)
sql() { mariadb -uroot -h127.0.0.1 "$DB" -N -e "$1"; }

mariadb -uroot -h127.0.0.1 -e "CREATE DATABASE IF NOT EXISTS $DB"
if [ "$(sql "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB' AND TABLE_NAME = 'worklog_bench'")" = 0 ]; then
  sql "CREATE TABLE worklog_bench (id BIGINT AUTO_INCREMENT PRIMARY KEY, company_id INT NOT NULL,
         author_email VARCHAR(255) NOT NULL, started DATETIME NOT NULL) ENGINE=InnoDB"
  sql "INSERT INTO worklog_bench (company_id, author_email, started) SELECT seq % 50,
         CONCAT('user', seq % 500, '@example.com'), '2025-01-01' + INTERVAL (seq % 525600) MINUTE FROM seq_1_to_$ROWS"
fi
STATEMENT="CREATE INDEX idx_bench_user_range ON worklog_bench (company_id, author_email, started)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

reset() {
  sql "DROP INDEX IF EXISTS idx_bench_user_range ON worklog_bench"
  sql "DROP TABLE IF EXISTS flyway_schema_history, idxmig_index_ledger, idxmig_intent_log"
}

# one way: $1 name, $2 command run 3 s into the load (empty: none)
run() {
  reset
  java -cp "$DRIVER" bench/mariadb/Writer.java "$URL" "$RATE" "$DURATION" > "$work/writes" &
  writer=$!
  sleep 3
  wall=-
  if [ -n "$2" ]; then
    t0=$(date +%s.%N)
    bash -c "$2" > "$work/out" 2>&1 || { echo "$1 failed:"; cat "$work/out"; }
    wall=$(echo "$(date +%s.%N) - $t0" | bc)
  fi
  wait "$writer"
  read -r writes p99 longest < "$work/writes"
  printf '| %s | %s | %s | %s | %s |\n' "$1" "${wall:0:5}" "$writes" "$p99" "$longest"
}

mkdir -p "$work/migrations"
echo "CREATE TABLE IF NOT EXISTS worklog_bench_marker (id INT);" > "$work/migrations/V1__marker.sql"
echo "$STATEMENT;" > "$work/migrations/V2__index.sql"
echo "| how | statement wall time (s) | writes | p99 write latency (ms) | longest write (ms) |"
echo "|---|---|---|---|---|"
run "no build (baseline)" ""
run "mariadb client, as written" "mariadb -uroot -h127.0.0.1 $DB -e '$STATEMENT'"
run "mariadb client, ALGORITHM=COPY" "mariadb -uroot -h127.0.0.1 $DB -e '$STATEMENT ALGORITHM=COPY'"
run "idxmig migrate (INPLACE, LOCK=NONE added)" "cd $work && java -jar $PWD/target/idxmig.jar migrate --url 'jdbc:mariadb://127.0.0.1:3306/$DB' --user root --locations migrations --no-backup --baseline-on-migrate"
sql "DROP TABLE IF EXISTS worklog_bench_marker"
reset
