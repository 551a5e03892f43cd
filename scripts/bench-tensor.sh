#!/usr/bin/env bash
# Tensor throughput: sgemm peak vs numpy, training and sampling of the ~1M and ~10M models (see
# Sources/Tensor/Bench/TensorBenchmark.swift). Also shows the OpenBLAS core-type effect by running the sgemm peak
# once with the generic Prescott kernel forced. Usage: scripts/bench-tensor.sh [--json] [--models 1M,10M]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
flock /tmp/flowrl-swift.lock swift build -c release --product tensor-bench >&2
if [[ " $* " != *" --json "* ]]; then
    echo "--- generic kernel forced (OPENBLAS_CORETYPE=Prescott), sgemm only:"
    OPENBLAS_CORETYPE=Prescott .build/release/tensor-bench --models none | head -2
    echo "--- loaded as Prescott, then re-selected in process by BLAS.ensureConfigured():"
    OPENBLAS_CORETYPE=Prescott .build/release/tensor-bench --models none --reselect-core | head -2
    echo "--- default (this module's core-type selection):"
fi
exec .build/release/tensor-bench "$@"
