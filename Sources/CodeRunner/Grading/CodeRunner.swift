// The public face of code grading: one generation against its tests, in its own sandbox, with LiveCodeBench
// (or native) semantics; and a worker pool grading many generations with results delivered in input order.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import Glibc
import FlowRLCore

/// How stdin programs are run and judged.
public enum CodeSemantics: String, Sendable, CaseIterable {
    /// The official LiveCodeBench execution model, quirks included (mocked stdin, captured stdout).
    case lcb
    /// The program runs as a script with a real stdin/stdout; same comparison rules.
    case native
}

/// One generation to grade.
public struct CodeJob: Sendable {
    public var code: String
    public var tests: [TestCase]
    public var funcName: String?
    /// For HumanEval-style problems: the prompt the completion continues, and the entry point.
    public var prompt: String?
    public var entryPoint: String?
    public var semantics: CodeSemantics

    public init(code: String, tests: [TestCase], funcName: String? = nil, prompt: String? = nil,
                entryPoint: String? = nil, semantics: CodeSemantics = .lcb) {
        self.code = code
        self.tests = tests
        self.funcName = funcName
        self.prompt = prompt
        self.entryPoint = entryPoint
        self.semantics = semantics
    }

    /// A job from a model response: code taken by the official rule (between the last two ``` lines).
    public init(response: String, tests: [TestCase], funcName: String? = nil, semantics: CodeSemantics = .lcb) {
        self.init(code: CodeExtraction.extract(from: response), tests: tests, funcName: funcName, semantics: semantics)
    }
}

/// Grades generated Python in bubblewrap sandboxes: one long-lived sandbox per worker slot, and inside it fresh
/// namespaces, rlimits and a seccomp filter for every generation (see graders/README.md).
///
/// ```swift
/// let runner = try CodeRunner(workers: 2)
/// let grade = try await runner.grade(CodeJob(response: text, tests: tests, funcName: "twoSum"))
/// ```
public final class CodeRunner: @unchecked Sendable {
    /// Grader name and version, to record with every grade (bump when verdicts may change).
    public static let version = "flowrl-coderunner 1.1"

    public let profile: SandboxProfile
    public let workers: Int
    let sandbox: Sandbox
    private let slots: SlotPool

    /// - Parameters:
    ///   - profile: limits; defaults to `graders/python.json` (see `SandboxProfile.gradersDirectory`).
    ///   - workers: concurrent sandboxes (default: the number of cores).
    /// - Throws: `CodeRunnerError.setup` when bwrap, python3, the harness or root privileges are missing.
    public init(profile: SandboxProfile? = nil, gradersDirectory: String? = nil, workers: Int? = nil) throws {
        let dir = try gradersDirectory ?? SandboxProfile.gradersDirectory()
        let profile = try profile ?? SandboxProfile.load("python", from: dir)
        self.profile = profile
        self.workers = max(1, workers ?? Machine.coreCount)
        sandbox = try Sandbox(profile: profile, gradersDirectory: dir)
        slots = try SlotPool(count: self.workers, uidBase: profile.uidBase)
    }

    /// Which cgroup controllers are missing on this machine (their limits fall back to rlimits).
    public var missingCgroupControllers: [String] { sandbox.cgroups.missing }

    /// The cgroup layout found on this machine (v1, v2 or hybrid) and which hierarchy provides each limit.
    public var cgroupSupport: CgroupSupport { sandbox.cgroups.support }

    /// Stops every worker slot's sandbox now (each slot keeps one sandbox between generations; the next job
    /// starts it again). Also done when the runner is released. Call it when no grade is in flight.
    public func shutdown() { sandbox.shutdown() }

    /// Grades one generation (blocks a worker slot, not the caller's executor thread).
    public func grade(_ job: CodeJob) async -> CodeGrade {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.gradeBlocking(job))
            }
        }
    }

    /// Grades many generations over the worker pool; `deliver` is called in input order, from one thread at a time.
    public func gradeAll(_ jobs: [CodeJob], deliver: @escaping @Sendable (Int, CodeGrade) -> Void) {
        let order = OrderedDelivery(deliver: deliver)
        DispatchQueue.concurrentPerform(iterations: min(workers, max(jobs.count, 1))) { _ in
            while let index = order.claim(limit: jobs.count) {
                order.complete(index, gradeBlocking(jobs[index]))
            }
        }
    }

    /// Grades many generations over the worker pool and returns their grades in input order.
    public func gradeAll(_ jobs: [CodeJob]) -> [CodeGrade] {
        let collected = InOrderGrades()
        gradeAll(jobs) { _, grade in collected.append(grade) }
        return collected.grades
    }

    /// Grades one generation on the calling thread.
    public func gradeBlocking(_ job: CodeJob) -> CodeGrade {
        let slot = slots.acquire()
        defer { slots.release(slot) }
        return HarnessSession(job: job, profile: profile).run(in: sandbox, slot: slot)
    }
}

/// Hands out worker slots. Each slot owns one host uid, claimed for the runner's lifetime with a lock file, so
/// that two runners (in this process or another) never share a uid: the end-of-run sweep kills every process of
/// the slot's uid.
final class SlotPool: @unchecked Sendable {
    private var free: [Int]
    private let condition = Condition()
    private var lockFds: [Int32] = []

    init(count: Int, uidBase: Int) throws {
        var claimed: [Int] = []
        var offset = 0
        while claimed.count < count && offset < 4096 {
            let fd = open("/tmp/flowrl-sandbox-uid-\(uidBase + offset).lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            if fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 {
                claimed.append(offset)
                lockFds.append(fd)
            } else if fd >= 0 {
                close(fd)
            }
            offset += 1
        }
        guard claimed.count == count else {
            throw CodeRunnerError.setup("could not claim \(count) sandbox uids from \(uidBase)")
        }
        free = claimed.reversed()
    }

    deinit { for fd in lockFds { close(fd) } }

    func acquire() -> Int {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty { condition.wait() }
        return free.removeLast()
    }

    func release(_ slot: Int) {
        condition.lock()
        free.append(slot)
        condition.signal()
        condition.unlock()
    }
}

/// Reorders completed results so that they are delivered in input order.
/// Grades as `gradeAll` delivers them (in input order, one call at a time), read once all are in.
private final class InOrderGrades: @unchecked Sendable {
    private let condition = Condition()
    private var stored: [CodeGrade] = []

    func append(_ grade: CodeGrade) {
        condition.lock()
        defer { condition.unlock() }
        stored.append(grade)
    }

    var grades: [CodeGrade] {
        condition.lock()
        defer { condition.unlock() }
        return stored
    }
}

final class OrderedDelivery: @unchecked Sendable {
    private var nextClaim = 0
    private var nextDeliver = 0
    private var pending: [Int: CodeGrade] = [:]
    private let condition = Condition()
    private let deliver: @Sendable (Int, CodeGrade) -> Void

    init(deliver: @escaping @Sendable (Int, CodeGrade) -> Void) { self.deliver = deliver }

    func claim(limit: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard nextClaim < limit else { return nil }
        nextClaim += 1
        return nextClaim - 1
    }

    func complete(_ index: Int, _ grade: CodeGrade) {
        condition.lock()
        pending[index] = grade
        while let ready = pending.removeValue(forKey: nextDeliver) {
            deliver(nextDeliver, ready)
            nextDeliver += 1
        }
        condition.unlock()
    }
}

/// A pthread mutex + condition variable.
final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil); pthread_cond_init(cond, nil) }
    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    func wait() { pthread_cond_wait(cond, mutex) }
    func signal() { pthread_cond_signal(cond) }
}
