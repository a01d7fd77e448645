#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Writes the output of every headless command on every fixture into OUTDIR, one file
# a run, so that two builds can be compared byte for byte (a refactoring must not
# change any of them):
#
#   scripts/cli-golden.sh OUTDIR [COLDSCOPE_BINARY]
#   git stash; scripts/build.sh; scripts/cli-golden.sh /tmp/before; git stash pop
#   scripts/build.sh; scripts/cli-golden.sh /tmp/after; diff -r /tmp/before /tmp/after
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: cli-golden.sh OUTDIR [COLDSCOPE_BINARY]}
BIN=${2:-build/app/coldscope}
mkdir -p "$OUT"
F=tests/fixtures
QUERIES=(
  'filter @type = "REPORT" | stats count(*) as n, avg(@duration) as avg, pct(@duration, 99) as p99, max(@initDuration) as init by bin(5m)'
  'fields @timestamp, @message | filter @message like /import time/ | limit 50'
  'parse @message "import time: * | * | *" as self, cum, module | stats sum(self) as total by module | sort total desc | limit 20'
  'filter ispresent(@initDuration) | display @timestamp, @requestId, @initDuration, @memorySize / 1024 / 1024 as mb'
  'stats count(*) as n by @logStream, @type | sort n desc'
)
run() { # NAME ARGS...: stdout, stderr and the exit status of one run
  local name=$1; shift
  local status=0
  "$BIN" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || status=$?
  echo "$status" >"$OUT/$name.status"
  sed -i -E 's/, [0-9.]+ ms$/, <elapsed> ms/' "$OUT/$name.err" # query's timing line
}
while IFS= read -r -d '' f; do
  n=$(echo "${f#"$F"/}" | tr '/' '_')
  case "$f" in *.truth.json|*.py|*README.md|*INDEX.json) continue ;; esac
  run "$n.summary" summary "$f"
  run "$n.summary-json" summary "$f" --json
  run "$n.tree" tree "$f"
  run "$n.tree-json" tree "$f" --json
  run "$n.events" events "$f" --json
  run "$n.advise-json" advise "$f" --json
  for i in "${!QUERIES[@]}"; do
    for fmt in table json csv md; do
      run "$n.query$i.$fmt" query "$f" "${QUERIES[$i]}" --format "$fmt"
    done
  done
  run "$n.speedscope" export "$f" --format speedscope --out "$OUT/$n.speedscope.json"
  run "$n.chrome" export "$f" --format chrome --out "$OUT/$n.chrome.json"
done < <(find "$F" -type f -print0 | sort -z)
for b in "$F"/compare/buildB-*.log; do
  n=$(basename "$b" .log)
  run "diff-$n" diff "$F/compare/buildA-boto3-json-numpy-requests.log" "$b"
  run "diff-$n-json" diff "$F/compare/buildA-boto3-json-numpy-requests.log" "$b" --json --fail-over 10
  run "advise-$n-json" advise "$F/compare/buildA-boto3-json-numpy-requests.log" "$b" --json --fail-on critical
done
run "diff-multi" diff --a "$F/compare/buildA-boto3-json-numpy-requests.log" --a "$F/compare/buildA-rerun-boto3-json-numpy-requests.log" --b "$F/compare/buildB-plus-pandas.log" --json
run "usage-help" --help
for c in summary tree events query diff export report render advise; do run "usage-help-$c" help "$c"; done
run "usage-bad-run" tree "$F/importtime/pydantic.log" --run 99
echo "$(find "$OUT" -type f | wc -l) files in $OUT"
