// One worker slot's long-lived sandbox: a bwrap launched as the slot's own host uid, with an empty environment, in
// its own session and cgroups, running the zygote (graders/zygote.py), which forks one fully isolated generation at
// a time (see graders/README.md, "One sandbox per slot, one namespace set per generation"). Started on first use;
// stopped (the whole tree killed) whenever a generation did not end cleanly, and restarted by the next one.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
internal import CSeccomp
import FlowRLCore

final class SandboxSlot: @unchecked Sendable {
    let index: Int
    let uid: UInt32
    private(set) var pid: pid_t = -1
    /// Polls readable when bwrap exits.
    private(set) var pidfd: Int32 = -1
    /// The zygote's control socket (SOCK_SEQPACKET).
    private(set) var control: Int32 = -1
    /// bwrap's and the zygote's own stderr (generations have their own).
    private var diagnostics: Int32 = -1
    private(set) var groups = CgroupLimits.Run()
    private static let counter = Counter()

    init(index: Int, uid: UInt32) {
        self.index = index
        self.uid = uid
    }

    var isRunning: Bool { pid > 0 }

    /// Launches bwrap and the zygote, sends the generation settings and the strict seccomp program, and waits for
    /// the zygote's "ready".
    func start(_ sandbox: Sandbox) -> CodeRunnerError? {
        let profile = sandbox.profile
        groups = sandbox.cgroups.makeRun(name: "s\(getpid())-\(index)-\(Self.counter.next())",
                                         memoryBytes: (profile.memoryMB + Sandbox.zygoteMemoryMB) << 20,
                                         pids: profile.processes + Sandbox.slotProcesses)
        var pair: [Int32] = [0, 0], perr: [Int32] = [0, 0], psec: [Int32] = [0, 0]
        guard flowrl_seqpacket_pair(&pair) == 0 else { return .setup("socketpair failed: errno \(errno)") }
        guard pipe2(&perr, O_CLOEXEC) == 0, pipe2(&psec, O_CLOEXEC) == 0 else {
            close(pair[0]); close(pair[1])
            return .setup("pipe failed: errno \(errno)")
        }
        _ = sandbox.slotSeccomp.withUnsafeBytes { Glibc.write(psec[1], $0.baseAddress, $0.count) }
        close(psec[1])
        let devnull = open("/dev/null", O_RDWR | O_CLOEXEC)
        let childFds: [Int32] = [devnull, devnull, perr[1], pair[1], psec[0]]
        let limits = sandbox.slotLimits()
        let args = sandbox.arguments()
        let procs = groups.procsFiles
        let uid = self.uid
        let bwrap = profile.bwrap
        let launched: (pid_t, Int32, Int32) = LauncherThread.shared.perform {
            var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
            let cGroups: [UnsafePointer<CChar>?] = procs.map { UnsafePointer(strdup($0)) }
            defer {
                for p in cArgs { free(p) }
                for p in cGroups { free(UnsafeMutableRawPointer(mutating: p)) }
            }
            var errStep: Int32 = 0, errNo: Int32 = 0
            let pid: pid_t = bwrap.withCString { path in
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
            return (pid, errStep, errNo)
        }
        for fd in [devnull, perr[1], pair[1], psec[0]] { close(fd) }
        control = pair[0]
        diagnostics = perr[0]
        _ = fcntl(diagnostics, F_SETFL, fcntl(diagnostics, F_GETFL) | O_NONBLOCK)
        guard launched.0 > 0 else {
            stop()
            return .setup("launching bwrap failed at step \(launched.1): \(String(cString: strerror(launched.2)))")
        }
        pid = launched.0
        pidfd = flowrl_pidfd_open(pid)

        guard send(sandbox.zygoteConfig(), fds: []), send(sandbox.generationSeccomp, fds: []) else {
            let why = "the sandbox did not take its configuration: \(diagnosticsTail())"
            stop()
            return .setup(why)
        }
        let ready = receive(timeout: profile.startupTimeoutSeconds)
        guard ready == Array("ready".utf8) else {
            let why = ready == nil ? "the sandbox did not start within \(profile.startupTimeoutSeconds) s"
                : "the sandbox did not start"
            let detail = diagnosticsTail()
            stop()
            return .setup(why + (detail.isEmpty ? "" : ": " + detail))
        }
        return nil
    }

    /// Sends one control message, with descriptors.
    func send(_ message: [UInt8], fds: [Int32]) -> Bool {
        guard control >= 0 else { return false }
        let sent = message.withUnsafeBytes { bytes in
            fds.withUnsafeBufferPointer { flowrl_send_fds(control, bytes.baseAddress, bytes.count, $0.baseAddress, Int32(fds.count)) }
        }
        return sent == message.count
    }

    /// Reads one control message (nil on timeout, end of stream or a dead sandbox).
    func receive(timeout: Double) -> [UInt8]? {
        let deadline = Sandbox.now() + timeout
        while control >= 0 {
            var fds = [pollfd(fd: control, events: Int16(POLLIN), revents: 0)]
            if pidfd >= 0 { fds.append(pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)) }
            let left = deadline - Sandbox.now()
            if left <= 0 { return nil }
            let n = poll(&fds, nfds_t(fds.count), Int32(min(max(left * 1000, 1), 1000)))
            if n < 0 && errno != EINTR { return nil }
            if fds[0].revents != 0 { return readMessage() }
            if fds.count > 1 && fds[1].revents != 0 { return readMessage(nonBlocking: true) }
        }
        return nil
    }

    /// One message from the control socket; nil at end of stream.
    func readMessage(nonBlocking: Bool = false) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let k = buffer.withUnsafeMutableBytes { recv(control, $0.baseAddress, $0.count, nonBlocking ? 0x40 /* MSG_DONTWAIT */ : 0) }
        return k > 0 ? Array(buffer[0..<k]) : nil
    }

    /// What bwrap or the zygote wrote on their own stderr (the last 300 bytes).
    func diagnosticsTail() -> String {
        guard diagnostics >= 0 else { return "" }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let k = buffer.withUnsafeMutableBytes { Glibc.read(diagnostics, $0.baseAddress, $0.count) }
            if k <= 0 { break }
            out += buffer[0..<k]
            if out.count > 1 << 16 { break }
        }
        while let last = out.last, last == 0x0A || last == 0x20 { out.removeLast() }
        return String(decoding: out.suffix(300), as: UTF8.self)
    }

    /// Ends the slot: `graceful` first closes the control socket, so that the zygote, bwrap's init and bwrap exit
    /// in order and reap each other (nothing is left even as a zombie); then, or at once, kills the slot's whole
    /// tree (cgroup.kill, bwrap, every process of the slot uid), reaps bwrap and removes the slot's cgroups.
    func stop(graceful: Bool = false) {
        if graceful && pid > 0 && control >= 0 && pidfd >= 0 {
            close(control)
            control = -1
            var p = pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 2000) == 1 {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                pid = -1
            }
        }
        groups.killAll()
        if pid > 0 {
            kill(pid, SIGKILL)
            _ = flowrl_kill_uid(uid)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        } else {
            _ = flowrl_kill_uid(uid)
        }
        for fd in [pidfd, control, diagnostics] where fd >= 0 { close(fd) }
        pid = -1; pidfd = -1; control = -1; diagnostics = -1
        groups.remove()
        groups = CgroupLimits.Run()
    }
}
