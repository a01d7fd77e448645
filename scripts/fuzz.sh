#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A libFuzzer campaign on one harness (tests/fuzz/fuzz_HARNESS.cpp), in the clang
# ASan + UBSan build (build-asan, the "asan" preset with COLDSCOPE_FUZZ=ON). New inputs
# go to a scratch corpus; with --merge they are minimised into the committed one.
#
#   scripts/fuzz.sh HARNESS [SECONDS] [--merge]     e.g. scripts/fuzz.sh query 1800
#   scripts/fuzz.sh --list
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${ASAN_BUILD_DIR:-build-asan}
HARNESSES=(ingest gzip importtree query regex diff session results)
if [ "${1:-}" = "--list" ] || [ -z "${1:-}" ]; then
  echo "harnesses: ${HARNESSES[*]}"; [ -n "${1:-}" ]; exit $?
fi
name=$1 seconds=${2:-600} merge=${3:-}
[[ " ${HARNESSES[*]} " == *" $name "* ]] || { echo "fuzz.sh: no harness '$name' (${HARNESSES[*]})" >&2; exit 2; }
scripts/build-asan.sh --target "fuzz_$name" >/dev/null
corpus=tests/fuzz/corpus/$name
scratch=${FUZZ_SCRATCH:-/tmp/coldscope-fuzz-$name}
mkdir -p "$scratch"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$BUILD/tests/fuzz/fuzz_$name" "$scratch" "$corpus" -dict="tests/fuzz/dict/$name.dict" \
  -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$scratch/"
if [ "$merge" = "--merge" ]; then
  "$BUILD/tests/fuzz/fuzz_$name" -merge=1 "$corpus" "$scratch" -max_len=65536 -rss_limit_mb=4096 -timeout=30
fi
