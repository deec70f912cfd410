#!/usr/bin/env bash
# Every benchmark, one after the other; each prints its own figures.
set -euo pipefail
cd "$(dirname "$0")"
for script in validate.sh run-fake.sh agent.sh scale.sh compare.sh peers.sh feedback-import.sh \
  feedback-analyze.sh sequential.sh; do
  if [ -x "$script" ]; then
    echo "== bench/$script"
    "./$script"
  fi
done
