// Shared helpers: one runner for the whole suite (short limits), LiveCodeBench row decoding for the shared data.
import Foundation
import Glibc
import FlowRLCore
import CodeRunner

enum Fixture {
    /// A runner with short limits so that hostile tests finish quickly; nil when the machine cannot sandbox.
    static let runner: CodeRunner? = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap") else { return nil }
        do {
            var profile = try SandboxProfile.load()
            profile.testTimeoutSeconds = 1.5
            profile.programTimeoutSeconds = 1.5
            profile.memoryMB = 256
            profile.outputLimitKB = 1024
            profile.processes = 32
            return try CodeRunner(profile: profile, workers: 4)
        } catch {
            print("CodeRunner unavailable: \(error)")
            return nil
        }
    }()

    /// A runner with the shipped profile (LiveCodeBench limits).
    static let standardRunner: CodeRunner? = {
        guard runner != nil else { return nil }
        return try? CodeRunner(workers: 2)
    }()

    static var skip: String { "needs root and bubblewrap (run scripts/bootstrap.sh as root)" }

    static func stdin(_ pairs: [(String, String)]) -> [TestCase] {
        pairs.map { TestCase(input: $0.0, output: $0.1, kind: .stdin) }
    }

    /// Tests of a raw LiveCodeBench row: public JSON then private (JSON or base64/zlib/pickle).
    static func tests(ofRow row: JSONObject) throws -> [TestCase] {
        var tests: [TestCase] = []
        if let pub = row["public_test_cases"]?.stringValue { tests += try TestBlob.parseTests(Array(pub.utf8)) }
        if let priv = row["private_test_cases"]?.stringValue, !priv.isEmpty {
            if priv.first == "[" { tests += try TestBlob.parseTests(Array(priv.utf8)) } else {
                let raw = try Deflate.decompress(try Base64.decode(priv), limit: 1 << 28)
                let range = try raw.withUnsafeBytes { try PickleString.stringRange(in: $0) }
                tests += try TestBlob.parseTests(Array(raw[range]))
            }
        }
        return tests
    }

    static func jsonLines(_ url: URL) throws -> [JSONObject] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.isEmpty }.map {
            guard let o = try JSONParser.parse(String($0)).objectValue else { throw CocoaError(.fileReadCorruptFile) }
            return o
        }
    }
}
