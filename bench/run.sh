#!/usr/bin/env bash
# `make bench`: the portal's throughput on its hot pages, as ratios to anchors measured
# in the same run on the same machine (nginx serving a 5 KB page, SQLite WAL commits,
# PostgreSQL single-row inserts through pgbench, one Argon2id hash). Everything listens
# on 127.0.0.1 and is stopped at the end. Writes bench/results/<date>.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
work=$(mktemp -d /tmp/examens-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$root/tests/support/pg.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

for p in wrk nginx-light; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null; }
done
cmake --build "$build" --target examens bench_anchors >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; return 1; }
# Requests per second that wrk measured for URL (extra wrk arguments after it).
rps() { wrk -t2 -c"$connections" -d"${duration}s" "$@" | awk '/Requests\/sec/ {printf "%.0f", $2}'; }

# --- nginx serving a 5 KB page -------------------------------------------------------
mkdir -p "$work/nginx/html" "$work/nginx/logs"
head -c 5120 /dev/zero | tr '\0' 'x' >"$work/nginx/html/page.html"
chmod -R a+rX "$work/nginx"
nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$nginx_port; root $work/nginx/html; }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)

# --- the portal with its demo data ---------------------------------------------------
port=$(free_port)
export EXAMENS_PORT=$port EXAMENS_DATA_DIR=$work/var EXAMENS_ROOT=$root
"$build/examens" init --demo 2>/dev/null
"$build/examens" serve >/dev/null 2>"$work/serve.log" &
pids+=($!)
wait_port "$nginx_port"
wait_port "$port"
base=http://127.0.0.1:$port

# A logged-in session of the demo account, for the candidate's home page.
jar=$work/cookies
csrf=$(curl -s -c "$jar" -b "$jar" "$base/connexion" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
  --data-urlencode "identifiant=paul.lamy@example.fr" --data-urlencode "mot_de_passe=Examens-2026!" "$base/connexion"
session=$(awk '$6 == "examens_session" {print $7}' "$jar")

echo "bench: ${duration}s per page, $connections connections, wrk -t2"
nginx_rps=$(rps "http://127.0.0.1:$nginx_port/page.html")
static_rps=$(rps "$base/static/css/examens.css")
connexion_rps=$(rps "$base/connexion")
ouverture_rps=$(rps "$base/ouverture-des-services?domaine=BCP&session=2027&academie=GUY")
home_rps=$(rps "$base/" -H "Cookie: examens_session=$session")

# --- anchors -------------------------------------------------------------------------
anchors=$("$build/bench_anchors" "$work")
sqlite_cps=$(echo "$anchors" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sqlite_commits_per_s"])')
argon_ms=$(echo "$anchors" | python3 -c 'import json,sys; print(json.load(sys.stdin)["argon2id_ms"])')
"$root/tests/support/pg.sh" start "$work/pg" >/dev/null
pg_url=$(cat "$work/pg/url")
psql -q "$pg_url" -c "CREATE TABLE bench (id bigserial PRIMARY KEY, v text)" >/dev/null
echo "INSERT INTO bench (v) VALUES ('une ligne de 30 caractères..');" >"$work/insert.sql"
pg_tps=$(pgbench -n -c 8 -j 2 -T "$duration" -f "$work/insert.sql" "$pg_url" 2>/dev/null |
  awk '/^tps/ {printf "%.0f", $3}')

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
mkdir -p "$root/bench/results"
out=$root/bench/results/$(date -u +%Y-%m-%d-%H%M).md
{
  echo "# make bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
  echo
  echo "wrk -t2 -c$connections -d${duration}s on 127.0.0.1; the portal with EXAMENS_WORKERS=${EXAMENS_WORKERS:-4}."
  echo
  echo "| page | requests/s | ratio to nginx |"
  echo "|---|---:|---:|"
  echo "| nginx, 5 KB static page (anchor) | $nginx_rps | 1.00 |"
  echo "| /static/css/examens.css | $static_rps | $(ratio "$static_rps" "$nginx_rps") |"
  echo "| /connexion (anonymous form) | $connexion_rps | $(ratio "$connexion_rps" "$nginx_rps") |"
  echo "| /ouverture-des-services (catalogue) | $ouverture_rps | $(ratio "$ouverture_rps" "$nginx_rps") |"
  echo "| / logged in (session, account, candidatures) | $home_rps | $(ratio "$home_rps" "$nginx_rps") |"
  echo
  echo "| anchor | value |"
  echo "|---|---:|"
  echo "| SQLite WAL single-row commits/s (synchronous=FULL) | $sqlite_cps |"
  echo "| PostgreSQL single-row inserts/s (pgbench, 8 clients) | $pg_tps |"
  echo "| Argon2id INTERACTIVE, ms per hash | $argon_ms |"
  echo "| logins/s bound by Argon2id on $(nproc) cores | $(python3 -c "print(round($(nproc) * 1000 / $argon_ms))") |"
} >"$out"
cat "$out"
