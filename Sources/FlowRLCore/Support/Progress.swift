// Progress on stderr for long work: a live bar on a terminal, a plain line every few seconds otherwise.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Reports progress of a long job on stderr (count, bytes, rate, ETA).
///
///     let progress = Progress(label: "ingest", total: fileSize, unit: .bytes)
///     progress.advance(items: 1, bytes: lineLength)
///     progress.finish()
public final class Progress: Sendable {
    /// What `total` counts, and so what the rate and ETA are computed from.
    public enum Unit: Sendable { case items, bytes }

    private struct State {
        var items = 0
        var bytes = 0
        var lastDraw = 0.0
        var drewLive = false
        var finished = false
    }

    private let label: String
    private let total: Int?
    private let unit: Unit
    private let quiet: Bool
    private let live: Bool
    private let interval: Double
    private let start: Double
    private let state = Mutex(State())

    /// - Parameters:
    ///   - total: the expected final count in `unit`, when known (enables ETA and percent).
    ///   - quiet: report nothing.
    public init(label: String, total: Int? = nil, unit: Unit = .items, quiet: Bool = false) {
        self.label = label
        self.total = total
        self.unit = unit
        self.quiet = quiet
        self.live = isatty(2) != 0
        self.interval = live ? 0.1 : 5
        self.start = Progress.now()
        state.withLock { $0.lastDraw = start }
    }

    /// Records work done and redraws when due.
    public func advance(items: Int = 1, bytes: Int = 0) {
        guard !quiet else { return }
        let line: String? = state.withLock { s in
            s.items += items
            s.bytes += bytes
            let t = Progress.now()
            guard t - s.lastDraw >= interval else { return nil }
            s.lastDraw = t
            if live { s.drewLive = true }
            return render(s, at: t)
        }
        if let line { emit(line, final: false) }
    }

    /// Prints the final figures (and ends the live line).
    public func finish() {
        guard !quiet else { return }
        let line: String? = state.withLock { s in
            guard !s.finished else { return nil }
            s.finished = true
            guard s.drewLive || Progress.now() - start >= 1 else { return nil }
            return render(s, at: Progress.now())
        }
        if let line { emit(line, final: true) }
    }

    private func render(_ s: State, at t: Double) -> String {
        let elapsed = max(t - start, 1e-9)
        var parts = ["\(label): \(s.items) rows"]
        if s.bytes > 0 || unit == .bytes { parts.append(Progress.formatBytes(s.bytes)) }
        let done = unit == .bytes ? s.bytes : s.items
        let rate = Double(done) / elapsed
        parts.append(unit == .bytes ? "\(Progress.formatBytes(Int(rate)))/s" : String(format1(rate)) + " rows/s")
        if let total, total > 0 {
            let fraction = min(Double(done) / Double(total), 1)
            parts.append("\(Int(fraction * 100))%")
            if rate > 0, done < total { parts.append("ETA \(Progress.formatDuration(Double(total - done) / rate))") }
        }
        parts.append("elapsed \(Progress.formatDuration(elapsed))")
        return parts.joined(separator: ", ")
    }

    private func format1(_ x: Double) -> String {
        x >= 100 ? String(Int(x.rounded())) : String((x * 10).rounded() / 10)
    }

    private func emit(_ line: String, final: Bool) {
        let text: String
        if live {
            text = "\r\u{1B}[2K" + line + (final ? "\n" : "")
        } else {
            text = line + "\n"
        }
        _ = text.withCString { write(2, $0, strlen($0)) }
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// `1.5 MB`-style sizes (decimal units).
    public static func formatBytes(_ n: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(n)
        var u = 0
        while value >= 1000, u < units.count - 1 {
            value /= 1000
            u += 1
        }
        return u == 0 ? "\(n) B" : String((value * 10).rounded() / 10) + " " + units[u]
    }

    /// `1m05s`-style durations.
    public static func formatDuration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + (s % 60 < 10 ? "0" : "") + "\(s % 60)s" }
        return "\(s / 3600)h" + (s % 3600 / 60 < 10 ? "0" : "") + "\(s % 3600 / 60)m"
    }
}
