// One line of a responses file: an id, a response or raw code, and an optional sample index.
import FlowRLCore

struct ResponseLine {
    var id: String
    var response: String?
    var code: String?
    var sample: Int?

    /// Parses a JSON object line whose id is under the first of `idKeys` present.
    static func parse(_ bytes: [UInt8], idKeys: [String], location: String) throws -> ResponseLine {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw WorkFailure(message: "\(location): invalid JSON: \(error)") }
        guard case .object(let o) = value else { throw WorkFailure(message: "\(location): expected a JSON object") }
        let names = idKeys.map { "\"\($0)\"" }.joined(separator: " or ")
        guard let key = idKeys.first(where: { o[$0] != nil }), let id = o[key]?.stringValue, !id.isEmpty else {
            throw WorkFailure(message: "\(location): needs \(names) as a non-empty string")
        }
        let response = o["response"]?.stringValue
        let code = o["code"]?.stringValue
        guard response != nil || code != nil else {
            throw WorkFailure(message: "\(location): needs \"response\" or \"code\" as a string")
        }
        var sample: Int?
        if let raw = o["sample"] {
            guard case .number(let n) = raw, let i = Int(n), i >= 0 else {
                throw WorkFailure(message: "\(location): \"sample\" must be a non-negative integer")
            }
            sample = i
        }
        return ResponseLine(id: id, response: response, code: code, sample: sample)
    }
}

/// Numbers samples: an explicit index is kept, a missing one is the next after the problem's highest so far.
struct SampleNumbering {
    private var next: [String: Int] = [:]

    mutating func index(for id: String, explicit: Int?) -> Int {
        let index = explicit ?? next[id, default: 0]
        next[id] = max(next[id, default: 0], index + 1)
        return index
    }
}
