// `flowrl ingest FILE...`: benchmark files and archives into the store, one transaction per file.
import ArgumentParser
import FlowRLCore
import Ingest
import Store
#if canImport(Glibc)
import Glibc
#endif

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest benchmark files (.jsonl, .json) and archives (.tar, .tar.gz, .tgz, .tar.zst, .zip, .gz, .zst).",
        discussion: """
            Each file is written in one transaction: a bad row rejects the whole file (nothing from it is written)
            unless --skip-invalid is given. Re-ingesting an unchanged file changes nothing; changed rows are
            updated and listed.
            """)

    @Argument(help: "Input files.")
    var files: [String]

    @Option(help: "Benchmark family (default: detected from the fields): \(Adapters.names.joined(separator: "|")).")
    var benchmark: String?

    @Option(help: "LiveCodeBench release: release_v1…release_v6 (cumulative) or v1…v6 (that release's file only).")
    var release: String?

    @Option(help: "Keep LiveCodeBench rows with contest_date on or after this date (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Keep LiveCodeBench rows with contest_date on or before this date (YYYY-MM-DD).")
    var to: String?

    @Flag(help: "Write the good rows of a file with bad rows, and report the bad ones.")
    var skipInvalid = false

    @Option(help: "Cap on uncompressed bytes read from one input (archive bombs).")
    var maxBytes: Int = IngestLimits.standard.maxTotalBytes

    @Option(help: "Cap on entries in one archive.")
    var maxEntries: Int = IngestLimits.standard.maxEntries

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Flag(help: "One JSON object per file on stdout.")
    var json = false

    @Flag(help: ArgumentHelp("Read and validate the files without writing anything (no store is opened): the same "
                             + "decoding, errors and exit code, and a count of the problems ingesting would write."))
    var check = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let benchmark, Adapters.named(benchmark) == nil {
            throw ValidationError("unknown benchmark \"\(benchmark)\" (known: \(Adapters.names.joined(separator: ", ")))")
        }
        if let release, LiveCodeBenchRelease.Filter(release) == nil {
            throw ValidationError("unknown release \"\(release)\" (release_v1…release_v\(LiveCodeBenchRelease.latest) or v1…v\(LiveCodeBenchRelease.latest))")
        }
        for date in [from, to].compactMap({ $0 }) where !Self.looksLikeDate(date) {
            throw ValidationError("\"\(date)\" is not a date (YYYY-MM-DD)")
        }
        if maxBytes <= 0 || maxEntries <= 0 { throw ValidationError("--max-bytes and --max-entries must be positive") }
    }

    static func looksLikeDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { b[$0] >= 0x30 && b[$0] <= 0x39 }
    }

    func run() throws {
        let store = check ? nil : try storeOptions.open()
        var limits = IngestLimits.standard
        limits.maxTotalBytes = maxBytes
        limits.maxEntries = maxEntries
        let options = IngestOptions(benchmark: benchmark,
                                    filters: RowFilters(release: release.flatMap(LiveCodeBenchRelease.Filter.init),
                                                        from: from, to: to),
                                    skipInvalid: skipInvalid, limits: limits)
        var failures = 0
        for file in files {
            do {
                let report = try Self.ingest(file: file, into: store, options: options, quiet: quiet)
                report.print(json: json)
            } catch {
                failures += 1
                Console.error("error: \(error)")
                Console.error(check ? "\(file): invalid" : "\(file): rejected; nothing from it was written")
                if json {
                    Console.out(JSONValue.object(["file": .string(file), "ok": false,
                                                  "error": .string("\(error)")]).jsonText)
                }
            }
        }
        if failures > 0 {
            throw WorkFailure(message: "\(failures) of \(files.count) file(s) failed")
        }
    }

    /// Reads `file` and writes its problems in one transaction; with no store, reads and validates only.
    static func ingest(file: String, into store: Store?, options: IngestOptions, quiet: Bool) throws -> IngestReport {
        var st = stat()
        // Percent and ETA only where file bytes are data bytes (a plain file); archives report rows and bytes.
        // (Only regular files are sniffed here: a pipe's bytes can be read once.)
        let regular = stat(file, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        let size = regular && (try? InputEntries.container(of: file)) == .plain ? Int(st.st_size) : nil
        let progress = Progress(label: file, total: size, unit: .bytes, quiet: quiet)
        let started = Clock.now()
        var summary = ReadSummary()
        var counts: UpsertCounts?
        if let store {
            counts = try store.writeProblems(source: file) { batch in
                summary = try ProblemReader.readPrepared(path: file, options: options, progress: progress) { problem, _ in
                    try batch.upsert(problem)
                }
            }
        } else {
            summary = try ProblemReader.read(path: file, options: options, progress: progress) { _, _ in }
        }
        progress.finish()
        return IngestReport(file: file, summary: summary, counts: counts, seconds: Clock.now() - started)
    }
}

/// The outcome of ingesting one file, for people (stderr) and scripts (`--json`).
struct IngestReport {
    var file: String
    var summary: ReadSummary
    /// nil for `--check` (nothing written).
    var counts: UpsertCounts?
    var seconds: Double

    func print(json: Bool) {
        let s = summary
        let benchmarks = Array(Set(s.entries.map(\.benchmark))).sorted()
        if json {
            var object: JSONObject = [
                "file": .string(file), "ok": true, "written": .bool(counts != nil),
                "benchmarks": .array(benchmarks.map { .string($0) }),
                "rows": .number(String(s.rows)), "problems": .number(String(s.problems)),
                "filtered": .number(String(s.filtered)),
                "duplicates": .number(String(s.duplicates)), "invalid": .number(String(s.invalid.count)),
                "bytes": .number(String(s.bytes)), "seconds": .number(String(seconds)),
            ]
            if let counts {
                object.set("inserted", .number(String(counts.inserted)))
                object.set("updated", .number(String(counts.updated)))
                object.set("unchanged", .number(String(counts.unchanged)))
                object.set("updated_ids", .array(counts.updatedIDs.map { .string($0) }))
            }
            Console.out(JSONValue.object(object).jsonText)
        }
        var line = "\(file): \(s.problems) problems"
        if let counts {
            line += " (\(counts.inserted) new, \(counts.updated) updated, \(counts.unchanged) unchanged)"
        } else {
            line += " valid (checked; nothing written)"
        }
        if !benchmarks.isEmpty { line += " [\(benchmarks.joined(separator: ", "))]" }
        if s.entries.count > 1 { line += " from \(s.entries.count) entries" }
        line += ", \(Progress.formatBytes(s.bytes)) in \(String(format2(seconds))) s"
        Console.error(line)
        if s.filtered > 0 { Console.error("  \(s.filtered) rows excluded by --release/--from/--to") }
        if s.duplicates > 0 { Console.error("  \(s.duplicates) verbatim duplicate rows counted once") }
        let updated = counts?.updatedIDs ?? []
        for id in updated.prefix(20) { Console.error("  updated: \(id)") }
        if updated.count > 20 { Console.error("  … and \(updated.count - 20) more updated") }
        for entry in s.skippedEntries { Console.error("  skipped entry \(entry.name): \(entry.reason)") }
        if !s.invalid.isEmpty {
            Console.error("  skipped \(s.invalid.count) invalid rows (--skip-invalid):")
            for e in s.invalid.prefix(20) { Console.error("    \(e)") }
            if s.invalid.count > 20 { Console.error("    … and \(s.invalid.count - 20) more") }
        }
    }

    private func format2(_ x: Double) -> String { String((x * 100).rounded() / 100) }
}

/// Monotonic seconds.
enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
