#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Ingest benchmark: coldscope summary on a JSON-format Lambda log, side by side with
# jq computing the same averages and with `cat FILE >/dev/null` as the floor.
#   bench/run.sh [SIZE_MB]        (default 1000: a 1 GB log)
# Prints wall time, MB/s and peak RSS of each; best of 3 runs (jq: 1 run).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
SIZE=${1:-1000}
[ -x "$BUILD/app/coldscope" ] && [ -x "$BUILD/bench/measure" ] || scripts/build.sh
command -v jq >/dev/null || scripts/deps.sh
DATA=bench/data
mkdir -p "$DATA"
F="$DATA/json-${SIZE}mb.log"
if [ ! -f "$F" ]; then
  "$BUILD/bench/genlog" --format json --size-mb "$SIZE" --seed 1 \
    --importtime tests/fixtures/importtime/lambda-python3.12-sam-local.log --importtime-every 20 --out "$F"
fi
BYTES=$(stat -c %s "$F")
cat "$F" >/dev/null # warm the page cache: every tool below reads from memory

# measure LABEL RUNS CMD... -> "wall rss_kb" of the fastest run
measure() {
  local runs=$1; shift
  local best="" line wall rss
  for _ in $(seq "$runs"); do
    line=$("$BUILD/bench/measure" "$@" 2>&1 >/tmp/coldscope-bench.out | grep '^MEASURE' || true)
    wall=$(echo "$line" | awk '{print $2}'); rss=$(echo "$line" | awk '{print $3}')
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best% *}" 'BEGIN{exit !(a<b)}'; then best="$wall $rss"; fi
  done
  echo "$best"
}

JQ_PROG='reduce (inputs | fromjson? | select(type == "object" and .type == "platform.report") | .record.metrics) as $m
  ({n: 0, d: 0, i: 0, ni: 0, b: 0};
   .n += 1 | .d += $m.durationMs | .b += $m.billedDurationMs
   | if $m.initDurationMs then .i += $m.initDurationMs | .ni += 1 else . end)
  | {invocations: .n, cold_starts: .ni, avg_duration_ms: (.d / .n), avg_init_ms: (.i / .ni), avg_billed_ms: (.b / .n)}'

echo "coldscope ingest benchmark: $F ($(awk -v b="$BYTES" 'BEGIN{printf "%.0f MB", b/1e6}')), $(nproc) cores, $(date -u +%Y-%m-%d)"
read -r CAT_W CAT_R < <(measure 3 cat "$F")
read -r CS_W CS_R < <(measure 3 "$BUILD/app/coldscope" summary "$F" --json)
cp /tmp/coldscope-bench.out /tmp/coldscope-bench-summary.json
read -r JQ_W JQ_R < <(measure 1 jq -nR "$JQ_PROG" "$F")
cp /tmp/coldscope-bench.out /tmp/coldscope-bench-jq.json

row() { awk -v n="$1" -v w="$2" -v r="$3" -v b="$BYTES" \
  'BEGIN{printf "| %-32s | %8.2f s | %9.0f MB/s | %8.0f MB | %5.2fx file |\n", n, w, b/1e6/w, r/1024, r*1024/b}'; }
echo
echo "| tool                             |      wall |    throughput |  peak RSS |    RSS/size |"
echo "|----------------------------------|-----------|---------------|-----------|-------------|"
row "cat FILE >/dev/null (floor)" "$CAT_W" "$CAT_R"
row "coldscope summary --json" "$CS_W" "$CS_R"
row "jq (same averages)" "$JQ_W" "$JQ_R"
awk -v c="$CS_W" -v j="$JQ_W" 'BEGIN{printf "\ncoldscope is %.1fx faster than jq\n", j/c}'

# Both must have computed the same numbers.
verify_same_numbers() {
  local cs_inv jq_inv cs_avg jq_avg
  cs_inv=$(jq '.invocations' /tmp/coldscope-bench-summary.json)
  jq_inv=$(jq '.invocations' /tmp/coldscope-bench-jq.json)
  cs_avg=$(jq '.duration_ms.avg' /tmp/coldscope-bench-summary.json)
  jq_avg=$(jq '.avg_duration_ms' /tmp/coldscope-bench-jq.json)
  echo "invocations: coldscope $cs_inv, jq $jq_inv; avg duration: coldscope $cs_avg ms, jq $jq_avg ms"
  [ "$cs_inv" = "$jq_inv" ] && awk -v a="$cs_avg" -v b="$jq_avg" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(d<0.001)}' \
    || { echo "MISMATCH between coldscope and jq" >&2; exit 1; }
}
verify_same_numbers

echo
QT_QPA_PLATFORM=offscreen "$BUILD/bench/icicle_bench" 2>/dev/null
