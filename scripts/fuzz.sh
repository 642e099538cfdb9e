#!/usr/bin/env bash
# One fuzz target of build-fuzz for a while (`make fuzz`): usage fuzz.sh <target> <seconds>.
# The committed seeds (tests/fuzz/corpus/<target>) are read, never written; new inputs go to
# build-fuzz/corpus/<target>, crashes to build-fuzz/crash-<target>-*. Exit status 1 on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
seconds=$2
mkdir -p "build-fuzz/corpus/$target"
dict=()
[ -f "tests/fuzz/dict/$target.dict" ] && dict=(-dict="tests/fuzz/dict/$target.dict")
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "build-fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
  -artifact_prefix="build-fuzz/crash-$target-" \
  "build-fuzz/corpus/$target" "tests/fuzz/corpus/$target" 2>"build-fuzz/fuzz-$target.log" ||
  { echo "fuzz.$target: crash, see build-fuzz/fuzz-$target.log"; exit 1; }
echo "fuzz.$target: $(grep -E '^#[0-9]+.*DONE' "build-fuzz/fuzz-$target.log" | tail -1)"
