#!/usr/bin/env bash
# libFuzzer run over MathGrader's extraction, parsing and comparison (Fuzz/MathGraderFuzz.swift).
#
# Usage: scripts/fuzz-math.sh [SECONDS] [extra libFuzzer flags...]     (default 600 s; one process, one core)
#   e.g. scripts/fuzz-math.sh 900
#        scripts/fuzz-math.sh 0 .build-fuzz/crash-abc123      (replay one input; SECONDS=0 means "run the files given")
# Builds .build-fuzz/mathgrader-fuzz (swiftc -sanitize=fuzzer,address) from Sources/MathGrader plus BigInt's sources
# from SwiftPM's checkout (run `swift build` once so .build/checkouts/BigInt exists). The corpus grows in
# .build-fuzz/corpus (seeded from Fuzz/seeds, git-ignored); crashes and slow inputs land in .build-fuzz/ as
# crash-*/timeout-*. Each input is "reference<newline>response". An input is a finding when grading traps, an
# invariant in the fuzz entry fails (determinism, reflexivity, reasons), or one grade takes longer than FUZZ_SLOW_MS
# (default 100 ms, under ASan) or the whole input longer than -timeout=2 s. Keep each finding as a regression test
# in Tests/MathGraderTests/FuzzRegressionTests.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
export SWIFT_BACKTRACE=enable=no   # the Swift backtracer and ASan fight over a crashing process
SECONDS_TOTAL=${1:-600}
shift || true
OUT=.build-fuzz
BIGINT=${BIGINT_SOURCES:-.build/checkouts/BigInt/Sources}
if [ ! -d "$BIGINT" ]; then
  echo "BigInt sources not found at $BIGINT: run 'swift build -c release --target MathGrader' first" >&2
  exit 2
fi
mkdir -p "$OUT/bigint" "$OUT/corpus"
SAN=(-sanitize=fuzzer,address)
if [ "${FUZZ_NO_ASAN:-0}" = 1 ]; then SAN=(-sanitize=fuzzer); fi

# BigInt as its own module (MathGrader imports it), then MathGrader + the entry as one module (internal API visible).
if [ ! -f "$OUT/bigint/libBigInt.a" ] || [ -n "$(find "$BIGINT" -newer "$OUT/bigint/libBigInt.a" -name '*.swift')" ]; then
  flock /tmp/flowrl-swift.lock swiftc -O -parse-as-library -module-name BigInt -emit-module -emit-module-path "$OUT/bigint/BigInt.swiftmodule" \
  -emit-library -static -o "$OUT/bigint/libBigInt.a" "${SAN[@]}" "$BIGINT"/*.swift 2>&1 | grep -v warning: || true
fi
flock /tmp/flowrl-swift.lock swiftc -O -parse-as-library -module-name MathGraderFuzz -I "$OUT/bigint" "${SAN[@]}" \
  $(find Sources/MathGrader -name '*.swift' | sort) Fuzz/MathGraderFuzz.swift "$OUT/bigint/libBigInt.a" \
  -o "$OUT/mathgrader-fuzz" 2>&1 | grep -v warning: || true
[ -x "$OUT/mathgrader-fuzz" ] || { echo "fuzz target did not build" >&2; exit 1; }

if [ "$SECONDS_TOTAL" = 0 ]; then
  exec "$OUT/mathgrader-fuzz" -timeout=2 "$@"
fi
exec "$OUT/mathgrader-fuzz" -max_total_time="$SECONDS_TOTAL" -timeout=2 -rss_limit_mb=2048 \
  -max_len=4096 -artifact_prefix="$OUT/" -print_final_stats=1 -dict=Fuzz/latex.dict "$@" "$OUT/corpus" Fuzz/seeds
