#!/usr/bin/env bash
# Side-by-side benchmark: MathGrader vs Math-Verify 0.9.0 on the same corpora, single-threaded, in one run.
# Usage: scripts/bench-math.sh            (needs ../shared/benchmarks; installs math-verify into .bench-venv)
# Env:   FLOWRL_SHARED (default ../shared), MV_VENV (default .bench-venv, git-ignored via .build*/… see below)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH=/opt/swift/usr/bin:$PATH
SHARED=${FLOWRL_SHARED:-$ROOT/../shared}
VENV=${MV_VENV:-$ROOT/.build-bench-venv}   # matches the ".build*" ignore rule
WORK=$(mktemp -d /tmp/bench-math.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q math-verify==0.9.0
fi

# Our grader: `flowrl grade math` when the CLI has it, else a driver linked against the MathGrader module.
flock /tmp/flowrl-swift.lock swift build -c release --target MathGrader >/dev/null
if [ -x .build/release/flowrl ] && .build/release/flowrl grade math --help 2>&1 | grep -q -- "--input"; then
  OURS=(.build/release/flowrl grade math --workers 1 --input)
  OURS_KIND=cli
else
  swiftc -O -I .build/release/Modules scripts/bench-math-driver.swift \
    .build/release/MathGrader.build/*.o .build/release/BigInt.build/*.o -o "$WORK/driver" 2>&1 | grep -v warning || true
  OURS=("$WORK/driver")
  OURS_KIND=driver
fi

"$VENV/bin/python" scripts/bench-math.py --shared "$SHARED" --work "$WORK" --ours-kind "$OURS_KIND" -- "${OURS[@]}"
