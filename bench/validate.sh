#!/usr/bin/env bash
# How long `promptgate validate` takes on a generated 10,000-case suite (aim: < 0.5 s in
# release on a 2-core machine), and its peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product promptgate >/dev/null
BIN=$PWD/.build/release/promptgate
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 bench/gen_project.py "$DIR" 10000
echo "suite: $(du -h "$DIR/suites/big.yaml" | cut -f1) with 10,000 cases × 2 prompt versions"
for i in 1 2 3; do
  (cd "$DIR" && python3 "$OLDPWD/bench/measure.py" "$BIN" validate)
done | python3 -c '
import json, sys
runs = [json.loads(l) for l in sys.stdin]
for r in runs: assert r["exit"] == 0, r
walls = sorted(r["wall_s"] for r in runs)
rss = max(r["peak_rss_mb"] for r in runs)
print(f"validate: median {walls[1]:.3f} s wall (runs: {walls}), peak RSS {rss} MB")
'
