#!/usr/bin/env bash
# Regenerates every example output in README.md and docs/: each block marked
#   <!-- output: sqlite: idxmig COMMAND ... -->      (or postgres; "sqlite stdout:" shows stdout only)
# is rewritten with what the command prints now, run in order per page on a scratch copy of the example project
# (a fresh SQLite file; for postgres a scratch database on 127.0.0.1:5432, or IDXMIG_TEST_PG_URL), with times,
# dates, sizes and pids masked (DocOutputs.mask). <!-- run: ... --> runs a command whose output is not shown.
# The same code, without the update flag, is the test that fails when a page is stale (DocOutputsSqliteTest,
# DocOutputsPostgresTest). Review the diff afterwards: `git diff README.md docs/`.
#   docs/generate.sh            both databases (PostgreSQL blocks are left as they are when no server answers)
#   docs/generate.sh sqlite     only the SQLite blocks
#   IDXMIG_DOCS_PAGE=commands/lint docs/generate.sh    only the pages whose path contains that text
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-all}" in
  sqlite) tests=DocOutputsSqliteTest ;;
  postgres) tests=DocOutputsPostgresTest ;;
  all) tests=DocOutputsSqliteTest,DocOutputsPostgresTest ;;
  *) echo "usage: docs/generate.sh [sqlite|postgres|all]" >&2; exit 2 ;;
esac
mvn -B -q test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false -Didxmig.docs.update=true \
  -Didxmig.docs.page="${IDXMIG_DOCS_PAGE:-}"
git --no-pager diff --stat -- README.md docs/
