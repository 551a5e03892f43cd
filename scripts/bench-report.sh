#!/usr/bin/env bash
# Times `flowrl stats` and `flowrl report` on a synthetic store (scripts/report-fixture): 10 runs × 500 problems ×
# 16 samples, run in sequence as a user would (target: stats + report under 2 s). The store starts with an empty
# diversity cache, so the first `stats` computes the diversity metrics and `report` reuses them; a second `stats`
# shows the warm figure. Then the diversity metrics on 500 problems × 16 samples × 8,000 characters, cold.
# Figures are wall-clock seconds of the whole command (store read included); noisy while other builds run on the
# machine (the load average is printed with them).
# Usage: [REPEATS=3] scripts/bench-report.sh [CHARS_PER_SAMPLE]   (default 1000 for the 10-run store)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
chars="${1:-1000}"
flock /tmp/flowrl-swift.lock swift build -c release --product flowrl >&2
flock /tmp/flowrl-swift.lock swift build -c release --product report-fixture >&2
bin=.build/release
work=bench-data/report
mkdir -p "$work"

seconds() { # runs "$@" quietly, prints its wall-clock seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f}')"
}

echo "generating 10 runs × 500 problems × 16 samples × ~$chars chars …" >&2
$bin/report-fixture --store "$work/ten.sqlite" --runs 10 --problems 500 --samples 16 --chars "$chars" --greedy no >/dev/null 2>&1
runs=()
for name in $(sqlite3 "$work/ten.sqlite" "SELECT name FROM runs ORDER BY id" 2>/dev/null || true); do runs+=(--run "$name"); done
if [ ${#runs[@]} -eq 0 ]; then
  runs=(--run flowrl-7b --run grpo-7b --run ppo-7b --run reinforce-pp-7b --run base-7b
        --run flowrl-7b-seed2 --run grpo-7b-seed2 --run ppo-7b-seed2 --run reinforce-pp-7b-seed2 --run base-7b-seed2)
fi
# Each repetition starts from a copy of the fixture (diversity cache empty), so every `stats` below is cold.
# The machine's neighbours make single timings swing by a third; the median of REPEATS runs is the figure.
repeats="${REPEATS:-3}"
store="$work/ten-run.sqlite"
sqlite3 "$work/ten.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null 2>&1 || true   # everything in the main file
load=$(cut -d' ' -f1-3 /proc/loadavg)
stats_all=() report_all=() sum_all=()
for _ in $(seq "$repeats"); do
  rm -f "$store" "$store"-wal "$store"-shm
  cp "$work/ten.sqlite" "$store"
  cat "$store" >/dev/null   # in the page cache, as a store just written would be
  s=$(seconds $bin/flowrl stats "${runs[@]}" --store "$store" --json)
  r=$(seconds $bin/flowrl report "${runs[@]}" --store "$store" --out "$work/ten-report")
  stats_all+=("$s"); report_all+=("$r"); sum_all+=("$(python3 -c "print(f'{$s + $r:.2f}')")")
done
median() { python3 -c "import statistics, sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" "$@"; }
stats=$(median "${stats_all[@]}"); report=$(median "${report_all[@]}"); total=$(median "${sum_all[@]}")
again=$(seconds $bin/flowrl stats "${runs[@]}" --store "$store" --json)
nodiv=$(seconds $bin/flowrl stats "${runs[@]}" --store "$store" --json --no-diversity)
size=$(du -k "$work/ten-report/index.html" | cut -f1)

echo "generating 1 run × 500 problems × 16 samples × 8000 chars …" >&2
$bin/report-fixture --store "$work/long.sqlite" --runs 1 --problems 500 --samples 16 --chars 8000 --greedy no >/dev/null 2>&1
cat "$work"/long.sqlite* >/dev/null
long=$(seconds $bin/flowrl stats --run flowrl-7b --store "$work/long.sqlite" --json)
longwarm=$(seconds $bin/flowrl stats --run flowrl-7b --store "$work/long.sqlite" --json)
longnodiv=$(seconds $bin/flowrl stats --run flowrl-7b --store "$work/long.sqlite" --json --no-diversity)

echo "10 runs × 500 problems × 16 samples (~$chars chars each), $(nproc) cores, load average before: $load"
echo "median of $repeats cold runs (each: ${sum_all[*]} s)"
echo "  flowrl stats --json            ${stats} s   (diversity cache cold: computes and caches it)"
echo "  flowrl report                  ${report} s   (reuses the cached diversity; index.html ${size} KiB)"
echo "  stats + report                 ${total} s   (target < 2 s)"
echo "  flowrl stats --json, again     ${again} s   (diversity cache warm)"
echo "  stats --no-diversity           ${nodiv} s"
echo "500 problems × 16 samples × 8000 chars (64 MB of text), diversity included:"
echo "  flowrl stats --json            ${long} s   cold (warm ${longwarm} s, without diversity ${longnodiv} s)"
