// Caps that keep a hostile or mistaken input (an archive bomb, a binary file) from exhausting memory or disk.

/// Limits applied while reading one input file.
public struct IngestLimits: Sendable, Equatable {
    /// Total uncompressed bytes read from one input (all entries of an archive together).
    public var maxTotalBytes: Int
    /// Entries in one archive (directories included).
    public var maxEntries: Int
    /// One JSONL line or JSON array element.
    public var maxRecordBytes: Int
    /// Decompressed size of one row's encoded tests.
    public var maxDecodedTestBytes: Int

    public init(maxTotalBytes: Int = 64 << 30, maxEntries: Int = 100_000,
                maxRecordBytes: Int = 1 << 30, maxDecodedTestBytes: Int = 4 << 30) {
        self.maxTotalBytes = maxTotalBytes
        self.maxEntries = maxEntries
        self.maxRecordBytes = maxRecordBytes
        self.maxDecodedTestBytes = maxDecodedTestBytes
    }

    /// The defaults: 64 GiB per input, 100,000 entries, 1 GiB per record, 4 GiB of decoded tests per row.
    public static let standard = IngestLimits()
}
