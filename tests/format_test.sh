#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The sources are formatted with the project's .clang-format (clang-format --dry-run
# --Werror over every C++ file the repository tracks).
#
#   tests/format_test.sh SOURCE_DIR
set -euo pipefail
cd "${1:?usage: format_test.sh SOURCE_DIR}"
command -v clang-format >/dev/null || { echo "clang-format is missing (scripts/deps.sh installs it)" >&2; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find app widgets models tests bench packaging -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror "${files[@]}"
echo "${#files[@]} C++ files formatted"
