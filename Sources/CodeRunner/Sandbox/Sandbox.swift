// One bubblewrap sandbox per generation. The supervisor (this file) launches bwrap with an empty environment, as the
// worker slot's own non-root uid, in a new session, inside fresh cgroups, under rlimits and a seccomp filter; feeds
// the job on stdin while reading stdout, stderr and the harness's event channel (fd 3) concurrently; enforces the
// per-test and global wall limits and the CPU limit itself; and kills the whole tree (every process of the slot
// uid) when the run ends, whatever the program did.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
internal import CSeccomp
import FlowRLCore

/// What a sandboxed run produced: the harness events and how the run ended.
struct SandboxOutcome {
    enum Ending: Equatable { case finished, killedTimeLimit(test: Int), killedCPULimit, killedOutputLimit,
                             killedByCaller }
    var events: [JSONValue] = []
    var ending: Ending = .finished
    var exitStatus: Int32 = 0
    var termSignal: Int32 = 0
    var oomKilled = false
    var stderrTail = ""
    var protocolError: String?
    /// Wall time of each test that started, ms (index = test).
    var testWall: [Double] = []
    var wallMilliseconds: Double = 0
}

/// The sandbox for one worker slot.
final class Sandbox: @unchecked Sendable {
    let profile: SandboxProfile
    let gradersDirectory: String
    let cgroups: CgroupLimits
    let seccompProgram: [UInt8]
    private static let counter = Counter()

    init(profile: SandboxProfile, gradersDirectory: String) throws {
        self.profile = profile
        self.gradersDirectory = gradersDirectory
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: profile.bwrap) else {
            throw CodeRunnerError.setup("bubblewrap not found at \(profile.bwrap) (apt-get install bubblewrap)")
        }
        guard fm.isExecutableFile(atPath: profile.python) else {
            throw CodeRunnerError.setup("python3 not found at \(profile.python) (apt-get install python3)")
        }
        guard fm.fileExists(atPath: gradersDirectory + "/" + profile.harness) else {
            throw CodeRunnerError.setup("harness \(gradersDirectory)/\(profile.harness) is missing")
        }
        guard getuid() == 0 else {
            throw CodeRunnerError.setup("the code sandbox must be started as root so that each worker slot runs as its own non-root uid (RLIMIT_NPROC is not enforced for root)")
        }
        // A sandbox that dies before reading its whole job must not kill the supervisor with SIGPIPE: writes
        // then fail with EPIPE instead (process-wide; the launcher restores the default for the sandbox).
        signal(SIGPIPE, SIG_IGN)
        cgroups = CgroupLimits.detect()
        seccompProgram = try Self.compileSeccomp(profile.deniedSyscalls)
    }

    /// The BPF program for bwrap's --seccomp.
    static func compileSeccomp(_ names: [String]) throws -> [UInt8] {
        let numbers = names.map { name in name.withCString { flowrl_syscall_number($0) } }
        let fd = flowrl_memfd("flowrl-seccomp")
        guard fd >= 0 else { throw CodeRunnerError.setup("memfd_create failed: errno \(errno)") }
        defer { close(fd) }
        let rc = numbers.withUnsafeBufferPointer { flowrl_seccomp_export(fd, $0.baseAddress, Int32($0.count)) }
        guard rc == 0 else { throw CodeRunnerError.setup("building the seccomp filter failed (\(rc))") }
        let size = lseek(fd, 0, SEEK_END)
        lseek(fd, 0, SEEK_SET)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let got = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, Int(size)) }
        guard got == size else { throw CodeRunnerError.setup("reading the seccomp filter failed") }
        return bytes
    }

    /// The bwrap command line (fd 4 carries the seccomp program).
    func arguments() -> [String] {
        var a = [profile.bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--uid", "1000", "--gid", "1000",
                 "--hostname", "sandbox", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
        let fm = FileManager.default
        for path in profile.roBinds where fm.fileExists(atPath: path) { a += ["--ro-bind", path, path] }
        for (link, target) in [("/lib", "usr/lib"), ("/lib64", "usr/lib64"), ("/bin", "usr/bin"), ("/sbin", "usr/sbin")]
        where fm.fileExists(atPath: "/usr/" + target.dropFirst(4)) {
            a += ["--symlink", target, link]
        }
        a += ["--ro-bind", gradersDirectory, "/grader", "--proc", "/proc", "--dev", "/dev",
              "--size", String(profile.tmpfsMB << 20), "--tmpfs", "/tmp", "--chdir", "/tmp", "--remount-ro", "/",
              "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8",
              "--seccomp", "4", "--", profile.python, "-I", "-S", "-B", "/grader/" + profile.harness]
        return a
    }

    /// Runs one job. `timeouts[i]` is the wall limit of test i; `globalLimit` bounds the whole run.
    func run(job: [UInt8], slot: Int, testTimeout: Double, testCount: Int,
             accept: (JSONValue) -> Bool) -> Result<SandboxOutcome, CodeRunnerError> {
        let uid = UInt32(profile.uidBase + slot)
        let start = Self.now()
        let globalLimit = (testTimeout + 1) * Double(max(testCount, 1)) + 5 + profile.startupTimeoutSeconds
        let runName = "r\(getpid())-\(slot)-\(Self.counter.next())"
        let groups = cgroups.makeRun(name: runName, memoryBytes: profile.memoryMB << 20, pids: profile.processes)
        defer { groups.remove() }

        var limits: [flowrl_rlimit] = [
            .init(resource: Int32(FLOWRL_RLIMIT_NPROC), value: UInt64(profile.processes)),
            .init(resource: Int32(FLOWRL_RLIMIT_NOFILE), value: UInt64(profile.openFiles)),
            .init(resource: Int32(FLOWRL_RLIMIT_FSIZE), value: UInt64(profile.fileSizeMB << 20)),
            .init(resource: Int32(FLOWRL_RLIMIT_CORE), value: 0),
            .init(resource: Int32(FLOWRL_RLIMIT_STACK), value: UInt64(profile.stackMB << 20)),
            .init(resource: Int32(FLOWRL_RLIMIT_CPU), value: UInt64(globalLimit.rounded(.up))),
        ]
        if !groups.procsFiles.contains(where: { $0.contains("/memory/") }) && !cgroups.hasMemory {
            limits.append(.init(resource: Int32(FLOWRL_RLIMIT_AS), value: UInt64(profile.addressSpaceMB << 20)))
        }

        // Pipes: stdin (job), stdout, stderr, events, seccomp program.
        var pin: [Int32] = [0, 0], pout: [Int32] = [0, 0], perr: [Int32] = [0, 0], pev: [Int32] = [0, 0], psec: [Int32] = [0, 0]
        guard pipe2(&pin, O_CLOEXEC) == 0, pipe2(&pout, O_CLOEXEC) == 0, pipe2(&perr, O_CLOEXEC) == 0,
              pipe2(&pev, O_CLOEXEC) == 0, pipe2(&psec, O_CLOEXEC) == 0 else {
            return .failure(.setup("pipe failed: errno \(errno)"))
        }
        _ = seccompProgram.withUnsafeBytes { Glibc.write(psec[1], $0.baseAddress, $0.count) }
        close(psec[1])

        let args = arguments()
        var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        let cGroups: [UnsafePointer<CChar>?] = groups.procsFiles.map { UnsafePointer(strdup($0)) }
        defer {
            for p in cArgs { free(p) }
            for p in cGroups { free(UnsafeMutableRawPointer(mutating: p)) }
        }
        let childFds: [Int32] = [pin[0], pout[1], perr[1], pev[1], psec[0]]
        var errStep: Int32 = 0, errNo: Int32 = 0
        let pid: pid_t = profile.bwrap.withCString { path in
            childFds.withUnsafeBufferPointer { fds in
                limits.withUnsafeBufferPointer { lims in
                    cGroups.withUnsafeBufferPointer { cg in
                        cArgs.withUnsafeMutableBufferPointer { argv in
                            var plan = flowrl_launch(path: path, argv: argv.baseAddress, fds: fds.baseAddress,
                                                     nfds: Int32(fds.count), limits: lims.baseAddress,
                                                     nlimits: Int32(lims.count), cgroup_procs: cg.baseAddress,
                                                     ncgroups: Int32(cg.count), uid: uid, gid: uid)
                            return flowrl_spawn(&plan, &errStep, &errNo)
                        }
                    }
                }
            }
        }
        for fd in childFds { close(fd) }
        guard pid > 0 else {
            for fd in [pin[1], pout[0], perr[0], pev[0]] { close(fd) }
            return .failure(.setup("launching bwrap failed at step \(errStep): \(String(cString: strerror(errNo)))"))
        }
        let pidfd = flowrl_pidfd_open(pid)
        var outcome = SandboxOutcome()
        defer { if pidfd >= 0 { close(pidfd) } }

        for fd in [pin[1], pout[0], perr[0], pev[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var writeFd: Int32 = pin[1]
        var written = 0
        var open: [Int32: Int] = [pout[0]: 0, perr[0]: 0, pev[0]: 0]
        var eventBuffer: [UInt8] = []
        var stderrTail: [UInt8] = []
        let cap = profile.outputLimitKB << 10
        var currentTest = -1
        var testStart = start
        var deadline = start + profile.startupTimeoutSeconds
        let globalDeadline = start + globalLimit
        var exited = false
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var stop: SandboxOutcome.Ending?

        func handle(event: JSONValue) {
            outcome.events.append(event)
            guard let o = event.objectValue, let ev = o["ev"]?.stringValue else { return }
            let index: Int = { if case .number(let n)? = o["i"] { return Int(n) ?? -1 }; return -1 }()
            let now = Self.now()
            if currentTest >= 0 && index == currentTest && ev != "start" {
                outcome.testWall.append((now - testStart) * 1000)
            }
            switch ev {
            case "start":
                currentTest = index
                testStart = now
                deadline = now + testTimeout
            case "ready":
                deadline = now + testTimeout
            default:
                if !accept(event) { stop = .finished }
            }
        }

        loop: while stop == nil {
            var pfds: [pollfd] = open.keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if writeFd >= 0 { pfds.append(pollfd(fd: writeFd, events: Int16(POLLOUT), revents: 0)) }
            if pidfd >= 0 && !exited { pfds.append(pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)) }
            if pfds.isEmpty { break }
            let now = Self.now()
            let limit = min(deadline, globalDeadline)
            if now >= limit {
                stop = .killedTimeLimit(test: currentTest)
                break
            }
            let waitMs = Int32(min(max((limit - now) * 1000, 1), 100))
            let n = poll(&pfds, nfds_t(pfds.count), waitMs)
            if n < 0 && errno != EINTR { break }
            if let cpu = groups.cpuSeconds, cpu > globalLimit { stop = .killedCPULimit; break }
            for p in pfds where p.revents != 0 {
                if p.fd == writeFd {
                    let k = job.withUnsafeBytes { Glibc.write(writeFd, $0.baseAddress! + written, $0.count - written) }
                    if k > 0 { written += k }
                    if k < 0 && errno != EAGAIN && errno != EINTR || written >= job.count {
                        close(writeFd); writeFd = -1
                    }
                } else if p.fd == pidfd {
                    exited = true
                } else {
                    let k = buffer.withUnsafeMutableBytes { Glibc.read(p.fd, $0.baseAddress, $0.count) }
                    if k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR) {
                        close(p.fd); open[p.fd] = nil
                        continue
                    }
                    if k < 0 { continue }
                    open[p.fd, default: 0] += k
                    if p.fd == pev[0] {
                        eventBuffer += buffer[0..<k]
                        if eventBuffer.count > 2 * cap + (1 << 20) { stop = .killedOutputLimit; break }
                        while let nl = eventBuffer.firstIndex(of: 0x0A) {
                            let line = Array(eventBuffer[..<nl])
                            eventBuffer.removeSubrange(...nl)
                            do { handle(event: try JSONParser.parse(line)) } catch {
                                outcome.protocolError = "unreadable harness event: \(error)"
                                stop = .finished
                            }
                            if stop != nil { break }
                        }
                    } else {
                        if p.fd == perr[0] {
                            stderrTail += buffer[0..<k]
                            if stderrTail.count > 4096 { stderrTail.removeFirst(stderrTail.count - 4096) }
                        }
                        if (open[p.fd] ?? 0) > cap { stop = .killedOutputLimit; break }
                    }
                }
            }
            if exited && open[pev[0]] == nil { break }
            if exited && open.isEmpty { break }
        }
        if let stop { outcome.ending = stop }
        if case .killedTimeLimit = outcome.ending, currentTest >= 0 {
            outcome.testWall.append((Self.now() - testStart) * 1000)
        }
        // Whatever happened: kill bwrap and every process of the slot uid, then reap bwrap.
        kill(pid, SIGKILL)
        _ = flowrl_kill_uid(uid)
        var status: Int32 = 0
        var reaped = false
        while true {
            let r = waitpid(pid, &status, 0)
            if r == pid { reaped = true; break }
            if r < 0 && errno != EINTR { break }
        }
        if reaped {
            outcome.exitStatus = flowrl_wexitstatus(status)
            outcome.termSignal = flowrl_wtermsig(status)
        }
        for fd in Array(open.keys) + (writeFd >= 0 ? [writeFd] : []) { close(fd) }
        outcome.oomKilled = groups.oomKilled
        outcome.stderrTail = String(decoding: stderrTail, as: UTF8.self)
        outcome.wallMilliseconds = (Self.now() - start) * 1000
        return .success(outcome)
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A process-wide counter for unique cgroup names.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()
    func next() -> Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        value += 1
        return value
    }
}
