#!/usr/bin/env bash
# Code-grading throughput, FlowRL sandbox vs the official LiveCodeBench execution model (re-implemented in
# scripts/bench-code-official.py: the official package is not installable here). Run as root.
# Usage: scripts/bench-code.sh [GENERATIONS]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"
export PATH="/opt/swift/usr/bin:$PATH"
flock /tmp/flowrl-swift.lock swift build -c release --product bench-code >&2
jobs=/tmp/flowrl-bench-code-jobs.json
ours=$(.build/release/bench-code "$n" "$jobs")
echo "$ours"
for w in 1 2; do /usr/bin/python3 scripts/bench-code-official.py "$n" "$w" "$jobs"; done | tee /tmp/flowrl-bench-official.jsonl
/usr/bin/python3 - "$ours" <<'PY'
import json, sys
ours = [json.loads(l) for l in sys.argv[1].splitlines() if '"grader"' in l]
off = [json.loads(l) for l in open('/tmp/flowrl-bench-official.jsonl')]
for o in ours:
    p = next(x for x in off if x["workers"] == o["workers"])
    print(f"workers={o['workers']}: flowrl {o['generations_per_s']:.1f} gen/s vs official model "
          f"{p['generations_per_s']:.1f} gen/s -> ratio {o['generations_per_s'] / p['generations_per_s']:.2f}x")
PY
