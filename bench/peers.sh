#!/usr/bin/env bash
# promptgate beside a bare aiohttp loop (the yardstick: no harness at all), on one aiohttp
# fake server, in one run. Prints each one's wall time against the ideal (N × latency ÷ C),
# CPU per case, peak RSS, the server's first-to-last-request span, the time from start to
# the first request and from the last reply to exit, and promptgate's ratios.
#   bench/peers.sh [N=10000] [C=32] [LATENCY_MS=50]
# The Python side needs aiohttp (and uses uvloop) from PyPI, in a venv made on first use at
# ${PEERS_VENV:-~/.cache/promptgate/peers-venv}; without PyPI it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000} C=${2:-32} LAT=${3:-50}
VENV=${PEERS_VENV:-$HOME/.cache/promptgate/peers-venv}
if ! "$VENV/bin/python" -c 'import aiohttp' 2>/dev/null; then
    if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q aiohttp uvloop; } >/dev/null 2>&1; then
        echo "peers: skipped: could not install aiohttp from PyPI into $VENV"
        exit 0
    fi
fi
PY="$VENV/bin/python"
# The binary `make install` installs (release, Swift runtime and Foundation linked in
# statically: ~30 ms less start-up than the dynamically linked .build/release one).
# PROMPTGATE_BIN measures another build (a debug one is several times slower).
BIN=${PROMPTGATE_BIN:-}
if [ -z "$BIN" ]; then
    make -s static >/dev/null
    BIN=$PWD/.build/static/release/promptgate
fi
W=$(mktemp -d)
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PY" bench/peers/server.py "$PORT" "$LAT" >"$W/server.log" 2>&1 &
SRV=$!
disown "$SRV"
trap 'kill -9 $SRV 2>/dev/null || true; rm -rf "$W"' EXIT
for _ in $(seq 100); do curl -fs "127.0.0.1:$PORT/stats" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/v1"

# The same N prompts and checks as loop.py.
mkdir -p "$W/p/prompts/bench" "$W/p/suites"
cat >"$W/p/promptgate.yaml" <<YAML
providers:
  fake: { type: openai, base_url: $URL, model: fake-model, max_concurrency: 1024, timeout: 60 }
defaults: { provider: fake }
YAML
cat >"$W/p/prompts/bench/v1.yaml" <<'YAML'
id: bench
version: "1"
model: { provider: fake, temperature: 0, max_tokens: 16 }
messages:
  - { role: user, content: "{{ q }}" }
YAML
python3 - "$W/p/suites/bench.yaml" "$N" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("suite: bench\nprompt: bench\ncases:\n")
    for i in range(n):
        f.write(f'  - {{ id: c{i}, vars: {{ q: "question {i} about plan {i % 7}" }}, '
                f'assert: [{{ type: contains, value: "plan {i % 7}" }}] }}\n')
PY

measure() { # NAME CMD...: NAME.json (wall, CPU, RSS) and NAME.stats (what the server saw)
    local name=$1
    shift
    curl -fs -X POST "127.0.0.1:$PORT/stats/reset" >/dev/null
    python3 bench/measure.py "$@" >"$W/$name.json"
    curl -fs "127.0.0.1:$PORT/stats" >"$W/$name.stats"
}
measure loop "$PY" bench/peers/loop.py "$URL" "$N" "$C"
measure promptgate "$BIN" --root "$W/p" run --prompt bench@1 --no-cache --concurrency "$C" \
    --quiet --format json --output "$W/r.json"
python3 - "$N" "$C" "$LAT" "$W" <<'PY'
import json, sys
n, c, lat = map(int, sys.argv[1:4])
ideal = n * lat / 1000 / c
w = sys.argv[4]
rows = {}
print(f"N={n} concurrency={c} latency={lat} ms ideal={ideal:.2f} s")
for name, file in (("raw aiohttp loop", "loop"), ("promptgate run", "promptgate")):
    m, s = json.load(open(f"{w}/{file}.json")), json.load(open(f"{w}/{file}.stats"))
    if m["exit"] not in (0, 1):
        sys.exit(f"{name} failed (exit {m['exit']}): {m['stderr_tail']}")
    rows[name] = m
    print(f"{name:18} wall {m['wall_s']:7.2f} s  {m['wall_s'] / ideal:.3f}x ideal  "
          f"cpu {m['cpu_s'] * 1000 / n:.3f} ms/case  rss {m['peak_rss_mb']:6.1f} MB  "
          f"server saw {s['requests']} requests over {s['span_s']:.2f} s")
    if s.get("first_at") and s.get("last_reply_at"):
        print(f"{'':18} start to first request {(s['first_at'] - m['start_at']) * 1000:5.0f} ms, "
              f"last reply to exit {(m['end_at'] - s['last_reply_at']) * 1000:5.0f} ms")
a, b = rows["promptgate run"], rows["raw aiohttp loop"]
print(f"promptgate / loop: wall {a['wall_s'] / b['wall_s']:.2f}  cpu {a['cpu_s'] / b['cpu_s']:.2f}  "
      f"rss {a['peak_rss_mb'] / b['peak_rss_mb']:.2f}")
PY
