// Accuracy on real data in ../shared/benchmarks: the 800 labelled Qwen2.5-Math responses (labels corrected by
// adjudications.json) and every MATH-500 / AIME / AMC gold graded against itself and against its reference solution.
import Foundation
import Testing
import TestSupport
@testable import MathGrader

/// Lines of a JSONL file as dictionaries.
func jsonLines(_ url: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return try text.split(separator: "\n").map {
        guard let obj = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return obj
    }
}

/// A gold as benchmarks store it (string, int or float) spelled as a string.
func goldString(_ v: Any?) -> String {
    switch v {
    case let s as String: return s
    case let n as NSNumber: return n.stringValue
    default: return ""
    }
}

@Suite struct RealDataTests {
    let grader = MathGrader(mode: .eval)

    @Test func labelledResponsesAgreeWithAdjudicatedLabels() throws {
        guard let flat = SharedData.file("benchmarks/outputs/qwen25math_math_cot_100.flat.jsonl"),
              let adj = SharedData.file("benchmarks/outputs/adjudications.json") else {
            print(SharedData.skipMessage); return
        }
        let rows = try jsonLines(flat)
        let overrides = try JSONSerialization.jsonObject(with: Data(contentsOf: adj)) as? [String: [String: Any]] ?? [:]
        var agree = 0, undecided = 0, verdictOnlyMismatches = 0
        var disagreements: [String] = []
        let verdictOnly = MathGrader(mode: .eval, normalizesAnswers: false)
        for row in rows {
            let id = row["idx"] as? String ?? ""
            var label = row["label"] as? Bool ?? false
            if let o = overrides[id], let l = o["label"] as? Bool { label = l }
            let g = grader.grade(response: row["response"] as? String ?? "", reference: goldString(row["gold"]))
            if g.verdict == .undecided { undecided += 1 }
            let v = verdictOnly.grade(response: row["response"] as? String ?? "", reference: goldString(row["gold"]))
            if v.verdict != g.verdict || v.extracted != g.extracted || v.normalizedAnswer != nil { verdictOnlyMismatches += 1 }
            if g.isCorrect == label { agree += 1 } else {
                disagreements.append("\(id) label=\(label) gold=\(goldString(row["gold"])) got=\(g.extracted ?? "nil") \(g.verdict) \(g.reason ?? "")")
            }
        }
        for d in disagreements { print("DISAGREE", d) }
        print("labelled responses: \(agree)/\(rows.count) agree, \(undecided) undecided")
        #expect(rows.count == 800)
        #expect(agree >= 799)
        #expect(verdictOnlyMismatches == 0, "grading without normalised answers must give the same verdicts")
    }

    @Test func math500GoldsGradeEqualToThemselvesAndTheirSolutions() throws {
        guard let url = SharedData.file("benchmarks/math/math500_test.jsonl") else { print(SharedData.skipMessage); return }
        let rows = try jsonLines(url)
        var selfOK = 0, solutionOK = 0
        for row in rows {
            let gold = goldString(row["answer"])
            if grader.gradeAnswer(gold, reference: gold).isCorrect { selfOK += 1 } else { print("SELF", gold) }
            let g = grader.grade(response: row["solution"] as? String ?? "", reference: gold)
            if g.isCorrect { solutionOK += 1 } else { print("SOLUTION", gold, "|", g.extracted ?? "nil", g.verdict, g.reason ?? "") }
        }
        print("MATH-500: self \(selfOK)/500, solutions \(solutionOK)/500")
        #expect(selfOK == 500)
        #expect(solutionOK == 500)
    }

    @Test func competitionGoldsGradeEqualToBoxedAndRespelledForms() throws {
        let files = ["aime24_qwen25math.jsonl", "aime24_qwq.jsonl", "aime25_matharena.jsonl", "aime25_qwq.jsonl", "amc23_qwen25math.jsonl"]
        var checked = 0
        for f in files {
            guard let url = SharedData.file("benchmarks/math/" + f) else { print(SharedData.skipMessage); return }
            for row in try jsonLines(url) {
                let gold = goldString(row["answer"])
                #expect(grader.gradeAnswer(gold, reference: gold).isCorrect, "\(f): \(gold) vs itself")
                // AIME "025" ≡ 25; AMC 27.0 ≡ 27: the integer a model would box.
                guard let value = Double(gold) else { continue }
                let integer = String(Int(value))
                #expect(grader.grade(response: "So the answer is $\\boxed{\(integer)}$.", reference: gold).isCorrect, "\(f): \(gold) vs \(integer)")
                #expect(!grader.grade(response: "\\boxed{\(Int(value) + 1)}", reference: gold).isCorrect, "\(f): \(gold) vs off by one")
                checked += 1
            }
        }
        #expect(checked == 160)
    }
}
