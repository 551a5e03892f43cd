#!/usr/bin/env bash
# The report on a realistic synthetic store (report-fixture: 5 methods × 120 problems × 16 samples of math and code,
# a one-sample run, a linked training run), rendered to PNG for review.
# Output: reports/out/fixture/index.html and reports/out/fixture/report.png
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
flock /tmp/flowrl-swift.lock swift build -c release --product flowrl >&2
flock /tmp/flowrl-swift.lock swift build -c release --product report-fixture >&2
out=reports/out/fixture
mkdir -p "$out"
.build/release/report-fixture --store "$out/fixture.sqlite" --runs 5 --problems 120 --samples 16 --chars 900 >/dev/null
.build/release/flowrl report --store "$out/fixture.sqlite" --title "FlowRL report (synthetic runs)" --out "$out" >/dev/null
bash scripts/render-report.sh "$out/index.html" "$out/report.png"
