#!/usr/bin/env bash
# `promptgate run` at scale: CASES cases (default 10,000) at --concurrency 64 against the fake
# model server at 50 ms, then a fully cached re-run of the same cases. Prints wall time, the
# ideal (cases × latency ÷ concurrency), their ratio, CPU seconds, CPU ms per case and peak RSS.
# Aims: ratio < 1.10, RSS < 100 MB, < 1 ms CPU per case; cached re-run < 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-10000}
CONCURRENCY=${CONCURRENCY:-64}
LATENCY_MS=${LATENCY_MS:-50}
swift build -c release --product promptgate >/dev/null 2>&1 || swift build -c release >/dev/null
swift build -c release --product fake-model >/dev/null 2>&1 || swift build -c release >/dev/null
BIN=$PWD/.build/release/promptgate
FAKE=$PWD/.build/release/fake-model
DIR=$(mktemp -d)
OUT=$(mktemp)
"$FAKE" --port 0 --latency-ms "$LATENCY_MS" >"$OUT" &
FAKE_PID=$!
trap '{ kill -9 $FAKE_PID; wait $FAKE_PID; } 2>/dev/null || true; rm -rf "$DIR" "$OUT"' EXIT
for _ in $(seq 100); do grep -q listening "$OUT" && break; sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$OUT")
python3 bench/gen_project.py "$DIR" "$CASES" "$URL/v1"
MEASURE="python3 $PWD/bench/measure.py"
cd "$DIR"
FIRST=$($MEASURE "$BIN" run --prompt support@1.0 --concurrency "$CONCURRENCY")
SENT=$(curl -s "$URL/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])')
CACHED=$($MEASURE "$BIN" run --prompt support@1.0 --concurrency "$CONCURRENCY")
FIRST=$FIRST CACHED=$CACHED SENT=$SENT CASES=$CASES CONCURRENCY=$CONCURRENCY \
LATENCY_MS=$LATENCY_MS python3 -c '
import json, os
first, cached = json.loads(os.environ["FIRST"]), json.loads(os.environ["CACHED"])
for r in (first, cached):
    assert r["exit"] == 0, r
cases, conc, lat = int(os.environ["CASES"]), int(os.environ["CONCURRENCY"]), int(os.environ["LATENCY_MS"])
ideal = cases * lat / 1000 / conc
wall, cpu, rss = first["wall_s"], first["cpu_s"], first["peak_rss_mb"]
sent = os.environ["SENT"]
cwall, ccpu, crss = cached["wall_s"], cached["cpu_s"], cached["peak_rss_mb"]
print(f"run: {cases} cases at --concurrency {conc} against a {lat} ms endpoint ({sent} requests sent)")
print(f"  wall {wall:.3f} s, ideal {ideal:.3f} s, ratio {wall / ideal:.3f}  (aim < 1.10)")
print(f"  cpu {cpu:.3f} s, {cpu / cases * 1000:.3f} ms per case  (aim < 1 ms)")
print(f"  peak RSS {rss} MB  (aim < 100 MB)")
print(f"cached re-run: wall {cwall:.3f} s  (aim < 1 s), cpu {ccpu:.3f} s, peak RSS {crss} MB")
'
