#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures and builds coldscope into ./build (Ninja, RelWithDebInfo). Extra
# arguments go to CMake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$BUILD_DIR" --parallel "$(nproc)"
