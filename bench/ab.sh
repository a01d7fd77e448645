#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Two builds run in turns on the same arguments, to compare them on a machine whose speed
# drifts between runs (runs of the whole bench/run.sh differ by up to 40 % here):
#   bench/ab.sh N BINARY_A BINARY_B ARGS...
# e.g. bench/ab.sh 5 /tmp/coldscope-before build/app/coldscope summary --json bench/data/json-1000mb.log
# Prints, for each binary, the best and median wall time and the largest peak RSS of its
# N runs (bench/measure: a monotonic clock and wait4's rusage).
set -euo pipefail
[ $# -ge 4 ] || { echo "usage: bench/ab.sh N BINARY_A BINARY_B ARGS..." >&2; exit 2; }
MEASURE=${BUILD_DIR:-build}/bench/measure
[ -x "$MEASURE" ] || { echo "bench/ab.sh: build $MEASURE first (cmake --build build)" >&2; exit 2; }
n=$1 a=$2 b=$3
shift 3
runs=$(mktemp)
trap 'rm -f "$runs"' EXIT
for _ in $(seq "$n"); do
  for side in A B; do
    bin=$a
    [ "$side" = B ] && bin=$b
    "$MEASURE" "$bin" "$@" 2>&1 >/dev/null | awk -v s="$side" '/^MEASURE/ { print s, $2, $3 }' >>"$runs"
  done
done
for side in A B; do
  awk -v s="$side" '$1 == s { print $2, $3 }' "$runs" | sort -n | awk -v s="$side" '
    { wall[NR] = $1; if ($2 > rss) rss = $2 }
    END { median = NR % 2 ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
          printf "%s wall best %.3f s, median %.3f s | peak RSS %d MiB\n", s, wall[1], median, rss / 1024 }'
done
