// The supervisor side of the sandbox. Each worker slot owns one long-lived bubblewrap sandbox (SandboxSlot) running
// the zygote, which forks every generation into fresh PID, mount and IPC namespaces, drops all privileges and
// applies the strict seccomp filter and the rlimits in the child (graders/zygote.py; threat model in
// graders/README.md). Per generation this file hands the zygote fresh pipes for stdin, stdout, stderr and the
// harness's event channel (fd 3), feeds the job while reading the outputs concurrently, enforces the per-test and
// global wall limits and the cgroup CPU limit, and ends the generation — its whole process tree, by the kernel's
// namespace teardown — when it is done, failed a test or overran. A slot that does not confirm the end is killed
// entirely (every process of its uid) and restarted.
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
    /// The harness's exit code (128 + signal when killed by a signal).
    var exitStatus: Int32 = 0
    var termSignal: Int32 = 0
    var oomKilled = false
    var stderrTail = ""
    var protocolError: String?
    /// Set when the sandbox itself failed around this generation (never the program's fault).
    var sandboxFailure: String?
    /// The generation's isolation could not be completed, so its program never ran.
    var isolationFailed = false
    /// Wall time of each test that started, ms (index = test).
    var testWall: [Double] = []
    var wallMilliseconds: Double = 0
}

/// The sandboxes of all worker slots, and what they share: the profile, cgroups and the seccomp programs.
final class Sandbox: @unchecked Sendable {
    let profile: SandboxProfile
    let gradersDirectory: String
    let cgroups: CgroupLimits
    /// bwrap's filter, for the zygote: the strict list except unshare and mount, which the zygote needs to build
    /// each generation's namespaces.
    let slotSeccomp: [UInt8]
    /// The strict filter every generation installs before the program runs.
    let generationSeccomp: [UInt8]
    private var slots: [Int: SandboxSlot] = [:]
    private let lock = Condition()

    /// Memory the zygote itself may use on top of the profile's limit (its pages are shared with each fork).
    static let zygoteMemoryMB = 96
    /// Processes of a slot that are not the generation's: bwrap, the zygote, the launcher, and one spare.
    static let slotProcesses = 4
    /// How long a slot may take to confirm that a stopped generation is gone before the slot is killed.
    static let endTimeoutSeconds = 3.0

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
        for file in [profile.harness, profile.zygote] where !fm.fileExists(atPath: gradersDirectory + "/" + file) {
            throw CodeRunnerError.setup("\(gradersDirectory)/\(file) is missing")
        }
        guard getuid() == 0 else {
            throw CodeRunnerError.setup("the code sandbox must be started as root so that each worker slot runs as its own non-root uid (RLIMIT_NPROC is not enforced for root)")
        }
        // A sandbox that dies before reading its whole job must not kill the supervisor with SIGPIPE: writes
        // then fail with EPIPE instead (process-wide; the launcher restores the default for the sandbox).
        signal(SIGPIPE, SIG_IGN)
        cgroups = CgroupLimits.detect()
        generationSeccomp = try Self.compileSeccomp(profile.deniedSyscalls)
        slotSeccomp = try Self.compileSeccomp(profile.deniedSyscalls.filter { !["unshare", "mount"].contains($0) })
    }

    deinit { shutdown() }

    /// Stops every slot's sandbox (they restart on the next job).
    func shutdown() {
        lock.lock()
        let all = Array(slots.values)
        slots = [:]
        lock.unlock()
        for slot in all { slot.stop(graceful: true) }
    }

    private func slot(_ index: Int) -> SandboxSlot {
        lock.lock()
        defer { lock.unlock() }
        if let s = slots[index] { return s }
        let s = SandboxSlot(index: index, uid: UInt32(profile.uidBase + index))
        slots[index] = s
        return s
    }

    /// The BPF program for a seccomp filter denying `names`.
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

    /// The bwrap command line of a slot (fd 3: the control socket, fd 4: the slot's seccomp program).
    func arguments() -> [String] {
        var a = [profile.bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--uid", "1000", "--gid", "1000",
                 "--hostname", "sandbox", "--die-with-parent", "--new-session",
                 // The zygote is the slot's init: bwrap's own init would be orphaned when bwrap exits.
                 "--as-pid-1",
                 // Only what the zygote needs to build each generation's namespaces; every generation drops both.
                 "--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP"]
        let fm = FileManager.default
        for path in profile.roBinds where fm.fileExists(atPath: path) { a += ["--ro-bind", path, path] }
        for (link, target) in [("/lib", "usr/lib"), ("/lib64", "usr/lib64"), ("/bin", "usr/bin"), ("/sbin", "usr/sbin")]
        where fm.fileExists(atPath: "/usr/" + target.dropFirst(4)) {
            a += ["--symlink", target, link]
        }
        a += ["--ro-bind", gradersDirectory, "/grader", "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev",
              "--size", String(1 << 20), "--tmpfs", "/tmp", "--chdir", "/tmp", "--remount-ro", "/",
              "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8",
              "--seccomp", "4", "--", profile.python, "-I", "-S", "-B", "/grader/" + profile.zygote]
        return a
    }

    /// The rlimits of a whole slot (bwrap and the zygote); each generation lowers them to the profile's.
    func slotLimits() -> [flowrl_rlimit] {
        var limits: [flowrl_rlimit] = [
            .init(resource: Int32(FLOWRL_RLIMIT_NPROC), value: UInt64(profile.processes + Self.slotProcesses)),
            .init(resource: Int32(FLOWRL_RLIMIT_NOFILE), value: UInt64(max(profile.openFiles, 64))),
            .init(resource: Int32(FLOWRL_RLIMIT_FSIZE), value: UInt64(profile.fileSizeMB << 20)),
            .init(resource: Int32(FLOWRL_RLIMIT_CORE), value: 0),
            .init(resource: Int32(FLOWRL_RLIMIT_STACK), value: UInt64(profile.stackMB << 20)),
        ]
        if !cgroups.hasMemory {
            limits.append(.init(resource: Int32(FLOWRL_RLIMIT_AS), value: UInt64((profile.addressSpaceMB + Self.zygoteMemoryMB) << 20)))
        }
        return limits
    }

    /// The zygote's settings for every generation: rlimits (CPU comes per generation) and tmpfs sizes.
    func zygoteConfig() -> [UInt8] {
        var limits: [(Int32, Int)] = [
            (Int32(FLOWRL_RLIMIT_NPROC), profile.processes + Self.slotProcesses),
            (Int32(FLOWRL_RLIMIT_NOFILE), profile.openFiles),
            (Int32(FLOWRL_RLIMIT_FSIZE), profile.fileSizeMB << 20),
            (Int32(FLOWRL_RLIMIT_CORE), 0),
            (Int32(FLOWRL_RLIMIT_STACK), profile.stackMB << 20),
        ]
        if !cgroups.hasMemory { limits.append((Int32(FLOWRL_RLIMIT_AS), profile.addressSpaceMB << 20)) }
        var o = JSONObject()
        o.set("rlimits", .array(limits.map { .array([.number(String($0.0)), .number(String($0.1))]) }))
        o.set("tmpfs_bytes", .number(String(profile.tmpfsMB << 20)))
        o.set("shm_bytes", .number(String(max(1, profile.tmpfsMB / 4) << 20)))
        var out: [UInt8] = []
        JSONValue.object(o).write(to: &out)
        return out
    }

    /// Runs one job in worker slot `slotIndex`. `testTimeout` is the wall limit per test; the global limit is
    /// LiveCodeBench's (timeout + 1) · tests + 5 s plus the start-up allowance.
    func run(job: [UInt8], slot slotIndex: Int, testTimeout: Double, testCount: Int,
             accept: (JSONValue) -> Bool) -> Result<SandboxOutcome, CodeRunnerError> {
        let slot = self.slot(slotIndex)
        let start = Self.now()
        let globalLimit = (testTimeout + 1) * Double(max(testCount, 1)) + 5 + profile.startupTimeoutSeconds

        // Pipes: stdin (job), stdout, stderr, events. The zygote gets the child ends over the control socket.
        var pin: [Int32] = [0, 0], pout: [Int32] = [0, 0], perr: [Int32] = [0, 0], pev: [Int32] = [0, 0]
        guard pipe2(&pin, O_CLOEXEC) == 0, pipe2(&pout, O_CLOEXEC) == 0, pipe2(&perr, O_CLOEXEC) == 0,
              pipe2(&pev, O_CLOEXEC) == 0 else {
            for fd in pin + pout + perr + pev where fd > 0 { close(fd) }
            return .failure(.setup("pipe failed: errno \(errno)"))
        }
        let childFds: [Int32] = [pin[0], pout[1], perr[1], pev[1]]
        let request = Array("{\"cpu\":\(Int(globalLimit.rounded(.up)))}".utf8)
        var handedOver = false
        // A slot that died between generations (or was never started) is started again, once.
        for attempt in 0..<2 where !handedOver {
            if !slot.isRunning, let failure = slot.start(self) {
                if attempt == 1 || !slot.isRunning {
                    for fd in childFds + [pin[1], pout[0], perr[0], pev[0]] { close(fd) }
                    return .failure(failure)
                }
            }
            handedOver = slot.send(request, fds: childFds)
            if !handedOver { slot.stop() }
        }
        for fd in childFds { close(fd) }
        guard handedOver else {
            for fd in [pin[1], pout[0], perr[0], pev[0]] { close(fd) }
            return .failure(.setup("the sandbox of slot \(slotIndex) does not accept generations"))
        }
        let groups = slot.groups
        let oomBefore = groups.oomKills
        let cpuBefore = groups.cpuSeconds ?? 0

        var outcome = SandboxOutcome()
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
        var ended: [UInt8]?   // the zygote's end-of-generation report
        var slotDied = false
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
            if ended == nil && !slotDied {
                pfds.append(pollfd(fd: slot.control, events: Int16(POLLIN), revents: 0))
                if slot.pidfd >= 0 { pfds.append(pollfd(fd: slot.pidfd, events: Int16(POLLIN), revents: 0)) }
            }
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
            if let cpu = groups.cpuSeconds, cpu - cpuBefore > globalLimit { stop = .killedCPULimit; break }
            for p in pfds where p.revents != 0 {
                if p.fd == writeFd {
                    let k = job.withUnsafeBytes { Glibc.write(writeFd, $0.baseAddress! + written, $0.count - written) }
                    if k > 0 { written += k }
                    if k < 0 && errno != EAGAIN && errno != EINTR || written >= job.count {
                        close(writeFd); writeFd = -1
                    }
                } else if p.fd == slot.control {
                    ended = slot.readMessage(nonBlocking: true)
                    if ended == nil { slotDied = true }
                } else if p.fd == slot.pidfd {
                    slotDied = true
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
            if (ended != nil || slotDied) && open[pev[0]] == nil { break }
            if (ended != nil || slotDied) && open.isEmpty { break }
            if slotDied && ended == nil && Self.now() - start > globalLimit { break }
        }
        if let stop { outcome.ending = stop }
        if case .killedTimeLimit = outcome.ending, currentTest >= 0 {
            outcome.testWall.append((Self.now() - testStart) * 1000)
        }
        for fd in Array(open.keys) + (writeFd >= 0 ? [writeFd] : []) { close(fd) }

        // End the generation: ask the zygote to kill it unless it already ended; a slot that cannot confirm is
        // killed entirely.
        if ended == nil && !slotDied {
            if slot.send(Array("kill".utf8), fds: []) {
                ended = slot.receive(timeout: Self.endTimeoutSeconds)
            }
        }
        var report: JSONObject?
        if let ended { report = (try? JSONParser.parse(ended))?.objectValue }
        if let status = report?["status"], case .number(let n) = status, let code = Int32(n) {
            outcome.exitStatus = code
            if report?["isolated"] != .bool(true) {
                outcome.isolationFailed = true
                outcome.sandboxFailure = "the generation's isolation could not be set up: \(String(decoding: stderrTail.suffix(300), as: UTF8.self))"
            }
        } else {
            let why = report?["error"]?.stringValue ?? (slotDied ? "the slot's sandbox died" : "the slot's sandbox did not confirm the end of the generation")
            let diagnostics = slot.diagnosticsTail()
            outcome.sandboxFailure = why + (diagnostics.isEmpty ? "" : ": " + diagnostics)
            slot.stop()
        }
        outcome.oomKilled = groups.oomKills > oomBefore
        if outcome.oomKilled && outcome.sandboxFailure != nil && report == nil { outcome.sandboxFailure = nil }
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
