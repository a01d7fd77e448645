#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The layers written in CMake hold: the headless commands, built from coldscope_cli
# alone (engine, profile, query, outputs), load no Qt library and no QCustomPlot, and
# print what the coldscope executable prints.
#
#   tests/layers_test.sh CLI_ONLY_BINARY COLDSCOPE_BINARY FIXTURES_DIR
set -euo pipefail
only=$1 full=$2 fixtures=$3
if ldd "$only" | grep -Ei 'libQt6|qcustomplot'; then
  echo "FAIL: the headless commands link Qt or QCustomPlot (above)"; exit 1
fi
for args in "summary $fixtures/lambda/generated/json-importtime-6000-seed2.log --json" \
            "tree $fixtures/importtime/pydantic.log --json" \
            "query $fixtures/lambda/generated/text-200-seed1.log stats#count(*)#by#@type --format csv" \
            "diff $fixtures/compare/buildA-boto3-json-numpy-requests.log $fixtures/compare/buildB-minus-numpy.log --json"; do
  # shellcheck disable=SC2086 # word splitting is the point; '#' stands for a space inside one argument
  set -- $args
  a=(); for w in "$@"; do a+=("${w//#/ }"); done
  if ! diff <("$only" "${a[@]}") <("$full" "${a[@]}") >/dev/null; then
    echo "FAIL: '${a[*]}' differs between the headless build and coldscope"; exit 1
  fi
done
echo "headless commands: no Qt, same answers"
