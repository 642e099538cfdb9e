#!/usr/bin/env bash
# `make dataset`: the national-scale data set (docs/decisions/0022-dataset.md) in a
# PostgreSQL 15 cluster of its own on 127.0.0.1, left running for the benchmark:
# `examens init --demo` makes the schema, the catalogue and the demo accounts, then
# scripts/dataset/dataset.sql generates the rows in the database and ANALYZEs.
# Environment: DATASET_COMPTES (1000000), DATASET_CANDIDATURES (1500000), DATASET_DIR
# (build/dataset: the cluster's URL in DIR/pg/url), EXAMENS_BIN (build/examens);
# DATASET_URL fills that database instead of starting a cluster (made by `examens init`).
# Stop the cluster with tests/support/pg.sh stop DIR/pg.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
comptes=${DATASET_COMPTES:-1000000}
candidatures=${DATASET_CANDIDATURES:-1500000}
dir=${DATASET_DIR:-$root/build/dataset}
bin=${EXAMENS_BIN:-$root/build/examens}
psql=/usr/lib/postgresql/15/bin/psql
start=$(date +%s.%N)
elapsed() { awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

mkdir -p "$dir"
if [ -n "${DATASET_URL:-}" ]; then
  url=$DATASET_URL
else
  "$root/tests/support/pg.sh" start "$dir/pg"
  url=$(cat "$dir/pg/url")
  # Room for a bulk load and for the benchmark's working set; restart for shared_buffers.
  "$psql" -q "$url" -c "ALTER SYSTEM SET shared_buffers = '1GB'" \
    -c "ALTER SYSTEM SET max_wal_size = '16GB'" -c "ALTER SYSTEM SET checkpoint_timeout = '30min'"
  "$root/tests/support/pg.sh" restart "$dir/pg"
  EXAMENS_DB=$url EXAMENS_ROOT=$root EXAMENS_DATA_DIR=$dir/var "$bin" init --demo 2>"$dir/init.log" ||
    { cat "$dir/init.log"; exit 1; }
fi

echo "dataset: $comptes comptes, $candidatures candidatures into $url"
"$psql" -q "$url" -v comptes="$comptes" -v candidatures="$candidatures" \
  -v snapshot="$(cat "$root/scripts/dataset/snapshot-bcp.json")" \
  -v brouillon="$(cat "$root/scripts/dataset/brouillon.json")" \
  -f "$root/scripts/dataset/dataset.sql"
size=$("$psql" -Atq "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
echo "dataset: done in $(elapsed) s, database $size"
