#!/usr/bin/env bash
# `make test-real-model`: the example suites live against a real model on 127.0.0.1.
#
# Starts what they need and stops it again, whatever happens:
#   - the model: SmolLM2-135M behind llama.cpp's server (scripts/local-model.sh; installed on
#     first use, about 9 minutes on 2 cores), on 127.0.0.1:8089 (provider `local`, also the judge);
#   - the embeddings `similar` compares: fake-model's bag-of-words vectors on 127.0.0.1:8090
#     (provider `bag-of-words`). Not llama.cpp in embedding mode: SmolLM2 is a chat model, not
#     an embedding model, and the committed recordings and the suites' thresholds are the
#     bag-of-words vectors, so live and offline grade `similar` the same way.
# Then runs every prompt version's suites with --no-cache (every request really sent), checks
# each run completed without errors, and prints per-run times and how many outputs are
# byte-identical to the committed recordings (a figure, not a check: another CPU or llama.cpp
# build may answer differently).
#
# Exit 0 when every run completed (cases may fail: that is what the examples show), 1 when a
# run ended with errors or stopped, 2 when something it needs cannot be started.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN="${PROMPTGATE_BIN:-.build/debug/promptgate}"
FAKE="${FAKE_MODEL_BIN:-.build/debug/fake-model}"
MODEL_PORT=8089
EMBED_PORT=8090
VERSIONS="${PROMPTGATE_REAL_VERSIONS:-support@1.2 support@1.3}"
WORK="$(mktemp -d)"

log() { printf 'test-real-model: %s\n' "$*" >&2; }
die() {
    log "$*"
    exit "${2:-2}"
}

[ -x "$BIN" ] || die "no $BIN; build first (make build)"
[ -x "$FAKE" ] || die "no $FAKE; build first (make build)"

started_model=0
embed_pid=""
cleanup() {
    [ -n "$embed_pid" ] && kill -9 "$embed_pid" 2>/dev/null || true
    [ "$started_model" = 1 ] && scripts/local-model.sh stop || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

answers() { curl -fsS --max-time 2 "http://127.0.0.1:$1/v1/models" >/dev/null 2>&1; }

# The model: reuse one this script's helper already runs, else start (and later stop) it.
if scripts/local-model.sh status >/dev/null 2>&1; then
    log "the local model is already running; leaving it running afterwards"
else
    answers "$MODEL_PORT" && die "port $MODEL_PORT answers, but not from scripts/local-model.sh; stop that server"
    t0=$(date +%s)
    started_model=1
    scripts/local-model.sh start --port "$MODEL_PORT" >/dev/null || die "the local model did not start (see above)"
    log "model up in $(($(date +%s) - t0)) s (install included when it was not installed)"
fi

# The embeddings.
answers "$EMBED_PORT" && die "port $EMBED_PORT already answers; the embeddings server must be fake-model (see docs/local-model.md)"
"$FAKE" --port "$EMBED_PORT" --exit-with-parent >"$WORK/embed.out" 2>&1 &
embed_pid=$!
disown "$embed_pid" # Killed at exit; no job message for that.
for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/embed.out" 2>/dev/null && break
    kill -0 "$embed_pid" 2>/dev/null || die "fake-model exited: $(cat "$WORK/embed.out")"
    sleep 0.1
done
grep -q "listening on" "$WORK/embed.out" || die "fake-model did not start on $EMBED_PORT"

failed=0
for version in $VERSIONS; do
    t0=$(date +%s%N)
    status=0
    "$BIN" run --prompt "$version" --provider local --no-cache --format json \
        --output "$WORK/live.json" || status=$?
    tenths=$((($(date +%s%N) - t0) / 100000000))
    seconds="$((tenths / 10)).$((tenths % 10))"
    if [ "$status" -gt 1 ]; then
        log "$version: exit $status after $seconds s (errors or a stopped run; see above)"
        failed=1
        continue
    fi
    "$BIN" run --prompt "$version" --offline --no-cache --quiet --format json \
        --output "$WORK/offline.json" || true
    python3 - "$version" "$seconds" "$WORK/live.json" "$WORK/offline.json" <<'EOF' || failed=1
import json, sys
version, seconds, live_path, offline_path = sys.argv[1:]
live = json.load(open(live_path))
offline = json.load(open(offline_path))
def key(c):
    return (c["suite"], c["id"], c["repeat"])
recorded = {key(c): c.get("output") for c in offline.get("cases", [])}
cases = live.get("cases", [])
same = sum(1 for c in cases if key(c) in recorded and c.get("output") == recorded[key(c)])
s = live["summary"]
print(f"{version}: {live['status']}, {s['passed']}/{s['total']} passed, {s['errors']} errors, "
      f"{seconds} s; {same}/{len(cases)} outputs identical to the recordings")
sys.exit(0 if live["status"] == "completed" else 1)
EOF
done
exit "$failed"
