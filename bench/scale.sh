#!/usr/bin/env bash
# The candidate pages and the office's lists on the national data set against a small one
# (issue 16, item 3: the large one's latency within 1.5 times the small one's).
# usage: bench/scale.sh [URL]: URL is the large data set (default: build/dataset/pg/url,
# made by `make dataset`). The small one (SCALE_SMALL_COMPTES accounts, 1,000, and 1.5 times
# as many candidatures) is generated here by the same script, in a cluster of its own.
# Each page: wrk -t1 -c4 for SCALE_SECONDS (10) with its latency distribution. Writes
# bench/results/scale-<date>.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
large=${1:-$(cat "$build/dataset/pg/url")}
small_comptes=${SCALE_SMALL_COMPTES:-1000}
duration=${SCALE_SECONDS:-10}
psql=/usr/lib/postgresql/15/bin/psql
work=$(mktemp -d /tmp/examens-scale.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$root/tests/support/pg.sh" stop "$work/small/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
dpkg-query -W -f='${Status}' wrk 2>/dev/null | grep -q "ok installed" ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null

DATASET_COMPTES=$small_comptes DATASET_CANDIDATURES=$((small_comptes * 3 / 2)) \
  DATASET_DIR=$work/small EXAMENS_BIN=$build/examens "$root/scripts/dataset.sh" >/dev/null
small=$(cat "$work/small/pg/url")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# "p50 p99" in ms of URL (extra wrk arguments after it) under 4 connections.
latency() {
  wrk -t1 -c4 -d"${duration}s" --latency "$@" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    / [0-9]+ requests in/ { n = $1 } /Non-2xx/ { bad = $NF }
    END { if (bad > 0) printf "error %d non-2xx", bad; else printf "%.2f %.2f", p50, p99 }'
}

# add_session URL TABLE COLUMN ID EMPREINTE: a session of ID, opened at the demo's instant.
add_session() {
  "$psql" -XAtq "$1" -c "DELETE FROM $2 WHERE empreinte = '$5'" \
    -c "INSERT INTO $2 (empreinte, $3, csrf, cree_le, vu_le, expire_le, adresse, navigateur)
        VALUES ('$5', $4, 'scale', 1795424340, 1795424340, 1795510800, '127.0.0.1', 'wrk')"
}

# An account with a draft in an open period and an Inscrit candidature (among the first
# thousand, which every data set has) and the Aix-Marseille administrateur, each given a session whose cookie
# is "scale-bench" (its empreinte: BLAKE2b-256, as crypto::token_hash).
pages() {
  local url=$1 compte cle id agent hash
  IFS='|' read -r compte cle id < <("$psql" -XAtq "$url" -c "SELECT co.id, b.cle, c.id
    FROM comptes co JOIN brouillons b ON b.compte_id = co.id
    JOIN candidatures c ON c.compte_id = co.id AND c.etat = 'inscrit'
    JOIN periodes_inscription p ON b.cle = 'N-' || p.domaine || '-' || p.session || '-' || p.academie
      AND p.ouverture <= 1795424400 AND p.fermeture > 1795424400
    WHERE co.email_normalise LIKE '%@dataset.example' ORDER BY co.id LIMIT 1")
  agent=$("$psql" -XAtq "$url" -c "SELECT id FROM agents WHERE academie = 'AIX'
    AND role = 'administrateur' AND etat = 'actif' ORDER BY id LIMIT 1")
  hash=$(python3 -c 'import hashlib; print(hashlib.blake2b(b"scale-bench", digest_size=32).hexdigest())')
  add_session "$url" sessions compte_id "$compte" "$hash"
  add_session "$url" sessions_agents agent_id "$agent" "$hash"
  local session=examens_session=scale-bench gestion=examens_gestion=scale-bench
  printf '%s\n' "home|/|$session" "Mes documents|/documents|$session" \
    "Mes justificatifs|/inscription/$id/justificatifs|$session" \
    "wizard tab 2|/inscription/saisie/$cle/2|$session" \
    "office: candidatures|/gestion/candidatures|$gestion" \
    "office: à contrôler|/gestion/candidatures?pieces=a_controler|$gestion" \
    "office: audit|/gestion/audit|$gestion"
}

# Serves URL's database and measures every page; prints "name|p50 p99" lines.
measure() {
  local url=$1 port
  port=$(free_port)
  EXAMENS_DB=$url EXAMENS_PORT=$port EXAMENS_ROOT=$root EXAMENS_DATA_DIR=$work/var-$port \
    EXAMENS_DEMO_NOW="2026-11-23 10:00" "$build/examens" serve >/dev/null 2>"$work/serve-$port.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  # The preparer renders the queued documents first: measure once it is done.
  for _ in $(seq 120); do
    [ "$("$psql" -XAtq "$url" -c "SELECT COUNT(*) FROM documents WHERE etat = 'a_preparer'")" = 0 ] && break
    sleep 1
  done
  while IFS='|' read -r name path cookie; do
    echo "$name|$(latency "http://127.0.0.1:$port$path" -H "Cookie: $cookie")"
  done < <(pages "$url")
  kill "${pids[-1]}"
}

echo "scale: small data set ($small_comptes accounts), then the large one; ${duration}s per page"
measure "$small" >"$work/small.txt"
measure "$large" >"$work/large.txt"
counts=$("$psql" -XAtq "$large" -c "SELECT (SELECT COUNT(*) FROM comptes) || ' accounts, ' ||
  (SELECT COUNT(*) FROM candidatures) || ' candidatures'")

mkdir -p "$root/bench/results"
out=$root/bench/results/scale-$(date +%Y-%m-%d-%H%M).md
{
  echo "# Latency at national scale ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Small: $small_comptes accounts. Large: $counts. wrk -t1 -c4 -d${duration}s per page;"
  echo "p50 and p99 in ms; ratio = large / small (target: at most 1.5)."
  echo
  echo "| page | small p50 | small p99 | large p50 | large p99 | ratio p50 | ratio p99 |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  paste -d'|' "$work/small.txt" "$work/large.txt" | awk -F'|' '{
    split($2, s, " "); split($4, l, " ")
    if (s[1] == "error" || l[1] == "error") { printf "| %s | %s | | %s | | | |\n", $1, $2, $4; next }
    printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", $1, s[1], s[2], l[1], l[2],
      l[1] / s[1], l[2] / s[2] }'
} >"$out"
cat "$out"
