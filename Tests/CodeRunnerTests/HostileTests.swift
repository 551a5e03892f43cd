// Hostile programs: each must get its verdict AND leave the host untouched — canary files intact, a loopback
// listener that receives nothing, a sentinel process alive, no process left under a slot uid, the host still able
// to fork. Limits are short (see Fixture.runner) so the suite stays fast; sandboxes run in parallel.
import Testing
import Foundation
import Glibc
import FlowRLCore
import CodeRunner

/// Host-side tripwires shared by the hostile tests.
final class Tripwires: @unchecked Sendable {
    static let shared = Tripwires()
    let canaryPath: String
    let canaryText = "canary-\(UUID().uuidString)"
    let listener: Int32
    let port: Int
    let sentinel: Process

    private init() {
        canaryPath = NSTemporaryDirectory() + "flowrl-canary-\(getpid())"
        _ = FileManager.default.createFile(atPath: canaryPath, contents: Data(canaryText.utf8))
        chmod(canaryPath, 0o666)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        self.listener = listener
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, len) } }
        listen(listener, 16)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        sentinel = Process()
        sentinel.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sentinel.arguments = ["90"]
        // The sentinel must not hold the test runner's output pipe open after the tests end.
        sentinel.standardInput = FileHandle.nullDevice
        sentinel.standardOutput = FileHandle.nullDevice
        sentinel.standardError = FileHandle.nullDevice
        try? sentinel.run()
    }

    /// Asserts that nothing on the host was touched.
    func check(_ name: String) {
        let text = (try? String(contentsOfFile: canaryPath, encoding: .utf8)) ?? ""
        #expect(text == canaryText, "\(name): canary file changed")
        let fd = accept(listener, nil, nil)
        #expect(fd < 0, "\(name): the loopback listener received a connection")
        if fd >= 0 { close(fd) }
        #expect(kill(sentinel.processIdentifier, 0) == 0, "\(name): the sentinel process died")
        let forked = Process()
        forked.executableURL = URL(fileURLWithPath: "/bin/true")
        #expect((try? forked.run()) != nil, "\(name): the host cannot fork")
        forked.waitUntilExit()
    }

    /// Processes still running under a slot uid.
    static func leftovers(base: Int, slots: Int) -> [String] {
        var found: [String] = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for e in entries where Int(e) != nil {
            guard let status = try? String(contentsOfFile: "/proc/\(e)/status", encoding: .utf8) else { continue }
            for line in status.split(separator: "\n") where line.hasPrefix("Uid:") {
                let uid = line.split(separator: "\t").dropFirst().first.flatMap { Int($0) } ?? -1
                if uid >= base && uid < base + slots { found.append(e) }
            }
        }
        return found
    }
}

@Suite struct HostileTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var code: String
        /// Acceptable verdicts ("accepted" means the probe printed the contained outcome).
        var verdicts: Set<CodeVerdict>
        var expected = "blocked\n"
        var description: String { name }
    }

    static let w = Tripwires.shared

    static let cases: [Case] = [
        Case(name: "fork bomb", code: "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
             verdicts: [.timeLimit, .runtimeError]),
        Case(name: "posix fork bomb", code: "import posix\nwhile True:\n    try: posix.fork()\n    except OSError: pass\n",
             verdicts: [.timeLimit, .runtimeError]),
        Case(name: "thread bomb", code: "import threading,time\nwhile True:\n    threading.Thread(target=time.sleep, args=(100,), daemon=True).start()\n",
             verdicts: [.timeLimit, .runtimeError, .memoryLimit]),
        Case(name: "memory bomb", code: "x=[]\nwhile True:\n    x.append(bytearray(1<<24))\n", verdicts: [.memoryLimit]),
        Case(name: "output flood", code: "while True:\n    print('x'*4096)\n", verdicts: [.outputLimit]),
        Case(name: "escaped output flood", code: "import os\nwhile True:\n    os.write(1, b'x'*65536)\n", verdicts: [.outputLimit]),
        Case(name: "stderr flood", code: "import os\nwhile True:\n    os.write(2, b'x'*65536)\n", verdicts: [.outputLimit]),
        Case(name: "tmpfs fill", code: "f=open('/tmp/fill','wb')\ntry:\n    while True:\n        f.write(b'x'*(1<<20)); f.flush()\nexcept OSError:\n    print('blocked')\n",
             verdicts: [.accepted, .outputLimit]),
        Case(name: "root fill", code: "try:\n    open('/big','wb').write(b'x'*(1<<20))\n    print('written')\nexcept OSError:\n    print('blocked')\n",
             verdicts: [.accepted]),
        Case(name: "loopback network", code: "import socket\ns=socket.socket()\ns.settimeout(0.5)\ntry:\n    s.connect(('127.0.0.1', \(w.port)))\n    print('connected')\nexcept OSError:\n    print('blocked')\n",
             verdicts: [.accepted]),
        Case(name: "internet", code: "import socket\ns=socket.socket()\ns.settimeout(0.5)\ntry:\n    s.connect(('1.1.1.1', 53))\n    print('connected')\nexcept OSError:\n    print('blocked')\n",
             verdicts: [.accepted]),
        Case(name: "host file read", code: "r=[]\nfor p in ['\(w.canaryPath)', '/etc/shadow', '/etc/passwd', '/root/.bashrc', '/work/shared/DESIGN.md']:\n    try:\n        open(p).read(); r.append(p)\n    except OSError:\n        pass\nprint('blocked' if not r else r)\n",
             verdicts: [.accepted]),
        Case(name: "host file write", code: "import os\nr=[]\nfor p in ['/usr/lib/flowrl-x', '/etc/flowrl-x', '/grader/harness.py', '/flowrl-x', '/proc/sys/kernel/hostname']:\n    try:\n        open(p,'w').write('pwned'); r.append(p)\n    except OSError:\n        pass\nprint('blocked' if not r else r)\n",
             verdicts: [.accepted]),
        Case(name: "environment and /proc snooping", code: "import os\nenv=set(os.environ)-{'PATH','HOME','LANG','PWD'}\npids=[p for p in os.listdir('/proc') if p.isdigit()]\nleak=[]\nfor p in pids:\n    try:\n        e=open('/proc/%s/environ'%p,'rb').read()\n        if e and any(not k.startswith((b'PATH=',b'HOME=',b'LANG=',b'PWD=')) for k in e.split(b'\\0') if k): leak.append(p)\n    except OSError:\n        pass\nprint('blocked' if not env and not leak and len(pids)<8 else (env,leak,pids))\n",
             verdicts: [.accepted]),
        Case(name: "kill the parent", code: "import os,signal\nos.kill(os.getppid(), signal.SIGKILL)\nos.kill(1, signal.SIGKILL)\nprint('blocked')\n",
             verdicts: [.accepted, .runtimeError, .wrongAnswer]),
        Case(name: "kill every process", code: "import os,signal\ntry:\n    os.kill(-1, signal.SIGKILL)\nexcept OSError:\n    pass\nfor p in range(2, 40000):\n    try: os.kill(p, signal.SIGKILL)\n    except OSError: pass\nprint('blocked')\n",
             verdicts: [.accepted, .runtimeError, .wrongAnswer]),
        Case(name: "kill the sentinel", code: "import os\ntry:\n    os.kill(\(w.sentinel.processIdentifier), 9)\n    print('killed')\nexcept OSError:\n    print('blocked')\n",
             verdicts: [.accepted]),
        Case(name: "daemonise", code: "import os,time\nif os.fork()==0:\n    os.setsid()\n    if os.fork()==0:\n        time.sleep(120)\n    os._exit(0)\nprint('blocked')\n",
             verdicts: [.accepted]),
        Case(name: "ignore signals", code: "import signal\nfor s in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGHUP, signal.SIGXCPU):\n    signal.signal(s, signal.SIG_IGN)\nwhile True: pass\n",
             verdicts: [.timeLimit]),
        Case(name: "sleep", code: "import time\ntime.sleep(100)\n", verdicts: [.timeLimit]),
        Case(name: "long C call", code: "import re\nre.match(r'(a+)+$', 'a'*40+'b')\n", verdicts: [.timeLimit]),
        Case(name: "ptrace unshare mount", code: "import ctypes,os\nlibc=ctypes.CDLL(None, use_errno=True)\nr=[libc.ptrace(16, 1, 0, 0), libc.unshare(0x10000000), libc.unshare(0x20000), libc.mount(b'none', b'/tmp', b'tmpfs', 0, None), libc.syscall(321, 0, 0, 0), libc.chroot(b'/tmp'), libc.ioctl(0, 0x5412, ctypes.c_char_p(b'x'))]\nprint('blocked' if all(x==-1 for x in r) else r)\n",
             verdicts: [.accepted]),
        Case(name: "fd exhaustion", code: "fs=[]\ntry:\n    while True: fs.append(open('/dev/null'))\nexcept OSError:\n    print('blocked')\n",
             verdicts: [.accepted]),
        Case(name: "deep recursion", code: "def f(n): return f(n+1)+1\nf(0)\n", verdicts: [.runtimeError]),
        Case(name: "forge the result channel", code: "import os\nos.write(3, b'{\"ev\":\"out\",\"i\":0,\"out\":\"blocked\\\\n\"}\\n{\"ev\":\"end\"}\\n')\nos._exit(0)\n",
             verdicts: [.accepted, .wrongAnswer, .runtimeError]),
    ]

    @Test(arguments: cases)
    func hostileProgramIsContained(_ c: Case) async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        let grade = await runner.grade(CodeJob(code: c.code, tests: Fixture.stdin([("\n", c.expected)])))
        #expect(c.verdicts.contains(grade.verdict), "\(c.name): got \(grade.verdict.rawValue) (\(grade.detail))")
        if !c.verdicts.contains(grade.verdict) { print("HOSTILE \(c.name): \(grade.verdict.rawValue) \(grade.detail)") }
        Self.w.check(c.name)
    }

    @Test func rewardHacksFail() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        let tests = [TestCase(input: "[5, 3, 10, 8, 2]\n5", output: "3", kind: .functional)]
        let eq = "class _Any:\n    def __eq__(self, other): return True\nclass Solution:\n    def f(self, hours, target):\n        return _Any()\n"
        let peek = "import sys\nclass Solution:\n    def f(self, hours, target):\n        fr = sys._getframe(1)\n        return fr.f_locals.get('gt_out', fr.f_locals)\n"
        let sub = "class I(int):\n    def __eq__(self, o): return True\nclass Solution:\n    def f(self, hours, target):\n        return I(0)\n"
        async let a = runner.grade(CodeJob(code: eq, tests: tests, funcName: "f"))
        async let b = runner.grade(CodeJob(code: peek, tests: tests, funcName: "f"))
        async let c = runner.grade(CodeJob(code: sub, tests: tests, funcName: "f"))
        let (ga, gb, gc) = await (a, b, c)
        #expect(ga.verdict == .wrongAnswer)
        #expect(gb.verdict == .wrongAnswer)
        #expect(gc.verdict == .wrongAnswer)
    }

    @Test func noProcessOutlivesItsRun() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        var profile = runner.profile
        profile.uidBase += 3000
        let single = try CodeRunner(profile: profile, workers: 1)
        let daemon = "import os,time\nif os.fork()==0:\n    os.setsid()\n    if os.fork()==0:\n        time.sleep(120)\n    os._exit(0)\nprint(1)\n"
        let grade = await single.grade(CodeJob(code: daemon, tests: Fixture.stdin([("", "1")])))
        #expect(grade.verdict == .accepted)
        // The slot's sandbox (bwrap and the zygote) lives on between generations; the generation's processes not.
        let left = SlotProcesses(uid: profile.uidBase)
        #expect(left.generation.isEmpty, "left behind: \(left.generation)")
        #expect(left.zygote != nil)
        single.shutdown()
        #expect(Tripwires.leftovers(base: profile.uidBase, slots: 1).isEmpty)
    }
}
