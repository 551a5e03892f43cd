// String-level normalisation, used for text answers (names, words, times of day, choice letters) and as a cheap
// first check. It never rewrites the gold's meaning: it only drops layout (spaces, \text wrappers, \left/\right,
// dollar signs, braces) and case.

enum TextNormalizer {
    /// Layout-free spelling: "\text{4:30 p.m.}" and "4:30 \text{ p.m.}" both give "4:30p.m.".
    static func flatten(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "\\" {
                var j = s.index(after: i)
                while j < s.endIndex, s[j].isLetter { j = s.index(after: j) }
                let name = s[s.index(after: i)..<j]
                if name.isEmpty {
                    // \, \! \; \  \{ \} \$ \%: spacing is dropped, escaped characters kept.
                    if j < s.endIndex {
                        let e = s[j]
                        if e == "{" || e == "}" || e == "%" || e == "$" { out.append(e) }
                        i = s.index(after: j)
                    } else { i = j }
                    continue
                }
                switch name {
                case "text", "textrm", "mathrm", "mbox", "textbf", "mathbf", "textit", "textnormal", "operatorname",
                     "left", "right", "displaystyle", "quad", "qquad", "boxed":
                    break
                case "dfrac", "tfrac": out += "\\frac"
                default: out += "\\" + name
                }
                i = j
                continue
            }
            if c == " " || c == "$" || c == "{" || c == "}" || c == "~" || c == "\n" || c == "\t" {
                i = s.index(after: i); continue
            }
            out += c.lowercased()
            i = s.index(after: i)
        }
        while let last = out.last, last == "." || last == "," { out.removeLast() }
        return out
    }

    /// Whitespace and spacing macros (\left, \right, \!, \,, \;, \:, \displaystyle, "\ ") removed and \dfrac/\tfrac
    /// read as \frac, nothing else: a safe identity check. One pass over the bytes.
    static func compact(_ s: String) -> String {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
        while i < b.count {
            let c = b[i]
            if c == 32 || c == 10 || c == 9 || c == 36 { i += 1; continue }
            if c == 92, i + 1 < b.count {
                let n = b[i + 1]
                if n == 33 || n == 44 || n == 59 || n == 58 || n == 32 { i += 2; continue }
                if isLetter(n) {
                    var j = i + 1
                    while j < b.count, isLetter(b[j]) { j += 1 }
                    switch String(decoding: b[(i + 1)..<j], as: UTF8.self) {
                    case "left", "right", "displaystyle": i = j; continue
                    case "dfrac", "tfrac": out.append(contentsOf: Array("\\frac".utf8)); i = j; continue
                    default: out.append(contentsOf: b[i..<j]); i = j; continue
                    }
                }
            }
            out.append(c)
            i += 1
        }
        while out.last == 46 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The choice letter of a multiple-choice answer: "(B)", "\text{(B)}", "B", "B) 12", "\textbf{(B) }12".
    static func choiceLetter(_ s: String) -> Character? {
        let f = flatten(s).replacingAll("\\textbf", with: "")
        let chars = Array(f)
        if chars.count == 1, let c = chars.first, ("a"..."e").contains(c) { return c }
        if chars.count >= 3, chars[0] == "(", chars[2] == ")", ("a"..."e").contains(chars[1]) { return chars[1] }
        if chars.count >= 2, chars[1] == ")", ("a"..."e").contains(chars[0]) { return chars[0] }
        return nil
    }
}

extension String {
    /// All occurrences of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, Substring(self).range(of: target) != nil else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[rest.startIndex..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    /// First range of `target` (a plain scan; answers are short).
    func range(of target: String) -> Range<Index>? {
        let t = Array(target)
        guard let first = t.first else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i] == first {
                var j = i, k = 0
                while k < t.count, j < endIndex, self[j] == t[k] { j = index(after: j); k += 1 }
                if k == t.count { return i..<j }
            }
            i = index(after: i)
        }
        return nil
    }
}
