#!/usr/bin/env bash
# The steps of the promptgate GitHub Action (action.yml), one per subcommand, so that the
# same code runs in Actions and locally (scripts/run-action-locally.sh). Inputs arrive as
# INPUT_* environment variables, outputs go to $GITHUB_OUTPUT, the report to
# $GITHUB_STEP_SUMMARY, exactly as Actions provides them.
#
#   steps.sh version | install | resolve | validate | shard | merge | gate | comment | verdict
set -euo pipefail

PG=${PROMPTGATE:-promptgate}
OUT=${PROMPTGATE_OUT:-$PWD/promptgate-report}
mkdir -p "$OUT"
out() { echo "$1=$2" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }
# ID@production as the version it names (run takes ID@VERSION): release.yaml's production.
concrete() {
  case "$1" in
    *@production)
      local id=${1%@production}
      local v
      v=$(awk '/^production:/ {p=1; next} p && /^[^ ]/ {p=0} p && $1 == "version:" {print $2; exit}' \
        "prompts/$id/release.yaml" 2>/dev/null | tr -d "'\"")
      [ -n "$v" ] || { echo "::error::$1: prompts/$id/release.yaml names no production version" >&2; exit 2; }
      echo "$id@$v" ;;
    *) echo "$1" ;;
  esac
}
mode_flag() {
  case "${INPUT_MODE:-offline}" in
    offline) echo --offline ;;
    live) echo "" ;;
    *) echo "::error::mode must be offline or live, got '${INPUT_MODE}'" >&2; exit 2 ;;
  esac
}

case "${1:-}" in
  version)
    # The version the cache is keyed by: the action's own checkout.
    v=$(sed -n 's/.*current = "\(.*\)"/\1/p' "${GITHUB_ACTION_PATH:?}/Sources/PromptGateModel/Version.swift")
    out version "$v"
    ;;
  install)
    # A static binary from the action's own checkout (Debian libraries from apt).
    make -C "${GITHUB_ACTION_PATH:?}" install PREFIX="${PROMPTGATE_PREFIX:?}"
    ;;
  resolve)
    # prompt, base and candidate: the inputs, else the newest prompt version the pull
    # request added or changed, against <id>@production.
    prompt=${INPUT_PROMPT:-}
    candidate=${INPUT_CANDIDATE:-}
    if [ -z "$candidate" ]; then
      range="origin/${GITHUB_BASE_REF:-main}...HEAD"
      file=$(git diff --name-only "$range" -- 'prompts/*/v*.yaml' \
        | { if [ -n "$prompt" ]; then grep "^prompts/$prompt/" || true; else cat; fi; } \
        | sort -V | tail -n 1)
      if [ -z "$file" ]; then
        echo "no prompt version added or changed in $range: nothing to gate"
        out skip true
        exit 0
      fi
      prompt=${prompt:-$(basename "$(dirname "$file")")}
      version=$(basename "$file" .yaml); version=${version#v}
      candidate="$prompt@$version"
    fi
    prompt=${prompt:-${candidate%@*}}
    out prompt "$prompt"
    out base "${INPUT_BASE:-$prompt@production}"
    out candidate "$candidate"
    out skip false
    ;;
  validate)
    "$PG" validate
    ;;
  shard)
    # One part (K/N) of both sides, as --output-run files for the merge job.
    shard=${INPUT_SHARD:?}
    k=${shard%/*}
    out artifact "promptgate-shard-$k-of-${shard#*/}"
    # shellcheck disable=SC2046
    "$PG" run --prompt "$(concrete "${BASE:?}")" --shard "$shard" $(mode_flag) --quiet \
      --output-run "$OUT/base-shard-$k.jsonl" --format json --output "$OUT/base-shard-$k.json" || [ $? -le 1 ]
    # shellcheck disable=SC2046
    "$PG" run --prompt "${CANDIDATE:?}" --shard "$shard" $(mode_flag) --quiet \
      --output-run "$OUT/candidate-shard-$k.jsonl" --format json --output "$OUT/candidate-shard-$k.json" || [ $? -le 1 ]
    ;;
  merge)
    # The shards of each side into one stored run each; gate then reuses them.
    dir=${SHARDS_DIR:-$OUT}
    for side in base candidate; do
      mapfile -t files < <(find "$dir" -name "$side-shard-*.jsonl" | sort -V)
      [ "${#files[@]}" -gt 0 ] || { echo "::error::no $side shards in $dir" >&2; exit 2; }
      "$PG" merge "${files[@]}" --into-store --format json --output "$OUT/$side-merged.json" || [ $? -le 1 ]
    done
    ;;
  gate)
    set +e
    # shellcheck disable=SC2046
    "$PG" gate "${BASE:?}" "${CANDIDATE:?}" $(mode_flag) --quiet --format json --output "$OUT/gate.json"
    status=$?
    set -e
    if [ "$status" -ge 2 ] || [ ! -s "$OUT/gate.json" ]; then
      out status "$status"
      echo "::error::promptgate gate failed (exit $status)" >&2
      exit "$status"
    fi
    # The same gate again in the formats people read: it reuses the stored runs.
    # shellcheck disable=SC2046
    "$PG" gate "$BASE" "$CANDIDATE" $(mode_flag) --quiet --format markdown --output "$OUT/gate.md" || true
    # shellcheck disable=SC2046
    "$PG" compare "$BASE" "$CANDIDATE" $(mode_flag) --quiet --format html --output "$OUT/compare.html" || true
    python3 - "$OUT/gate.json" "$OUT" >> "$GITHUB_OUTPUT" <<'PY'
import json, shutil, sys
gate = json.load(open(sys.argv[1]))
summary = gate.get("comparison", {}).get("summary", {})
record = gate.get("record") or ""
if record:
    shutil.copy(record, sys.argv[2] + "/gate-record.json")
print(f"decision={gate.get('decision', '')}")
print(f"record={sys.argv[2] + '/gate-record.json' if record else ''}")
print(f"regressions={summary.get('regressions', '')}")
print(f"verdict={summary.get('verdict', '')}")
PY
    out status "$status"
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$OUT/gate.md" >> "$GITHUB_STEP_SUMMARY"; fi
    ;;
  comment)
    "$PG" github comment --repo "${GITHUB_REPOSITORY:?}" --pr "${PR_NUMBER:?}" \
      --body-file "$OUT/gate.md" --key "${COMMENT_KEY:-gate}"
    ;;
  verdict)
    # Fails the job when the gate blocked (1) or could not decide (2, 3).
    status=${STATUS:-3}
    case "$status" in
      0) echo "gate passed" ;;
      1) echo "::error::the gate blocked $CANDIDATE (see the job summary)"; exit 1 ;;
      *) echo "::error::promptgate exited $status"; exit "$status" ;;
    esac
    ;;
  *)
    echo "usage: steps.sh version|install|resolve|validate|shard|merge|gate|comment|verdict" >&2
    exit 2
    ;;
esac
