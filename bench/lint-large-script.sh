#!/usr/bin/env bash
# Times `idxmig lint` on one large data migration (a multi-row INSERT of ROWS rows, a few MB) followed by an
# index, to keep statement splitting linear in the script's size. Run by hand: bench/lint-large-script.sh [ROWS]
# Measured 2026-11-22, 2 shared cores: 50,000 rows (3.1 MB) splits in 0.07-0.7 s; before the splitter matched
# its trigger pattern on a region instead of a substring per word, the same split took 144 s. End to end
# (JVM start included) `idxmig lint` on the 3.1 MB script: 1.7 s.
set -euo pipefail
rows="${1:-50000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/migrations"
{
  echo "INSERT INTO worklogs (id, author_email, note) VALUES"
  for ((i = 1; i <= rows; i++)); do
    sep=$([ "$i" -lt "$rows" ] && echo "," || echo ";")
    echo "($i, 'user$i@example.com', 'a note; with words in it')$sep"
  done
  echo "CREATE INDEX idx_worklogs_note ON worklogs (note);"
} > "$work/migrations/V1__large.sql"
ls -la "$work/migrations/V1__large.sql"
cd "$work"
time "$here/idxmig" lint --offline migrations/V1__large.sql
