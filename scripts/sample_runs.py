"""Synthetic sample problems and simulated model runs for `flowrl demo` (imported by make-samples.py).

Everything here is written by the project and generated deterministically from fixed seeds:
- SYNTHETIC_MATH: MATH-500-format rows (subject, level, unique_id) whose answers are computed exactly;
- simulated runs: responses of three simulated "models" with 8 samples per problem, so that the demo's statistics
  and report have something to compare. They are simulations, not model outputs:
    sim-diverse    varied strategies and answer spellings, moderate accuracy, varied mistakes;
    sim-collapsed  one strategy and one phrasing for everything, higher accuracy on easy levels, the same mistake
                   repeated (the mode collapse the FlowRL paper describes for reward maximisers);
    sim-weak       lower accuracy, some responses without a final answer or with unfinished thinking;
- code generations for the sample code problems (correct, wrong, crashing, syntax errors) as run sim-coder.
"""
import random
from fractions import Fraction

SUBJECTS = ["Prealgebra", "Algebra", "Number Theory", "Counting & Probability", "Geometry", "Intermediate Algebra"]


def latex(value):
    """An exact value as a MATH-style LaTeX answer."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return "%s\\frac{%d}{%d}" % (sign, abs(value.numerator), value.denominator)


def make_problem(subject, index, rng):
    """(question, exact answer, level, worked solution) for one synthetic problem of `subject`."""
    if subject == "Prealgebra":
        a, b, c = rng.randint(2, 40), rng.randint(2, 12), rng.randint(2, 12)
        return ("What is $%d + %d \\times %d$?" % (a, b, c), Fraction(a + b * c), 1,
                "Multiplication first: $%d \\times %d = %d$, and $%d + %d = %d$." % (b, c, b * c, a, b * c, a + b * c))
    if subject == "Algebra":
        a, b, c = rng.randint(2, 9), rng.randint(1, 30), rng.randint(31, 90)
        x = Fraction(c - b, a)
        return ("Solve for $x$: $%dx + %d = %d$." % (a, b, c), x, 2,
                "Subtract %d and divide by %d: $x = \\frac{%d}{%d}$." % (b, a, c - b, a))
    if subject == "Number Theory":
        a, n, m = rng.randint(2, 9), rng.randint(5, 30), rng.choice([7, 9, 11, 13, 17])
        return ("What is the remainder when $%d^{%d}$ is divided by $%d$?" % (a, n, m), Fraction(pow(a, n, m)), 3,
                "Reduce the powers of %d modulo %d." % (a, m))
    if subject == "Counting & Probability":
        n, k = rng.randint(5, 12), rng.randint(2, 4)
        from math import comb
        return ("In how many ways can a committee of %d be chosen from %d people?" % (k, n), Fraction(comb(n, k)), 3,
                "This is $\\binom{%d}{%d} = %d$." % (n, k, comb(n, k)))
    if subject == "Geometry":
        a, b = rng.randint(3, 15), rng.randint(3, 15)
        return ("A right triangle has legs of length $%d$ and $%d$. What is its area?" % (a, b), Fraction(a * b, 2), 2,
                "The area is $\\frac{1}{2} \\cdot %d \\cdot %d$." % (a, b))
    first, diff, count = rng.randint(1, 9), rng.randint(2, 7), rng.randint(10, 30)
    total = count * (2 * first + (count - 1) * diff) // 2
    return ("What is the sum of the first $%d$ terms of the arithmetic sequence $%d, %d, %d, \\ldots$?"
            % (count, first, first + diff, first + 2 * diff), Fraction(total), 4,
            "The sum is $\\frac{n}{2}(2a + (n-1)d)$ with $n = %d$." % count)


def synthetic_math():
    rng = random.Random(20251201)
    rows = []
    for s, subject in enumerate(SUBJECTS):
        for i in range(8):
            question, answer, level, solution = make_problem(subject, i, rng)
            level = min(5, level + (i % 3 == 2))
            slug = subject.lower().replace(" & ", "_").replace(" ", "_")
            rows.append({"problem": question, "solution": "%s The answer is $\\boxed{%s}$." % (solution, latex(answer)),
                         "answer": latex(answer), "subject": subject, "level": level,
                         "unique_id": "test/%s/%d.json" % (slug, 9100 + 10 * s + i)})
    return rows


def problem_id(row):
    return "math500/" + row["unique_id"][:-len(".json")]


OPENINGS = [
    "Let's compute directly.", "We work step by step.", "First estimate, then compute exactly.",
    "Rewrite the expression in a simpler form first.", "Check small cases, then generalise.",
    "Set up an equation and solve it.",
]


def spell(value, rng, varied):
    """The answer in one of the spellings graders must accept."""
    value = Fraction(value)
    if not varied:
        return latex(value)
    forms = [latex(value)]
    if value.denominator == 1:
        forms.append("%d.0" % value.numerator)
        if abs(value.numerator) >= 1000:
            forms += ["{:,}".format(value.numerator), "{:,}".format(value.numerator).replace(",", "{,}")]
    else:
        forms += ["\\dfrac{%d}{%d}" % (value.numerator, value.denominator), "%d/%d" % (value.numerator, value.denominator)]
        if 1000 % value.denominator == 0 or value.denominator in (2, 4, 5, 8):
            forms.append(str(float(value)))
    return rng.choice(forms)


def wrong_answer(value, rng, fixed):
    value = Fraction(value)
    if fixed:
        return value + 1
    return rng.choice([value + 1, value - 1, value * 2, value + rng.randint(2, 9), -value if value else Fraction(3)])


def response(row, answer, rng, style, correct):
    solution = row["solution"].split(" The answer is")[0]
    if style == "collapsed":
        final = answer if correct else wrong_answer(answer, rng, fixed=True)
        return "We work step by step. %s Therefore the answer is $\\boxed{%s}$." % (solution, latex(final))
    opening = rng.choice(OPENINGS)
    final = answer if correct else wrong_answer(answer, rng, fixed=False)
    filler = " ".join(rng.sample(["We double-check the arithmetic.", "Each step is reversible.",
                                  "No case is missed.", "The units are consistent.", "A quick sanity check agrees."], 2))
    if style == "weak" and rng.random() < 0.12:
        return "<think>%s %s" % (opening, solution)  # thinking never finished: no answer
    if style == "weak" and rng.random() < 0.1:
        return "%s %s I am not sure of the final value." % (opening, solution)
    ending = rng.choice(["The answer is $\\boxed{%s}$.", "So we get $\\boxed{%s}$.", "Final answer: $%s$",
                         "**Answer:** %s"])
    return "%s %s %s %s" % (opening, solution, filler, ending % spell(final, rng, varied=True))


STYLES = {  # style: (seed, accuracy at level 1, loss per level)
    "sim-diverse": ("diverse", 11, 0.92, 0.13),
    "sim-collapsed": ("collapsed", 12, 0.99, 0.16),
    "sim-weak": ("weak", 13, 0.70, 0.14),
}


def simulated_runs(rows, samples=8):
    runs = {}
    for name, (style, seed, top, loss) in STYLES.items():
        rng = random.Random(seed)
        out = []
        for row in rows:
            answer = Fraction(row["answer"].replace("\\frac{", "").replace("}{", "/").replace("}", "")) \
                if "frac" in row["answer"] else Fraction(row["answer"])
            p = max(0.05, top - loss * (row["level"] - 1))
            if style == "collapsed":
                # One fixed behaviour per problem: right on all samples or (mostly) wrong on all of them.
                solved = rng.random() < p
                outcomes = [solved if rng.random() < 0.9 else not solved for _ in range(samples)]
            else:
                outcomes = [rng.random() < p for _ in range(samples)]
            for i, ok in enumerate(outcomes):
                out.append({"problem_id": problem_id(row), "sample": i, "response": response(row, answer, rng, style, ok)})
        runs[name] = out
    return runs


CODE_GENERATIONS = {  # problem id: generations (each a response with a fenced code block, or raw HumanEval code)
    "lcb/sample_add": [
        "```python\na, b = map(int, input().split())\nprint(a + b)\n```",
        "Read both numbers:\n```python\nimport sys\nx, y = sys.stdin.read().split()\nprint(int(x) + int(y))\n```",
        "```python\na, b = map(int, input().split())\nprint(a - b)\n```",
        "```python\na, b = map(int, input().split()\nprint(a + b)\n```",
    ],
    "lcb/sample_rev": [
        "```python\nprint(' '.join(input().split()[::-1]))\n```",
        "```python\nwords = input().split()\nwords.reverse()\nprint(*words)\n```",
        "```python\nprint(input()[::-1])\n```",
        "I would reverse the words, but I have no code.",
    ],
    "lcb/9001": [
        "```python\nclass Solution:\n    def countEvens(self, nums):\n        return sum(1 for x in nums if x % 2 == 0)\n```",
        "```python\nclass Solution:\n    def countEvens(self, nums):\n        return len([x for x in nums if not x & 1])\n```",
        "```python\nclass Solution:\n    def countEvens(self, nums):\n        return nums[0] % 2\n```",
        "```python\nclass Solution:\n    def countEvens(self, nums):\n        return sum(x % 2 for x in nums)\n```",
    ],
    "humaneval/HumanEval-9001": [
        "    return a + b\n",
        "```python\ndef add(a: int, b: int) -> int:\n    return sum([a, b])\n```",
        "    return a * b\n",
        "    return a + b\n",
    ],
    "humaneval/HumanEval-9002": [
        "    return s == s[::-1]\n",
        "```python\ndef is_palindrome(s):\n    return all(s[i] == s[-1 - i] for i in range(len(s) // 2))\n```",
        "    return s[0] == s[-1]\n",
        "    return list(s) == list(reversed(s))\n",
    ],
}


def code_run():
    return [{"problem_id": pid, "sample": i, "response": text}
            for pid, texts in CODE_GENERATIONS.items() for i, text in enumerate(texts)]
