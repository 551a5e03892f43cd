// The text tasks' graders and generators.
import Foundation
import Testing
import Tensor
@testable import FlowRL

@Suite struct CountdownTaskTests {
    private let task = CountdownTask()
    private var prompt: TaskPrompt { TaskPrompt(id: "x", text: "3,5,7>15:", tokens: [256], reference: "15") }

    @Test func gradesByExactArithmeticAndNumberUse() {
        #expect(task.grade(response: "7+3+5", prompt: prompt).reward == 1)
        #expect(task.grade(response: "(7 - 5) * 3 + 9", prompt: prompt).verdict == "bad_numbers")  // 9 not given
        #expect(task.grade(response: "5*3", prompt: prompt).reward == 1)                    // not every number needed
        #expect(task.grade(response: "5+5+5", prompt: prompt).verdict == "bad_numbers")    // 5 used three times
        #expect(task.grade(response: "7+5", prompt: prompt).reward == 0)
        #expect(task.grade(response: "15", prompt: prompt).verdict == "bad_numbers")
        #expect(task.grade(response: "x=15", prompt: prompt).verdict == "malformed")
        // exact division: 7/3*... is not an integer trick; (7+5)/3 = 4, not 15
        #expect(task.grade(response: "(7+5)/3", prompt: prompt).reward == 0)
        let halves = TaskPrompt(id: "y", text: "7,2,3>7:", tokens: [256], reference: "7")
        #expect(task.grade(response: "7/2*2", prompt: halves).reward == 0)  // 2 used twice
        #expect(task.grade(response: "(7/2)*2", prompt: TaskPrompt(id: "z", text: "7,2,2>7:", tokens: [256], reference: "7")).reward == 1)
    }

    @Test func generatedSolutionsAreCorrectAndEvaluationIsHeldOut() {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<50 {
            let p = task.puzzle(using: &generator)
            let prompt = TaskPrompt(id: "p", text: p.numbers.map(String.init).joined(separator: ",") + ">\(p.target):",
                                    tokens: [256], reference: String(p.target))
            #expect(task.grade(response: p.solution, prompt: prompt).reward == 1, "\(p.solution) = \(p.target)")
        }
        let held = Set(task.evaluationPrompts().map(\.id))
        #expect(held.count == task.evaluationCount)
        #expect(task.trainingPrompts(step: 3, count: 64, seed: 1).allSatisfy { !held.contains($0.id) })
    }
}

@Suite struct ArithTaskTests {
    @Test func gradesTheFinalBoxWithMathGrader() {
        let task = ArithTask()
        let prompt = TaskPrompt(id: "a", text: "12+7*3=", tokens: [256], reference: "33")
        #expect(task.grade(response: "\\boxed{33}", prompt: prompt).reward == 1)
        #expect(task.grade(response: "\\boxed{57}", prompt: prompt).reward == 0)
        #expect(task.grade(response: "33", prompt: prompt).verdict == "noAnswer")  // reward mode: only a box counts
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<30 {
            let p = task.problem(using: &generator)
            #expect(task.grade(response: "\\boxed{\(p.answer)}",
                               prompt: TaskPrompt(id: "b", text: p.statement, tokens: [256], reference: String(p.answer))).reward == 1)
        }
    }

    @Test func precedenceIsHandled() {
        // 2+3*4 = 14, 10-2*3 = 4: the generator's value must agree with MathGrader's reading of the statement
        let task = ArithTask()
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<40 {
            let p = task.problem(using: &generator)
            let grade = MathGraderCheck.value(of: String(p.statement.dropLast()), equals: p.answer)
            #expect(grade, "\(p.statement) \(p.answer)")
        }
    }
}

import MathGrader
/// An independent reading of an arithmetic statement: MathGrader's exact comparison of the expression and value.
enum MathGraderCheck {
    static func value(of expression: String, equals answer: Int) -> Bool {
        MathGrader(mode: .reward).gradeAnswer(expression, reference: String(answer)).isCorrect
    }
}

@Suite struct CodeTaskTests {
    private let task = CodeTask()

    @Test func promptsCarryShownAndHiddenTests() {
        let prompts = task.evaluationPrompts()
        #expect(prompts.count == 24 && Set(prompts.map(\.id)).count == 24)
        // "f(1)=3;f(2)=5;f(4)=9;f=" style prompts whose stored tests include the hidden x = 0, 7, 10.
        for p in prompts {
            #expect(p.text.hasSuffix(";f=") && p.text.split(separator: ";").count == 4)
            #expect(p.metadataJSON.contains(#""input":"7""#) && p.metadataJSON.contains(#""input":"10""#))
        }
    }

    @Test func gradesExpressionsInTheSandbox() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap") else {
            print("skipped: the code task grades in the sandbox (needs root and bubblewrap)")
            return
        }
        var generator = SeededGenerator(seed: 5)
        let (prompt, solution) = task.generate(using: &generator)
        #expect(task.grade(response: solution, prompt: prompt).reward == 1)
        // Another spelling of the same function is correct too; a function right on the shown examples only is not.
        #expect(task.grade(response: "(\(solution))*1", prompt: prompt).correct == true)
        #expect(task.grade(response: solution + "+1", prompt: prompt).verdict == "wrong_answer")
        #expect(task.grade(response: "x+", prompt: prompt).reward == 0)
        let shown = TaskPrompt(id: "t", text: "f(1)=1;f(2)=2;f(3)=3;f=", tokens: [256], reference: "x", metadataJSON: """
            {"tests":[{"input":"1","output":"1"},{"input":"2","output":"2"},{"input":"3","output":"3"},{"input":"7","output":"7"}]}
            """)
        #expect(task.grade(response: "x if x < 4 else 0", prompt: shown).reward == 0)
        #expect(task.grade(response: "x", prompt: shown).reward == 1)
    }
}
