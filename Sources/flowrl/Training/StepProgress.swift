// The live progress line of a training run on stderr: step, reward, accuracy, step time, ETA. Redrawn in place
// on a terminal; a plain line every 5 s otherwise.
import FlowRL
import FlowRLCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class StepProgress {
    private let label: String
    private let total: Int
    private let quiet: Bool
    private let live = isatty(2) != 0
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var firstStep: Int?
    private var drew = false

    init(label: String, total: Int, quiet: Bool) {
        self.label = label
        self.total = total
        self.quiet = quiet
    }

    func update(step: Int, metrics: StepMetrics) {
        guard !quiet else { return }
        if firstStep == nil { firstStep = step - 1 }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= (live ? 0.1 : 5) || step == total else { return }
        lastDraw = now
        let done = step - (firstStep ?? 0)
        let elapsed = now.timeIntervalSince(started)
        let eta = done > 0 ? elapsed / Double(done) * Double(total - step) : 0
        let line = "\(label): step \(step)/\(total)  reward \(String(format: "%.3f", metrics.rewardMean))  "
            + "acc \(String(format: "%.3f", metrics.accuracy))  loss \(String(format: "%.4f", metrics.loss))  "
            + "\(String(format: "%.2f", elapsed / Double(Swift.max(done, 1)))) s/step  ETA \(Progress.formatDuration(eta))"
        if live {
            let text = "\r\u{1B}[2K" + line
            _ = text.withCString { write(2, $0, strlen($0)) }
            drew = true
        } else {
            Console.error(line)
        }
    }

    func finish() {
        if drew && !quiet { Console.error("") }
    }
}
