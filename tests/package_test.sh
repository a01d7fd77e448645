#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The desktop package: validate the metadata, build the .deb with CPack, unpack it
# into a clean root and run the unpacked binary (version and a headless summary).
set -euo pipefail
BUILD=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
APP=io.github.coldscope.Coldscope
appstreamcli validate --no-net "$SRC/packaging/$APP.metainfo.xml"
desktop-file-validate "$SRC/packaging/$APP.desktop"
cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$TMP/pkg" > "$TMP/cpack.log" 2>&1 || { cat "$TMP/cpack.log"; exit 1; }
DEB=$(ls "$TMP"/pkg/*.deb)
echo "built $(basename "$DEB")"
# Debian's own checker: no errors and no warnings (copyright, changelog, compressed
# man page, description lines).
if ! lintian --fail-on error,warning "$DEB" > "$TMP/lintian" 2>&1; then
  cat "$TMP/lintian"; echo "lintian reports errors or warnings"; exit 1
fi
dpkg-deb -I "$DEB" > "$TMP/info"
grep '^ Depends:' "$TMP/info"
for dep in libqt6widgets6 libqt6svg6 libqcustomplot libsimdjson libpcre2-8 qt6-qpa-plugins fonts-dejavu-core; do
  grep -q "^ Depends:.*$dep" "$TMP/info" || { echo "missing dependency $dep"; exit 1; }
done
# The AWS CLI (query --log-group, fetch) is recommended, not required.
grep -q '^ Recommends:.*awscli' "$TMP/info" || { echo "awscli is not in Recommends"; exit 1; }
if grep -q '^ Depends:.*awscli' "$TMP/info"; then echo "awscli must not be a dependency"; exit 1; fi
dpkg -x "$DEB" "$TMP/root"
R="$TMP/root/usr"
"$R/bin/coldscope" --version | grep -q '^coldscope [0-9]'
"$R/bin/coldscope" summary "$SRC/tests/fixtures/importtime/pydantic.log" --json > "$TMP/summary.json"
grep -q '"format": "importtime"' "$TMP/summary.json"
grep -q '"count": 134' "$TMP/summary.json"
for f in share/applications/$APP.desktop share/metainfo/$APP.metainfo.xml share/mime/packages/$APP.xml \
         share/icons/hicolor/scalable/apps/$APP.svg share/icons/hicolor/48x48/apps/$APP.png \
         share/icons/hicolor/256x256/apps/$APP.png share/man/man1/coldscope.1.gz share/doc/coldscope/copyright \
         share/doc/coldscope/changelog.gz; do
  test -s "$R/$f" || { echo "missing $f in the package"; exit 1; }
done
file "$R/share/icons/hicolor/48x48/apps/$APP.png" | grep -q '48 x 48'
zcat "$R/share/man/man1/coldscope.1.gz" | grep -q '^\.SH COMMANDS'
zcat "$R/share/doc/coldscope/changelog.gz" | head -1 | grep -q "^coldscope ($("$R/bin/coldscope" --version | cut -d' ' -f2))"
echo "package OK"
