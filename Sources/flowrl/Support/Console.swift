// Human messages go to stderr; machine-readable output to stdout.
#if canImport(Glibc)
import Glibc
#endif

enum Console {
    /// Writes a line to stderr.
    static func error(_ message: String) {
        let line = message.hasSuffix("\n") ? message : message + "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }

    /// Writes a line to stdout.
    static func out(_ line: String) {
        print(line)
    }
}

/// The work failed (exit code 1); `message` has already-located detail for the user.
struct WorkFailure: Error {
    var message: String
}
