#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's pictures, drawn by `coldscope render` (offscreen, no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
OUT=docs/screenshots
mkdir -p "$OUT"
F=tests/fixtures
R() { build/app/coldscope render "$@" 2>/dev/null; echo "${@: -5:1}"; }
R $F/lambda/generated/text-importtime-6000-seed2.log --view window --out $OUT/main-window.png --width 1400 --height 900
R resources/samples/lambda-python-cold-starts.log --view findings --out $OUT/findings.png --width 1600 --height 600
R $F/importtime/boto3-json-numpy-requests.log --view icicle --out $OUT/icicle.png --width 1400 --height 560
# The timeline at real scale: a generated log of 17,000 short-lived environments (log
# streams, ~200,000 invocations), the first cold start with an import table selected.
TMP17=$(mktemp -d)
build/bench/genlog --format json --size-mb 232 --seed 3 --max-uses 23 --env-every 2000 \
  --importtime $F/importtime/boto3-json-numpy-requests.log --importtime-every 50 --out "$TMP17/streams17k.log" 2>/dev/null
R "$TMP17/streams17k.log" --view timeline --out $OUT/timeline.png --width 1920 --height 1080
rm -rf "$TMP17"
R $F/lambda/generated/text-200-seed1.log --view events --out $OUT/events.png --width 1400 --height 520
R $F/lambda/generated/json-importtime-6000-seed2.log --view search --width 1400 --height 820 --query 'filter @type = "REPORT"
| stats count(*) as invocations, sum(ispresent(@initDuration)) as coldStarts, avg(@duration) as avgMs, pct(@duration, 99) as p99Ms by bin(5m)' --out "$OUT/search.png"
build/app/coldscope render $F/compare/buildA-boto3-json-numpy-requests.log $F/compare/buildB-plus-pandas.log --view compare --out $OUT/compare.png --width 1600 --height 1000 2>/dev/null; echo $OUT/compare.png
# The dark palette (a dark desktop), and an exported figure (a report's picture: no hints,
# no search boxes, a title band).
COLDSCOPE_PALETTE=dark build/app/coldscope render $F/compare/buildA-boto3-json-numpy-requests.log $F/compare/buildB-plus-pandas.log --view compare --out $OUT/dark.png --width 1600 --height 1000 2>/dev/null; echo $OUT/dark.png
FIG=$(mktemp -d)
build/app/coldscope report $F/importtime/boto3-json-numpy-requests.log --out "$FIG/figure.md" 2>/dev/null
cp "$FIG/figure-icicle.png" $OUT/figure.png; rm -rf "$FIG"; echo $OUT/figure.png
build/app/coldscope render $F/lambda/generated/json-importtime-6000-seed2.log --view presentation --width 1400 --height 860 --query 'filter @type = "REPORT"
| stats count(*) as invocations, sum(ispresent(@initDuration)) as coldStarts, pct(@duration, 99) as p99 by bin(30m)' --out $OUT/presentation.png 2>/dev/null; echo $OUT/presentation.png
# The HTML report, as a browser shows it (needs Debian's chromium; skipped without it).
if command -v chromium >/dev/null; then
  TMP=$(mktemp -d)
  build/app/coldscope report $F/lambda/generated/text-importtime-6000-seed2.log --out "$TMP/report.html" \
    --query 'filter @type = "REPORT" | stats count(*) as invocations, sum(ispresent(@initDuration)) as coldStarts, pct(@duration, 99) as p99 by bin(30m)' 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$TMP/profile" --hide-scrollbars --window-size=1280,1700 \
    --screenshot="$PWD/$OUT/report.png" "file://$TMP/report.html" >/dev/null 2>&1
  rm -rf "$TMP"; echo $OUT/report.png
fi
