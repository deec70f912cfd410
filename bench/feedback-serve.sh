#!/usr/bin/env bash
# Benchmark `promptgate feedback serve`: sustained records/s and latency percentiles with
# wrk for single-record requests and for batches of 100 (every record with its own id, an
# e-mail to redact, the full request context), then a kill test: SIGKILL under load,
# restart, and every acknowledged record must be in the store.
#
# usage: bench/feedback-serve.sh [SECONDS] [BINARY]
#   SECONDS  duration of each wrk run (default 15)
#   BINARY   promptgate binary (default: .build/release/promptgate, else .build/debug)
# Needs wrk (installed from Debian when missing) and python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
bin=${2:-}
if [ -z "$bin" ]; then
  if [ -x .build/release/promptgate ]; then bin=.build/release/promptgate; else bin=.build/debug/promptgate; fi
fi
[ -x "$bin" ] || { echo "no promptgate binary at $bin; run 'swift build -c release'" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "installing wrk" >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=120 update -qq &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=120 wrk >/dev/null ||
    { echo "wrk is not installed and apt-get could not install it" >&2; exit 2; }
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
here=$(pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/pg-serve-bench-XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill -9 "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
printf 'providers:\n  p: { type: openai, model: m }\n' > "$work/promptgate.yaml"

# Starts the server on a free port; sets $server and $port.
start() {
  "$bin" feedback serve --port 0 --root "$work" "$@" > "$work/out" 2> "$work/err" &
  server=$!
  for _ in $(seq 1 300); do
    if grep -q "listening on" "$work/out" 2>/dev/null; then break; fi
    sleep 0.05
  done
  port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$work/out")
  [ -n "$port" ] || { echo "the server did not start: $(cat "$work/err")" >&2; exit 3; }
}

cat > "$work/records.lua" <<'EOF'
-- Each request carries `batch` records with ids unique across threads and requests.
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
local function record(id)
  return string.format('{"id":"%s","feedback_type":"explicit","rating":-1,"session_id":"s-%s",'
    .. '"request_id":"r-%s","system_prompt":"You are Acme support. Be concise.",'
    .. '"user_input":"How do I reset my password? Mail me at jane.doe@example.com",'
    .. '"response":"Open Settings > Security and press Reset password; we send you a link.",'
    .. '"model":"gpt-4o-mini","prompt_version":"1.2","latency_ms":840}', id, id, id)
end
function request()
  local parts = {}
  for i = 1, batch do
    counter = counter + 1
    parts[i] = record(string.format("w%d-%d-%d", tid, counter, math.random(1, 1e9)))
  end
  local body = batch == 1 and parts[1] or ("[" .. table.concat(parts, ",") .. "]")
  return wrk.format("POST", "/v1/feedback", {["Content-Type"] = "application/json"}, body)
end
EOF

# Runs wrk with `batch` records a request; prints the figures.
measure() {
  local batch=$1 connections=$2 label=$3
  sed "1i batch = $batch" "$work/records.lua" > "$work/run.lua"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/run.lua" "http://127.0.0.1:$port" > "$work/wrk.txt"
  python3 - "$work/wrk.txt" "$batch" "$label" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
batch = int(sys.argv[2])
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", text).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(f"{sys.argv[3]}: {rps:,.0f} requests/s = {rps * batch:,.0f} records/s, "
      f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, non-2xx {bad.group(1) if bad else 0}"
      + (f", socket errors: {errors.group(1)}" if errors else ""))
EOF
}

echo "binary: $bin ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)), ${seconds}s per run"
start ${SERVE_ARGS:-}
measure 1 32 "single records (32 connections)"
measure 1 8 "single records (8 connections)"
measure 100 8 "batches of 100 (8 connections)"
measure 100 2 "batches of 100 (2 connections)"
stats=$(curl -s "http://127.0.0.1:$port/v1/stats")
echo "stored: $(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["feedback"]["total"])') records"
kill -TERM "$server"; wait "$server" || { echo "serve did not exit 0 on SIGTERM" >&2; exit 1; }
server=""

# The kill test: clients record each id the server acknowledged (200); SIGKILL mid-load.
start ${SERVE_ARGS:-}
python3 "$here/bench/feedback_serve_kill.py" "$port" "$work/acked.txt" "$server" 3
wait "$server" 2>/dev/null || true
server=""
start ${SERVE_ARGS:-}
python3 - "$work/.promptgate/promptgate.db" "$work/acked.txt" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print("integrity_check:", db.execute("PRAGMA integrity_check").fetchone()[0])
stored = {row[0] for row in db.execute("SELECT id FROM feedback")}
acked = [line.strip() for line in open(sys.argv[2]) if line.strip()]
missing = [i for i in acked if i not in stored]
print(f"kill test: {len(acked):,} acknowledged, {len(acked) - len(missing):,} of them in the store "
      f"after SIGKILL and restart, {len(missing)} missing ({len(stored):,} stored in all)")
sys.exit(1 if missing else 0)
EOF
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"rating":1,"response":"after restart"}' "http://127.0.0.1:$port/v1/feedback")
echo "after restart: POST /v1/feedback answered $status"
kill -TERM "$server"; wait "$server" || true
server=""
