#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds, and opens coldscope (on FILE, or on the bundled sample log).
# Without a display it starts a virtual one (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" = "" ]; then
  echo "coldscope: no display; running under xvfb-run" >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" build/app/coldscope "$@"
fi
exec build/app/coldscope "$@"
