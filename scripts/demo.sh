#!/usr/bin/env bash
# The main job on the example prompts and suites, offline: validate, then run v1.2 and
# v1.3 from the recorded responses of a real small model (suites/recordings/), including the
# graded suite whose judge verdicts were recorded from the same model.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${PROMPTGATE_BIN:-.build/debug/promptgate}

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then B=$'\033[1m' R=$'\033[0m'; else B='' R=''; fi
step() { printf '\n%s== %s%s\n' "$B" "$*" "$R"; }
# run CMD…: exit 0 (all passed) and 1 (some cases failed) are results; anything else is a failure.
run() {
  "$@"
  local status=$?
  if [ "$status" -gt 1 ]; then
    echo "demo: '$*' exited $status" >&2
    exit "$status"
  fi
}

step "promptgate validate"
run "$BIN" validate
step "promptgate run --prompt support@1.2 --offline"
run "$BIN" run --prompt support@1.2 --offline
step "promptgate run --prompt support@1.3 --offline"
run "$BIN" run --prompt support@1.3 --offline
step "promptgate run --prompt support@1.3 --suite graded --offline (judge verdicts and embeddings from recordings)"
run "$BIN" run --prompt support@1.3 --suite graded --offline
step "promptgate compare support@production support@1.3 --offline"
run "$BIN" compare support@production support@1.3 --offline
step "promptgate gate support@production support@1.3 --offline --format markdown (what CI posts)"
run "$BIN" gate support@production support@1.3 --offline --format markdown --output .promptgate/gate.md
sed -n '1,12p' .promptgate/gate.md
step "promptgate compare support-agent@1.0 support-agent@1.1 --offline (agent loops with a stubbed tool: the calls and their arguments changed)"
run "$BIN" compare support-agent@1.0 support-agent@1.1 --suite order-lookup --offline
step "promptgate history --limit 3"
run "$BIN" history --limit 3
step "promptgate feedback import examples/feedback/feedback-sample.jsonl, then feedback analyze"
run "$BIN" feedback import examples/feedback/feedback-sample.jsonl && run "$BIN" feedback analyze
