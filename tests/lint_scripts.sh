#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bash -n and shellcheck over every shell script of the repository: scripts/,
# .ci/run, bench/*.sh, the test scripts and the AWS CLI stand-in.
#
#   tests/lint_scripts.sh SOURCE_DIR
set -euo pipefail
cd "${1:?usage: lint_scripts.sh SOURCE_DIR}"
command -v shellcheck >/dev/null || { echo "shellcheck is missing (scripts/deps.sh installs it)" >&2; exit 1; }
files=(scripts/*.sh .ci/run bench/*.sh tests/*.sh tests/aws-standin/aws)
status=0
for f in "${files[@]}"; do
  bash -n "$f" || { echo "bash -n failed: $f"; status=1; }
done
shellcheck "${files[@]}" || status=1
[ "$status" -eq 0 ] && echo "${#files[@]} scripts: bash -n and shellcheck clean"
exit "$status"
