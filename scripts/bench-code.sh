#!/usr/bin/env bash
# Code-grading throughput, FlowRL sandbox vs the official LiveCodeBench execution model (re-implemented in
# scripts/bench-code-official.py: the official package is not on PyPI and not installable here), on the same
# generations, with 1 and 2 workers; plus the sandbox's per-generation overhead against bare python3. Run as root.
# Figures are noisy while other builds run: the load average is printed before and after.
# Usage: scripts/bench-code.sh [GENERATIONS]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"
export PATH="/opt/swift/usr/bin:$PATH"
flock /tmp/flowrl-swift.lock swift build -c release --product bench-code >&2
jobs=/tmp/flowrl-bench-code-jobs.json
before=$(cut -d' ' -f1-3 /proc/loadavg)
ours=$(.build/release/bench-code "$n" "$jobs")
official=$(for w in 1 2; do /usr/bin/python3 scripts/bench-code-official.py "$n" "$w" "$jobs"; done)
after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$ours"
echo "$official"
/usr/bin/python3 - "$ours" "$official" "$before" "$after" "$(nproc)" <<'PY'
import json, sys
ours = [json.loads(l) for l in sys.argv[1].splitlines() if l.startswith("{")]
off = [json.loads(l) for l in sys.argv[2].splitlines() if l.startswith("{")]
print(f"\nload average before {sys.argv[3]}, after {sys.argv[4]} ({sys.argv[5]} cores)")
print(f"{'grader':<16}{'workers':>8}{'gen/s':>10}{'tests/s':>10}{'ms/gen':>9}{'vs official':>13}")
for o in (x for x in ours if "grader" in x):
    p = next(x for x in off if x["workers"] == o["workers"])
    print(f"{'flowrl sandbox':<16}{o['workers']:>8}{o['generations_per_s']:>10.1f}{o['tests_per_s']:>10.1f}"
          f"{o['ms_per_generation']:>9.1f}{o['generations_per_s'] / p['generations_per_s']:>12.2f}x")
for p in off:
    print(f"{'official model':<16}{p['workers']:>8}{p['generations_per_s']:>10.1f}{p['tests_per_s']:>10.1f}"
          f"{1000 / p['generations_per_s']:>9.1f}{1:>12.2f}x")
two = next(x for x in ours if x.get("workers") == 2)
print(f"target: >= 45 generations/s with 2 workers -> {two['generations_per_s']:.1f} "
      f"({'met' if two['generations_per_s'] >= 45 else 'NOT met'})")
ov = next(x for x in ours if "overhead" in x)
print(f"\nper generation (3 tests, warm slot, 1 worker, medians, interleaved): sandboxed {ov['sandboxed_ms_per_generation']:.1f} ms; "
      f"bare python3 {ov['bare_python_ms_per_generation_3_tests']:.1f} ms (one run per test), "
      f"{ov['bare_python_ms_one_run']:.1f} ms (one run)")
print(f"overhead ratio: {ov['ratio_vs_bare_3_tests']:.2f}x vs one run per test, {ov['ratio_vs_bare_one_run']:.2f}x vs one run "
      f"(target <= 1.3x: {'met' if ov['ratio_vs_bare_one_run'] <= 1.3 else 'NOT met'}); "
      f"starting a slot's sandbox costs {ov['slot_start_ms']:.0f} ms once")
PY
