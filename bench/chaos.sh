#!/usr/bin/env bash
# Chaos rounds (bench/chaos.py): random SIGKILL/SIGINT of run, compare and gate, resume, two
# processes on one store, 10% injected provider faults; prints rounds, results checked, and
# the three figures that must be 0: lost, duplicated, passes on incomplete evidence.
# ROUNDS (default 20), SEED (default 7), BUILD=debug|release (default debug).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-debug}
swift build -c "$BUILD" >/dev/null
exec python3 bench/chaos.py ".build/$BUILD/promptgate" ".build/$BUILD/fake-model" \
  "${ROUNDS:-20}" "${SEED:-7}"
