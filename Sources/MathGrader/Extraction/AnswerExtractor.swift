// Finds the final answer in a response in one forward pass over its UTF-8 bytes: boxes (nested braces, \boxed 5,
// \fbox), math environments, final-answer phrases and markdown bold are recorded as they are met, then one rule
// picks the answer. No regular expressions, so time is linear in the response length.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an answer was found.
enum AnswerSource: String, Sendable { case box, phrase, bold, math, number }

/// The extracted answer text and where it came from.
struct ExtractedAnswer: Sendable, Equatable {
    let text: String
    let source: AnswerSource
}

/// Why no answer could be extracted.
enum ExtractionFailure: Error, Equatable, Sendable {
    case unfinishedThinking
    case nothingFound
}

enum AnswerExtractor {
    private static let phrases: [[UInt8]] = ["final answer", "answer is", "answer:", "answer :", "answer="].map { Array($0.utf8) }

    /// The answer in `response` under `mode`'s rules.
    static func extract(_ response: String, mode: MathGradingMode) -> Result<ExtractedAnswer, ExtractionFailure> {
        var bytes = Array(response.utf8)
        // Only what follows the last </think> counts; an opened but unfinished think block has no answer.
        switch thinkState(bytes) {
        case .closed(let close): bytes = Array(bytes[(close + 8)...])
        case .unfinished: return .failure(.unfinishedThinking)
        case .none: break
        }
        // Boxes outrank every other source, and finding them needs only the backslashes: when the final boxes give
        // an answer, the full scan (phrases, bold, math spans) is skipped.
        let boxesOnly = Scan(boxesOf: bytes)
        if let boxed = boxesOnly.finalBoxes() {
            return .success(ExtractedAnswer(text: boxed, source: .box))
        }
        let scan = Scan(bytes)
        if let p = scan.lastPhrase, let t = scan.phraseAnswer(p.end) {
            return .success(ExtractedAnswer(text: t, source: .phrase))
        }
        guard mode == .eval else { return .failure(.nothingFound) }
        if let b = scan.bold.last, b.upperBound - b.lowerBound <= 200 {
            let t = clean(scan.string(b))
            if !t.isEmpty { return .success(ExtractedAnswer(text: t, source: .bold)) }
        }
        if let m = scan.math.last {
            let t = clean(scan.string(m))
            if !t.isEmpty { return .success(ExtractedAnswer(text: t, source: .math)) }
        }
        if let n = scan.lastNumber() { return .success(ExtractedAnswer(text: n, source: .number)) }
        return .failure(.nothingFound)
    }

    enum ThinkState: Equatable { case none, unfinished, closed(Int) }

    /// Where the last `</think>` starts, or whether only `<think>` occurs. `memchr` hops between the "<" bytes, which
    /// math text rarely contains, so this costs a fraction of a nanosecond per byte.
    static func thinkState(_ bytes: [UInt8]) -> ThinkState {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return .none }
            var sawOpen = false
            var lastClose: Int?
            var i = 0
            while i < p.count, let hit = memchr(base + i, 60 /* < */, p.count - i) {
                let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if matches(p, at + 1, "/think>") { lastClose = at } else if matches(p, at + 1, "think>") { sawOpen = true }
                i = at + 1
            }
            if let c = lastClose { return .closed(c) }
            return sawOpen ? .unfinished : .none
        }
    }

    private static func matches(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i >= 0, i + n <= p.count else { return false }
        let q = s.utf8Start
        for k in 0..<n where p[i + k] != q[k] { return false }
        return true
    }

    /// Trims spaces, trailing sentence punctuation and stray dollar signs from an extracted answer.
    static func clean(_ s: String) -> String {
        var t = Substring(s)
        func trim() {
            while let f = t.first, f == " " || f == "\n" || f == "\t" || f == "$" || f == ":" { t = t.dropFirst() }
            while let l = t.last, l == " " || l == "\n" || l == "\t" || l == "." || l == "$" || l == "," || l == ";" { t = t.dropLast() }
        }
        trim()
        // \boxed inside a phrase or a math span: keep the box content.
        if t.hasPrefix("\\boxed") || t.hasPrefix("\\fbox") {
            let inner = Scan(Array(t.utf8))
            if let b = inner.finalBoxes() { t = Substring(b) }
        }
        trim()
        while t.hasSuffix("\\") { t = t.dropLast(); trim() }
        return String(t)
    }

    /// Everything the pass records.
    struct Scan {
        let bytes: [UInt8]
        var boxes: [(start: Int, end: Int, content: Range<Int>)] = []
        var math: [Range<Int>] = []
        var bold: [Range<Int>] = []
        var lastPhrase: (start: Int, end: Int)?

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            run()
        }

        /// Records the boxes only: the same boxes the full scan records, since only a backslash consumes the byte
        /// after it (so escape pairs align the same way) and a recorded box is stepped over whole in both. `memchr`
        /// hops between backslashes, skipping the text between them at memory speed.
        init(boxesOf bytes: [UInt8]) {
            self.bytes = bytes
            var boxes = self.boxes
            var braces = BraceMatcher()
            bytes.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                let n = p.count
                var i = 0
                while i < n - 1, let hit = memchr(base + i, 92 /* \ */, n - 1 - i) {
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if let (content, end) = Self.box(at: at, p, &braces) {
                        boxes.append((at, end, content)); i = end; continue
                    }
                    i = at + 2
                }
            }
            self.boxes = boxes
        }

        func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

        /// Byte classes for the scan: 0 for bytes that never start anything (most of the text).
        private static let byteClass: [UInt8] = {
            var t = [UInt8](repeating: 0, count: 256)
            t[92] = 1; t[36] = 2; t[42] = 3; t[10] = 4
            t[Int(UInt8(ascii: "w"))] = 5; t[Int(UInt8(ascii: "W"))] = 5   // the rare letter of "answer"
            return t
        }()

        private mutating func run() {
            let n = bytes.count
            var boxes = self.boxes, math = self.math, bold = self.bold, lastPhrase = self.lastPhrase
            var braces = BraceMatcher()
            bytes.withUnsafeBufferPointer { p in
                Self.byteClass.withUnsafeBufferPointer { cls in
                    var i = 0
                    var mathOpen: (kind: UInt8, start: Int)? = nil   // kind: 1 "$", 2 "$$", 3 "\(", 4 "\["
                    var boldOpen: Int? = nil
                    func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
                    func lowerMatches(_ at: Int, _ word: StaticString) -> Bool {
                        let q = word.utf8Start
                        guard at + word.utf8CodeUnitCount <= n else { return false }
                        for k in 0..<word.utf8CodeUnitCount where lower(p[at + k]) != q[k] { return false }
                        return true
                    }
                    var lastEscape = -2      // start of the last backslash pair the scan stepped over
                    while i < n {
                        while i < n, cls[Int(p[i])] == 0 { i += 1 }
                        guard i < n else { break }
                        let kind = cls[Int(p[i])]
                        if kind == 1 /* \ */, i + 1 < n {
                            if let (content, end) = Self.box(at: i, p, &braces) {
                                boxes.append((i, end, content)); i = end; continue
                            }
                            let c = p[i + 1]
                            if c == 40 /* ( */ || c == 91 /* [ */ {
                                if mathOpen == nil { mathOpen = (c == 40 ? 3 : 4, i + 2) }
                            } else if c == 41 /* ) */ || c == 93 /* ] */ {
                                if let m = mathOpen, m.kind == (c == 41 ? 3 : 4) { math.append(m.start..<i); mathOpen = nil }
                            }
                            lastEscape = i
                            i += 2; continue   // \$ and other escapes
                        }
                        if kind == 2 /* $ */ {
                            let double = i + 1 < n && p[i + 1] == 36
                            let k: UInt8 = double ? 2 : 1
                            if let m = mathOpen {
                                if m.kind == k { math.append(m.start..<i); mathOpen = nil }
                            } else {
                                mathOpen = (k, i + (double ? 2 : 1))
                            }
                            i += double ? 2 : 1; continue
                        }
                        if kind == 3 /* * */, i + 1 < n, p[i + 1] == 42 {
                            if let s = boldOpen { bold.append(s..<i); boldOpen = nil } else { boldOpen = i + 2 }
                            i += 2; continue
                        }
                        if kind == 4 { boldOpen = nil }
                        if kind == 5 {
                            // At the "w" of "answer": the phrase that starts latest wins ("answer is" inside "final
                            // answer is"), and a start the scan stepped over (an escape's second byte, a box) is none.
                            let s = i - 3
                            if s >= 0, lowerMatches(s, "answer") {
                                func starts(_ at: Int, _ ph: [UInt8]) -> Bool {
                                    guard at >= 0, at + ph.count <= n, lastEscape != at - 1, boxes.last.map({ $0.end <= at }) ?? true else { return false }
                                    var k = 0
                                    while k < ph.count, lower(p[at + k]) == ph[k] { k += 1 }
                                    return k == ph.count
                                }
                                if let ph = AnswerExtractor.phrases.dropFirst().first(where: { starts(s, $0) }) {
                                    lastPhrase = (s, s + ph.count)
                                } else if starts(s - 6, AnswerExtractor.phrases[0]) {
                                    lastPhrase = (s - 6, s + 6)
                                }
                            }
                        }
                        i += 1
                    }
                }
            }
            self.boxes = boxes; self.math = math; self.bold = bold; self.lastPhrase = lastPhrase
        }

        /// The box whose backslash is at `i` (\boxed or \fbox with a content), as its content and end; nil for none.
        /// Both passes record boxes through this.
        private static func box(at i: Int, _ p: UnsafeBufferPointer<UInt8>, _ braces: inout BraceMatcher) -> (Range<Int>, Int)? {
            guard startsBox(p, i) else { return nil }
            return boxContent(p, i + (p[i + 1] == 98 ? 6 : 5), &braces)
        }

        private static func startsBox(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
            let c = p[i + 1]
            guard c == 98 /* b */ || c == 102 /* f */ else { return false }
            return AnswerExtractor.matches(p, i, "\\boxed") || AnswerExtractor.matches(p, i, "\\fbox")
        }

        /// The matching closing brace of every "{" from the first box on, found in one pass on first use (the same
        /// escape rule as the scan: a backslash takes the next byte with it), so unclosed boxes cost nothing extra.
        /// Braces before the first box cannot change a later match, and the pass starts on a pair boundary.
        struct BraceMatcher {
            private var origin = -1
            private var closeAt: [Int32] = []

            mutating func close(of open: Int, in p: UnsafeBufferPointer<UInt8>) -> Int? {
                if origin < 0 {
                    origin = open
                    closeAt = [Int32](repeating: -1, count: p.count - open)
                    var stack: [Int32] = []
                    var m = open
                    while m < p.count {
                        let c = p[m]
                        if c == 92 { m += 2; continue }
                        if c == 123 { stack.append(Int32(m - open)) }
                        else if c == 125, let o = stack.popLast() { closeAt[Int(o)] = Int32(m) }
                        m += 1
                    }
                }
                let c = closeAt[open - origin]
                return c < 0 ? nil : Int(c)
            }
        }

        /// Content of a box whose name ends at j: `{…}` with nesting, or one token (\boxed 5).
        private static func boxContent(_ p: UnsafeBufferPointer<UInt8>, _ j: Int, _ braces: inout BraceMatcher) -> (Range<Int>, Int)? {
            var k = j
            while k < p.count, p[k] == 32 { k += 1 }
            guard k < p.count else { return nil }
            if p[k] == 123 /* { */ {
                // Escape pairs are aligned the same way as in the scan only when the box starts on a pair boundary,
                // which holds because the scan steps over every backslash pair.
                guard let m = braces.close(of: k, in: p) else { return nil }
                return ((k + 1)..<m, m + 1)
            }
            guard k > j else { return nil }
            var m = k
            while m < p.count, p[m] != 32, p[m] != 36, p[m] != 10, p[m] != 44 { m += 1 }
            while m > k, p[m - 1] == 46 { m -= 1 }
            return m > k ? (k..<m, m) : nil
        }

        /// The last box, joined with the boxes right before it when only separators lie between them
        /// (\boxed{2}, \boxed{3} or \boxed{2} and \boxed{3}); a box followed by prose and another box is retracted.
        func finalBoxes() -> String? {
            guard let last = boxes.last else { return nil }
            var parts = [AnswerExtractor.clean(string(last.content))]
            var idx = boxes.count - 1
            while idx > 0 {
                let prev = boxes[idx - 1]
                if !isSeparator(prev.end..<boxes[idx].start) { break }
                parts.insert(AnswerExtractor.clean(string(prev.content)), at: 0)
                idx -= 1
            }
            let joined = parts.filter { !$0.isEmpty }.joined(separator: ", ")
            return joined.isEmpty ? nil : joined
        }

        private func isSeparator(_ r: Range<Int>) -> Bool {
            guard r.count <= 40 else { return false }
            var text = string(r).lowercased()
            for w in ["\\text{and}", "\\text{ and }", "\\text{or}", "\\text{ or }", "\\quad", "\\qquad", "\\\\", "and", "or", "\\,", "\\;", "\\(", "\\)", "\\[", "\\]"] {
                text = text.replacingAll(w, with: "")
            }
            return text.allSatisfy { " ,;$&\n".contains($0) }
        }

        /// The answer after a phrase ending at `end`: the first math span on that line, else the line's text.
        func phraseAnswer(_ end: Int) -> String? {
            var s = end
            // Skip "is", ":", spaces, "**".
            while s < bytes.count, bytes[s] == 32 || bytes[s] == 58 || bytes[s] == 42 { s += 1 }
            if s + 2 <= bytes.count, bytes[s] == 105, bytes[s + 1] == 115 { s += 2 }   // "is"
            while s < bytes.count, bytes[s] == 32 || bytes[s] == 58 || bytes[s] == 42 { s += 1 }
            var e = s
            // The answer runs to the end of the line, or over a display block that starts right here.
            var nl = 0
            while e < bytes.count, e - s < 400 {
                if bytes[e] == 10 { if e == s + nl { nl += 1; e += 1; s += 0; continue }; break }
                e += 1
            }
            let segment = Scan(Array(bytes[s..<e]))
            if let b = segment.finalBoxes() { return b }
            if let m = segment.math.first {
                let t = AnswerExtractor.clean(segment.string(m))
                return t.isEmpty ? nil : t
            }
            var t = AnswerExtractor.clean(string(s..<e).replacingAll("**", with: ""))
            // A sentence after the answer ("5. I hope it is correct."): keep the first sentence.
            if let dot = t.firstSentenceEnd() { t = String(t[..<dot]) }
            t = AnswerExtractor.clean(t)
            return t.isEmpty ? nil : t
        }

        /// The last number in the text (evaluation mode's last resort).
        func lastNumber() -> String? {
            var i = bytes.count - 1
            func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
            while i >= 0, !isDigit(bytes[i]) { i -= 1 }
            guard i >= 0 else { return nil }
            let end = i + 1
            while i >= 0, isDigit(bytes[i]) || bytes[i] == 46 || (bytes[i] == 44 && i > 0 && isDigit(bytes[i - 1])) || bytes[i] == 47 { i -= 1 }
            if i >= 0, bytes[i] == 45 { i -= 1 }
            var t = string((i + 1)..<end)
            while t.hasPrefix(".") { t.removeFirst() }
            return t.isEmpty ? nil : t
        }
    }
}

extension String {
    /// The index of ". " followed by an uppercase letter (end of the first sentence), if any.
    func firstSentenceEnd() -> String.Index? {
        var i = startIndex
        while i < endIndex {
            if self[i] == "." {
                let j = index(after: i)
                if j < endIndex, self[j] == " " {
                    let k = index(after: j)
                    if k < endIndex, self[k].isUppercase { return i }
                }
            }
            i = index(after: i)
        }
        return nil
    }
}
