#!/usr/bin/env bash
# Benchmark: generate N feedback records as JSONL (default 100,000), import them into a
# fresh project, and print the time and peak memory (RSS) of the import. Then import again
# (every row a duplicate) and export the corrections.
#
# usage: bench/feedback-import.sh [RECORDS] [BINARY]
#   RECORDS  number of records (default 100000; 200 MB is about 230000)
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

# Records of about 900 bytes with all three feedback levels, some personal data to redact,
# some code, and several languages.
awk -v n="$records" 'BEGIN {
  srand(42)
  split("Where can I download my invoices?|¿Cómo restablezco mi contraseña?|Wie aktiviere ich die Zwei-Faktor-Authentifizierung?|My curl call fails:\\n```bash\\ncurl -X POST https://api.acme.cloud/v1/exports\\n```|Is there a rate limit on the API? Mail me at jane.doe@example.com|Call me back at +1 (555) 123-4567 about order 123456789", inputs, "|")
  split("explicit|implicit|detailed", types, "|")
  split("copied|edited|regenerated|follow_up", signals, "|")
  sys = "You are Acme Cloud support assistant. Answer customer questions about billing, accounts, API keys and data exports. Be concise and answer in the language of the customer."
  for (i = 1; i <= n; i++) {
    t = types[1 + int(rand() * 3)]
    extra = ""
    if (t == "explicit") extra = (rand() < 0.8) ? sprintf("\"rating\": %d", rand() < 0.5 ? 1 : -1) : sprintf("\"stars\": %d", 1 + int(rand() * 5))
    else if (t == "implicit") extra = sprintf("\"signal\": \"%s\"", signals[1 + int(rand() * 4)])
    else extra = "\"rating\": -1, \"comment\": \"Wrong language, I asked in Spanish\", \"correction\": \"Ve a Configuración > Seguridad y pulsa Restablecer contraseña; te enviaremos un enlace.\""
    printf "{\"id\": %d, \"created_at\": \"2026-10-%02dT%02d:%02d:00Z\", \"session_id\": \"s-%012x\", \"request_id\": \"req-%010x\", \"feedback_type\": \"%s\", %s, \"system_prompt\": \"%s\", \"user_input\": \"%s (%d)\", \"response\": \"Open Billing > Invoices. Each invoice has a PDF download button; contact support@acme.cloud if one is missing. Reference %d.\", \"model\": \"gpt-4o-mini\", \"prompt_version\": \"1.%d\", \"latency_ms\": %d}\n", i, 1 + i % 28, i % 24, i % 60, i * 7919, i * 104729, t, extra, sys, inputs[1 + i % 6], i, i, 1 + i % 3, 300 + int(rand() * 3000)
  }
}' > "$work/feedback.jsonl"
size=$(du -m "$work/feedback.jsonl" | cut -f1)
echo "generated $records records, ${size} MB: $work/feedback.jsonl"

measure() {
  local label=$1; shift
  if /usr/bin/time -f x true 2>/dev/null; then
    /usr/bin/time -f "$label: %e s, peak RSS %M KB" "$@" > "$work/out.txt" 2> "$work/err.txt" || true
    head -3 "$work/out.txt"
    grep -v '^\s*$' "$work/err.txt" | tail -2 || true
  else
    local start end
    start=$(date +%s.%N)
    "$@" > "$work/out.txt" &
    local pid=$! peak=0 rss
    while kill -0 "$pid" 2>/dev/null; do
      rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${rss:-0}" -gt "$peak" ] && peak=$rss
      sleep 0.05
    done
    wait "$pid" || true
    end=$(date +%s.%N)
    head -3 "$work/out.txt"
    echo "$label: $(echo "$end - $start" | bc) s, peak RSS ${peak} KB (sampled)"
  fi
}

cd "$work"
measure "import" "$bin" feedback import feedback.jsonl
measure "re-import (all duplicates)" "$bin" feedback import feedback.jsonl
measure "export-finetune openai-dpo" "$bin" feedback export-finetune --format openai-dpo --output dpo.jsonl
echo "dpo.jsonl: $(wc -l < dpo.jsonl) lines"
