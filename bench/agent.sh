#!/usr/bin/env bash
# An agent suite at scale: CASES cases (default 2,000), each three steps (two stubbed tool
# calls, then the answer), at --concurrency 64 against a 50 ms fake model. Prints wall time,
# the ideal (steps × latency × cases ÷ concurrency), their ratio, CPU per step and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-2000}
CONCURRENCY=${CONCURRENCY:-64}
LATENCY_MS=${LATENCY_MS:-50}
STEPS=3
swift build -c release --product promptgate --product fake-model >/dev/null 2>&1 || swift build -c release >/dev/null
BIN=$PWD/.build/release/promptgate
FAKE=$PWD/.build/release/fake-model
DIR=$(mktemp -d)
OUT=$(mktemp)
SCRIPT=$DIR/script.json
python3 bench/gen_agent_project.py "$DIR" "$CASES" "http://127.0.0.1:9/v1" "$SCRIPT"
"$FAKE" --port 0 --latency-ms "$LATENCY_MS" --script "$SCRIPT" >"$OUT" &
FAKE_PID=$!
disown "$FAKE_PID"
trap 'kill -9 $FAKE_PID 2>/dev/null || true; rm -rf "$DIR" "$OUT"' EXIT
for _ in $(seq 100); do grep -q listening "$OUT" && break; sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$OUT")
python3 bench/gen_agent_project.py "$DIR" "$CASES" "$URL/v1" "$SCRIPT"
(cd "$DIR" && python3 "$OLDPWD/bench/measure.py" "$BIN" run --prompt agent@1.0 --concurrency "$CONCURRENCY") |
  CASES=$CASES CONCURRENCY=$CONCURRENCY LATENCY_MS=$LATENCY_MS STEPS=$STEPS python3 -c '
import json, os, sys
r = json.loads(sys.stdin.read())
assert r["exit"] == 0, r
cases, conc, lat, steps = (int(os.environ[k]) for k in ("CASES", "CONCURRENCY", "LATENCY_MS", "STEPS"))
ideal = steps * lat / 1000 * cases / conc
print(f"agent run: {cases} cases x {steps} steps at --concurrency {conc} against a {lat} ms endpoint")
wall, cpu, rss = r["wall_s"], r["cpu_s"], r["peak_rss_mb"]
print(f"  wall {wall:.3f} s, ideal {ideal:.3f} s, ratio {wall / ideal:.3f}")
print(f"  cpu {cpu:.3f} s ({cpu / (cases * steps) * 1000:.3f} ms per step), peak RSS {rss} MB")
'
curl -s "$URL/stats" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("  fake-model requests:", s.get("requests", s))' || true
