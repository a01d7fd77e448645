#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures and builds the sanitizer configuration into ./build-asan: clang, ASan +
# UBSan (no recovery), and the libFuzzer harnesses (the "asan" preset plus
# COLDSCOPE_FUZZ=ON). Extra arguments go to the build step (e.g. --target fuzz_query).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
BUILD=${ASAN_BUILD_DIR:-build-asan}
cmake --preset asan -B "$BUILD" -DCMAKE_CXX_COMPILER=clang++ -DCOLDSCOPE_FUZZ=ON >/dev/null
cmake --build "$BUILD" --parallel "$(nproc)" "$@"
