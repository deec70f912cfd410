#!/usr/bin/env bash
# Times TextDiff.words on two 20,000-word outputs (median of several runs), in a release build.
# The benchmark is a Swift Testing suite that runs only when PROMPTGATE_BENCH=1.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --build-tests
PROMPTGATE_BENCH=1 swift test -c release --skip-build --filter DiffBenchmark 2>&1 |
    grep -E "diff-bench:|✘|Test run"
