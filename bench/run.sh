#!/usr/bin/env bash
# `make bench`: everything issue 16 measures, in one run on loopback, as ratios to anchors
# measured in the same run on the same machine (docs/decisions/0021-bench.md):
# - anchors: nginx serving a 5 KB page, SQLite WAL commits, PostgreSQL single-row inserts
#   through pgbench (16 clients), one Argon2id hash;
# - on SQLite, then on PostgreSQL: five pages at 64 and 256 connections, logins per second,
#   the login storm, the documents, the RSS with 10,000 idle connections, the closing hour.
# Writes bench/results/<date>.csv, .md and .svg (bench/report.py) and the README's table.
# BENCH_SECONDS (10) is each measurement's length; the whole run lasts about 57 of them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
duration=${BENCH_SECONDS:-10}
storm=${BENCH_STORM_LOGINS:-40}
idle=${BENCH_IDLE_CONNECTIONS:-10000}
rush_accounts=${BENCH_RUSH_ACCOUNTS:-5000}
rush_clients=${BENCH_RUSH_CLIENTS:-32}
backends=${BENCH_BACKENDS:-sqlite postgresql}
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
cmake --build "$build" --target examens bench_anchors bench_rush >/dev/null
# The idle connections need a descriptor each, in the portal and in the client.
ulimit -n "$(ulimit -Hn)"
# shellcheck source=bench/demo.sh
. "$root/bench/demo.sh"

stamp=$(date -u +%Y-%m-%d-%H%M)
csv=$work/results.csv
echo "kind,name,backend,connections,value,p50_ms,p99_ms" >"$csv"
row() { (IFS=,; echo "$*") >>"$csv"; }
# "requests/s p50 p99" (ms) that wrk measured with C connections on URL (extra wrk arguments
# after it).
measure() {
  local c=$1
  shift
  wrk -t2 -c"$c" -d"${duration}s" --latency "$@" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx/ { bad = "non-2xx/3xx answers " $5 }
    /Socket errors/ { sub(/^ *Socket errors: /, ""); bad = (bad == "" ? "" : bad "; ") "socket errors " $0 }
    END { printf "%.0f %.2f %.2f %s", rps, p50, p99, bad == "" ? "-" : bad }'
}
page() {
  local name=$1 backend=$2
  shift 2
  for c in 64 256; do
    read -r rps p50 p99 bad <<<"$(measure "$c" "$@")"
    row page "$name" "$backend" "$c" "$rps" "$p50" "$p99"
    echo "bench: $backend $name c$c: $rps requests/s, p50 $p50 ms, p99 $p99 ms"
    # Answers other than 2xx and 3xx, or socket errors: the page measured something else.
    [ "$bad" = - ] || { row errors "$name" "$backend" "$c" "\"$bad\"" "" ""; echo "bench: errors: $bad"; }
  done
}
row meta loadavg_start "" "" "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" "" ""
row meta seconds "" "" "$duration" "" ""
row meta cores "" "" "$(nproc)" "" ""
# The portal's hashing pool: EXAMENS_HASHING_THREADS, else one core fewer than the machine's.
row meta hashing_threads "" "" "${EXAMENS_HASHING_THREADS:-$(($(nproc) > 2 ? $(nproc) - 1 : 1))}" "" ""

# --- anchors ---------------------------------------------------------------------------
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
nginx_pid=$!
wait_port "$nginx_port"
page nginx anchor "http://127.0.0.1:$nginx_port/page.html"
kill "$nginx_pid"
wait "$nginx_pid" 2>/dev/null || true

anchors=$("$build/bench_anchors" "$work")
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
row anchor sqlite_commits sqlite 1 "$(json sqlite_commits_per_s <<<"$anchors")" "" ""
row anchor argon2id_ms "" 1 "$(json argon2id_ms <<<"$anchors")" "" ""
"$root/tests/support/pg.sh" start "$work/pg" >/dev/null
pg_url=$(cat "$work/pg/url")
psql -q "$pg_url" -c "CREATE TABLE bench (id bigserial PRIMARY KEY, v text)" >/dev/null
echo "INSERT INTO bench (v) VALUES ('une ligne de 30 caractères..');" >"$work/insert.sql"
pg_tps=$(pgbench -n -c 16 -j 2 -T "$duration" -f "$work/insert.sql" "$pg_url" 2>/dev/null |
  awk '/^tps/ {printf "%.0f", $3}')
row anchor pg_commits postgresql 16 "$pg_tps" "" ""
echo "bench: anchors $anchors, PostgreSQL $pg_tps inserts/s"

# SQL on the backend's database (for the documents' counts).
sql() {
  if [ "$1" = sqlite ]; then sqlite3 "$EXAMENS_DB" "$2"; else psql -qtA "$EXAMENS_DB" -c "$2"; fi
}

# --- the portal on one backend ---------------------------------------------------------
bench_backend() {
  local backend=$1
  work_backend=$work/$backend
  mkdir -p "$work_backend"
  if [ "$backend" = sqlite ]; then
    export EXAMENS_DB=$work_backend/var/examens.db
  else
    psql -q "$pg_url" -c "CREATE DATABASE examens_bench" >/dev/null
    export EXAMENS_DB=${pg_url%/postgres}/examens_bench
  fi
  # wrk's 256 connections come from one address, which the portal caps at 256 (an abuse
  # limit, not what is measured): connections of the previous run still closing would push
  # the next over it.
  export EXAMENS_MAX_CONNECTIONS_PER_ADDRESS=1024
  local saved_work=$work
  work=$work_backend
  pids_before=${#pids[@]}
  start_demo_portal
  portal_pid=${pids[-1]}
  demo_session || exit 1
  cat >"$work/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "examens_visiteur=$visitor"
wrk.body = "csrf=$login_csrf&identifiant=paul.lamy%40example.fr&mot_de_passe=Examens-2026%21"
LUA
  cat >"$work/tab2.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "examens_session=$session"
wrk.body = "csrf=$csrf&adresse_pays=FR&adresse_voie=reu&code_postal=97300&localite=CAYENNE&nationalite=FR&telephone_mobile=0123456789&action=suivant"
LUA
  page home_anonymous "$backend" "$base/"
  page connexion "$backend" "$base/connexion"
  page home_logged_in "$backend" "$base/" -H "Cookie: examens_session=$session"
  page tab2_get "$backend" "$onglet/2" -H "Cookie: examens_session=$session"
  page tab2_post "$backend" "$onglet/2" -s "$work/tab2.lua"
  bench_logins "$backend"
  bench_documents "$backend"
  bench_idle "$backend"
  bench_rush "$backend"
  kill "$portal_pid"
  wait "$portal_pid" 2>/dev/null || true
  pids=("${pids[@]:0:pids_before}")
  work=$saved_work
}

# Logins per second (one account: a success clears its throttle streak, and the address's
# counts failures only), then the logged-in home page's latency alone and during $storm
# parallel logins.
bench_logins() {
  local backend=$1 out
  out=$(wrk -t2 -c16 -d"${duration}s" -s "$work/login.lua" "$base/connexion")
  row logins logins "$backend" 16 "$(awk '/Requests\/sec/ {printf "%.1f", $2}' <<<"$out")" "" ""
  row logins refused "$backend" 16 "$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")" "" ""
  read -r _ p50 p99 <<<"$(wrk_alone)"
  row storm alone "$backend" 4 "" "$p50" "$p99"
  wrk -t1 -c"$storm" -d"$((duration + 4))s" -s "$work/login.lua" "$base/connexion" >"$work/storm.txt" &
  local storm_pid=$!
  sleep 2
  read -r _ p50 p99 <<<"$(wrk_alone)"
  wait "$storm_pid"
  row storm during "$backend" "$storm" "$(awk '/Requests\/sec/ {printf "%.1f", $2}' "$work/storm.txt")" "$p50" "$p99"
}
wrk_alone() {
  wrk -t1 -c4 -d"${duration}s" --latency "$base/" -H "Cookie: examens_session=$session" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } END { printf "- %.2f %.2f", p50, p99 }'
}

# Tab 7's provisional PDF rendered per request, and modification + Enregistrer cycles on one
# connection (each writes a version and queues two documents, which the preparer renders
# meanwhile) against tab 2's POST on one connection.
bench_documents() {
  local backend=$1 candidature
  read -r rps p50 p99 _ <<<"$(measure 64 "$onglet/7/recapitulatif.pdf" -H "Cookie: examens_session=$session")"
  row documents apercu_pdf "$backend" 64 "$rps" "$p50" "$p99"
  row documents tab2_post_c1 "$backend" 1 "$(wrk -t1 -c1 -d"${duration}s" -s "$work/tab2.lua" "$onglet/2" |
    awk '/Requests\/sec/ {printf "%.0f", $2}')" "" ""
  post -d action=suivant "$onglet/7" >/dev/null
  local registered
  registered=$(post -d conditions_acceptees=oui -d action=enregistrer "$onglet/8")
  [[ "$registered" =~ ^303\ .*/inscription/([0-9]+)/numero$ ]] ||
    { echo "bench: the demo draft was not registered ($registered)" >&2; exit 1; }
  candidature=${BASH_REMATCH[1]}
  sed "s|@SESSION@|$session|; s|@CSRF@|$csrf|g; s|@ID@|$candidature|g" \
    "$root/bench/modifier.lua" >"$work/modifier.lua"
  wrk -t1 -c1 -d"${duration}s" -s "$work/modifier.lua" "$base/" >"$work/modifier.txt"
  row documents enregistrer_c1 "$backend" 1 "$(awk '/Requests\/sec/ {printf "%.0f", $2 / 2}' "$work/modifier.txt")" "" ""
  grep '^unexpected:' "$work/modifier.txt" | sort | uniq -c >&2 || true
  sleep 3 # the preparer's last round
  row documents ready "$backend" "" "$(sql "$backend" "SELECT count(*) FROM documents WHERE etat = 'pret'")/$(sql "$backend" "SELECT count(*) FROM documents")" "" ""
}

# The portal's resident memory with $idle idle keep-alive connections, each after a request.
bench_idle() {
  local backend=$1 before after opened
  before=$(awk '/VmRSS/ {print $2}' "/proc/$portal_pid/status")
  mkfifo "$work/idle.in"
  python3 "$root/bench/idle.py" "${base##*:}" "$idle" <"$work/idle.in" >"$work/idle.out" &
  local idle_pid=$!
  exec 7>"$work/idle.in"
  for _ in $(seq 600); do grep -q '^ready' "$work/idle.out" && break; sleep 0.5; done
  opened=$(awk '/^ready/ {print $2 " open, " $4 " failed"}' "$work/idle.out")
  sleep 1
  after=$(awk '/VmRSS/ {print $2}' "/proc/$portal_pid/status")
  exec 7>&-
  wait "$idle_pid" || true
  row rss before "$backend" 0 "$((before / 1024))" "" ""
  row rss idle "$backend" "$idle" "$((after / 1024))" "" ""
  echo "bench: $backend RSS ${before} kB, then ${after} kB with $opened"
  [[ "$opened" == "$idle open, 0 failed" ]] || row rss failed "$backend" "$idle" "$opened" "" ""
}

# The closing hour: $rush_clients candidates at once, each with his own account, filling the
# eight tabs and Enregistrer, for 3 × $duration seconds: each logging in first (kind rush),
# then with sessions written into the database (kind rush_session: the wizard alone), then
# Enregistrer alone, the drafts written into the database too (kind rush_enregistrer, four
# times the accounts: each Enregistrer takes one).
bench_rush() {
  local backend=$1 mode kind accounts
  for mode in connexion session enregistrer; do
    kind=rush
    accounts=$rush_accounts
    [ "$mode" = connexion ] || kind=rush_session
    [ "$mode" = enregistrer ] && kind=rush_enregistrer && accounts=$((4 * rush_accounts))
    "$build/bench_rush" "$base" "$EXAMENS_DB" "$accounts" "$rush_clients" "$((3 * duration))" \
      "$mode" >"$work/rush.csv" 2>"$work/rush.log" || { cat "$work/rush.log" >&2; exit 1; }
    cat "$work/rush.log" >&2
    awk -F, -v k="$kind" -v b="$backend" -v c="$rush_clients" '
      NR > 1 && $1 !~ /^(completed|failed)$/ { print k "," $1 "," b "," c "," $2 "," $3 "," $4 }
      $1 == "completed" { print k ",registrations_per_s," b "," c "," $4 ",," }
      $1 == "failed" { print k ",failed," b "," c "," $2 ",," }' "$work/rush.csv" >>"$csv"
    sleep 3 # the preparer's last round
    row "$kind" documents_ready "$backend" "" "$(sql "$backend" "SELECT count(*) FROM documents WHERE etat = 'pret'")/$(sql "$backend" "SELECT count(*) FROM documents")" "" ""
    grep -E '^(completed|failed)' "$work/rush.csv" | sed "s/^/bench: $backend rush ($mode) /"
    # The next mode starts with empty queues: the preparer still rendering this one's PDFs,
    # or the sender writing its mails, would take the cores from what the next one measures
    # (PostgreSQL's Enregistrer alone: 459/s behind 2,050 queued documents, 800-900/s alone).
    [ "$mode" = enregistrer ] || row "$kind" queues_drained_s "$backend" "" "$(drain_queues "$backend")" "" ""
  done
}

# Waits until every queued document is rendered and every queued mail sent, at most
# 20 × BENCH_SECONDS; prints the seconds it took ("> N" when they were not).
drain_queues() {
  local start=$SECONDS limit=$((20 * duration))
  while [ "$(sql "$1" "SELECT (SELECT count(*) FROM documents WHERE etat <> 'pret') + (SELECT count(*) FROM messages WHERE envoye_le IS NULL AND abandonne_le IS NULL)")" != 0 ]; do
    [ $((SECONDS - start)) -lt "$limit" ] || { echo "> $limit"; return; }
    sleep 1
  done
  echo $((SECONDS - start))
}

for backend in $backends; do bench_backend "$backend"; done
row meta loadavg_end "" "" "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" "" ""

mkdir -p "$root/bench/results"
cp "$csv" "$root/bench/results/$stamp.csv"
python3 "$root/bench/report.py" "$root/bench/results/$stamp.csv" "$root/README.md"
cat "$root/bench/results/$stamp.md"
