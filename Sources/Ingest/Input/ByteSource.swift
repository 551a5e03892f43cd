// A stream of bytes read in chunks: a plain file or one entry of an archive. Nothing is ever extracted to disk.
import FlowRLCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something that fills buffers with the next bytes of a stream.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the stream.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A plain file read with read(2).
public struct FileByteSource: ByteSource {
    private let fd: Int32
    private let path: String

    /// Opens `path` for reading.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFileError.cannotOpen(path, String(cString: strerror(errno))) }
        self.fd = fd
        self.path = path
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw InputFileError.readFailed(path, String(cString: strerror(errno)))
        }
    }

    /// Closes the file.
    public func close() {
        _ = Glibc.close(fd)
    }
}

/// Errors opening or reading an input file.
public enum InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(String, String)
    case readFailed(String, String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let why): return "\(path): cannot open: \(why)"
        case .readFailed(let path, let why): return "\(path): read failed: \(why)"
        }
    }
}
