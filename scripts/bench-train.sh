#!/usr/bin/env bash
# The trainer benchmark (issue 7): all four methods over 3 seeds at an equal sample budget on `countdown`
# (accuracy = Avg@16, pass@16 and distinct correct solutions per held-out prompt), the `modes` toy (exact
# KL(π‖p*) and modes covered), and a training step's time split (sampling, grading, forward/backward, optimiser).
# Prints figures; not a test. Usage: scripts/bench-train.sh [--steps N] [--seeds N] [--tasks countdown,modes]
# Each run is stored in the benchmark's store (default /tmp/flowrl-bench-train/flowrl.sqlite; --store PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
steps=100 seeds=3 tasks=countdown,modes store=/tmp/flowrl-bench-train/flowrl.sqlite
while [[ $# -gt 0 ]]; do
    case "$1" in
        --steps) steps=$2; shift 2 ;;
        --seeds) seeds=$2; shift 2 ;;
        --tasks) tasks=$2; shift 2 ;;
        --store) store=$2; shift 2 ;;
        *) echo "usage: $0 [--steps N] [--seeds N] [--tasks countdown,modes] [--store PATH]" >&2; exit 2 ;;
    esac
done
mkdir -p "$(dirname "$store")"
flock /tmp/flowrl-swift.lock swift build -c release --product flowrl >&2
methods=flowrl,grpo,ppo,reinforce++
for task in ${tasks//,/ }; do
    if [[ $task == modes ]]; then task_steps=300; else task_steps=$steps; fi
    echo "=== $task: $methods × $seeds seeds, $task_steps steps each (settings: flowrl train --help; defaults per task)"
    start=$(date +%s)
    .build/release/flowrl experiment --task "$task" --methods "$methods" --seeds "$seeds" --steps "$task_steps" \
        --prefix "bench-$task" --store "$store" --fresh --quiet --json > "$store.$task.json"
    python3 - "$store.$task.json" "$task" <<'PY'
import json, sys
data = json.load(open(sys.argv[1])); task = sys.argv[2]
keys = ["kl_to_target", "modes_covered"] if task == "modes" else ["accuracy", "pass_at_k", "distinct_correct"]
names = {"accuracy": "accuracy (Avg@16)", "pass_at_k": "pass@16", "distinct_correct": "distinct correct/prompt",
         "kl_to_target": "KL(pi||p*)", "modes_covered": "modes covered (of 4)"}
print("method".ljust(14) + "".join(names[k].ljust(26) for k in keys))
for method, stats in data["summary"].items():
    print(method.ljust(14) + "".join(f"{stats[k]['mean']:.3f} ± {stats[k]['std']:.3f}".ljust(26) for k in keys))
print("per seed:")
for run in data["runs"]:
    print("  " + run["run"].ljust(34) + "  ".join(f"{k}={run[k]:.4f}" for k in keys))
split = ["time_sampling_s", "time_grading_s", "time_forward_backward_s", "time_optimizer_s"]
print("last training step's time split (mean over seeds, ms; noisy while other jobs run):")
for method, stats in data["summary"].items():
    t = [stats["last_step_" + k]["mean"] * 1000 for k in split]
    total = sum(t)
    print("  " + method.ljust(12) + "  ".join(f"{k[5:-2]} {v:.1f} ({100 * v / total:.0f}%)" for k, v in zip(split, t)))
PY
    echo "($task: $(( $(date +%s) - start )) s; runs stored in $store)"
done
