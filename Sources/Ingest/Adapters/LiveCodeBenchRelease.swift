// LiveCodeBench releases: release_v1 is test.jsonl; each later release adds one file (v2 = test2.jsonl, …).

/// Which LiveCodeBench release files to take.
public enum LiveCodeBenchRelease {
    /// The newest release this toolkit knows.
    public static let latest = 6

    /// A release selection from the command line.
    public enum Filter: Sendable, Equatable {
        /// `release_vN`: every file up to and including N's (cumulative).
        case cumulative(Int)
        /// `vN`: only the file release N added.
        case only(Int)

        /// Parses `release_v1`…`release_v6` or `v1`…`v6`.
        public init?(_ text: String) {
            let t = text.lowercased()
            if t.hasPrefix("release_v"), let n = Int(t.dropFirst(9)), (1...LiveCodeBenchRelease.latest).contains(n) {
                self = .cumulative(n)
            } else if t.hasPrefix("v"), let n = Int(t.dropFirst()), (1...LiveCodeBenchRelease.latest).contains(n) {
                self = .only(n)
            } else {
                return nil
            }
        }

        /// Whether rows of release file `n` are selected.
        public func includes(_ n: Int) -> Bool {
            switch self {
            case .cumulative(let last): return n <= last
            case .only(let one): return n == one
            }
        }
    }

    /// The release a file name belongs to: `test.jsonl` -> 1, `test2.jsonl` -> 2, … ; nil for other names.
    public static func release(ofFile name: String) -> Int? {
        let base = InputEntries.baseName(name)
        guard base.hasPrefix("test"), let dot = base.firstIndex(of: ".") else { return nil }
        let digits = base[base.index(base.startIndex, offsetBy: 4)..<dot]
        if digits.isEmpty { return 1 }
        guard let n = Int(digits), (2...latest).contains(n) else { return nil }
        return n
    }
}
