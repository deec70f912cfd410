#!/usr/bin/env bash
# `promptgate run` at scale against the fake model server: CASES cases (default 2,000) at
# --concurrency 64 against a 50 ms endpoint. Prints wall time, the ideal
# (cases × latency ÷ concurrency), their ratio, CPU seconds and peak RSS.
# Aims: ratio under 1.15 and under 60 MB RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-2000}
CONCURRENCY=${CONCURRENCY:-64}
LATENCY_MS=${LATENCY_MS:-50}
swift build -c release --product promptgate --product fake-model >/dev/null 2>&1 || swift build -c release >/dev/null
BIN=$PWD/.build/release/promptgate
FAKE=$PWD/.build/release/fake-model
DIR=$(mktemp -d)
OUT=$(mktemp)
"$FAKE" --port 0 --latency-ms "$LATENCY_MS" >"$OUT" &
FAKE_PID=$!
disown "$FAKE_PID"
trap 'kill -9 $FAKE_PID 2>/dev/null || true; rm -rf "$DIR" "$OUT"' EXIT
for _ in $(seq 100); do grep -q listening "$OUT" && break; sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$OUT")
python3 bench/gen_project.py "$DIR" "$CASES" "$URL/v1"
(cd "$DIR" && python3 "$OLDPWD/bench/measure.py" "$BIN" run --prompt support@1.0 --concurrency "$CONCURRENCY") |
  CASES=$CASES CONCURRENCY=$CONCURRENCY LATENCY_MS=$LATENCY_MS python3 -c '
import json, os, sys
r = json.loads(sys.stdin.read())
assert r["exit"] == 0, r
cases, conc, lat = int(os.environ["CASES"]), int(os.environ["CONCURRENCY"]), int(os.environ["LATENCY_MS"])
ideal = cases * lat / 1000 / conc
print(f"run: {cases} cases at --concurrency {conc} against a {lat} ms endpoint")
wall, cpu, rss = r["wall_s"], r["cpu_s"], r["peak_rss_mb"]
print(f"  wall {wall:.3f} s, ideal {ideal:.3f} s, ratio {wall / ideal:.3f}")
print(f"  cpu {cpu:.3f} s ({cpu / cases * 1000:.3f} ms per case), peak RSS {rss} MB")
'
