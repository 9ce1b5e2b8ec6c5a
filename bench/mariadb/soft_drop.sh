#!/usr/bin/env bash
# Rolling back an index drop on MariaDB (issue 30): after a hard drop, rollback rebuilds the index (online, but it
# reads the whole table); after migrate --soft-drop, the index was only IGNORED and rollback makes it NOT IGNORED
# (ALGORITHM=INSTANT, metadata only). Prints the wall time of each idxmig rollback beside idxmig status on the same
# database (the floor: JVM start, connection, catalog read), ROUNDS times each.
# Loopback MariaDB as root without a password (this machine); the database idxmig_bench_soft is made anew.
# ROWS=1000000 ROUNDS=3 bench/mariadb/soft_drop.sh   (mvn -B package -DskipTests first: target/idxmig.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-1000000}
ROUNDS=${ROUNDS:-3}
DB=idxmig_bench_soft
URL="jdbc:mariadb://127.0.0.1:3306/$DB?user=root"
sql() { mariadb -uroot -h127.0.0.1 "$DB" -N -e "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"; mariadb -uroot -e "DROP DATABASE IF EXISTS $DB"' EXIT

mariadb -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
sql "CREATE TABLE worklog_bench (id BIGINT AUTO_INCREMENT PRIMARY KEY, company_id INT NOT NULL,
       author_email VARCHAR(255) NOT NULL, started DATETIME NOT NULL) ENGINE=InnoDB"
sql "INSERT INTO worklog_bench (company_id, author_email, started) SELECT seq % 50,
       CONCAT('user', seq % 500, '@example.com'), '2025-01-01' + INTERVAL (seq % 525600) MINUTE FROM seq_1_to_$ROWS"
mkdir -p "$work/migrations"
echo "CREATE INDEX idx_bench_user_range ON worklog_bench (company_id, author_email, started);" \
  > "$work/migrations/V1__build.sql"
echo "DROP INDEX idx_bench_user_range ON worklog_bench;" > "$work/migrations/V2__drop.sql"
idxmig() { java -jar target/idxmig.jar "$@" --url "$URL" --locations "$work/migrations" --no-color >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; return 1; }; }
seconds() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc; }

idxmig migrate --target 1 --no-backup --baseline-on-migrate
printf '%-34s %s\n' "way" "seconds (each round)"
for way in floor hard soft; do
  times=()
  for _ in $(seq "$ROUNDS"); do
    case $way in
      floor) times+=("$(seconds idxmig status)") ;;
      hard) idxmig migrate --no-backup; times+=("$(seconds idxmig rollback)") ;;
      soft) idxmig migrate --no-backup --soft-drop; times+=("$(seconds idxmig rollback)") ;;
    esac
  done
  case $way in
    floor) label="idxmig status (the floor)" ;;
    hard) label="rollback of a drop (rebuild)" ;;
    soft) label="rollback of a soft drop" ;;
  esac
  printf "%-34s %s\n" "$label" "$(printf "%.2f " "${times[@]}")"
done
echo "server: $(sql 'SELECT VERSION()'), $ROWS rows, $(date -u +%Y-%m-%d)"
