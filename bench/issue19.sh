#!/usr/bin/env bash
# Issue 19's targets in one run, each next to its anchor: start-up (Flyway CLI info), fleet migrate (psql sending
# the same statements), verify and status over 10,000 indexes, peak memory over 50 and 500 schemas.
# Prints Markdown for bench/README.md. About 6 minutes on the project's 2-core VM. Needs PostgreSQL on 127.0.0.1.
#   bench/issue19.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
echo "## $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "### Start-up: bench/startup.sh --runs 11"
echo
"$here/startup.sh" --runs 11
echo
echo "### Fleet migrate against psql: bench/fleet-floor.sh"
echo
"$here/fleet-floor.sh" --schemas 20 --parallel 1
echo
"$here/fleet-floor.sh" --schemas 50 --parallel 4
echo
echo "### verify and status over 200 schemas x 50 indexes: bench/fleet.sh"
echo
"$here/fleet.sh" --schemas 200 --migrations 5 --indexes-per-migration 10 --parallel 4 --runs 3
echo
echo "### Peak memory, 50 and 500 schemas: bench/fleet.sh"
echo
"$here/fleet.sh" --schemas 50 --migrations 5 --parallel 4
echo
"$here/fleet.sh" --schemas 500 --migrations 5 --parallel 4
