#!/usr/bin/env bash
# `make bench`: the portal's throughput on its hot pages, as ratios to anchors measured
# in the same run on the same machine (nginx serving a 5 KB page, SQLite WAL commits,
# PostgreSQL single-row inserts through pgbench, one Argon2id hash), and the logged-in home
# page's latency alone and during a storm of parallel logins. Everything listens
# on 127.0.0.1 and is stopped at the end. Writes bench/results/<date>.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
storm=${BENCH_STORM_LOGINS:-40}
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
# shellcheck source=bench/demo.sh
. "$root/bench/demo.sh"

# Requests per second that wrk measured for URL (extra wrk arguments after it).
rps() { wrk -t2 -c"$connections" -d"${duration}s" "$@" | awk '/Requests\/sec/ {printf "%.0f", $2}'; }
# "p50 p99" in ms of URL under a light load (4 connections), from wrk's latency distribution.
latency() {
  wrk -t1 -c4 -d"${duration}s" --latency "$@" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    END { printf "%.1f %.1f", p50, p99 }'
}

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

# --- the portal with its demo data, a session with a draft at tab 7 ----------------
start_demo_portal
wait_port "$nginx_port"
demo_session || exit 1
# The login storm replays this visitor's login form (its CSRF token is tied to the cookie).
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

echo "bench: ${duration}s per page, $connections connections, wrk -t2"
nginx_rps=$(rps "http://127.0.0.1:$nginx_port/page.html")
static_rps=$(rps "$base/static/css/examens.css")
connexion_rps=$(rps "$base/connexion")
ouverture_rps=$(rps "$base/ouverture-des-services?domaine=BCP&session=2027&academie=GUY")
home_rps=$(rps "$base/" -H "Cookie: examens_session=$session")
recap_rps=$(rps "$onglet/7" -H "Cookie: examens_session=$session")
tab_post_rps=$(rps "$onglet/2" -s "$work/tab2.lua")

# --- documents (issue 14) --------------------------------------------------------------
# A PDF rendered per request: tab 7's provisional récapitulatif, from the draft.
apercu_rps=$(rps "$onglet/7/recapitulatif.pdf" -H "Cookie: examens_session=$session")
read -r apercu_p50 apercu_p99 <<<"$(latency "$onglet/7/recapitulatif.pdf" -H "Cookie: examens_session=$session")"
# The draft registered, then modified again and again on one connection: each cycle is the
# POST that opens the modification and Enregistrer, which writes version n+1 and queues its
# two documents for the preparer, rendering meanwhile. Compared with tab 2's POST on one
# connection.
one() { wrk -t1 -c1 -d"${duration}s" "$@"; }
tab_post_c1=$(one -s "$work/tab2.lua" "$onglet/2" | awk '/Requests\/sec/ {printf "%.0f", $2}')
post -d action=suivant "$onglet/7" >/dev/null
registered=$(post -d conditions_acceptees=oui -d action=enregistrer "$onglet/8")
[[ "$registered" =~ ^303\ .*/inscription/([0-9]+)/numero$ ]] ||
  { echo "bench: the demo draft was not registered ($registered)" >&2; exit 1; }
candidature=${BASH_REMATCH[1]}
cat >"$work/modifier.lua" <<LUA
local headers = {["Content-Type"] = "application/x-www-form-urlencoded",
                 ["Cookie"] = "examens_session=$session"}
local n = 0
request = function()
  n = n + 1
  if n % 2 == 1 then
    return wrk.format("POST", "/inscription/$candidature/modifier", headers, "csrf=$csrf")
  end
  return wrk.format("POST", "/inscription/saisie/C-$candidature/8", headers,
                    "csrf=$csrf&conditions_acceptees=oui&action=enregistrer")
end
-- Which answers were not the expected redirections. One is expected: the first request wrk
-- sends is an Enregistrer, no modification being open (404), as its first request() call
-- builds a request it does not send.
response = function(status, headers)
  if status ~= 303 then
    io.write("unexpected: " .. (n % 2 == 1 and "modifier " or "enregistrer ") .. status ..
             " " .. (headers["Location"] or "") .. "\n")
  end
end
LUA
one -s "$work/modifier.lua" "$base/" >"$work/modifier.txt"
enregistrer_c1=$(awk '/Requests\/sec/ {printf "%.0f", $2 / 2}' "$work/modifier.txt")
enregistrer_refused=$(awk '/Non-2xx or 3xx/ {print $5}' "$work/modifier.txt")
enregistrer_unexpected=$(grep '^unexpected:' "$work/modifier.txt" | sort | uniq -c | tr '\n' ';' || true)
sleep 3  # the preparer's last round
documents_ready=$(sqlite3 "$work/var/examens.db" "SELECT count(*) FROM documents WHERE etat = 'pret'")
documents_total=$(sqlite3 "$work/var/examens.db" "SELECT count(*) FROM documents")

# --- login storm: the home page's latency alone, then while $storm logins run at once --
read -r home_p50 home_p99 <<<"$(latency "$base/" -H "Cookie: examens_session=$session")"
wrk -t1 -c"$storm" -d"$((duration + 4))s" -s "$work/login.lua" "$base/connexion" >"$work/storm.txt" &
storm_pid=$!
sleep 2
read -r storm_p50 storm_p99 <<<"$(latency "$base/" -H "Cookie: examens_session=$session")"
wait "$storm_pid"
logins_rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/storm.txt")
logins_refused=$(awk '/Non-2xx or 3xx/ {print $5}' "$work/storm.txt")

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
  echo "| / logged in (session, account, candidatures, drafts) | $home_rps | $(ratio "$home_rps" "$nginx_rps") |"
  echo "| wizard tab 7, récapitulatif computed from the draft | $recap_rps | $(ratio "$recap_rps" "$nginx_rps") |"
  echo "| wizard tab 2 POST, checked and saved (one commit each) | $tab_post_rps | $(ratio "$tab_post_rps" "$nginx_rps") |"
  echo
  echo "| anchor | value |"
  echo "|---|---:|"
  echo "| SQLite WAL single-row commits/s (synchronous=FULL) | $sqlite_cps |"
  echo "| PostgreSQL single-row inserts/s (pgbench, 8 clients) | $pg_tps |"
  echo "| Argon2id INTERACTIVE, ms per hash | $argon_ms |"
  echo "| logins/s bound by Argon2id on $(nproc) cores | $(python3 -c "print(round($(nproc) * 1000 / $argon_ms))") |"
  echo
  echo "| login storm: / logged in, wrk -t1 -c4 | p50 ms | p99 ms |"
  echo "|---|---:|---:|"
  echo "| alone | $home_p50 | $home_p99 |"
  echo "| during $storm parallel logins ($logins_rps logins/s, ${logins_refused:-0} refused) | $storm_p50 | $storm_p99 |"
  echo
  echo "| documents (issue 14) | value |"
  echo "|---|---:|"
  echo "| tab 7 Visualiser/Imprimer, a PDF rendered per request: requests/s (c$connections) | $apercu_rps |"
  echo "| the same, p50 / p99 ms (c4) | $apercu_p50 / $apercu_p99 |"
  echo "| tab 2 POST on one connection, requests/s | $tab_post_c1 |"
  echo "| modification + Enregistrer on one connection, versions/s (2 documents queued each) | $enregistrer_c1 (${enregistrer_refused:-0} refused) |"
  echo "| Enregistrer against tab 2 POST, one connection | $(ratio "$enregistrer_c1" "$tab_post_c1") |"
  echo "| documents rendered by the preparer meanwhile | $documents_ready of $documents_total |"
  [ -z "$enregistrer_unexpected" ] || { echo; echo "Modification cycles, $enregistrer_unexpected"; }
  echo
  echo "Wizard tab 2 POST against SQLite commits: $(ratio "$tab_post_rps" "$sqlite_cps") (each saves the draft in one transaction)."
} >"$out"
cat "$out"
