// The peer figure: numpy's float32 matmul on the same machine, when python3 has numpy.
import Foundation

extension TensorBenchmark {
    /// numpy's float32 matmul GFLOP/s at n × n, or nil without python3/numpy.
    public static func numpyGFLOPS(size n: Int) -> Double? {
        let script = """
        import time, numpy as np
        a = np.random.rand(\(n), \(n)).astype(np.float32); b = np.random.rand(\(n), \(n)).astype(np.float32)
        a @ b; ts = []
        for _ in range(5):
            t = time.perf_counter(); a @ b; ts.append(time.perf_counter() - t)
        print(2 * \(n) ** 3 / sorted(ts)[2] / 1e9)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Double(out.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
