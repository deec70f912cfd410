#!/bin/sh
# The sequential compare's simulation at full size: 10,000 seeded paired data sets under the
# null (type-I error, expected within 0.05 ± 0.01) and under a 5-point drop (power, expected
# cases against the fixed design's). Prints the figures.
#
#   bench/sequential.sh [DATA_SETS]
set -eu
cd "$(dirname "$0")/.."
PROMPTGATE_SEQUENTIAL_DATA_SETS="${1:-10000}" swift test \
    --filter StatisticsSequentialTests/simulationKeepsAlphaAndSavesCases 2>&1 |
    grep -E "sequential simulation|passed|failed|error"
