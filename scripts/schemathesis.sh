#!/usr/bin/env bash
# Runs schemathesis (from PyPI, in a virtualenv under .build/) against a running
# `promptgate feedback serve` on a copy of the example project, with every check
# schemathesis has (server errors, status codes, content types, headers, response schemas,
# schema-valid data accepted, schema-violating data rejected). Exits non-zero on a failure.
#
# usage: scripts/schemathesis.sh [MAX_EXAMPLES] [BINARY]
#   MAX_EXAMPLES  examples per operation (default 200)
#   BINARY        promptgate binary (default: .build/debug/promptgate)
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-200}
bin=${2:-.build/debug/promptgate}
[ -x "$bin" ] || { echo "no promptgate binary at $bin; run 'swift build'" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
venv=.build/schemathesis-venv
if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q schemathesis
fi
echo "schemathesis $("$venv/bin/st" --version | awk '{print $NF}')"

work=$(mktemp -d "${TMPDIR:-/tmp}/pg-schemathesis-XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cp -r promptgate.yaml prompts "$work/"
"$bin" feedback serve --port 0 --root "$work" > "$work/out" 2> "$work/err" &
server=$!
for _ in $(seq 1 300); do
  grep -q "listening on" "$work/out" 2>/dev/null && break
  sleep 0.05
done
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$work/out")
[ -n "$port" ] || { echo "the server did not start: $(cat "$work/err")" >&2; exit 3; }

# From the temporary directory: schemathesis keeps a .schemathesis/ cache where it runs.
st=$(pwd)/$venv/bin/st
cd "$work"
"$st" run "http://127.0.0.1:$port/openapi.json" --checks all \
  --max-examples "$examples" --workers 2 --seed 1 --no-color
