#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs coldscope's build and test dependencies from Debian's packages, only
# if one of them is missing. Debian 12 (bookworm) or later. As root it calls
# apt-get directly (a fresh machine or a container has no sudo); otherwise it
# uses sudo, and without sudo it says what to install and fails.
#
#   scripts/deps.sh           build + test packages (what scripts/test.sh needs)
#   scripts/deps.sh --bench   also the benchmark's peers (bench/run.sh)
#   scripts/deps.sh --docs    also what scripts/screenshots.sh uses (chromium)
set -euo pipefail

PACKAGES=(cmake ninja-build g++ qt6-base-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins libqcustomplot-dev
          nlohmann-json3-dev libsimdjson-dev libpcre2-dev pkg-config zlib1g-dev xvfb xauth xdotool imagemagick
          fonts-dejavu-core dpkg-dev file jq libyaml-cpp-dev appstream desktop-file-utils shellcheck lintian cmark-gfm clang-format
          clang libclang-rt-14-dev)
for arg in "$@"; do
  case "$arg" in
    --bench) PACKAGES+=(lnav) ;;
    --docs) PACKAGES+=(chromium) ;;
    *) echo "deps.sh: unknown option '$arg' (expected --bench or --docs)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "coldscope: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  as_root() { sudo -E "$@"; }
else
  echo "coldscope: these Debian packages are missing: ${missing[*]}" >&2
  echo "coldscope: run this script as root, or install sudo, or install them yourself:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
as_root apt-get -o DPkg::Lock::Timeout=600 update -q
as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}"
