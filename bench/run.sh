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
if [ ! -x "$BUILD/app/coldscope" ] || [ ! -x "$BUILD/bench/measure" ]; then scripts/build.sh; fi
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

# shellcheck disable=SC2016 # jq's own variables
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
  if [ "$cs_inv" != "$jq_inv" ] || ! awk -v a="$cs_avg" -v b="$jq_avg" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(d<0.001)}'; then
    echo "MISMATCH between coldscope and jq" >&2; exit 1
  fi
}
verify_same_numbers

echo
QT_QPA_PLATFORM=offscreen "$BUILD/bench/icicle_bench" 2>/dev/null

# Logs Insights queries on ~1 million loaded events (median of 5 runs each).
Q="$DATA/json-1m-events.log"
[ -f "$Q" ] || "$BUILD/bench/genlog" --format json --size-mb 182 --seed 2 --out "$Q"
T="$DATA/text-1m-events.log"
[ -f "$T" ] || "$BUILD/bench/genlog" --format text --size-mb 95 --seed 2 --out "$T"
echo
echo "queries, JSON-format log ($Q):"
"$BUILD/bench/query_bench" "$Q" 5
echo "queries, text-format log ($T):"
"$BUILD/bench/query_bench" "$T" 5

# End to end (load + query) against jq computing the same numbers.
cat "$Q" >/dev/null
QUERY='filter @type = "REPORT" | stats count(*), avg(@duration), pct(@duration, 99), max(@initDuration) by bin(5m)'
JQ_BINS='[inputs | fromjson? | select(type == "object" and .type == "platform.report")
  | {b: ((.time | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601) / 300 | floor * 300), d: .record.metrics.durationMs, i: .record.metrics.initDurationMs}]
  | group_by(.b) | map({bin: .[0].b, count: length, avg: (map(.d) | add / length),
      p99: (map(.d) | sort | .[((length * 0.99) | ceil) - 1]), max_init: ([.[].i | select(. != null)] | max)})'
read -r QC_W QC_R < <(measure 3 "$BUILD/app/coldscope" query "$Q" "$QUERY" --format json)
cp /tmp/coldscope-bench.out /tmp/coldscope-bench-query.json
read -r QJ_W QJ_R < <(measure 1 jq -nR "$JQ_BINS" "$Q")
cp /tmp/coldscope-bench.out /tmp/coldscope-bench-query-jq.json
echo
echo "end to end, load + '$QUERY':"
echo "| tool | wall | peak RSS |"
echo "|---|---|---|"
awk -v w="$QC_W" -v r="$QC_R" 'BEGIN{printf "| coldscope query | %.2f s | %.0f MB |\n", w, r/1024}'
awk -v w="$QJ_W" -v r="$QJ_R" 'BEGIN{printf "| jq (same numbers) | %.2f s | %.0f MB |\n", w, r/1024}'
awk -v c="$QC_W" -v j="$QJ_W" 'BEGIN{printf "coldscope is %.1fx faster than jq end to end\n", j/c}'
CS_BINS=$(jq 'length' /tmp/coldscope-bench-query.json); JQ_BINS_N=$(jq 'length' /tmp/coldscope-bench-query-jq.json)
CS_SUM=$(jq '[.[]["count(*)"]] | add' /tmp/coldscope-bench-query.json); JQ_SUM=$(jq '[.[].count] | add' /tmp/coldscope-bench-query-jq.json)
CS_P99=$(jq '[.[]["pct(@duration, 99)"]] | add' /tmp/coldscope-bench-query.json); JQ_P99=$(jq '[.[].p99] | add' /tmp/coldscope-bench-query-jq.json)
echo "bins: coldscope $CS_BINS, jq $JQ_BINS_N; REPORTs: coldscope $CS_SUM, jq $JQ_SUM; sum of p99s: coldscope $CS_P99, jq $JQ_P99"
if [ "$CS_BINS" != "$JQ_BINS_N" ] || [ "$CS_SUM" != "$JQ_SUM" ] \
  || ! awk -v a="$CS_P99" -v b="$JQ_P99" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(d<0.01)}'; then
  echo "MISMATCH between coldscope query and jq" >&2; exit 1
fi
