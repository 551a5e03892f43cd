# The two commands of the README. Both install missing system packages first (scripts/bootstrap.sh).
SWIFT_BIN := $(firstword $(wildcard /opt/swift/usr/bin) $(dir $(shell command -v swift 2>/dev/null)))
export PATH := $(SWIFT_BIN):$(PATH)

.PHONY: demo test build bootstrap bench clean

bootstrap:
	@bash scripts/bootstrap.sh

build: bootstrap
	swift build -c release

demo: build
	.build/release/flowrl demo

# The tensor tests run in their own process, with single-threaded OpenBLAS: its threaded GEMM (0.3.21) was seen
# to hang, spinning in exec_blas, under the test runner's parallel suites (issue 5 note; Core/GEMMGate.swift).
# Tensor throughput with threaded GEMM is measured by scripts/bench-tensor.sh instead.
test: bootstrap
	OPENBLAS_NUM_THREADS=1 swift test -c release --skip TensorTests
	OPENBLAS_NUM_THREADS=1 swift test -c release --filter TensorTests

bench: build
	bash scripts/bench-ingest.sh

clean:
	rm -rf .build
