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
        // Reading and decoding run on a producer thread (decoding a batch on all cores) while this thread
        // writes the previous batch: the store never waits for the decoder, nor the decoder for the store.
        let channel = BoundedChannel<Message>(capacity: 1)
        let producer = DispatchGroup()
        DispatchQueue.global().async(group: producer) {
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
            producer.wait()
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
            case .rows(let rows, let bytes):
                for row in rows {
                    let location = row.location
                    summary.rows += 1
                    switch row.outcome {
                    case .filtered:
                        summary.filtered += 1
                    case .invalid(let reason):
                        try reject(InputError(location, reason), options, &summary)
                    case .duplicate:
                        summary.duplicates += 1
                    case .conflict(let reason):
                        throw InputError(location, reason)
                    case .problem(let decoded):
                        try emit(decoded.prepared, location)
                        summary.problems += 1
                    }
                }
                summary.bytes += bytes
                progress?.advance(items: rows.count, bytes: bytes)
            }
        }
    }

    /// What the producer hands the writer.
    private enum Message: Sendable {
        case entry(String, benchmark: String)
        case skipped(String, reason: String)
        case rows([Row], bytes: Int)
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
        var seen: [String: (hash: String, location: InputLocation)] = [:]
        func sendRows(_ job: DecodeJob) throws {
            var rows = job.rows()
            for k in rows.indices {
                guard case .problem(let decoded) = rows[k].outcome else { continue }
                let id = decoded.prepared.problem.id
                let hash = decoded.prepared.contentHash
                if let earlier = seen[id] {
                    rows[k].outcome = earlier.hash == hash ? .duplicate
                        : .conflict("duplicate id \"\(id)\" with different content (first seen at \(earlier.location))")
                } else {
                    seen[id] = (hash, rows[k].location)
                }
            }
            try send(.rows(rows, bytes: job.bytes))
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
            var reader = RecordReader(source: source, location: entry.location(),
                                      maxRecordBytes: options.limits.maxRecordBytes)
            var adapter = forced
            var announced = false
            var rowIndex = 0
            var lastBytes = 0
            var batch: [(record: Record, context: RowContext)] = []
            var finished = false
            // Up to `jobsInFlight` batches decode on the worker threads while this thread reads the next one
            // (and, for rows of several megabytes, batches of one row keep memory low while two decode at once).
            var inFlight: [DecodeJob] = []
            defer { for job in inFlight { job.cancel() } }
            while !finished {
                // Gather a batch of records (bounded in count and bytes), then decode it on all cores.
                batch.removeAll(keepingCapacity: true)
                var batchBytes = 0
                while batch.count < batchRecords && batchBytes < batchByteLimit {
                    guard let record = try reader.next() else {
                        finished = true
                        break
                    }
                    rowIndex += 1
                    batchBytes += record.bytes.count
                    batch.append((record, RowContext(entryName: entry.name, fileName: path, rowIndex: rowIndex,
                                                     filters: options.filters)))
                }
                if batch.isEmpty { break }
                if adapter == nil {
                    // Detect from the first row that parses (with --skip-invalid, earlier bad rows are reported).
                    let candidates = options.skipInvalid ? batch[...] : batch.prefix(1)
                    var firstError: Error?
                    for candidate in candidates where adapter == nil {
                        do {
                            adapter = try detectAdapter(candidate.record, candidate.context, entry: entry, options: options)
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
                let job = DecodeJob(records: batch.map { RecordBox($0.record.bytes) }, contexts: batch.map(\.context),
                                    locations: batch.map { entry.location(line: $0.record.line) },
                                    bytes: reader.bytesRead - lastBytes, adapter: adapter, encodeTests: encodeTests)
                lastBytes = reader.bytesRead
                batch.removeAll(keepingCapacity: true)   // each decode frees its record's bytes once parsed
                inFlight.append(job)
                while inFlight.count >= jobsInFlight { try sendRows(inFlight.removeFirst()) }
            }
            while !inFlight.isEmpty { try sendRows(inFlight.removeFirst()) }
            if reader.bytesRead > lastBytes { try send(.rows([], bytes: reader.bytesRead - lastBytes)) }
        }
        for (name, reason) in skippedNames { try send(.skipped(name, reason: reason)) }
    }

    /// Records per decode batch, and the bytes after which a batch is cut short (bounds memory).
    static let batchRecords = 1024
    static let batchByteLimit = 8 << 20
    /// Batches decoding at once (one waits to be handed to the writer while the next decodes).
    static let jobsInFlight = 2

    /// One batch decoding on the worker threads (started at once), and its rows once done.
    private final class DecodeJob: @unchecked Sendable {
        private let done = DispatchGroup()
        private var decoded: [Row] = []   // written by the job before `done` leaves, read after waiting
        /// Input bytes the batch covers (for progress).
        let bytes: Int

        init(records: [RecordBox], contexts: [RowContext], locations: [InputLocation], bytes: Int,
             adapter: any BenchmarkAdapter, encodeTests: Bool) {
            self.bytes = bytes
            DispatchQueue.global().async(group: done) {
                self.decoded = ProblemReader.decode(records, contexts, locations, with: adapter, encodeTests: encodeTests)
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
        /// Boxed: rows are handed between threads and inspected on the way, and a copy is then one retain.
        case problem(DecodedProblem)
        case filtered
        case invalid(String)
        /// The same id with the same content as an earlier row.
        case duplicate
        /// The same id as an earlier row, with different content.
        case conflict(String)
    }

    private final class DecodedProblem: Sendable {
        let prepared: PreparedProblem
        init(_ prepared: PreparedProblem) { self.prepared = prepared }
    }

    private struct Row: Sendable {
        var location: InputLocation
        var outcome: Outcome
    }

    /// Decodes a batch in parallel; outcomes come back in batch order.
    private static func decode(_ records: [RecordBox], _ contexts: [RowContext], _ locations: [InputLocation],
                               with adapter: any BenchmarkAdapter, encodeTests: Bool) -> [Row] {
        [Row](unsafeUninitializedCapacity: records.count) { buffer, initialized in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: records.count) { i in
                output.initializeElement(at: i, to: Row(location: locations[i],
                                                        outcome: decodeOne(records[i], contexts[i], adapter, encodeTests)))
            }
            initialized = records.count
        }
    }

    private static func decodeOne(_ record: RecordBox, _ context: RowContext, _ adapter: any BenchmarkAdapter,
                                  _ encodeTests: Bool) -> Outcome {
        do {
            let bytes = record.take()
            let found = try bytes.withUnsafeBytes { try adapter.problem(fromRecord: $0, context: context) }
            guard let problem = found else { return .filtered }
            return .problem(DecodedProblem(encodeTests ? PreparedProblem(problem) : PreparedProblem(hashing: problem)))
        } catch let error as RowError {
            return .invalid(error.description)
        } catch let error as JSONSyntaxError {
            return .invalid("invalid JSON: \(error)")
        } catch {
            return .invalid("\(error)")
        }
    }

    private static func detectAdapter(_ record: Record, _ context: RowContext, entry: InputEntry,
                                      options: IngestOptions) throws -> any BenchmarkAdapter {
        let location = entry.location(line: record.line)
        let row: JSONObject
        do { row = try parseRow(record.bytes) } catch let error as JSONSyntaxError {
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

    private static func parseRow(_ bytes: [UInt8]) throws -> JSONObject {
        try bytes.withUnsafeBytes { try JSONObject.row($0) }
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

/// One record's bytes, handed to exactly one decoding thread, which takes them (and so frees them early).
private final class RecordBox: @unchecked Sendable {
    private var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}
