// Reads one input file (plain or archive) into problems: entries -> records -> JSON rows -> adapter -> Problem.
// Store-agnostic: the caller decides what to do with each problem (the CLI writes them in one transaction).
import Dispatch
import FlowRLCore

/// Options of one ingest.
public struct IngestOptions: Sendable {
    /// Force a benchmark family instead of detecting it.
    public var benchmark: String?
    public var filters: RowFilters
    /// Write the good rows of a file with bad rows (and report the bad ones) instead of rejecting the file.
    public var skipInvalid: Bool
    public var limits: IngestLimits

    public init(benchmark: String? = nil, filters: RowFilters = .none, skipInvalid: Bool = false,
                limits: IngestLimits = .standard) {
        self.benchmark = benchmark
        self.filters = filters
        self.skipInvalid = skipInvalid
        self.limits = limits
    }
}

/// What reading one file found.
public struct ReadSummary: Sendable {
    /// Data rows seen.
    public var rows = 0
    /// Problems produced (after filters and in-file duplicates).
    public var problems = 0
    /// Rows a release or date filter excluded.
    public var filtered = 0
    /// Rows repeated verbatim within the file (same id, same content), counted once.
    public var duplicates = 0
    /// Bad rows skipped under `--skip-invalid`.
    public var invalid: [InputError] = []
    /// Entries read, with the benchmark detected for each.
    public var entries: [(name: String, benchmark: String)] = []
    /// Archive entries not read, and why.
    public var skippedEntries: [(name: String, reason: String)] = []
    /// Uncompressed bytes read.
    public var bytes = 0

    public init() {}
}

/// Reads input files into problems.
public enum ProblemReader {
    /// File name endings read from inside archives; other members (READMEs, licences) are skipped.
    public static let dataSuffixes = [".jsonl", ".json", ".ndjson"]

    /// Reads `path`, calling `emit` for each problem in file order.
    ///
    /// - Throws: `InputError` naming FILE[/ENTRY]:LINE for the first bad row (unless `skipInvalid`), for
    ///   duplicate ids with different content, and for unreadable, corrupt or over-limit input.
    public static func read(path: String, options: IngestOptions, progress: Progress? = nil,
                            emit: (Problem, InputLocation) throws -> Void) throws -> ReadSummary {
        try read(path: path, options: options, progress: progress, encodeTests: false) { try emit($0.problem, $1) }
    }

    /// `read(path:options:progress:emit:)` handing out each problem with its content hash and encoded tests,
    /// computed on the decoding threads (what `ProblemBatch.upsert(_:)` needs, ready).
    public static func readPrepared(path: String, options: IngestOptions, progress: Progress? = nil,
                                    emit: (PreparedProblem, InputLocation) throws -> Void) throws -> ReadSummary {
        try read(path: path, options: options, progress: progress, encodeTests: true, emit: emit)
    }

    private static func read(path: String, options: IngestOptions, progress: Progress?, encodeTests: Bool,
                             emit: (PreparedProblem, InputLocation) throws -> Void) throws -> ReadSummary {
        let forced: (any BenchmarkAdapter)?
        if let name = options.benchmark {
            guard let adapter = Adapters.named(name, limits: options.limits) else {
                throw InputError(InputLocation(file: path), "unknown benchmark \"\(name)\" (known: \(Adapters.names.joined(separator: ", ")))")
            }
            forced = adapter
        } else {
            forced = nil
        }
        // A producer thread reads batches of records and hands them to decoding threads (one per core) while
        // this thread writes the rows decoded before: the store never waits for the decoder, nor the decoder
        // for the store.
        let channel = BoundedChannel<Message>(capacity: 1)
        let producer = DedicatedThread {
            do {
                try produce(path: path, options: options, forced: forced, encodeTests: encodeTests, channel: channel)
                channel.put(.end)
            } catch is ChannelCancelled {
                // The consumer stopped first; it reports its own error.
            } catch {
                channel.put(.failure(ErrorBox(error)))
            }
        }
        defer {
            channel.cancel()
            producer.join()
        }

        var summary = ReadSummary()
        while true {
            switch channel.take() {
            case .end:
                return summary
            case .failure(let box):
                throw box.error
            case .entry(let name, let benchmark):
                summary.entries.append((name, benchmark))
            case .skipped(let name, let reason):
                summary.skippedEntries.append((name, reason))
            case .rows(var rows, let entry, let bytes):
                var location = entry
                let count = rows.count
                for k in 0..<count {
                    // Moved out (swapped with a payload-free outcome), not copied: no reference counting per
                    // field, and each problem is freed as soon as it is written.
                    var outcome = Outcome.filtered
                    swap(&outcome, &rows[k].outcome)
                    location.line = rows[k].line
                    summary.rows += 1
                    switch consume outcome {
                    case .filtered:
                        summary.filtered += 1
                    case .invalid(let reason):
                        try reject(InputError(location, reason), options, &summary)
                    case .duplicate:
                        summary.duplicates += 1
                    case .conflict(let reason):
                        throw InputError(location, reason)
                    case .problem(let prepared):
                        try emit(prepared, location)
                        summary.problems += 1
                    }
                }
                summary.bytes += bytes
                progress?.advance(items: count, bytes: bytes)
            }
        }
    }

    /// What the producer hands the writer.
    private enum Message: Sendable {
        case entry(String, benchmark: String)
        case skipped(String, reason: String)
        /// Decoded rows of the entry at `entry` (a location without a line), and the input bytes they cover.
        case rows([Row], entry: InputLocation, bytes: Int)
        case end
        case failure(ErrorBox)
    }

    /// Reads every entry of `path` into decoded batches.
    private static func produce(path: String, options: IngestOptions, forced: (any BenchmarkAdapter)?,
                                encodeTests: Bool, channel: BoundedChannel<Message>) throws {
        func send(_ message: Message) throws {
            guard channel.put(message) else { throw ChannelCancelled() }
        }
        // Ids seen so far in the file (all entries): a repeat is counted once when its content is the same, and
        // is an error otherwise. Checked here, in file order, so the writer thread does nothing but write.
        var seen = SeenIDs()
        let workers = WorkerThreads(count: decodingThreads, capacity: jobsInFlight)
        defer { workers.finish() }
        var entryLocations: [InputLocation] = []
        func sendRows(_ job: DecodeJob) throws {
            var rows = job.rows()
            let entry = entryLocations.count - 1
            // Through a buffer pointer: the fields are read in place, without copying (retaining) the rows.
            rows.withUnsafeMutableBufferPointer { rows in
                for k in rows.indices {
                    guard let id = rows[k].problemID else { continue }
                    let content = rows[k].contentDigest
                    let sighting = SeenIDs.Sighting(contentDigest: content, line: rows[k].line, entry: entry)
                    if let earlier = seen.insert(id, digest: rows[k].idDigest, at: sighting) {
                        var first = entryLocations[earlier.entry]
                        first.line = earlier.line
                        rows[k].outcome = earlier.contentDigest == content ? .duplicate
                            : .conflict("duplicate id \"\(id)\" with different content (first seen at \(first))")
                    }
                }
            }
            try send(.rows(rows, entry: entryLocations[entry], bytes: job.bytes))
        }
        var skippedNames: [(String, String)] = []
        try InputEntries.forEach(path: path, limits: options.limits,
                                 skipped: { skippedNames.append(($0, $1)) }) { entry, source in
            for (name, reason) in skippedNames { try send(.skipped(name, reason: reason)) }
            skippedNames.removeAll()
            if entry.isArchiveMember && !dataSuffixes.contains(where: { entry.name.lowercased().hasSuffix($0) }) {
                try send(.skipped(entry.name, reason: "not a .jsonl or .json file"))
                return
            }
            let entryLocation = entry.location()
            entryLocations.append(entryLocation)
            var reader = RecordReader(source: source, location: entryLocation,
                                      maxRecordBytes: options.limits.maxRecordBytes)
            let entryContext = RowContext(entryName: entry.name, fileName: path, rowIndex: 0, filters: options.filters)
            var adapter = forced
            var announced = false
            var rowIndex = 0
            var lastBytes = 0
            var finished = false
            // Up to `jobsInFlight` batches decode on the worker threads while this thread reads the next one
            // (and, for rows of several megabytes, batches of one row and the byte limit keep memory low).
            var inFlight: [DecodeJob] = []
            defer { for job in inFlight { job.cancel() } }
            while !finished {
                // Gather a batch of records (bounded in count and bytes), then decode it on all cores.
                let batch = RecordBatch(firstRowIndex: rowIndex + 1)
                while batch.count < batchRecords && batch.bytes < batchByteLimit {
                    guard try reader.withNextRecord({ batch.append($0, line: $1) }) != nil else {
                        finished = true
                        break
                    }
                    rowIndex += 1
                }
                if batch.count == 0 { break }
                if adapter == nil {
                    // Detect from the first row that parses (with --skip-invalid, earlier bad rows are reported).
                    var firstError: Error?
                    for i in 0..<(options.skipInvalid ? batch.count : 1) where adapter == nil {
                        var context = entryContext
                        context.rowIndex = batch.firstRowIndex + i
                        do {
                            adapter = try batch.withRecord(i) {
                                try detectAdapter($0, line: batch.line(i), context, entry: entry, options: options)
                            }
                        } catch {
                            if firstError == nil { firstError = error }
                        }
                    }
                    if adapter == nil, let firstError { throw firstError }
                }
                guard let adapter else { break }
                if !announced {
                    try send(.entry(entry.name, benchmark: adapter.benchmark))
                    announced = true
                }
                let job = DecodeJob(batch, context: entryContext, bytes: reader.bytesRead - lastBytes,
                                    adapter: adapter, encodeTests: encodeTests, on: workers)
                lastBytes = reader.bytesRead
                inFlight.append(job)
                while inFlight.count >= jobsInFlight
                        || (inFlight.count > 1 && inFlight.reduce(0, { $0 + $1.recordBytes }) > inFlightByteLimit) {
                    try sendRows(inFlight.removeFirst())
                }
            }
            while !inFlight.isEmpty { try sendRows(inFlight.removeFirst()) }
            if reader.bytesRead > lastBytes { try send(.rows([], entry: entryLocation, bytes: reader.bytesRead - lastBytes)) }
        }
        for (name, reason) in skippedNames { try send(.skipped(name, reason: reason)) }
    }

    /// Records per decode batch, and the bytes after which a batch is cut short (bounds memory).
    static let batchRecords = 1024
    static let batchByteLimit = 8 << 20
    /// Decoding threads: one per core.
    static let decodingThreads = Machine.coreCount
    /// Batches read ahead and decoding at once: two per thread, so that a thread has its next batch queued
    /// while the reader waits for the oldest one to hand it to the writer in order; fewer while the batches in
    /// flight hold more than `inFlightByteLimit` (rows of many megabytes).
    static let jobsInFlight = 2 * max(1, decodingThreads)
    static let inFlightByteLimit = 32 << 20

    /// One batch decoding on a worker thread (started at once), and its rows once done.
    private final class DecodeJob: @unchecked Sendable {
        private let done = DispatchGroup()
        private var decoded: [Row] = []   // written by the job before `done` leaves, read after waiting
        /// Input bytes the batch covers (for progress).
        let bytes: Int
        /// Bytes of the batch's records (what it holds in memory while decoding).
        let recordBytes: Int

        init(_ batch: RecordBatch, context: RowContext, bytes: Int, adapter: any BenchmarkAdapter, encodeTests: Bool,
             on workers: WorkerThreads) {
            self.bytes = bytes
            recordBytes = batch.bytes
            done.enter()
            workers.submit {
                self.decoded = ProblemReader.decode(batch, context, with: adapter, encodeTests: encodeTests)
                self.done.leave()
            }
        }

        /// The decoded rows, waiting for the decoding to finish (handed over: the job keeps no reference, so the
        /// caller can edit them in place).
        func rows() -> [Row] {
            done.wait()
            defer { decoded = [] }
            return decoded
        }

        /// Waits for a job whose rows are no longer wanted (the reader is unwinding).
        func cancel() { done.wait() }
    }

    private enum Outcome: Sendable {
        case problem(PreparedProblem)
        case filtered
        case invalid(String)
        /// The same id with the same content as an earlier row.
        case duplicate
        /// The same id as an earlier row, with different content.
        case conflict(String)
    }

    private struct Row: Sendable {
        /// The line where the row starts, in its entry.
        var line: Int
        var outcome: Outcome
        /// For a problem: its id, the id's XXH64 and the content digest, read by the in-file duplicate check
        /// (`SeenIDs`) without copying the problem out of `outcome`.
        var problemID: String?
        var idDigest: UInt64 = 0
        var contentDigest: UInt64 = 0

        init(line: Int, outcome: Outcome) {
            self.line = line
            self.outcome = outcome
            if case .problem(let prepared) = outcome {
                var hasher = ContentHasher()
                hasher.update(prepared.problem.id)
                problemID = prepared.problem.id
                idDigest = hasher.finalize()
                contentDigest = prepared.contentDigest
            }
        }
    }

    /// Decodes a batch, in order, on the calling thread (batches decode in parallel, one per thread).
    private static func decode(_ batch: RecordBatch, _ context: RowContext, with adapter: any BenchmarkAdapter,
                               encodeTests: Bool) -> [Row] {
        var rows: [Row] = []
        rows.reserveCapacity(batch.count)
        var rowContext = context
        for i in 0..<batch.count {
            rowContext.rowIndex = batch.firstRowIndex + i
            let outcome = batch.withRecord(i, freeingIt: true) { decodeOne($0, rowContext, adapter, encodeTests) }
            rows.append(Row(line: batch.line(i), outcome: outcome))
        }
        return rows
    }

    private static func decodeOne(_ bytes: UnsafeRawBufferPointer, _ context: RowContext,
                                  _ adapter: any BenchmarkAdapter, _ encodeTests: Bool) -> Outcome {
        do {
            guard let problem = try adapter.problem(fromRecord: bytes, context: context) else { return .filtered }
            return .problem(encodeTests ? PreparedProblem(problem) : PreparedProblem(hashing: problem))
        } catch let error as RowError {
            return .invalid(error.description)
        } catch let error as JSONSyntaxError {
            return .invalid("invalid JSON: \(error)")
        } catch {
            return .invalid("\(error)")
        }
    }

    private static func detectAdapter(_ bytes: UnsafeRawBufferPointer, line: Int, _ context: RowContext,
                                      entry: InputEntry, options: IngestOptions) throws -> any BenchmarkAdapter {
        let location = entry.location(line: line)
        let row: JSONObject
        do { row = try JSONObject.row(bytes) } catch let error as JSONSyntaxError {
            throw InputError(location, "invalid JSON: \(error)")
        } catch {
            throw InputError(location, "\(error)")
        }
        guard let detected = Adapters.detect(row, context: context, limits: options.limits) else {
            throw InputError(location, "cannot tell which benchmark this row belongs to (fields: "
                             + row.keys.prefix(8).joined(separator: ", ")
                             + "); name it with --benchmark \(Adapters.names.joined(separator: "|"))")
        }
        return detected
    }

    private static func reject(_ error: InputError, _ options: IngestOptions, _ summary: inout ReadSummary) throws {
        guard options.skipInvalid else { throw error }
        summary.invalid.append(error)
    }
}


/// The writer stopped reading; the producer unwinds.
private struct ChannelCancelled: Error {}

/// Carries any error across threads (errors thrown here are values describing bad input).
private struct ErrorBox: @unchecked Sendable {
    let error: any Error
    init(_ error: any Error) { self.error = error }
}

/// A batch of records read from one entry: small records packed one after another in one buffer, large ones in
/// arrays of their own, which the decoding thread frees as soon as it has decoded them (so that two batches of
/// rows of many megabytes decoding at once stay within bounded memory).
private final class RecordBatch: @unchecked Sendable {
    /// Records of at least this many bytes get an array of their own.
    static let ownArrayBytes = 64 << 10

    /// The 1-based index, among the entry's data rows, of the batch's first record.
    let firstRowIndex: Int
    private var packed: [UInt8] = []
    /// Per record: its line, and its bytes: `packed[start..<end]`, or `owned[start]` when `end` is -1.
    private var spans: [(line: Int, start: Int, end: Int)] = []
    private var owned: [RecordBox] = []
    /// Bytes of all the records.
    private(set) var bytes = 0

    init(firstRowIndex: Int) { self.firstRowIndex = firstRowIndex }

    var count: Int { spans.count }

    func line(_ i: Int) -> Int { spans[i].line }

    /// Copies one record into the batch.
    func append(_ record: UnsafeRawBufferPointer, line: Int) {
        bytes += record.count
        if record.count >= Self.ownArrayBytes {
            spans.append((line, owned.count, -1))
            owned.append(RecordBox(Record.copy(record)))
        } else {
            if packed.isEmpty { packed.reserveCapacity(ProblemReader.batchRecords * 1024) }
            spans.append((line, packed.count, packed.count + record.count))
            packed.append(contentsOf: record)
        }
    }

    /// Calls `body` with record `i`'s bytes; with `freeingIt`, a record in an array of its own is freed after
    /// (each record is then read once, by one thread). Packed records are read in place.
    func withRecord<R>(_ i: Int, freeingIt: Bool = false, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let span = spans[i]
        if span.end < 0 {
            let box = owned[span.start]
            let bytes = freeingIt ? box.take() : box.bytes
            return try bytes.withUnsafeBytes(body)
        }
        return try packed.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[span.start..<span.end])) }
    }
}

/// One large record's bytes, handed to exactly one decoding thread, which takes them (and so frees them early).
private final class RecordBox: @unchecked Sendable {
    private(set) var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}
