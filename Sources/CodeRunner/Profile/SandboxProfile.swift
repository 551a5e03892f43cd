// The sandbox limits and paths of one language, read from a profile under graders/ (e.g. graders/python.json).
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Limits and paths for running generations, as stored in `graders/<language>.json`.
public struct SandboxProfile: Sendable, Codable, Equatable {
    public var bwrap: String
    public var python: String
    /// The harness file name, relative to the graders folder.
    public var harness: String
    /// The zygote file name (the long-lived parent of each slot's generations), relative to the graders folder.
    public var zygote: String
    /// Wall limit per test, seconds (LiveCodeBench: 6).
    public var testTimeoutSeconds: Double
    /// Wall limit for a HumanEval-style program, seconds (human-eval: 3).
    public var programTimeoutSeconds: Double
    /// Wall limit for starting the harness and compiling the program, seconds.
    public var startupTimeoutSeconds: Double
    /// Memory cgroup limit (MiB).
    public var memoryMB: Int
    /// RLIMIT_AS (MiB), used only when no memory cgroup is available.
    public var addressSpaceMB: Int
    public var processes: Int
    public var openFiles: Int
    public var fileSizeMB: Int
    public var stackMB: Int
    public var tmpfsMB: Int
    /// Cap on each output stream of a test (KiB); past it the verdict is output_limit.
    public var outputLimitKB: Int
    /// Worker slot k runs as host uid/gid uidBase + k; these uids must be used by nothing else.
    public var uidBase: Int
    public var roBinds: [String]
    public var pythonPath: [String]
    public var deniedSyscalls: [String]

    enum CodingKeys: String, CodingKey {
        case bwrap, python, harness, zygote
        case testTimeoutSeconds = "test_timeout_s", programTimeoutSeconds = "program_timeout_s"
        case startupTimeoutSeconds = "startup_timeout_s"
        case memoryMB = "memory_mb", addressSpaceMB = "address_space_mb", processes, openFiles = "open_files"
        case fileSizeMB = "file_size_mb", stackMB = "stack_mb", tmpfsMB = "tmpfs_mb"
        case outputLimitKB = "output_limit_kb", uidBase = "uid_base", roBinds = "ro_binds"
        case pythonPath = "python_path", deniedSyscalls = "denied_syscalls"
    }

    /// The folder holding the profiles and the harness: `$FLOWRL_GRADERS` when set, else the first `graders/`
    /// found walking up from the executable, else `graders/` in the package root this module was built from.
    public static func gradersDirectory() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["FLOWRL_GRADERS"], !env.isEmpty { candidates.append(env) }
        else {
            var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
                .deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(dir.appendingPathComponent("graders").path)
                dir.deleteLastPathComponent()
            }
            var source = URL(fileURLWithPath: #filePath)
            for _ in 0..<4 { source.deleteLastPathComponent() }
            candidates.append(source.appendingPathComponent("graders").path)
        }
        for c in candidates where FileManager.default.fileExists(atPath: c + "/python.json") { return c }
        throw CodeRunnerError.setup("no graders folder with python.json found (looked in \(candidates.joined(separator: ", "))); set FLOWRL_GRADERS")
    }

    /// Loads `<graders>/<name>.json`.
    public static func load(_ name: String = "python", from directory: String? = nil) throws -> SandboxProfile {
        let dir = try directory ?? gradersDirectory()
        let path = dir + "/" + name + ".json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CodeRunnerError.setup("cannot read profile \(path)")
        }
        do { return try JSONDecoder().decode(SandboxProfile.self, from: data) } catch {
            throw CodeRunnerError.setup("profile \(path): \(error)")
        }
    }
}

/// A failure to set the grader up (missing bwrap or python3, bad profile): never a silent unsandboxed run.
public enum CodeRunnerError: Error, Sendable, CustomStringConvertible {
    case setup(String)

    public var description: String {
        switch self {
        case .setup(let s): return "code grader setup error: \(s)"
        }
    }
}
