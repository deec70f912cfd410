#!/usr/bin/env bash
# Time to compare two stored 10,000-case runs, including the HTML report (aim: < 2 s), then
# the diff benchmark for two 20,000-word outputs (aim: < 50 ms; bench/diff.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-10000}
swift build -c release --product promptgate >/dev/null
swift build -c release --product fake-model >/dev/null
BIN=$PWD/.build/release/promptgate
DIR=$(mktemp -d)
OUT=$(mktemp)
.build/release/fake-model --port 0 >"$OUT" &
FAKE=$!
disown "$FAKE"
trap 'kill -9 $FAKE 2>/dev/null || true; rm -rf "$DIR" "$OUT"' EXIT
for _ in $(seq 100); do grep -q listening "$OUT" && break; sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$OUT")
python3 bench/gen_project.py "$DIR" "$CASES" "$URL/v1"
cd "$DIR"
"$BIN" run --prompt support@1.0 --concurrency 64 >/dev/null || true
"$BIN" run --prompt support@1.1 --concurrency 64 >/dev/null || true
kill -9 $FAKE 2>/dev/null || true
for format in text json html; do
  python3 "$OLDPWD/bench/measure.py" "$BIN" compare support@1.0 support@1.1 --format "$format" --output "report.$format" |
    FORMAT=$format python3 -c '
import json, os, sys
r = json.loads(sys.stdin.read())
assert r["exit"] == 0, r
fmt, wall, cpu, rss = os.environ["FORMAT"], r["wall_s"], r["cpu_s"], r["peak_rss_mb"]
print(f"compare {fmt:>5}: {wall:.3f} s wall, {cpu:.3f} s CPU, peak RSS {rss} MB")
'
done
echo "html report: $(du -h report.html | cut -f1)"
cd "$OLDPWD"
bench/diff.sh
