#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs scripts/deps.sh against stub dpkg-query, apt-get, sudo and id, and checks
# the exact commands it would run: as root without sudo (a fresh machine or a
# container), as a user with sudo, as a user without sudo, and with nothing
# missing. CI's machine already has every package, so this is the only test of
# the install path.
#
#   tests/deps_test.sh SOURCE_DIR
set -euo pipefail

src=$(cd "${1:?usage: deps_test.sh SOURCE_DIR}" && pwd)
deps="$src/scripts/deps.sh"
bash=$(command -v bash)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A PATH with the stubs and only the real tools deps.sh needs besides them, so
# that a sudo or apt-get installed on this machine is never found.
mkdir -p "$work/bin"
ln -s "$(command -v grep)" "$work/bin/grep"
stub() {
  printf '#!%s\n%s\n' "$bash" "$2" >"$work/bin/$1"
  chmod +x "$work/bin/$1"
}
# dpkg-query -W -f='${Status}' PKG: installed unless PKG is in $STUB_MISSING.
# shellcheck disable=SC2016 # the stubs' bodies are expanded when they run
stub dpkg-query 'pkg=${!#}; for m in $STUB_MISSING; do [ "$m" = "$pkg" ] && exit 1; done; printf "install ok installed"'
# shellcheck disable=SC2016
stub apt-get 'echo "apt-get $* [DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-}]" >>"$STUB_LOG"'
# shellcheck disable=SC2016
stub id 'if [ "$1" = "-u" ]; then echo "$STUB_UID"; else echo "uid=$STUB_UID"; fi'
# shellcheck disable=SC2016
stub sudo-present 'echo "sudo $*" >>"$STUB_LOG"; [ "$1" = "-E" ] && shift; exec "$@"'

failures=0
# run NAME UID SUDO(yes|no) MISSING EXPECTED_STATUS EXPECTED_LOG [deps.sh args...]
run() {
  local name=$1 uid=$2 sudo=$3 missing=$4 want_status=$5 want_log=$6
  shift 6
  rm -f "$work/bin/sudo" "$work/log" "$work/err"
  touch "$work/log"
  [ "$sudo" = yes ] && cp "$work/bin/sudo-present" "$work/bin/sudo"
  local status=0
  env -i PATH="$work/bin" HOME="$work" STUB_LOG="$work/log" STUB_UID="$uid" STUB_MISSING="$missing" \
    "$bash" "$deps" "$@" >/dev/null 2>"$work/err" || status=$?
  local log
  log=$(cat "$work/log")
  if [ "$status" != "$want_status" ] || [ "$log" != "$want_log" ]; then
    echo "FAIL $name: exit $status (wanted $want_status)"
    echo "--- commands run:"; echo "$log"
    echo "--- wanted:"; echo "$want_log"
    echo "--- stderr:"; cat "$work/err"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

apt='apt-get -o DPkg::Lock::Timeout=600'
fe='[DEBIAN_FRONTEND=noninteractive]'

run "root, no sudo: apt-get directly" 0 no "qt6-base-dev shellcheck" 0 \
"$apt update -q $fe
$apt install -y -q qt6-base-dev shellcheck $fe"

run "root with sudo installed: still apt-get directly" 0 yes "libsimdjson-dev" 0 \
"$apt update -q $fe
$apt install -y -q libsimdjson-dev $fe"

run "user with sudo: sudo -E apt-get" 1000 yes "qt6-base-dev xvfb" 0 \
"sudo -E $apt update -q
$apt update -q $fe
sudo -E $apt install -y -q qt6-base-dev xvfb
$apt install -y -q qt6-base-dev xvfb $fe"

run "user without sudo: message, exit 1, no apt-get" 1000 no "cmake lintian" 1 ""
if ! grep -q "run this script as root" "$work/err" || ! grep -q "cmake lintian" "$work/err"; then
  echo "FAIL user without sudo: the message does not say what to do and what is missing:"; cat "$work/err"
  failures=$((failures + 1))
fi

run "nothing missing: no apt-get" 0 no "" 0 ""
run "nothing missing as a user without sudo: exit 0" 1000 no "" 0 ""

run "--bench adds lnav" 0 no "lnav" 0 \
"$apt update -q $fe
$apt install -y -q lnav $fe" --bench
run "without --bench lnav is not needed" 0 no "lnav" 0 ""

run "unknown option: exit 2" 0 no "" 2 "" --frobnicate

if [ "$failures" -gt 0 ]; then
  echo "$failures case(s) failed"
  exit 1
fi
echo "all cases passed"
