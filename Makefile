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

# The tensor tests run in their own process: OpenBLAS's threaded GEMM is not safe to enter from the several
# threads the test runner uses for the other suites (see Sources/Tensor/Core/GEMMGate.swift).
test: bootstrap
	swift test -c release --skip TensorTests
	swift test -c release --filter TensorTests

bench: build
	bash scripts/bench-ingest.sh

clean:
	rm -rf .build
