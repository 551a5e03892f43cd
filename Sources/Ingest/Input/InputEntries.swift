// Opens one input file and presents it as a sequence of named entries: a plain file is one entry; a compressed
// file (.gz, .zst) is one entry named after the file; a tar or zip archive (compressed or not) is its regular
// files. Archives are read through libarchive as streams, never extracted; entry names are only names.
internal import CArchive
import FlowRLCore
#if canImport(Glibc)
import Glibc
#endif

/// The container format of an input file, decided from its first bytes.
public enum InputContainer: String, Sendable {
    case plain, gzip, zstd, xz, bzip2, zip, tar

    /// Sniffs the container from the file's leading bytes.
    static func sniff(_ head: [UInt8]) -> InputContainer {
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head[0..<magic.count]) == magic }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if starts([0x42, 0x5A, 0x68]) { return .bzip2 }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.count >= 262, Array(head[257..<262]) == Array("ustar".utf8) { return .tar }
        return .plain
    }
}

/// One entry of an input: its name and a stream of its bytes.
public struct InputEntry {
    /// The entry's name: the file name for plain and singly compressed files, the member path in archives.
    public var name: String
    /// The input file as the user named it.
    public var file: String
    /// Whether this entry lives inside an archive (error locations then read ARCHIVE/ENTRY:LINE).
    public var isArchiveMember: Bool

    public func location(line: Int? = nil) -> InputLocation {
        InputLocation(file: file, entry: isArchiveMember ? name : nil, line: line)
    }
}

/// Reads the entries of one input file.
public enum InputEntries {
    /// Calls `body` for each data entry of `path`, in order, with a source of that entry's bytes.
    ///
    /// Entries that are not regular files are skipped; `skipped` receives their names and why.
    /// - Throws: `InputError` for unreadable, corrupt or truncated input and for exceeded `limits`.
    public static func forEach(path: String, limits: IngestLimits,
                               skipped: (String, String) -> Void = { _, _ in },
                               _ body: (InputEntry, inout any ByteSource) throws -> Void) throws {
        // One open for plain files, so that pipes and FIFOs (`flowrl ingest <(zcat x.jsonl.gz)`) work too.
        var file = try FileByteSource(path: path)
        defer { file.close() }
        let head = try readHead(&file)
        let container = InputContainer.sniff(head)
        if container == .plain {
            let prefixed = PrefixedSource(prefix: head, rest: file)
            var source: any ByteSource = CappedSource(prefixed, cap: limits.maxTotalBytes, location: InputLocation(file: path))
            try body(InputEntry(name: baseName(path), file: path, isArchiveMember: false), &source)
            return
        }
        try ArchiveSource.forEachEntry(path: path, container: container, limits: limits, skipped: skipped, body)
    }

    /// The container format of `path`, from its first bytes.
    public static func container(of path: String) throws -> InputContainer {
        var file = try FileByteSource(path: path)
        defer { file.close() }
        return InputContainer.sniff(try readHead(&file))
    }

    private static func readHead(_ file: inout FileByteSource) throws -> [UInt8] {
        var head = [UInt8](repeating: 0, count: 512)
        var filled = 0
        while filled < head.count {
            let n = try head.withUnsafeMutableBytes { buf in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buf[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        return Array(head[0..<filled])
    }

    /// The last path component.
    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// Replays bytes already read (the sniffed head), then continues with the rest of the stream.
struct PrefixedSource<Rest: ByteSource>: ByteSource {
    var prefix: [UInt8]
    var rest: Rest
    var offset = 0

    init(prefix: [UInt8], rest: Rest) {
        self.prefix = prefix
        self.rest = rest
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if offset < prefix.count {
            let n = min(buffer.count, prefix.count - offset)
            prefix.withUnsafeBytes { src in
                guard let from = src.baseAddress, let to = buffer.baseAddress else { return }
                to.copyMemory(from: from + offset, byteCount: n)
            }
            offset += n
            return n
        }
        return try rest.read(into: buffer)
    }
}

/// Counts bytes through a source and stops at a cap.
struct CappedSource<Base: ByteSource>: ByteSource {
    var base: Base
    let cap: Int
    let location: InputLocation
    var total = 0

    init(_ base: Base, cap: Int, location: InputLocation) {
        self.base = base
        self.cap = cap
        self.location = location
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try base.read(into: buffer)
        total += n
        if total > cap {
            throw InputError(location, "more than \(cap) bytes of data (the --max-bytes cap)")
        }
        return n
    }
}

/// The bytes of the current libarchive entry.
struct ArchiveSource: ByteSource {
    let archive: OpaquePointer
    let location: InputLocation
    let limits: IngestLimits
    var totalSoFar: UnsafeMutablePointer<Int>

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = archive_read_data(archive, buffer.baseAddress, buffer.count)
        if n < 0 {
            throw InputError(location, "corrupt or truncated archive: \(ArchiveSource.message(archive))")
        }
        totalSoFar.pointee += n
        if totalSoFar.pointee > limits.maxTotalBytes {
            throw InputError(location, "archive expands to more than \(limits.maxTotalBytes) bytes "
                             + "(the --max-bytes cap; an archive bomb?)")
        }
        return n
    }

    static func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    static func forEachEntry(path: String, container: InputContainer, limits: IngestLimits,
                             skipped: (String, String) -> Void,
                             _ body: (InputEntry, inout any ByteSource) throws -> Void) throws {
        guard let archive = archive_read_new() else { throw InputError(InputLocation(file: path), "out of memory") }
        defer { archive_read_free(archive) }
        archive_read_support_filter_all(archive)
        archive_read_support_format_tar(archive)
        archive_read_support_format_gnutar(archive)
        archive_read_support_format_zip(archive)
        // A singly compressed file (data.jsonl.gz) is read as one raw entry; tar and zip bid higher.
        if container != .zip && container != .tar { archive_read_support_format_raw(archive) }
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            throw InputError(InputLocation(file: path), "cannot open archive: \(message(archive))")
        }
        let total = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        total.initialize(to: 0)
        defer { total.deallocate() }
        var entries = 0
        var entry: OpaquePointer?
        while true {
            let status = archive_read_next_header(archive, &entry)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
                throw InputError(InputLocation(file: path), "corrupt or truncated archive: \(message(archive))")
            }
            entries += 1
            if entries > limits.maxEntries {
                throw InputError(InputLocation(file: path),
                                 "more than \(limits.maxEntries) entries (the --max-entries cap)")
            }
            let isRaw = archive_format(archive) == ARCHIVE_FORMAT_RAW
            var name = archive_entry_pathname(entry).map { String(cString: $0) } ?? "entry-\(entries)"
            if isRaw { name = rawEntryName(path) }
            if !isRaw && archive_entry_filetype(entry) != regularFileType {
                if archive_entry_filetype(entry) != directoryType { skipped(name, "not a regular file") }
                continue
            }
            let member = InputEntry(name: name, file: path, isArchiveMember: !isRaw)
            var source: any ByteSource = ArchiveSource(archive: archive, location: member.location(),
                                                       limits: limits, totalSoFar: total)
            try body(member, &source)
        }
        if entries == 0 {
            throw InputError(InputLocation(file: path), "the archive holds no entries")
        }
    }

    /// `problems.jsonl.gz` -> `problems.jsonl`.
    static func rawEntryName(_ path: String) -> String {
        var name = InputEntries.baseName(path)
        for suffix in [".gz", ".zst", ".zstd", ".xz", ".bz2"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name
    }
}

// libarchive's file type constants, as Swift sees them.
private let regularFileType: mode_t = 0o100000
private let directoryType: mode_t = 0o040000
