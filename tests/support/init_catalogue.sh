#!/usr/bin/env bash
# `examens init` loads the repository's catalogue, and refuses a broken copy whole:
# the error names file and line, and nothing of it reaches the database.
# usage: init_catalogue.sh EXAMENS_BIN SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A root like the repository's, with a catalogue copy we can break.
mkdir -p "$work/root/data"
for entry in src templates static node_modules; do ln -s "$src/$entry" "$work/root/$entry"; done
cp -r "$src/data/catalogue" "$work/root/data/catalogue"

count() { sqlite3 "$1" "SELECT COUNT(*) FROM $2"; }

EXAMENS_ROOT="$work/root" EXAMENS_DATA_DIR="$work/good" "$bin" init 2>"$work/good.log"
[ "$(count "$work/good/examens.db" domaines)" -eq 4 ] || { echo "domaines not loaded"; exit 1; }
[ "$(count "$work/good/examens.db" catalogue_fichiers)" -gt 5 ] || { echo "files not stored"; exit 1; }

echo "25303;EZ;E99;Épreuve au parent inconnu;U9;obligatoire;1;ccf;ponctuel;" \
  >>"$work/root/data/catalogue/epreuves.csv"
line=$(wc -l <"$work/root/data/catalogue/epreuves.csv")
if EXAMENS_ROOT="$work/root" EXAMENS_DATA_DIR="$work/bad" "$bin" init 2>"$work/bad.log"; then
  echo "init accepted a broken catalogue"; exit 1
fi
grep -q "epreuves.csv:$line:" "$work/bad.log" || { cat "$work/bad.log"; echo "no file:line"; exit 1; }
grep -q "nothing loaded" "$work/bad.log" || { cat "$work/bad.log"; exit 1; }
if [ -f "$work/bad/examens.db" ]; then
  [ "$(count "$work/bad/examens.db" domaines 2>/dev/null || echo 0)" -eq 0 ] || { echo "half-loaded"; exit 1; }
fi
echo "init refused the broken catalogue: $(grep epreuves.csv "$work/bad.log")"
