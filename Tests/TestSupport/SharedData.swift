// Locates the real benchmark data in ../shared beside the package, which CI and sessions provide but a user's
// clone may not have. Tests that need it skip with a clear message when it is absent.
import Foundation

/// Paths into the project's package root and the `../shared` folder beside it.
public enum SharedData {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` beside the package root (override with FLOWRL_SHARED).
    public static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["FLOWRL_SHARED"] { return URL(fileURLWithPath: env) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// The file at `relative` under shared/, or nil when it does not exist.
    public static func file(_ relative: String) -> URL? {
        let url = root.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// True when shared/benchmarks is present.
    public static var isAvailable: Bool { file("benchmarks") != nil }

    /// The message tests print when they skip for want of shared data.
    public static let skipMessage = "../shared/benchmarks not found beside the package: skipping tests on real data"
}

/// A fresh temporary directory, removed by the caller with `removeItem` when done.
public func makeTemporaryDirectory(_ label: String = "flowrl-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
