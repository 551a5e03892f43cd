// One slot serves many generations (one long-lived sandbox per worker slot, fresh namespaces per generation): a
// generation must not be able to affect the next one in the same slot — no leftover process, no file in /tmp or
// /dev/shm, no SysV IPC object, no effect on the zygote (it must not even be killable), no modified module state —
// and the host must stay untouched. Each test runs an attacker then a probe in a ONE-worker runner, so both run in
// the same slot, and checks the probe's verdict, the zygote's pid (unchanged: the attacker did not kill or restart
// the slot) and the host tripwires.
import Testing
import Foundation
import Glibc
import FlowRLCore
import CodeRunner

/// Processes of one slot uid on the host, classified by their PID-namespace depth (NSpid in /proc/PID/status):
/// bwrap (depth 1), the zygote (depth 2, pid 1: the slot's init), its launcher forks (depth 2), generation processes
/// (depth 3+).
struct SlotProcesses {
    var zygote: Int32?
    var generation: [Int32] = []
    var all: [Int32] = []

    init(uid: Int) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for e in entries {
            guard let pid = Int32(e), let status = try? String(contentsOfFile: "/proc/\(e)/status", encoding: .utf8)
            else { continue }
            var owner = -1
            var nspid: [Substring] = []
            for line in status.split(separator: "\n") {
                if line.hasPrefix("Uid:") { owner = line.split(separator: "\t").dropFirst().first.flatMap { Int($0) } ?? -1 }
                if line.hasPrefix("NSpid:") { nspid = Array(line.split(separator: "\t").dropFirst()) }
            }
            guard owner == uid else { continue }
            all.append(pid)
            if nspid.count == 2 && nspid[1] == "1" { zygote = pid }
            if nspid.count >= 3 { generation.append(pid) }
        }
    }
}

@Suite(.serialized) struct SlotIsolationTests {
    /// A one-slot runner with short limits on its own uid range.
    static let single: CodeRunner? = {
        guard let base = Fixture.runner else { return nil }
        var profile = base.profile
        profile.uidBase += 2000
        return try? CodeRunner(profile: profile, workers: 1)
    }()

    static var uid: Int { (single?.profile.uidBase ?? 0) }

    /// Runs `attacker` then `probe` (which must print "clean") in the same slot.
    func attackThenProbe(_ name: String, attacker: String, probe: String,
                         attackerVerdicts: Set<CodeVerdict>? = nil) async throws {
        guard let runner = Self.single else { print(Fixture.skip); return }
        let warm = await runner.grade(CodeJob(code: "print('clean')\n", tests: Fixture.stdin([("", "clean")])))
        #expect(warm.verdict == .accepted, "\(name): warm-up \(warm.verdict.rawValue) \(warm.detail)")
        let zygote = SlotProcesses(uid: Self.uid).zygote
        #expect(zygote != nil, "\(name): no zygote found for uid \(Self.uid)")
        let attack = await runner.grade(CodeJob(code: attacker, tests: Fixture.stdin([("", "done")])))
        if let attackerVerdicts {
            #expect(attackerVerdicts.contains(attack.verdict), "\(name): attacker got \(attack.verdict.rawValue) (\(attack.detail))")
        }
        let after = SlotProcesses(uid: Self.uid)
        #expect(after.generation.isEmpty, "\(name): processes of the attacker survived: \(after.generation)")
        #expect(after.zygote == zygote, "\(name): the slot's zygote changed (\(String(describing: zygote)) -> \(String(describing: after.zygote)))")
        let grade = await runner.grade(CodeJob(code: probe, tests: Fixture.stdin([("", "clean")])))
        #expect(grade.verdict == .accepted, "\(name): probe got \(grade.verdict.rawValue) (\(grade.detail))")
        HostileTests.w.check(name)
    }

    @Test func leftoverBackgroundProcessIsGone() async throws {
        let attacker = """
            import os, time
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    for _ in range(100):
                        try: open('/tmp/late', 'w').write('x')
                        except OSError: pass
                        time.sleep(0.05)
                os._exit(0)
            print('done')
            """
        let probe = """
            import os, time
            time.sleep(0.3)
            pids = sorted(p for p in os.listdir('/proc') if p.isdigit())
            print('clean' if pids == ['1', '2'] and not os.path.exists('/tmp/late') else (pids, os.listdir('/tmp')))
            """
        try await attackThenProbe("leftover background process", attacker: attacker, probe: probe, attackerVerdicts: [.accepted])
    }

    @Test func filesLeftInTmpAndShmAreGone() async throws {
        let attacker = """
            import os
            open('/tmp/marker', 'w').write('x')
            open('/dev/shm/marker', 'w').write('x')
            os.mkdir('/tmp/dir')
            f = open('/tmp/fill', 'wb')
            try:
                while True: f.write(b'x' * (1 << 20)); f.flush()
            except OSError:
                pass
            print('done')
            """
        let probe = """
            import os
            big = open('/tmp/new', 'wb'); big.write(b'y' * (4 << 20)); big.close()
            left = [p for p in os.listdir('/tmp') if p != 'new'] + os.listdir('/dev/shm')
            print('clean' if not left else left)
            """
        try await attackThenProbe("files left in tmp", attacker: attacker, probe: probe, attackerVerdicts: [.accepted])
    }

    @Test func signalsToTheHarnessParentAndZygoteFail() async throws {
        let attacker = """
            import os, signal
            for target in (os.getppid(), 1, 0, -1):
                for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGSTOP):
                    try: os.kill(target, sig)
                    except OSError: pass
            print('done')
            """
        let probe = "print('clean')\n"
        try await attackThenProbe("signal to the harness parent", attacker: attacker, probe: probe)
    }

    @Test func zygoteMemoryAndPidsAreOutOfReach() async throws {
        let attacker = """
            import os, ctypes
            reached = []
            for p in os.listdir('/proc'):
                if not p.isdigit() or p == str(os.getpid()): continue
                for f in ('mem', 'environ', 'fd/0'):
                    try: open('/proc/%s/%s' % (p, f), 'rb').close(); reached.append((p, f))
                    except OSError: pass
            libc = ctypes.CDLL(None, use_errno=True)
            for pid in range(3, 1000):  # 1 is G, 2 this program; the zygote's pids do not exist here
                if libc.syscall(434, pid, 0) >= 0: reached.append(('pidfd', pid))
            print('done' if not reached else reached)
            """
        try await attackThenProbe("zygote out of reach", attacker: attacker, probe: "print('clean')\n", attackerVerdicts: [.accepted])
    }

    @Test func modifiedBuiltinsAndModulesDoNotCarryOver() async throws {
        let attacker = """
            import builtins, sys, math, json, random
            math.sqrt = lambda x: 42
            json.dumps = lambda *a, **k: 'forged'
            random.seed(7)
            sys.setrecursionlimit(50)
            h = sys.modules.get('harness')
            if h is not None: h.emit = lambda **e: None
            builtins.int = str
            sys.modules['collections'] = None
            print('done')
            """
        let probe = """
            import math, json, collections, sys
            ok = math.sqrt(16) == 4.0 and json.dumps([1]) == '[1]' and int('3') == 3 and sys.getrecursionlimit() > 1000
            print('clean' if ok and collections.Counter('aa')['a'] == 2 else 'tampered')
            """
        // The attacker breaks its own harness (json.dumps carries its events), so its verdict is its own business.
        try await attackThenProbe("modified builtins and sys.modules", attacker: attacker, probe: probe)
    }

    @Test func sysvIpcObjectsDoNotCarryOver() async throws {
        let attacker = """
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            print('done' if libc.shmget(0x5eed, 4096, 0o1666) >= 0 else 'no shm')
            """
        let probe = """
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            print('clean' if libc.shmget(0x5eed, 0, 0o666) < 0 else 'segment survived')
            """
        try await attackThenProbe("SysV IPC left behind", attacker: attacker, probe: probe, attackerVerdicts: [.accepted])
    }

    @Test func timedOutGenerationIsEndedWithoutRestartingTheSlot() async throws {
        let attacker = """
            import os
            for _ in range(4):
                if os.fork() == 0:
                    while True: pass
            while True: pass
            """
        try await attackThenProbe("timed-out generation", attacker: attacker, probe: "print('clean')\n",
                                  attackerVerdicts: [.timeLimit])
    }

    @Test func privilegesAreDroppedInsideTheGeneration() async throws {
        guard let runner = Self.single else { print(Fixture.skip); return }
        let code = """
            import os
            s = open('/proc/self/status').read()
            caps = [l for l in s.splitlines() if l.startswith('Cap') and int(l.split()[1], 16) != 0]
            seccomp = [l for l in s.splitlines() if l.startswith('Seccomp:')]
            print('clean' if not caps and seccomp == ['Seccomp:\\t2'] and 'NoNewPrivs:\\t1' in s and os.getuid() == 1000 else (caps, seccomp))
            """
        let grade = await runner.grade(CodeJob(code: code, tests: Fixture.stdin([("", "clean")])))
        #expect(grade.verdict == .accepted, "\(grade.detail)")
    }

    @Test func shutdownLeavesNoProcess() async throws {
        guard let base = Fixture.runner else { print(Fixture.skip); return }
        var profile = base.profile
        profile.uidBase += 2500
        let runner = try CodeRunner(profile: profile, workers: 1)
        let grade = await runner.grade(CodeJob(code: "print(1)\n", tests: Fixture.stdin([("", "1")])))
        #expect(grade.verdict == .accepted)
        #expect(SlotProcesses(uid: profile.uidBase).zygote != nil)
        runner.shutdown()
        #expect(SlotProcesses(uid: profile.uidBase).all.isEmpty)
    }
}
