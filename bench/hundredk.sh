#!/usr/bin/env bash
# Memory at 100,000 cases (CASES to change it): `validate`; `run` of two versions against
# the fake model server (LATENCY_MS, default 0: this measures memory and CPU, not waiting);
# a run in which one reply is 5 MB; `compare` of the two runs in every format; `gate`.
# Prints wall, CPU, CPU per case and peak RSS for each step.
# Aims (issue 16): peak RSS < 60 MB for run (also with the 5 MB reply), < 80 MB for
# validate, compare and gate; validate < 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-100000}
LATENCY_MS=${LATENCY_MS:-0}
CONCURRENCY=${CONCURRENCY:-64}
swift build -c release --product fake-model >/dev/null 2>&1 || swift build -c release >/dev/null
# The installed binary (see bench/peers.sh); PROMPTGATE_BIN measures another.
BIN=${PROMPTGATE_BIN:-}
if [ -z "$BIN" ]; then
    make -s static >/dev/null
    BIN=$PWD/.build/static/release/promptgate
fi
FAKE=$PWD/.build/release/fake-model
MEASURE=$PWD/bench/measure.py
DIR=$(mktemp -d)
OUT=$(mktemp)
SCRIPT=$(mktemp)
# One case (case-00007) gets a 5 MB reply; every other reply is the echo.
python3 -c '
import json, sys
big = "echo " + "x" * (5 * 1024 * 1024)
json.dump({"rules": [{"match": "Question number 7:", "reply": big}]}, open(sys.argv[1], "w"))
' "$SCRIPT"
"$FAKE" --port 0 --latency-ms "$LATENCY_MS" --script "$SCRIPT" --exit-with-parent >"$OUT" &
FAKE_PID=$!
disown "$FAKE_PID"
trap 'kill -9 $FAKE_PID 2>/dev/null || true; rm -rf "$DIR" "$OUT" "$SCRIPT"' EXIT
for _ in $(seq 100); do grep -q listening "$OUT" && break; sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$OUT")
python3 bench/gen_project.py "$DIR" "$CASES" "$URL/v1"
echo "suite: $(du -h "$DIR/suites/big.yaml" | cut -f1) with $CASES cases; fake model at $LATENCY_MS ms"
echo

step() {
  local name=$1
  shift
  (cd "$DIR" && python3 "$MEASURE" "$BIN" "$@") | NAME="$name" CASES="$CASES" python3 -c '
import json, os, sys
r = json.loads(sys.stdin.read())
name, cases = os.environ["NAME"], int(os.environ["CASES"])
wall, cpu, rss, code = r["wall_s"], r["cpu_s"], r["peak_rss_mb"], r["exit"]
bad = "" if code in (0, 1) else "  EXIT %d: %s" % (code, r["stderr_tail"][-300:])
print("%-28s wall %7.3f s  cpu %7.3f s (%.3f ms/case)  peak RSS %6.1f MB%s"
      % (name, wall, cpu, cpu / cases * 1000, rss, bad))
'
}

step "validate" validate
step "run 1.0 (one 5 MB reply)" run --prompt support@1.0 --concurrency "$CONCURRENCY" --quiet \
  --format json --output "$DIR/run-1.0.json"
step "run 1.1 (one 5 MB reply)" run --prompt support@1.1 --concurrency "$CONCURRENCY" --quiet \
  --format json --output "$DIR/run-1.1.json"
step "run 1.0 again (cached)" run --prompt support@1.0 --concurrency "$CONCURRENCY" --quiet \
  --format json --output "$DIR/run-1.0-cached.json"
for format in text json markdown html junit; do
  step "compare --format $format" compare support@1.0 support@1.1 --quiet --format "$format" \
    --output "$DIR/compare.$format"
done
step "gate" gate support@1.0 support@1.1 --quiet --format json --output "$DIR/gate.json"
