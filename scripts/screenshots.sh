#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Screenshots of the real window for the README, under a virtual X display.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
OUT=docs/screenshots
mkdir -p "$OUT"
shoot() { # shoot NAME KEYS FILE...
  local name=$1 keys=$2; shift 2
  xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    build/app/coldscope "$@" & pid=$!
    for _ in $(seq 50); do sleep 0.2; win=$(xdotool search --name "coldscope" 2>/dev/null | head -1); [ -n "$win" ] && break; done
    xdotool windowsize "$win" 1440 900; xdotool windowmove "$win" 0 0; sleep 2
    for k in '"$keys"'; do xdotool key --window "$win" "$k"; sleep 0.5; done
    sleep 1; /usr/bin/import -window root "'"$OUT/$name"'.png"; kill $pid' _ "$@"
  echo "$OUT/$name.png"
}
shoot main-window "" tests/fixtures/lambda/generated/text-importtime-6000-seed2.log
shoot events "ctrl+2" tests/fixtures/lambda/generated/json-importtime-6000-seed2.log
