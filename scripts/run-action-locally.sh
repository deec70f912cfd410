#!/usr/bin/env bash
# Runs the steps of action.yml in order, as GitHub Actions would, against a promptgate project:
# inputs as INPUT_* variables, $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY as files, each step's
# outputs read back for the next. Prints the action's outputs (KEY=VALUE) last.
#
#   scripts/run-action-locally.sh PROJECT [--shards N]
#     env: INPUT_PROMPT INPUT_BASE INPUT_CANDIDATE INPUT_MODE (the action's inputs)
#          PROMPTGATE_BIN (default .build/debug/promptgate; the install step is skipped)
# With --shards N: N shard "jobs" (one process each, in parallel), then the merge job's
# steps, then the gate; the result equals the unsharded gate's.
# Exit status: the action's (0 passed, 1 blocked, 2 usage or config, 3 infrastructure).
set -euo pipefail
ACTION=$(cd "$(dirname "$0")/.." && pwd)
PROJECT=$(cd "${1:?usage: run-action-locally.sh PROJECT [--shards N]}" && pwd)
SHARDS=0
if [ "${2:-}" = "--shards" ]; then SHARDS=${3:?--shards N}; fi
export PROMPTGATE=${PROMPTGATE_BIN:-$ACTION/.build/debug/promptgate}
case "$PROMPTGATE" in /*) ;; *) PROMPTGATE=$PWD/$PROMPTGATE ;; esac
export GITHUB_ACTION_PATH=$ACTION
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GITHUB_STEP_SUMMARY=$WORK/summary.md
: > "$GITHUB_STEP_SUMMARY"

# One step: its GITHUB_OUTPUT is fresh; its outputs come back as STEP_<ID>_<KEY>.
step() {
  local id=$1; shift
  export GITHUB_OUTPUT=$WORK/$id.out
  : > "$GITHUB_OUTPUT"
  local status=0
  (cd "$PROJECT" && bash "$ACTION/scripts/action/steps.sh" "$@") || status=$?
  while IFS='=' read -r key value; do
    [ -n "$key" ] && export "STEP_${id^^}_${key^^}=$value"
  done < "$GITHUB_OUTPUT"
  return "$status"
}

step version version
step resolve resolve
if [ "${STEP_RESOLVE_SKIP:-false}" = true ]; then echo "skip=true"; exit 0; fi
export BASE=$STEP_RESOLVE_BASE CANDIDATE=$STEP_RESOLVE_CANDIDATE
step validate validate

if [ "$SHARDS" -gt 0 ]; then
  # The matrix: each shard job in its own copy of the checkout (its own store).
  pids=()
  for k in $(seq 1 "$SHARDS"); do
    mkdir -p "$WORK/job-$k"
    cp -r "$PROJECT/." "$WORK/job-$k/"
    rm -rf "$WORK/job-$k/.promptgate" "$WORK/job-$k/promptgate-report"
    (cd "$WORK/job-$k" && GITHUB_OUTPUT=$WORK/shard-$k.out INPUT_SHARD="$k/$SHARDS" \
      bash "$ACTION/scripts/action/steps.sh" shard > "$WORK/shard-$k.log" 2>&1) &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || { echo "a shard failed:"; cat "$WORK"/shard-*.log; exit 3; }; done
  # upload-artifact + download-artifact (merge-multiple): every shard file in one folder.
  mkdir -p "$PROJECT/promptgate-report/shards"
  cp "$WORK"/job-*/promptgate-report/*-shard-*.jsonl "$PROJECT/promptgate-report/shards/"
  export SHARDS_DIR=$PROJECT/promptgate-report/shards
  step merge merge
fi

status=0
step gate gate || status=$?
echo "decision=${STEP_GATE_DECISION:-}"
echo "verdict=${STEP_GATE_VERDICT:-}"
echo "regressions=${STEP_GATE_REGRESSIONS:-}"
echo "record=${STEP_GATE_RECORD:-}"
echo "summary_lines=$(wc -l < "$GITHUB_STEP_SUMMARY")"
STATUS=${STEP_GATE_STATUS:-$status} step verdict verdict || exit $?
