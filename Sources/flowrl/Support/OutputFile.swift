// A machine-readable output: a file, or stdout for '-'.
#if canImport(Glibc)
import Glibc
#endif

final class OutputFile {
    private let fd: Int32
    private let path: String

    init(_ path: String) throws {
        self.path = path
        if path == "-" {
            fd = 1
        } else {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw WorkFailure(message: "\(path): cannot write: \(String(cString: strerror(errno)))") }
        }
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw WorkFailure(message: "\(path): write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    func close() {
        if fd != 1 { _ = Glibc.close(fd) }
    }
}
