// Store-backed batch grading (`flowrl grade --run NAME --responses R.jsonl`): responses to ingested problems become
// samples of a run, each graded by MathGrader or CodeRunner according to its problem. Batches are written in one
// transaction each, so after a crash or Ctrl-C a rerun skips what is stored and duplicates nothing.
import CodeRunner
import Dispatch
import FlowRLCore
import Foundation
import Ingest
import MathGrader
import Store

/// Grades a responses file into a run of the store.
final class RunGrading {
    struct Options {
        var mathMode: MathGradingMode = .eval
        var semantics: CodeSemantics = .lcb
        var workers: Int?
        var batchSize = 256
        var quiet = false
    }

    /// What one grading pass did.
    struct Summary {
        var lines = 0
        var skipped = 0
        var graded = 0
        var correct = 0
        var undecided = 0
        var byKind: [ProblemKind: (graded: Int, correct: Int)] = [:]
        var seconds = 0.0

        var json: JSONObject {
            var o: JSONObject = ["lines": .number(String(lines)), "already_graded": .number(String(skipped)),
                                 "graded": .number(String(graded)), "correct": .number(String(correct)),
                                 "undecided": .number(String(undecided)),
                                 "seconds": .number(String(format: "%.3f", seconds))]
            for (kind, counts) in byKind.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                o.set(kind.rawValue, .object(["graded": .number(String(counts.graded)),
                                              "correct": .number(String(counts.correct))]))
            }
            return o
        }
    }

    private struct Pending {
        var sample: SampleRecord
        var problem: Problem
        var code: String?
        var bytes: Int
    }

    private let store: Store
    private let run: RunInfo
    private let options: Options
    private var problems: [String: Problem] = [:]
    private var codeRunner: CodeRunner?

    init(store: Store, run: RunInfo, options: Options) {
        self.store = store
        self.run = run
        self.options = options
    }

    /// Grades every line of `path` not graded yet.
    func grade(responses path: String) throws -> Summary {
        let started = Date()
        let source: FileByteSource
        do { source = try FileByteSource(path: path == "-" ? "/dev/stdin" : path) } catch {
            throw WorkFailure(message: "\(error)")
        }
        defer { source.close() }
        let file = path == "-" ? "<stdin>" : path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        var reader = RecordReader(source: source, location: InputLocation(file: file), layout: .jsonLines,
                                  maxRecordBytes: 1 << 30)
        let done = try store.gradedSampleKeys(run: run, grader: "math", version: GradeRecords.mathVersion(options.mathMode))
            .union(store.gradedSampleKeys(run: run, grader: "code", version: GradeRecords.codeVersion(options.semantics)))
        let progress = FlowRLCore.Progress(label: "grade \(run.name)", total: size, unit: size == nil ? .items : .bytes,
                                quiet: options.quiet)
        var summary = Summary()
        var numbering = SampleNumbering()
        var seen: [SampleKey: Int] = [:]
        var batch: [Pending] = []
        while true {
            let record: Record?
            do { record = try reader.next() } catch { throw WorkFailure(message: "\(error)") }
            guard let record else { break }
            summary.lines += 1
            let location = "\(file):\(record.line)"
            let line = try ResponseLine.parse(record.bytes, idKeys: ["problem_id"], location: location)
            let (problemID, response, code) = (line.id, line.response, line.code)
            let index = numbering.index(for: problemID, explicit: line.sample)
            let key = SampleKey(problemID: problemID, index: index)
            if let first = seen[key] {
                throw WorkFailure(message: "\(location): sample \(index) of \(problemID) already appears on line \(first)")
            }
            seen[key] = record.line
            if done.contains(key) {
                summary.skipped += 1
                progress.advance(items: 1, bytes: record.bytes.count + 1)
                continue
            }
            let problem = try lookup(problemID, location: location)
            batch.append(Pending(sample: SampleRecord(problemID: problemID, index: index, response: response ?? code ?? ""),
                                 problem: problem, code: code, bytes: record.bytes.count + 1))
            if batch.count >= options.batchSize {
                try flush(&batch, into: &summary, progress: progress)
            }
        }
        try flush(&batch, into: &summary, progress: progress)
        progress.finish()
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func lookup(_ id: String, location: String) throws -> Problem {
        if let known = problems[id] { return known }
        guard let problem = try store.problem(id: id) else {
            throw WorkFailure(message: "\(location): no problem \(id) in the store \(store.path) (ingest its benchmark first)")
        }
        if problem.kind == .math, problem.reference == nil {
            throw WorkFailure(message: "\(location): problem \(id) has no reference answer to grade against")
        }
        problems[id] = problem
        return problem
    }

    private func flush(_ batch: inout [Pending], into summary: inout Summary, progress: FlowRLCore.Progress) throws {
        guard !batch.isEmpty else { return }
        var grades = [GradeRecord?](repeating: nil, count: batch.count)
        let math = batch.indices.filter { batch[$0].problem.kind == .math }
        let code = batch.indices.filter { batch[$0].problem.kind == .code }
        gradeMath(batch, math, into: &grades)
        try gradeCode(batch, code, into: &grades)
        let items = zip(batch, grades).map { (sample: $0.sample, grade: $1) }
        do { try store.writeSamples(run: run, items) } catch { throw WorkFailure(message: "\(error)") }
        for (pending, grade) in zip(batch, grades) {
            guard let grade else { continue }
            summary.graded += 1
            var kind = summary.byKind[pending.problem.kind, default: (0, 0)]
            kind.graded += 1
            if grade.correct == true {
                summary.correct += 1
                kind.correct += 1
            }
            if grade.correct == nil { summary.undecided += 1 }
            summary.byKind[pending.problem.kind] = kind
        }
        progress.advance(items: batch.count, bytes: batch.reduce(0) { $0 + $1.bytes })
        batch.removeAll(keepingCapacity: true)
    }

    private func gradeMath(_ batch: [Pending], _ indices: [Int], into grades: inout [GradeRecord?]) {
        guard !indices.isEmpty else { return }
        let grader = MathGrader(mode: options.mathMode)
        let mode = options.mathMode
        let results = ConcurrentMap.run(indices.count, workers: options.workers) { i -> GradeRecord in
            let pending = batch[indices[i]]
            let start = DispatchTime.now().uptimeNanoseconds
            let grade = grader.grade(response: pending.sample.response, reference: pending.problem.reference ?? "")
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            return GradeRecords.math(grade, mode: mode, elapsedMs: ms)
        }
        for (i, r) in zip(indices, results) { grades[i] = r }
    }

    private func gradeCode(_ batch: [Pending], _ indices: [Int], into grades: inout [GradeRecord?]) throws {
        guard !indices.isEmpty else { return }
        let runner = try sandbox()
        let semantics = options.semantics
        var jobs: [CodeJob] = []
        for i in indices {
            let p = batch[i]
            do {
                jobs.append(try CodeJob(problem: p.problem, response: p.code == nil ? p.sample.response : nil,
                                        code: p.code, semantics: semantics))
            } catch {
                throw WorkFailure(message: "problem \(p.problem.id): \(error)")
            }
        }
        for (i, grade) in zip(indices, runner.gradeAll(jobs)) { grades[i] = GradeRecords.code(grade, semantics: semantics) }
    }

    private func sandbox() throws -> CodeRunner {
        if let codeRunner { return codeRunner }
        do {
            let runner = try CodeRunner(workers: options.workers)
            codeRunner = runner
            return runner
        } catch {
            throw WorkFailure(message: "\(error)")
        }
    }
}
