#!/usr/bin/env bash
# Side-by-side benchmark: MathGrader vs Math-Verify 0.9.0 on the same corpora, single-threaded, in one run.
# Usage: scripts/bench-math.sh            (needs ../shared/benchmarks; installs math-verify into .build-bench-venv)
# Env:   FLOWRL_SHARED (default ../shared), MV_VENV (default .build-bench-venv, git-ignored by the ".build*" rule),
#        PASSES (driver passes per corpus, default 6: one warm-up, median of the rest).
# Prints per corpus: each grader's accuracy (MV, ours in-process, ours through `flowrl grade math`), throughput,
# the ratio, p99 latency for responses under 4k characters; then a length-scaling line (1k → 256k characters).
# Timing is noisy while other builds run: check `uptime` first.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH=/opt/swift/usr/bin:$PATH
SHARED=${FLOWRL_SHARED:-$ROOT/../shared}
VENV=${MV_VENV:-$ROOT/.build-bench-venv}
WORK=$(mktemp -d /tmp/bench-math.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q math-verify==0.9.0
fi

# The CLI (built fresh so it matches the sources) and an in-process driver linked against the MathGrader module.
flock /tmp/flowrl-swift.lock swift build -c release --product flowrl >/dev/null
flock /tmp/flowrl-swift.lock swiftc -O -I .build/release/Modules scripts/bench-math-driver.swift \
  .build/release/MathGrader.build/*.o .build/release/BigInt.build/*.o -o "$WORK/driver" 2>&1 | grep -v warning: || true
[ -x "$WORK/driver" ] || { echo "benchmark driver did not build" >&2; exit 1; }

"$VENV/bin/python" scripts/bench-math.py --shared "$SHARED" --work "$WORK" --driver "$WORK/driver" \
  --passes "${PASSES:-6}" -- .build/release/flowrl grade math --workers 1 --quiet
