// AIME and AMC rows in the shapes they are shared in: {id, problem, solution, answer, url, year},
// {prompt, answer} (prompt = problem + an instruction line), {question, answer}, MathArena's {id, contest, ...}.
// Ids: `aime/2024-I-3`, `amc/2023-12A-5` when the contest is known; otherwise `aime/2024-7` (row 7 of a 2024
// file) so that nothing is invented.
import FlowRLCore

/// Reads AIME rows. Answers are integers 0–999; leading zeros ("025") are dropped and the raw form kept.
public struct AIMEAdapter: BenchmarkAdapter {
    public let benchmark = "aime"

    public init() {}

    public func score(_ row: JSONObject, context: RowContext) -> Int {
        guard CompetitionRow.statementKey(row) != nil, row.has("answer") else { return 0 }
        if CompetitionRow.mentions(row, "aime") { return 9 }
        return context.hintText.contains("aime") ? 5 : 0
    }

    public func problem(from row: JSONObject, context: RowContext) throws -> Problem? {
        let parsed = try CompetitionRow(row, context: context, contest: .aime)
        var reference = parsed.answer
        if !reference.isEmpty, reference.allSatisfy(\.isASCIIDigit) {
            reference = String(reference.drop(while: { $0 == "0" }))
            if reference.isEmpty { reference = "0" }
        }
        return parsed.problem(benchmark: benchmark, reference: reference)
    }
}

/// Reads AMC rows. Answers stored as JSON floats (27.0) are normalised to their exact value (27).
public struct AMCAdapter: BenchmarkAdapter {
    public let benchmark = "amc"

    public init() {}

    public func score(_ row: JSONObject, context: RowContext) -> Int {
        guard CompetitionRow.statementKey(row) != nil, row.has("answer") else { return 0 }
        if CompetitionRow.mentions(row, "amc") { return 9 }
        return context.hintText.contains("amc") ? 5 : 0
    }

    public func problem(from row: JSONObject, context: RowContext) throws -> Problem? {
        let parsed = try CompetitionRow(row, context: context, contest: .amc)
        let reference: String
        if case .number(let n)? = row["answer"] { reference = ExactDecimal.normalize(n) ?? n } else { reference = parsed.answer }
        return parsed.problem(benchmark: benchmark, reference: reference)
    }
}

/// The fields shared by competition rows, with the contest identity worked out.
struct CompetitionRow {
    enum Contest { case aime, amc }

    /// The instruction line some sources append to the statement (QwQ's eval files).
    static let instructionSuffix = "\nPlease reason step by step, and put your final answer within \\boxed{}."

    let row: JSONObject
    let statement: String
    let answer: String
    let rawAnswer: String
    let localID: String
    let extra: [(String, JSONValue)]
    let excluded: Set<String>

    static func statementKey(_ row: JSONObject) -> String? {
        ["problem", "question", "prompt"].first { row[$0]?.stringValue != nil }
    }

    /// True when the url, id or contest field names the contest.
    static func mentions(_ row: JSONObject, _ word: String) -> Bool {
        ["url", "id", "contest", "source"].contains { key in
            (try? row.scalarText(key))??.lowercased().contains(word) ?? false
        }
    }

    init(_ row: JSONObject, context: RowContext, contest: Contest) throws {
        self.row = row
        guard let key = Self.statementKey(row) else { throw RowError("missing field \"problem\" (or \"question\", \"prompt\")") }
        var statement = try row.requiredString(key)
        var extra: [(String, JSONValue)] = []
        var excluded: Set<String> = [key, "answer"]
        // Sources with both `problem` and `question` repeat the statement; keep the duplicate out of metadata.
        for other in ["problem", "question"] where other != key && row[other]?.stringValue == statement {
            excluded.insert(other)
        }
        if statement.hasSuffix(Self.instructionSuffix) {
            statement.removeLast(Self.instructionSuffix.count)
            extra.append(("prompt_suffix", .string(Self.instructionSuffix)))
        }
        self.statement = statement
        guard let rawAnswer = try row.scalarText("answer") else { throw RowError("missing field \"answer\"") }
        answer = rawAnswer.trimmed
        self.rawAnswer = rawAnswer

        let identity = CompetitionIdentity(row: row, context: context, contest: contest)
        if let year = identity.year { extra.append(("year", .number(String(year)))) }
        if let part = identity.part { extra.append(("part", .string(part))) }
        if let number = identity.number { extra.append(("number", .number(String(number)))) }
        localID = identity.localID(rowIndex: context.rowIndex, fileStem: Self.stem(context.entryName))
        self.extra = extra
        self.excluded = excluded
    }

    /// The problem; the source's answer is kept as `answer_raw` when the reference was normalised from it.
    func problem(benchmark: String, reference: String) -> Problem {
        var extra = self.extra
        if reference != rawAnswer { extra.append(("answer_raw", row["answer"] ?? .null)) }
        return Problem(id: benchmark + "/" + localID, benchmark: benchmark, kind: .math, prompt: statement,
                       reference: reference, metadataJSON: row.metadata(excluding: excluded, adding: extra))
    }

    static func stem(_ name: String) -> String {
        var base = InputEntries.baseName(name)
        if let dot = base.firstIndex(of: ".") { base = String(base[..<dot]) }
        return base.isEmpty ? "rows" : base
    }
}

/// Year, part (I/II for AIME, 10A…12B for AMC) and problem number, from url, id, contest, year and file name.
struct CompetitionIdentity {
    var year: Int?
    var part: String?
    var number: Int?

    init(row: JSONObject, context: RowContext, contest: CompetitionRow.Contest) {
        let fields = ["url", "id", "contest", "source"].compactMap { (try? row.scalarText($0)) ?? nil }
        for text in fields {
            let tokens = Self.tokens(text)
            if year == nil { year = tokens.lazy.compactMap(Self.year).first }
            if part == nil { part = tokens.lazy.compactMap { Self.part($0, contest) }.first }
        }
        if let url = try? row.scalarText("url"), let n = Self.trailingNumber(url) {
            number = n
        } else if let id = (try? row.scalarText("id")) ?? nil, !id.allSatisfy(\.isASCIIDigit) || part != nil,
                  let n = Self.trailingNumber(id) {
            // `aime_2025_I_1`, `2024-II-15`; a bare integer id is a row number or AoPS index, not the problem number.
            number = n
        }
        if year == nil, let y = (try? row.scalarText("year")) ?? nil { year = Int(y) }
        if year == nil { year = Self.yearHint(context.hintText) }
        if part == nil { number = nil }   // a number without its paper does not identify a problem
    }

    func localID(rowIndex: Int, fileStem: String) -> String {
        if let year, let part, let number { return "\(year)-\(part)-\(number)" }
        if let year { return "\(year)-\(rowIndex)" }
        return "\(fileStem)-\(rowIndex)"
    }

    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    static func year(_ token: String) -> Int? {
        guard token.count == 4, let y = Int(token), (1950...2100).contains(y) else { return nil }
        return y
    }

    static func part(_ token: String, _ contest: CompetitionRow.Contest) -> String? {
        switch contest {
        case .aime: return token == "I" || token == "II" ? token : nil
        case .amc:
            let t = token.uppercased()
            return ["10A", "10B", "12A", "12B"].contains(t) ? t : nil
        }
    }

    /// The last run of digits in `text` (the problem number of a url or id).
    static func trailingNumber(_ text: String) -> Int? {
        let digits = text.reversed().drop(while: { !$0.isASCIIDigit }).prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        return Int(String(digits.reversed()))
    }

    /// A year in a file name: `2024`, or two digits after the contest name (`aime24`, `amc_23`).
    static func yearHint(_ text: String) -> Int? {
        if let y = tokens(text).lazy.compactMap(year).first { return y }
        let words = tokens(text)
        for (i, word) in words.enumerated() {
            for name in ["aime", "amc"] where word.hasPrefix(name) {
                var digits = word.dropFirst(name.count)
                if digits.isEmpty, i + 1 < words.count { digits = Substring(words[i + 1]) }
                if digits.count == 2, digits.allSatisfy(\.isASCIIDigit), let yy = Int(digits) { return 2000 + yy }
            }
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
