#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A libFuzzer campaign on one harness (tests/fuzz/fuzz_HARNESS.cpp), in the clang
# ASan + UBSan build (build-asan, the "asan" preset). New inputs go to a scratch corpus
# ($FUZZ_SCRATCH, default /tmp/coldscope-fuzz-HARNESS); with --merge they are minimised
# into the committed corpus (-merge=1 adds only the inputs that add coverage). Crashes are
# written to the scratch directory as crash-*/leak-*/timeout-*.
#
#   scripts/fuzz.sh HARNESS [SECONDS] [--merge] [LIBFUZZER-FLAG...]
#   scripts/fuzz.sh query 1800 --merge -runs=1000000     (30 min or 1M runs, then merge)
#   scripts/fuzz.sh --list
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build-asan # the asan preset's binaryDir
table=tests/fuzz/harnesses.txt
harnesses=$(awk '/^[a-z]/ { print $1 }' "$table" | xargs)
if [ "${1:-}" = "--list" ] || [ -z "${1:-}" ]; then
  echo "harnesses: $harnesses"; [ -n "${1:-}" ]; exit $?
fi
name=$1 seconds=${2:-600} merge='' extra=()
shift $(($# < 2 ? $# : 2))
for arg in "$@"; do
  if [ "$arg" = --merge ]; then merge=1; else extra+=("$arg"); fi
done
row=$(awk -v n="$name" '$1 == n { print $2, $3 }' "$table")
[ -n "$row" ] || { echo "fuzz.sh: no harness '$name' ($harnesses)" >&2; exit 2; }
read -r corpus_name max_len <<<"$row"
scripts/build-asan.sh --target "fuzz_$name" >/dev/null
corpus=tests/fuzz/corpus/$corpus_name
scratch=${FUZZ_SCRATCH:-/tmp/coldscope-fuzz-$name}
mkdir -p "$scratch"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
limits=(-max_len="$max_len" -rss_limit_mb=4096 -timeout=30)
"$BUILD/tests/fuzz/fuzz_$name" "$scratch" "$corpus" "${limits[@]}" -dict="tests/fuzz/dict/$corpus_name.dict" \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$scratch/" "${extra[@]}"
if [ -n "$merge" ]; then
  "$BUILD/tests/fuzz/fuzz_$name" -merge=1 "$corpus" "$scratch" "${limits[@]}"
fi
