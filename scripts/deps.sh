#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs coldscope's build, test and screenshot dependencies from Debian's
# packages, only if one of them is missing. Debian 12 (bookworm) or later.
set -euo pipefail

PACKAGES=(cmake ninja-build g++ qt6-base-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins libqcustomplot-dev
          nlohmann-json3-dev libsimdjson-dev libpcre2-dev pkg-config zlib1g-dev xvfb xauth xdotool imagemagick fonts-dejavu-core
          dpkg-dev file jq libyaml-cpp-dev appstream desktop-file-utils)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "coldscope: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "coldscope: run as root or install sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO -E apt-get -o DPkg::Lock::Timeout=600 update -q
$SUDO -E apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}"
