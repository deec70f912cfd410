#!/usr/bin/env bash
# Benchmark: generate N feedback records as JSONL (default 100,000) with varied inputs (seven
# languages, code blocks, a numbered suffix so every input is distinct), import them into a
# fresh project, then run `feedback analyze`; print the time and peak memory (RSS) of each
# step. Aims: import + analyze under 10 s and under 300 MB.
#
# usage: bench/feedback-analyze.sh [RECORDS] [BINARY]
#   BINARY   promptgate binary (default: .build/release/promptgate, else .build/debug)
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
bin=${2:-}
if [ -z "$bin" ]; then
  if [ -x .build/release/promptgate ]; then bin=.build/release/promptgate; else bin=.build/debug/promptgate; fi
fi
[ -x "$bin" ] || { echo "no promptgate binary at $bin; run 'swift build -c release'" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

work=$(mktemp -d "${TMPDIR:-/tmp}/pg-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
printf 'providers:\n  p: { type: openai, model: m }\n' > "$work/promptgate.yaml"

awk -v n="$records" 'BEGIN {
  srand(7)
  ni = split("Where can I download my invoices for order|How do I rotate the API key of project|Can I export my data as CSV from workspace|Is there a rate limit on the API for tenant|Why was my card declined for invoice|How do I add a teammate to team|¿Cómo restablezco mi contraseña de la cuenta|Wie aktiviere ich die Zwei-Faktor-Authentifizierung für Konto|Où puis-je télécharger mes factures du compte|Como exporto meus dados da conta|請求書はどこでダウンロードできますか 番号|Почему не работает мой ключ API номер|My curl call fails:\\n```bash\\ncurl -X POST https://api.acme.cloud/v1/exports\\n``` job|Why does this return 401?\\n```python\\nimport requests\\nr = requests.get(url)\\n``` request", inputs, "|")
  split("gpt-4o-mini|llama-3.1-8b-instruct|claude-haiku", models, "|")
  split("Answered in the wrong language|Way too long|The code is broken|That is not our policy|meh|", comments, "|")
  for (i = 1; i <= n; i++) {
    k = 1 + int(rand() * ni)
    bad = (k >= 7) ? 0.8 : 0.3
    neg = rand() < bad
    if (rand() < 0.6) fb = sprintf("\"feedback_type\": \"explicit\", \"rating\": %d", neg ? -1 : 1)
    else if (neg) fb = sprintf("\"feedback_type\": \"detailed\", \"rating\": -1, \"comment\": \"%s\", \"correction\": \"A corrected answer for case %d that explains the steps.\"", comments[1 + int(rand() * 6)], i)
    else fb = "\"feedback_type\": \"implicit\", \"signal\": \"copied\""
    printf "{\"id\": %d, \"created_at\": \"2026-10-%02dT%02d:%02d:00Z\", \"session_id\": \"s-%d\", %s, \"user_input\": \"%s %d?\", \"response\": \"Open Settings and follow the steps; reference %d.\", \"model\": \"%s\", \"prompt_version\": \"1.%d\", \"latency_ms\": %d}\n", i, 1 + i % 28, i % 24, i % 60, i, fb, inputs[k], i, i, models[1 + i % 3], 1 + i % 3, 300 + int(rand() * 3000)
  }
}' > "$work/feedback.jsonl"
echo "generated $records records, $(du -m "$work/feedback.jsonl" | cut -f1) MB"

total_s=0
peak_kb=0
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2> "$work/err.txt" || {
    echo "$label failed:" >&2; cat "$work/err.txt" >&2; exit 1; }
  read -r secs kb < "$work/time.txt"
  echo "$label: ${secs} s, peak RSS $((kb / 1024)) MB"
  total_s=$(awk -v a="$total_s" -v b="$secs" 'BEGIN { print a + b }')
  [ "$kb" -gt "$peak_kb" ] && peak_kb=$kb
  return 0
}

cd "$work"
measure "import " "$bin" feedback import feedback.jsonl
measure "analyze" "$bin" feedback analyze --format json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print("  negatives %d, positives %d, %d patterns; top: %s (%.1f%%)" % (a["negatives"], a["positives"], len(a["patterns"]), a["patterns"][0]["label"], 100*a["patterns"][0]["share"]))' out.txt 2>/dev/null || true
echo "import + analyze: ${total_s} s, peak RSS $((peak_kb / 1024)) MB (aims: < 10 s, < 300 MB)"
