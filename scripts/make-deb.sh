#!/usr/bin/env bash
# Packages a built promptgate binary as promptgate_<version>_<arch>.deb.
#   scripts/make-deb.sh BINARY VERSION OUTDIR
# Depends: names the Debian package of every shared library the binary links (from ldd and
# dpkg -S), so `dpkg -i` on a machine without the Swift toolchain pulls in what it needs.
set -euo pipefail
BIN=${1:?usage: make-deb.sh BINARY VERSION OUTDIR}
VERSION=${2:?usage: make-deb.sh BINARY VERSION OUTDIR}
OUT=${3:?usage: make-deb.sh BINARY VERSION OUTDIR}
ARCH=$(dpkg --print-architecture)

if ldd "$BIN" | grep -q 'libswift'; then
  echo "make-deb: $BIN links the Swift runtime dynamically; build it with 'make static'" >&2
  exit 1
fi

# The libraries the binary itself needs (NEEDED; all of ldd's list when readelf is missing),
# each → the package that holds it (libc6 and libstdc++6 included).
if command -v readelf >/dev/null; then
  needed=$(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
else
  needed=$(ldd "$BIN" | awk '/=> \// { print $1 }')
fi
depends=$(
  for name in $needed; do
    path=$(ldd "$BIN" | awk -v n="$name" '$1 == n && $3 ~ /^\// { print $3 }')
    [ -n "$path" ] || path=$(ldd "$BIN" | awk -v n="$name" '$1 ~ n { print $1 }')
    [ -n "$path" ] || continue
    dpkg -S "$(realpath "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true
  done | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g'
)
if [ -z "$depends" ]; then
  echo "make-deb: found no package for the libraries $BIN links" >&2
  exit 1
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
install -d "$STAGE/DEBIAN" "$STAGE/usr/bin" "$STAGE/usr/share/doc/promptgate"
install -m 755 "$BIN" "$STAGE/usr/bin/promptgate"
strip --strip-unneeded "$STAGE/usr/bin/promptgate" 2>/dev/null || true
cp "$(dirname "$0")/../README.md" "$STAGE/usr/share/doc/promptgate/README.md"
size=$(du -sk "$STAGE/usr" | cut -f1)
cat >"$STAGE/DEBIAN/control" <<EOF
Package: promptgate
Version: $VERSION
Architecture: $ARCH
Maintainer: promptgate developers <promptgate@localhost>
Installed-Size: $size
Depends: $depends
Section: devel
Priority: optional
Description: prompt-regression testing with a statistical promotion gate
 Runs prompt versions against models over HTTP, checks outputs with assertions,
 compares two versions with paired statistics, and gates promotion to a canary
 on complete evidence. One native binary; no toolchain needed to run it.
EOF
mkdir -p "$OUT"
deb="$OUT/promptgate_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build "$STAGE" "$deb" >/dev/null
echo "built $deb"
echo "Depends: $depends"
