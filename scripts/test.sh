#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds, and runs the whole test suite through CTest: once in
# the normal build, then again in the clang ASan + UBSan build, which adds the libFuzzer
# harnesses (each replays its corpus, then fuzzes for COLDSCOPE_FUZZ_SECONDS, 30 s).
# SKIP_ASAN=1 runs the first half only.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh -DCOLDSCOPE_WERROR=ON
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure --timeout 600 -j "$(nproc)"
[ "${SKIP_ASAN:-0}" = 1 ] && exit 0
scripts/build-asan.sh
ctest --preset asan -j "$(nproc)"
