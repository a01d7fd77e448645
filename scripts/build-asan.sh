#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures and builds the sanitizer configuration into ./build-asan: clang, ASan +
# UBSan (no recovery), and the libFuzzer harnesses (the "asan" preset). Extra arguments
# go to the build step (e.g. --target fuzz_query).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
BUILD=build-asan # the asan preset's binaryDir
cmake --preset asan >/dev/null
cmake --build "$BUILD" --parallel "$(nproc)" "$@"
