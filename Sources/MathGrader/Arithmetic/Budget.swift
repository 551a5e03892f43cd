// The cooperative budget every parse, evaluation and comparison draws from. Running out is recorded, never thrown
// past the grader: the verdict becomes "undecided" with the reason kept here.
import BigInt

/// Per-call mutable counter (one per `grade` call, never shared across threads).
final class Budget {
    let limits: MathGradingBudget
    private(set) var steps = 0
    /// Why the budget ran out, when it did.
    private(set) var exhaustedReason: String?

    /// Factorials computed during this grade (n → n!): 1/2004! against 1/2006! computes one, then two products.
    var factorials: [Int: BigUInt]

    init(_ limits: MathGradingBudget) { self.limits = limits; self.factorials = [:] }

    /// A fresh step and size allowance that shares `other`'s computed values.
    init(_ limits: MathGradingBudget, sharingWith other: Budget) { self.limits = limits; self.factorials = other.factorials }

    var isExhausted: Bool { exhaustedReason != nil }

    /// Spends `cost` steps; false (and records why) once the step limit is passed.
    @discardableResult
    func spend(_ cost: Int = 1) -> Bool {
        steps += cost
        if steps > limits.maxSteps { exhaust("step limit \(limits.maxSteps) reached") }
        return exhaustedReason == nil
    }

    /// True when a number of `bits` bits is allowed; otherwise records the reason.
    func allowBits(_ bits: Int) -> Bool {
        if bits > limits.maxBits { exhaust("number larger than \(limits.maxBits) bits"); return false }
        return exhaustedReason == nil
    }

    func exhaust(_ why: String) { if exhaustedReason == nil { exhaustedReason = why } }
}
