#!/usr/bin/env bash
# Ingest benchmark (issue 2): generates ~1 GB of LiveCodeBench-like rows and 100k MATH-like rows under
# bench-data/ (git-ignored), then ingests each with `flowrl ingest` and with the Python reference decoder,
# printing MB/s, rows/s and peak RSS side by side. Run: make bench   (or bash scripts/bench-ingest.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/bootstrap.sh
swift build -c release --product flowrl
mkdir -p bench-data
if [ ! -f bench-data/lcb_like.jsonl ] || [ ! -f bench-data/math_like.jsonl ]; then
  python3 scripts/bench/gen_ingest_data.py bench-data
fi
python3 scripts/bench/bench_ingest.py .build/release/flowrl bench-data
