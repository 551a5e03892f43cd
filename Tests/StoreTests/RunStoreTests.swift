import FlowRLCore
import Foundation
import Store
import Testing
import TestSupport

@Suite struct RunStoreTests {
    func makeStore(problems: [String]) throws -> (Store, URL) {
        let dir = try makeTemporaryDirectory("flowrl-runs")
        let store = try Store(path: dir.appendingPathComponent("s.sqlite").path)
        _ = try store.writeProblems { batch in
            for id in problems {
                try batch.upsert(Problem(id: id, benchmark: "math500", kind: .math, prompt: "P", reference: "1"))
            }
        }
        return (store, dir)
    }

    func grade(_ correct: Bool?, version: String = "1") -> GradeRecord {
        GradeRecord(grader: "math", graderVersion: version, correct: correct, reward: correct == true ? 1 : 0,
                    verdict: correct == nil ? "undecided" : (correct! ? "correct" : "wrong"),
                    detailsJSON: #"{"answer":"1"}"#)
    }

    @Test func samplesAndGradesRoundTripInProblemAndIndexOrder() throws {
        let (store, dir) = try makeStore(problems: ["math500/a", "math500/b"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try store.openRun(RunSpec(name: "r1", model: "m", method: "flowrl", samplingJSON: #"{"n":2}"#,
                                            command: "flowrl grade --run r1"))
        try store.writeSamples(run: run, [
            (SampleRecord(problemID: "math500/b", index: 0, response: "x"), grade(false)),
            (SampleRecord(problemID: "math500/a", index: 1, response: "y", tokenCount: 3, logprobSum: -1.5), grade(nil)),
            (SampleRecord(problemID: "math500/a", index: 0, response: "z"), nil),
        ])
        let samples = try store.gradedSamples(run: "r1")
        #expect(samples.map { "\($0.sample.problemID)#\($0.sample.index)" } == ["math500/a#0", "math500/a#1", "math500/b#0"])
        #expect(samples[0].grade == nil)
        #expect(samples[1].grade?.correct == nil && samples[1].grade?.verdict == "undecided")
        #expect(samples[1].sample.logprobSum == -1.5 && samples[1].sample.tokenCount == 3)
        #expect(samples[2].grade?.correct == false && samples[2].benchmark == "math500")
        #expect(try store.run(named: "r1")?.command == "flowrl grade --run r1")
        // Re-opening keeps the original fields.
        #expect(try store.openRun(RunSpec(name: "r1", model: "other")).model == "m")
    }

    @Test func resumingSkipsGradedSamplesAndReplacesNothingTwice() throws {
        let (store, dir) = try makeStore(problems: ["math500/a"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try store.openRun(RunSpec(name: "r"))
        try store.writeSamples(run: run, [(SampleRecord(problemID: "math500/a", index: 0, response: "x"), grade(true))])
        #expect(try store.gradedSampleKeys(run: run, grader: "math") == [SampleKey(problemID: "math500/a", index: 0)])
        #expect(try store.gradedSampleKeys(run: run, grader: "math", version: "2").isEmpty)
        #expect(try store.gradedSampleKeys(run: run, grader: "code").isEmpty)
        // Writing the same sample and grade again leaves one row of each.
        try store.writeSamples(run: run, [(SampleRecord(problemID: "math500/a", index: 0, response: "x"), grade(false))])
        let samples = try store.gradedSamples(run: "r")
        #expect(samples.count == 1)
        #expect(samples[0].grade?.correct == false)
    }

    @Test func anUnknownProblemFailsTheWholeBatch() throws {
        let (store, dir) = try makeStore(problems: ["math500/a"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try store.openRun(RunSpec(name: "r"))
        #expect(throws: StoreError.self) {
            try store.writeSamples(run: run, [
                (SampleRecord(problemID: "math500/a", index: 0, response: "x"), grade(true)),
                (SampleRecord(problemID: "math500/missing", index: 0, response: "x"), grade(true)),
            ])
        }
        #expect(try store.gradedSamples(run: "r").isEmpty)
        #expect(try store.deleteRun(named: "r"))
        #expect(try store.run(named: "r") == nil)
    }

    @Test func trainingStepsAreRecordedInOrderAndReplaced() throws {
        let (store, dir) = try makeStore(problems: [])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try store.openTrainingRun(name: "t", task: "modes", method: "flowrl", configJSON: #"{"beta":15}"#)
        try store.recordTrainingSteps(run, [TrainingStep(step: 2, metricsJSON: #"{"loss":2}"#),
                                            TrainingStep(step: 1, metricsJSON: #"{"loss":1}"#)])
        try store.recordTrainingSteps(run, [TrainingStep(step: 2, metricsJSON: #"{"loss":3}"#)])
        #expect(try store.trainingSteps(run: "t") == [TrainingStep(step: 1, metricsJSON: #"{"loss":1}"#),
                                                      TrainingStep(step: 2, metricsJSON: #"{"loss":3}"#)])
        try store.finishTrainingRun(run)
        #expect(try store.trainingRun(named: "t")?.status == "finished")
        #expect(try store.trainingRuns().map(\.name) == ["t"])
    }
}
