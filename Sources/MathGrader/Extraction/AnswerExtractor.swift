// Finds the final answer in a response in one forward pass over its UTF-8 bytes: boxes (nested braces, \boxed 5,
// \fbox), math environments, final-answer phrases and markdown bold are recorded as they are met, then one rule
// picks the answer. No regular expressions, so time is linear in the response length.

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
        if let close = lastIndex(of: Array("</think>".utf8), in: bytes) {
            bytes = Array(bytes[(close + 8)...])
        } else if lastIndex(of: Array("<think>".utf8), in: bytes) != nil {
            return .failure(.unfinishedThinking)
        }
        let scan = Scan(bytes)
        if let boxed = scan.finalBoxes() {
            return .success(ExtractedAnswer(text: boxed, source: .box))
        }
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

    static func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count, let first = needle.first else { return nil }
        var i = hay.count - needle.count
        while i >= 0 {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i -= 1
        }
        return nil
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

        func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

        private func starts(_ i: Int, _ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            let p = s.utf8Start
            for k in 0..<n where bytes[i + k] != p[k] { return false }
            return true
        }

        private func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

        private mutating func run() {
            var i = 0
            let n = bytes.count
            var mathOpen: (kind: UInt8, start: Int)? = nil   // kind: 1 "$", 2 "$$", 3 "\(", 4 "\["
            var boldOpen: Int? = nil
            while i < n {
                let b = bytes[i]
                if b == 92 /* \ */ {
                    if starts(i, "\\boxed") || starts(i, "\\fbox") {
                        let nameEnd = i + (bytes[i + 1] == 98 ? 6 : 5)
                        if let (content, end) = boxContent(nameEnd) { boxes.append((i, end, content)); i = end; continue }
                    }
                    if i + 1 < n {
                        let c = bytes[i + 1]
                        if c == 40 /* ( */ || c == 91 /* [ */ {
                            if mathOpen == nil { mathOpen = (c == 40 ? 3 : 4, i + 2) }
                            i += 2; continue
                        }
                        if c == 41 /* ) */ || c == 93 /* ] */ {
                            if let m = mathOpen, m.kind == (c == 41 ? 3 : 4) { math.append(m.start..<i); mathOpen = nil }
                            i += 2; continue
                        }
                        i += 2; continue   // \$ and other escapes
                    }
                }
                if b == 36 /* $ */ {
                    let double = i + 1 < n && bytes[i + 1] == 36
                    let kind: UInt8 = double ? 2 : 1
                    if let m = mathOpen {
                        if m.kind == kind { math.append(m.start..<i); mathOpen = nil }
                    } else {
                        mathOpen = (kind, i + (double ? 2 : 1))
                    }
                    i += double ? 2 : 1; continue
                }
                if b == 42 /* * */, i + 1 < n, bytes[i + 1] == 42 {
                    if let s = boldOpen { bold.append(s..<i); boldOpen = nil } else { boldOpen = i + 2 }
                    i += 2; continue
                }
                if b == 10 { boldOpen = nil }
                let l = lower(b)
                if l == 102 /* f */ || l == 97 /* a */ {
                    for p in AnswerExtractor.phrases where i + p.count <= n {
                        var k = 0
                        while k < p.count, lower(bytes[i + k]) == p[k] { k += 1 }
                        if k == p.count { lastPhrase = (i, i + p.count); break }
                    }
                }
                i += 1
            }
        }

        /// Content of a box whose name ends at j: `{…}` with nesting, or one token (\boxed 5).
        private func boxContent(_ j: Int) -> (Range<Int>, Int)? {
            var k = j
            while k < bytes.count, bytes[k] == 32 { k += 1 }
            guard k < bytes.count else { return nil }
            if bytes[k] == 123 /* { */ {
                var level = 0
                var m = k
                while m < bytes.count {
                    let c = bytes[m]
                    if c == 92 { m += 2; continue }
                    if c == 123 { level += 1 }
                    else if c == 125 { level -= 1; if level == 0 { return ((k + 1)..<m, m + 1) } }
                    m += 1
                }
                return nil
            }
            guard k > j else { return nil }
            var m = k
            while m < bytes.count, bytes[m] != 32, bytes[m] != 36, bytes[m] != 10, bytes[m] != 44 { m += 1 }
            while m > k, bytes[m - 1] == 46 { m -= 1 }
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
