// The one door to OpenBLAS: core-type selection at first use, thread control, and a row-major sgemm wrapper.
// Debian's OpenBLAS 0.3.21 (DYNAMIC_ARCH) detects recent AMD/Intel CPUs as Prescott and runs its slow SSE3 kernels.
// Its dispatch table is chosen by `gotoblas_dynamic_init` when the library loads, reading OPENBLAS_CORETYPE; a
// process cannot set that variable before its own libraries load, so at first use we set the variable and run the
// library's own re-initialisation (`gotoblas_dynamic_quit` + `gotoblas_dynamic_init`), both exported C symbols.
internal import CBLAS
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// OpenBLAS configuration and the matrix multiply every GEMM-shaped op goes through.
public enum BLAS {
    /// What `configure()` found and did.
    public struct Configuration: Sendable, CustomStringConvertible {
        /// Core name OpenBLAS reported before any change (e.g. "Prescott").
        public var detectedCore: String
        /// Core name OpenBLAS uses now (e.g. "SkylakeX").
        public var activeCore: String
        /// The core type this module asked for, or nil when it left the library's own choice.
        public var requestedCore: String?
        /// Threads OpenBLAS uses for one GEMM.
        public var threads: Int

        public var description: String {
            "OpenBLAS core \(activeCore) (detected \(detectedCore)\(requestedCore.map { ", requested \($0)" } ?? "")), \(threads) threads"
        }
    }

    /// Runs once, before the first BLAS call of the process (every op calls `ensureConfigured()`).
    private static let configured: Configuration = performConfiguration()

    /// Selects the OpenBLAS core type (once per process) and returns what is in effect.
    ///
    /// If OPENBLAS_CORETYPE is already set by the user it is respected. Otherwise, when the library chose a
    /// generic kernel (Prescott and older) but the CPU supports AVX-512 (F, BW, DQ, VL) it forces SkylakeX; with
    /// AVX2 and FMA, Haswell.
    @discardableResult
    public static func ensureConfigured() -> Configuration { configured }

    /// The core type this CPU can run, from /proc/cpuinfo's flags: "SkylakeX", "Haswell" or nil.
    public static func supportedFastCore(cpuFlags: Set<String>) -> String? {
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(cpuFlags.contains) { return "Haswell" }
        return nil
    }

    /// The CPU flags of the first processor in /proc/cpuinfo (empty when unreadable).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// The core name OpenBLAS reports now.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Sets the number of threads OpenBLAS uses per GEMM.
    public static func setThreads(_ count: Int) {
        ensureConfigured()
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// Threads OpenBLAS uses per GEMM.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    private static func performConfiguration() -> Configuration {
        let detected = coreName
        var requested: String?
        let generic = ["prescott", "core2", "nehalem", "katmai", "northwood", "unknown", "atom", "penryn", "dunnington"]
        if getenv("OPENBLAS_CORETYPE") == nil, generic.contains(detected.lowercased()),
           let fast = supportedFastCore(cpuFlags: cpuFlags()),
           let quit = symbol("gotoblas_dynamic_quit", as: VoidFunction.self),
           let initialise = symbol("gotoblas_dynamic_init", as: VoidFunction.self) {
            setenv("OPENBLAS_CORETYPE", fast, 1)
            quit()
            initialise()
            requested = fast
        }
        return Configuration(detectedCore: detected, activeCore: coreName, requestedCore: requested,
                             threads: Int(openblas_get_num_threads()))
    }

    /// Ends OpenBLAS's worker threads; the next multi-threaded call starts them again (the library restarts its
    /// pool lazily, as it does after a fork). The library starts them when it loads, and they spin (sched_yield)
    /// for about 0.1 s before they sleep: on a two-core machine, CPU time taken from every command, most of which
    /// never multiply a matrix. Returns false when the library has no such entry point (then nothing changed).
    @discardableResult
    public static func parkThreads() -> Bool {
        guard let shutdown = symbol("blas_thread_shutdown_", as: (@convention(c) () -> Int32).self) else { return false }
        return shutdown() == 0
    }

    private typealias VoidFunction = @convention(c) () -> Void

    /// The exported C function `name` of the loaded libraries, as `type`.
    private static func symbol<F>(_ name: String, as type: F.Type) -> F? {
        // RTLD_DEFAULT is ((void *) 0) on glibc.
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }

    /// Row-major `C = alpha * op(A) * op(B) + beta * C` with `op(A)` of shape (m, k) and `op(B)` of shape (k, n).
    ///
    /// - Parameters:
    ///   - lda, ldb, ldc: row strides of A, B and C as stored (A is (m, k) or, transposed, (k, m)).
    /// - Complexity: 2·m·n·k floating-point operations.
    @inline(__always)
    public static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                             a: UnsafePointer<Float>?, lda: Int, b: UnsafePointer<Float>?, ldb: Int,
                             beta: Float = 0, c: UnsafeMutablePointer<Float>?, ldc: Int) {
        ensureConfigured()
        if m == 0 || n == 0 { return }
        // One row (a sampling step with batch 1): a matrix-vector product, which OpenBLAS's sgemm (0.3.21) does not
        // forward to its faster gemv kernel by itself.
        if m == 1 {
            let incA = Int32(transposeA ? lda : 1)
            GEMMGate.withGate {
                if transposeB {  // y = B a, B is n × k
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(k), alpha, b, Int32(ldb), a, incA, beta, c, 1)
                } else {         // y = Bᵀ a, B is k × n
                    cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), alpha, b, Int32(ldb), a, incA, beta, c, 1)
                }
            }
            return
        }
        GEMMGate.withGate {
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    }
}
