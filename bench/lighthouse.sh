#!/usr/bin/env bash
# `make lighthouse`: Lighthouse's mobile profile (simulated slow 4G, 4x slower CPU) on the
# home page, /connexion, a logged-in wizard tab and the récapitulatif of the demo data, in
# Debian's Chromium; writes their performance, accessibility and best-practices scores to
# bench/results/lighthouse-<date>.md. The scores move by a few points from run to run on a
# busy machine: LIGHTHOUSE_RUNS (default 3) runs each page and keeps the median.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
runs=${LIGHTHOUSE_RUNS:-3}
work=$(mktemp -d /tmp/examens-lighthouse.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

cmake --build "$build" --target examens >/dev/null
# shellcheck source=bench/demo.sh
. "$root/bench/demo.sh"
start_demo_portal
demo_session

# audit NAME URL [COOKIE]: runs Lighthouse $runs times, keeps each report in $work/NAME-i.json.
audit() {
  local name=$1 url=$2 headers=()
  [ -n "${3:-}" ] && headers=(--extra-headers "{\"Cookie\": \"examens_session=$3\"}")
  for i in $(seq "$runs"); do
    CHROME_PATH=/usr/bin/chromium "$root/node_modules/.bin/lighthouse" "$url" --quiet \
      --output=json --output-path="$work/$name-$i.json" \
      --only-categories=performance,accessibility,best-practices \
      --chrome-flags="--headless=new --no-sandbox" "${headers[@]}" 2>>"$work/lighthouse.log"
  done
  echo "lighthouse: $name done" >&2
}
audit home "$base/"
audit connexion "$base/connexion"
audit onglet "$onglet/2" "$session"
audit recapitulatif "$onglet/7" "$session"

mkdir -p "$root/bench/results"
out=$root/bench/results/lighthouse-$(date -u +%Y-%m-%d-%H%M).md
node - "$work" "$runs" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" >"$out" <<'JS'
const { readFileSync } = require('node:fs');
const [work, runs, when, cores] = process.argv.slice(2);
const pages = [['home', 'home page (/)'], ['connexion', '/connexion'],
  ['onglet', 'wizard tab 2, logged in'], ['recapitulatif', 'récapitulatif (tab 7), logged in']];
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const lines = [`# make lighthouse — ${when}, ${cores} cores`, '',
  `Lighthouse ${JSON.parse(readFileSync(`${work}/home-1.json`)).lighthouseVersion}, mobile profile ` +
  `(simulated slow 4G, 4x CPU slowdown), Chromium headless; median of ${runs} run(s) per page.`, '',
  '| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | transferred |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
for (const [name, label] of pages) {
  const reports = Array.from({ length: Number(runs) }, (_, i) =>
    JSON.parse(readFileSync(`${work}/${name}-${i + 1}.json`, 'utf8')));
  const score = (c) => Math.round(100 * median(reports.map((r) => r.categories[c].score)));
  const audit = (a) => median(reports.map((r) => r.audits[a].numericValue));
  lines.push(`| ${label} | ${score('performance')} | ${score('accessibility')} | ` +
    `${score('best-practices')} | ${(audit('first-contentful-paint') / 1000).toFixed(1)} s | ` +
    `${(audit('largest-contentful-paint') / 1000).toFixed(1)} s | ${Math.round(audit('total-blocking-time'))} ms | ` +
    `${audit('cumulative-layout-shift').toFixed(3)} | ${Math.round(audit('total-byte-weight') / 1024)} KB |`);
}
console.log(lines.join('\n'));
JS
cat "$out"
