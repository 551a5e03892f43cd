// report-fixture: writes a synthetic store of graded runs for looking at and timing `flowrl stats` / `report`
// (scripts/render-report.sh, scripts/bench-report.sh). Math (MATH-500 with subjects and levels, AIME) and code
// (LiveCodeBench with difficulty, platform and contest dates) problems; methods that differ in skill and in how
// many solution strategies they use; a run with one sample per problem; a linked training run with curves.
//
//   report-fixture --store PATH [--runs 5] [--problems 120] [--samples 16] [--chars 900] [--seed 1]
import FlowRLCore
import Foundation
import Store

struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard flag.hasPrefix("--"), let value = arguments.popFirst() else {
        FileHandle.standardError.write(Data("usage: report-fixture --store PATH [--runs N] [--problems N] [--samples N] [--chars N] [--seed N]\n".utf8))
        exit(2)
    }
    options[String(flag.dropFirst(2))] = value
}
guard let storePath = options["store"] else {
    FileHandle.standardError.write(Data("report-fixture: --store PATH is required\n".utf8))
    exit(2)
}
let runCount = Int(options["runs"] ?? "") ?? 5
let problemCount = Int(options["problems"] ?? "") ?? 120
let samplesPerProblem = Int(options["samples"] ?? "") ?? 16
let characters = Int(options["chars"] ?? "") ?? 900
var rng = Generator(state: UInt64(options["seed"] ?? "") ?? 1)

for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
let store = try Store(path: storePath)

// Problems: 60% MATH-500, 15% AIME, 25% LiveCodeBench.
let subjects = ["algebra", "counting_and_probability", "geometry", "intermediate_algebra", "number_theory",
                "prealgebra", "precalculus"]
let platforms = ["atcoder", "leetcode", "codeforces"]
struct FixtureProblem { var id: String; var benchmark: String; var code: Bool; var difficulty: Double }
var problems: [FixtureProblem] = []
_ = try store.writeProblems(source: "report-fixture") { batch in
    for i in 0..<problemCount {
        let u = rng.unit()
        if i % 20 < 12 {
            let level = 1 + Int(rng.next() % 5)
            let subject = subjects[Int(rng.next() % UInt64(subjects.count))]
            let id = "math500/test/\(subject)/\(1000 + i)"
            try batch.upsert(Problem(id: id, benchmark: "math500", kind: .math, prompt: "Problem \(i)", reference: "\(i)",
                                     metadataJSON: #"{"subject":"\#(subject)","level":\#(level)}"#))
            problems.append(FixtureProblem(id: id, benchmark: "math500", code: false,
                                           difficulty: Double(level) / 6 + (u - 0.5) * 0.2))
        } else if i % 20 < 15 {
            let id = "aime/2024-\(i)"
            try batch.upsert(Problem(id: id, benchmark: "aime", kind: .math, prompt: "Problem \(i)", reference: "\(i)",
                                     metadataJSON: #"{"year":2024}"#))
            problems.append(FixtureProblem(id: id, benchmark: "aime", code: false, difficulty: 0.75 + u * 0.25))
        } else {
            let difficulty = ["easy", "medium", "hard"][Int(rng.next() % 3)]
            let platform = platforms[Int(rng.next() % 3)]
            let month = 1 + Int(rng.next() % 12)
            let id = "lcb/\(2000 + i)"
            try batch.upsert(Problem(id: id, benchmark: "livecodebench", kind: .code, prompt: "Task \(i)", reference: nil,
                                     metadataJSON: #"{"difficulty":"\#(difficulty)","platform":"\#(platform)","contest_date":"2024-\#(month < 10 ? "0" : "")\#(month)-15T00:00:00"}"#))
            let base = difficulty == "easy" ? 0.3 : difficulty == "medium" ? 0.55 : 0.8
            problems.append(FixtureProblem(id: id, benchmark: "livecodebench", code: true, difficulty: base + (u - 0.5) * 0.2))
        }
    }
}

// Vocabulary and per-(problem, strategy) solution outlines: samples of one strategy share most trigrams.
let vocabulary = ["we", "let", "the", "sum", "of", "roots", "is", "so", "then", "by", "symmetry", "substitute", "x", "=",
                  "+", "-", "(", ")", "2", "3", "factor", "equation", "gives", "therefore", "answer", "count", "cases",
                  "modulo", "prime", "triangle", "angle", "area", "since", "each", "term", "series", "check", "for",
                  "def", "return", "for", "in", "range", "if", "else", "dp", "[", "]", "i", "j", "n", "array", "sort",
                  "binary", "search", "graph", "edge", "node", "while", "queue", "append", "min", "max"]
nonisolated func outline(problem: Int, strategy: Int, words: Int) -> [String] {
    var g = Generator(state: UInt64(problem) &* 1_000_003 &+ UInt64(strategy) &* 7919)
    return (0..<words).map { _ in vocabulary[Int(g.next() % UInt64(vocabulary.count))] }
}

let methods: [(name: String, method: String, skill: Double, strategies: Int)] = [
    ("flowrl-7b", "flowrl", 0.62, 6), ("grpo-7b", "grpo", 0.55, 2), ("ppo-7b", "ppo", 0.52, 2),
    ("reinforce-pp-7b", "reinforce++", 0.50, 3), ("base-7b", "base", 0.40, 4),
]
let codeVerdicts = ["wrong_answer", "wrong_answer", "time_limit", "runtime_error", "compile_error"]
let wordsPerSample = max(8, characters / 6)

@MainActor func writeRun(name: String, method: String, skill: Double, strategies: Int, samples: Int, training: String?) throws {
    let sampling = #"{"temperature":0.6,"top_p":0.95,"n":\#(samples),"max_tokens":8192}"#
    let run = try store.openRun(RunSpec(name: name, model: "qwen2.5-7b-\(method)", method: method, samplingJSON: sampling,
                                        command: "flowrl grade --run \(name) --responses \(name).jsonl",
                                        trainingRun: training))
    var batch: [(sample: SampleRecord, grade: GradeRecord?)] = []
    for (p, problem) in problems.enumerated() {
        let solve = 1 / (1 + exp(-8 * (skill - problem.difficulty)))
        let outlines = (0..<strategies).map { outline(problem: p, strategy: $0, words: wordsPerSample) }
        for s in 0..<samples {
            // Samples favour the first strategies (a skewed mixture), with a tenth of the words perturbed.
            let pick = min(strategies - 1, Int(Double(strategies) * pow(rng.unit(), 1.6)))
            var words = outlines[pick]
            for w in words.indices where rng.next() % 10 == 0 { words[w] = vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }
            let correct = rng.unit() < solve
            let undecided = !problem.code && rng.next() % 150 == 0
            let text: String
            let grade: GradeRecord
            if problem.code {
                let total = 20
                let passed = correct ? total : Int(rng.next() % UInt64(total))
                let verdict = correct ? "accepted" : codeVerdicts[Int(rng.next() % UInt64(codeVerdicts.count))]
                text = "```python\n" + words.joined(separator: " ") + "\n```"
                grade = GradeRecord(grader: "code", graderVersion: "1", correct: correct, reward: correct ? 1 : 0,
                                    verdict: verdict, detailsJSON: #"{"tests_passed":\#(passed),"tests_total":\#(total)}"#)
            } else {
                let answer = correct ? "\(p)" : "\(p + 1 + Int(rng.next() % 3))"
                text = words.joined(separator: " ") + " so the answer is \\boxed{\(answer)}"
                grade = GradeRecord(grader: "math", graderVersion: "1", correct: undecided ? nil : correct,
                                    reward: correct && !undecided ? 1 : -1,
                                    verdict: undecided ? "undecided" : (correct ? "correct" : "wrong"),
                                    detailsJSON: #"{"answer":"\#(answer)","undecided":\#(undecided)}"#)
            }
            batch.append((SampleRecord(problemID: problem.id, index: s, response: text), grade))
        }
        if batch.count >= 5000 {
            try store.writeSamples(run: run, batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    try store.writeSamples(run: run, batch)
}

for r in 0..<runCount {
    let m = methods[r % methods.count]
    let name = r < methods.count ? m.name : "\(m.name)-seed\(r / methods.count + 1)"
    let training = r == 0 ? "flowrl-train" : nil
    try writeRun(name: name, method: m.method, skill: m.skill + Double(r / methods.count) * 0.01,
                 strategies: m.strategies, samples: samplesPerProblem, training: training)
    FileHandle.standardError.write(Data("report-fixture: run \(name): \(problems.count) × \(samplesPerProblem)\n".utf8))
}
if options["greedy"] != "no" {
    try writeRun(name: "base-7b-greedy", method: "base", skill: 0.42, strategies: 1, samples: 1, training: nil)
}

// The training run behind the first run: FlowRL's logged quantities over 200 steps.
let trainingRun = try store.openTrainingRun(name: "flowrl-train", task: "math", method: "flowrl",
                                            configJSON: #"{"beta":15,"lr":1e-6,"prompts_per_step":512,"responses":8,"clip":"paper"}"#,
                                            command: "flowrl train --method flowrl --task math --steps 200")
var steps: [TrainingStep] = []
for step in 1...200 {
    let t = Double(step) / 200
    let noise = { (scale: Double) in (rng.unit() - 0.5) * scale }
    let metrics = [
        "reward": -0.4 + 0.9 * (1 - exp(-3 * t)) + noise(0.08), "accuracy": 0.3 + 0.45 * (1 - exp(-3 * t)) + noise(0.04),
        "entropy": 0.9 - 0.35 * t + noise(0.03), "log_z": 2.5 * exp(-2 * t) + 0.4 + noise(0.05),
        "ref_kl": 0.002 + 0.03 * t + noise(0.002), "importance_weight": 1 + noise(0.04), "loss": 3 * exp(-4 * t) + noise(0.1),
    ]
    let text = "{" + metrics.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    steps.append(TrainingStep(step: step, metricsJSON: text))
}
try store.recordTrainingSteps(trainingRun, steps)
try store.finishTrainingRun(trainingRun)
print(storePath)
