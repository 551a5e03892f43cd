// Benchmark driver for MathGrader (scripts/bench-math.sh): reads JSONL lines {"id", "gold", "response"}, grades them
// single-threaded in-process and writes {"id", "correct", "undecided", "extracted", "reason"}, then prints on stderr
// one JSON line: count, seconds per pass (the median of the timed passes, excluding I/O), latency percentiles over
// every timed call, and p99 over responses shorter than 4000 characters.
// Usage: driver IN.jsonl OUT.jsonl [eval|reward] [PASSES] [normalize]   (PASSES ≥ 2: the first pass is a warm-up, not timed)
import Foundation
import MathGrader

let args = CommandLine.arguments
guard args.count >= 3 else { FileHandle.standardError.write("usage: driver IN.jsonl OUT.jsonl [eval|reward] [PASSES]\n".data(using: .utf8)!); exit(2) }
let mode = MathGradingMode(rawValue: args.count > 3 ? args[3] : "eval") ?? .eval
let passes = max(1, args.count > 4 ? Int(args[4]) ?? 1 : 1)
// Verdicts only, as `flowrl grade math` grades; "normalize" as the 5th argument also renders each answer's canonical
// form, as store-backed grading (`flowrl grade --run`) does for maj@k.
let normalizes = args.count > 5 && args[5] == "normalize"
let grader = MathGrader(mode: mode, normalizesAnswers: normalizes)
let text = try String(contentsOfFile: args[1], encoding: .utf8)
var cases: [(Any, String, String)] = []
for (n, line) in text.split(separator: "\n").enumerated() {
    guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        FileHandle.standardError.write("\(args[1]):\(n + 1): not a JSON object\n".data(using: .utf8)!); exit(1)
    }
    let gold: String
    switch obj["gold"] {
    case let s as String: gold = s
    case let x as NSNumber: gold = x.stringValue
    default: gold = ""
    }
    cases.append((obj["id"] ?? NSNull(), gold, obj["response"] as? String ?? ""))
}
let short = cases.map { $0.2.utf8.count < 4000 }
var grades: [MathGrade] = []
var latencies: [Double] = [], shortLatencies: [Double] = []
var passSeconds: [Double] = []
for pass in 0..<passes {
    let timed = passes == 1 || pass > 0
    grades.removeAll(keepingCapacity: true)
    let start = DispatchTime.now().uptimeNanoseconds
    for (k, c) in cases.enumerated() {
        let t0 = DispatchTime.now().uptimeNanoseconds
        grades.append(grader.grade(response: c.2, reference: c.1))
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        if timed { latencies.append(ms); if short[k] { shortLatencies.append(ms) } }
    }
    if timed { passSeconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
}
var out = ""
for (c, g) in zip(cases, grades) {
    let obj: [String: Any] = ["id": c.0, "correct": g.isCorrect, "undecided": g.verdict == .undecided,
                              "extracted": g.extracted ?? NSNull(), "reason": g.reason ?? ""]
    out += String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self) + "\n"
}
try out.write(toFile: args[2], atomically: true, encoding: .utf8)
func pct(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s[min(s.count - 1, Int(Double(s.count) * p))]
}
let seconds = passSeconds.sorted()[passSeconds.count / 2]
let p99Short = shortLatencies.isEmpty ? "null" : "\(pct(shortLatencies, 0.99))"
FileHandle.standardError.write("{\"count\": \(cases.count), \"passes\": \(passSeconds.count), \"seconds\": \(seconds), \"p50_ms\": \(pct(latencies, 0.5)), \"p99_ms\": \(pct(latencies, 0.99)), \"p99_under4k_ms\": \(p99Short), \"max_ms\": \(latencies.max() ?? 0)}\n".data(using: .utf8)!)
