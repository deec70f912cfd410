#!/usr/bin/env bash
# What a user of another repository gets: `make install` into a fresh prefix and the .deb,
# each run with the Swift toolchain off the PATH.
#   - the installed binary links no libswift* and prints its version;
#   - it runs the whole offline demo on a copy of the example project;
#   - the .deb names its runtime libraries in Depends; installed with dpkg (as root, or with
#     sudo when there is one; otherwise that step is skipped with a line saying so), its
#     promptgate runs `init` then `validate` in an empty folder.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
say() { printf '\n== %s\n' "$*"; }
# PATH without the toolchain: only the system's directories.
BARE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
if PATH=$BARE_PATH command -v swift >/dev/null; then
  echo "check-install: swift is in $BARE_PATH itself; the toolchain-free checks would prove nothing" >&2
  exit 1
fi

say "make install PREFIX=$WORK/prefix"
make --no-print-directory install PREFIX="$WORK/prefix"
PG=$WORK/prefix/bin/promptgate
if ldd "$PG" | grep 'libswift'; then
  echo "check-install: the installed binary links the Swift runtime dynamically" >&2
  exit 1
fi
echo "ldd: no libswift*"
PATH=$BARE_PATH "$PG" --version

say "the offline demo with the installed binary, toolchain off the PATH"
mkdir -p "$WORK/project"
cp -R promptgate.yaml prompts suites examples scripts "$WORK/project/"
(cd "$WORK/project" && PATH=$BARE_PATH PROMPTGATE_BIN="$PG" scripts/demo.sh >"$WORK/demo.log" 2>&1) || {
  tail -20 "$WORK/demo.log"
  echo "check-install: the demo failed with the installed binary" >&2
  exit 1
}
grep -c '^== ' "$WORK/demo.log" | xargs -I{} echo "demo: {} steps, exit 0"

say "make deb"
make --no-print-directory deb
DEB=$(ls -t .build/promptgate_*.deb | head -1)
dpkg-deb -I "$DEB" | grep -E '^ (Package|Version|Architecture|Depends):'
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; else SUDO=none; fi
if [ "$SUDO" = none ]; then
  echo "skipped: dpkg -i $DEB needs root or passwordless sudo"
  exit 0
fi
if dpkg-query -W -f='${Status}' promptgate 2>/dev/null | grep -q "install ok installed"; then
  echo "check-install: a promptgate package is already installed; not replacing it" >&2
  exit 1
fi
say "dpkg -i $DEB, then promptgate init and validate in an empty folder"
$SUDO dpkg -i "$DEB"
trap 'rm -rf "$WORK"; $SUDO dpkg -r promptgate >/dev/null' EXIT
mkdir "$WORK/fresh"
(cd "$WORK/fresh" && PATH=$BARE_PATH promptgate init && PATH=$BARE_PATH promptgate validate)
echo "check-install: ok"
