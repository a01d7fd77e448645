#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Ingest benchmark: coldscope summary on a JSON-format Lambda log, side by side with
# jq computing the same averages and with `cat FILE >/dev/null` as the floor.
#   bench/run.sh [SIZE_MB]        (default 1000: a 1 GB log)
# Then the rest of issue 12's table (text log vs lnav, the window, the events filter,
# the timeline frame, sorts of 2.6 M records, a 4 GB log), each beside its peer and floor.
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

# --- The rest of issue 12's table: a text log against lnav, the window, the events
# filter, the timeline frame, sorts of millions of rows, a 4 GB log. Each row is printed
# again at the end beside its peer, its floor and its goal.
ratio() { awk -v r="$1" -v b="$2" 'BEGIN{printf "%.2f", r*1024/b}'; }
mbps() { awk -v b="$1" -v w="$2" 'BEGIN{printf "%.0f", b/1e6/w}'; }

# A 500 MB `aws logs tail` text log: summary against lnav counting the REPORT lines.
TL="$DATA/tail-500mb.log"
[ -f "$TL" ] || "$BUILD/bench/genlog" --format tail --size-mb 500 --seed 1 \
  --importtime tests/fixtures/importtime/lambda-python3.12-sam-local.log --importtime-every 20 --out "$TL"
TL_BYTES=$(stat -c %s "$TL")
cat "$TL" >/dev/null
read -r TCAT_W _ < <(measure 3 cat "$TL")
read -r TGREP_W _ < <(measure 3 grep -c "REPORT RequestId:" "$TL")
GREP_N=$(cat /tmp/coldscope-bench.out)
read -r TCS_W TCS_R < <(measure 3 "$BUILD/app/coldscope" summary "$TL" --json)
CS_TN=$(jq '.invocations' /tmp/coldscope-bench.out)
command -v lnav >/dev/null || scripts/deps.sh --bench
read -r LNAV_W LNAV_R < <(measure 1 lnav -n -c ";SELECT count(*) AS n FROM all_logs WHERE log_body LIKE '%REPORT RequestId:%'" "$TL")
LNAV_N=$(grep -Eo '^ *[0-9]+ *$' /tmp/coldscope-bench.out | tr -d ' ' | tail -1)
echo
echo "text log ($TL, $(awk -v b="$TL_BYTES" 'BEGIN{printf "%.0f MB", b/1e6}')): REPORT lines: coldscope $CS_TN invocations, lnav $LNAV_N, grep -c $GREP_N"
if [ "$CS_TN" != "$LNAV_N" ] || [ "$CS_TN" != "$GREP_N" ]; then
  echo "MISMATCH between coldscope, lnav and grep on the text log" >&2; exit 1
fi

# The window: process start -> summary shown, -> every tab visited and painted; its peak RSS.
# Best of 3 (by the time to the summary), as for the command-line rows.
WIN_SUM=""
for _ in 1 2 3; do
  S0=$(date +%s%N)
  QT_QPA_PLATFORM=offscreen "$BUILD/bench/window_bench" "$F" "$S0" 2>/dev/null >/tmp/coldscope-bench-window.txt
  sum=$(awk '/^summary_shown_ms/{print $2}' /tmp/coldscope-bench-window.txt)
  if [ -z "$WIN_SUM" ] || [ "$sum" -lt "$WIN_SUM" ]; then
    WIN_SUM=$sum
    WIN_TABS=$(awk '/^all_tabs_ms/{print $2}' /tmp/coldscope-bench-window.txt)
    WIN_RSS=$(awk '/^peak_rss_kb/{print $2}' /tmp/coldscope-bench-window.txt)
  fi
done
echo
echo "window, $F: summary shown after $WIN_SUM ms, all tabs after $WIN_TABS ms, peak RSS $((WIN_RSS / 1024)) MB"

# The events table's filters on ~1.6 million events.
FL="$DATA/json-300mb.log"
[ -f "$FL" ] || "$BUILD/bench/genlog" --format json --size-mb 300 --seed 3 --out "$FL"
echo
echo "events filter, $FL:"
"$BUILD/bench/filter_bench" "$FL" 5 | tee /tmp/coldscope-bench-filter.txt
FILTER_MS=$(awk '/text "DynamoDB"/{print $1}' /tmp/coldscope-bench-filter.txt)
FILTER_N=$(awk '/^events:/{print $2}' /tmp/coldscope-bench-filter.txt)
QUERY_WORST=$("$BUILD/bench/query_bench" "$Q" 5 | awk '/ ms /{if ($1 > m) m = $1} END{print m}')

# The timeline: one frame with a million invocations.
echo
QT_QPA_PLATFORM=offscreen "$BUILD/bench/timeline_bench" 2>/dev/null | tee /tmp/coldscope-bench-timeline.txt
FRAME_MS=$(awk '/detail, whole day, rows that fit/{print $(NF-1)}' /tmp/coldscope-bench-timeline.txt)
FRAME_ALL_MS=$(awk '/detail, whole day, every row/{print $(NF-1)}' /tmp/coldscope-bench-timeline.txt)

# Sorting every record of a 470 MB JSON log (2.6 million records), against sort(1).
SL="$DATA/json-470mb.log"
[ -f "$SL" ] || "$BUILD/bench/genlog" --format json --size-mb 470 --seed 4 --out "$SL"
SL_BYTES=$(stat -c %s "$SL")
cat "$SL" >/dev/null
read -r PSORT_W PSORT_R < <(measure 1 "$BUILD/app/coldscope" query "$SL" 'parse @message /(?<a>.*)/ | sort a' --format csv)
read -r FSORT_W FSORT_R < <(measure 1 "$BUILD/app/coldscope" query "$SL" 'fields @message | sort @message desc' --format csv)
read -r USORT_W _ < <(measure 1 sort -r -S 50% "$SL")
echo
echo "sorts, $SL: parse|sort $PSORT_W s ($(ratio "$PSORT_R" "$SL_BYTES")x file), fields|sort $FSORT_W s ($(ratio "$FSORT_R" "$SL_BYTES")x file), sort -r $USORT_W s"

# Linear at 4 GB?
BIG="$DATA/json-4000mb.log"
[ -f "$BIG" ] || "$BUILD/bench/genlog" --format json --size-mb 4000 --seed 1 \
  --importtime tests/fixtures/importtime/lambda-python3.12-sam-local.log --importtime-every 20 --out "$BIG"
BIG_BYTES=$(stat -c %s "$BIG")
cat "$BIG" >/dev/null
read -r BIG_W BIG_R < <(measure 1 "$BUILD/app/coldscope" summary "$BIG" --json)
read -r BIGCAT_W _ < <(measure 1 cat "$BIG")

echo
echo "issue 12's table, this run ($(date -u +%Y-%m-%d), $(nproc) cores):"
echo
echo "| measure | goal | coldscope | peer | floor |"
echo "|---|---|---|---|---|"
awk -v b="$BYTES" -v w="$CS_W" -v j="$JQ_W" -v c="$CAT_W" 'BEGIN{printf "| `summary --json`, %.0f MB JSON log | >= 1,200 MB/s, >= 20x jq | %.0f MB/s (%.2f s) | jq %.2f s: %.1fx | cat %.0f MB/s |\n", b/1e6, b/1e6/w, w, j, j/w, b/1e6/c}'
awk -v b="$TL_BYTES" -v w="$TCS_W" -v l="$LNAV_W" -v c="$TCAT_W" -v g="$TGREP_W" 'BEGIN{printf "| `summary --json`, %.0f MB `aws logs tail` log | >= 1,000 MB/s, >= 20x lnav | %.0f MB/s (%.2f s) | lnav %.2f s: %.1fx | cat %.0f MB/s, grep -c %.2f s |\n", b/1e6, b/1e6/w, w, l, l/w, b/1e6/c, g}'
echo "| peak RSS of \`summary\` / file | <= 0.35 | $(ratio "$CS_R" "$BYTES") (JSON), $(ratio "$TCS_R" "$TL_BYTES") (text) | jq $(ratio "$JQ_R" "$BYTES"), lnav $(ratio "$LNAV_R" "$TL_BYTES") | |"
echo "| peak RSS of the window, every tab visited / file | <= 0.6 | $(ratio "$WIN_RSS" "$BYTES") | | |"
echo "| window: process start -> summary shown | <= 1.0 s | $(awk -v m="$WIN_SUM" 'BEGIN{printf "%.2f s", m/1000}') | | cat $(printf '%.2f' "$CAT_W") s |"
echo "| window: process start -> all tabs usable | <= 2.0 s | $(awk -v m="$WIN_TABS" 'BEGIN{printf "%.2f s", m/1000}') | | |"
echo "| events text filter, $FILTER_N events | <= 150 ms, off the GUI thread | $FILTER_MS ms (worker threads) | | |"
echo "| slowest \`bench/query_bench\` query, ~1 M events | <= 100 ms | $QUERY_WORST ms | | |"
echo "| timeline frame, 1 M invocations | <= 16 ms | ${FRAME_MS:-?} ms (every row painted: ${FRAME_ALL_MS:-?} ms) | | |"
echo "| \`parse @message /(?<a>.*)/ \\| sort a\`, $(awk -v b="$SL_BYTES" 'BEGIN{printf "%.0f", b/1e6}') MB | <= 3 s, RSS <= 1x | $PSORT_W s, $(ratio "$PSORT_R" "$SL_BYTES")x | sort(1) $USORT_W s | |"
echo "| \`fields @message \\| sort @message desc\`, same file | <= 2 s, RSS <= 1x | $FSORT_W s, $(ratio "$FSORT_R" "$SL_BYTES")x | sort(1) $USORT_W s | |"
awk -v b="$BIG_BYTES" -v w="$BIG_W" -v r="$BIG_R" -v c="$BIGCAT_W" -v b1="$BYTES" -v w1="$CS_W" 'BEGIN{printf "| %.0f MB JSON log | linear, RSS in ratio | %.2f s (%.2fx the 1 GB time for %.1fx the bytes), RSS %.2fx | | cat %.2f s |\n", b/1e6, w, w/w1, b/b1, r*1024/b, c}'
