// Benchmark driver for MathGrader (used by scripts/bench-math.sh when `flowrl grade math` is not available):
// reads JSONL lines {"id", "gold", "response"} and writes {"id", "correct", "undecided", "extracted", "reason"},
// single-threaded, then prints on stderr: count, grading seconds (excluding I/O) and latency percentiles.
import Foundation
import MathGrader

let args = CommandLine.arguments
guard args.count >= 3 else { FileHandle.standardError.write("usage: driver IN.jsonl OUT.jsonl [eval|reward]\n".data(using: .utf8)!); exit(2) }
let mode = MathGradingMode(rawValue: args.count > 3 ? args[3] : "eval") ?? .eval
let grader = MathGrader(mode: mode)
let text = try String(contentsOfFile: args[1], encoding: .utf8)
var cases: [(Any, String, String)] = []
for (n, line) in text.split(separator: "\n").enumerated() {
    guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        FileHandle.standardError.write("line \(n + 1): not a JSON object\n".data(using: .utf8)!); exit(1)
    }
    let gold: String
    switch obj["gold"] {
    case let s as String: gold = s
    case let x as NSNumber: gold = x.stringValue
    default: gold = ""
    }
    cases.append((obj["id"] ?? NSNull(), gold, obj["response"] as? String ?? ""))
}
var grades: [MathGrade] = []
var latencies: [Double] = []
grades.reserveCapacity(cases.count)
let start = DispatchTime.now().uptimeNanoseconds
for c in cases {
    let t0 = DispatchTime.now().uptimeNanoseconds
    grades.append(grader.grade(response: c.2, reference: c.1))
    latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
var out = ""
for (c, g) in zip(cases, grades) {
    let obj: [String: Any] = ["id": c.0, "correct": g.isCorrect, "undecided": g.verdict == .undecided,
                              "extracted": g.extracted ?? NSNull(), "reason": g.reason ?? ""]
    out += String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self) + "\n"
}
try out.write(toFile: args[2], atomically: true, encoding: .utf8)
latencies.sort()
func pct(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
FileHandle.standardError.write("{\"count\": \(cases.count), \"seconds\": \(seconds), \"p50_ms\": \(pct(0.5)), \"p99_ms\": \(pct(0.99)), \"max_ms\": \(latencies.last ?? 0)}\n".data(using: .utf8)!)
