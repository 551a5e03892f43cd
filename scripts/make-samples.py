#!/usr/bin/env python3
"""Writes the demo/test sample benchmarks under datasets/samples/: a few hand-written problems per benchmark
family, each in its real distribution format, packed in the archive types `flowrl ingest` reads.

The problems are the project's own (written for these samples), not copies of benchmark rows.
Run from the repository root:  python3 scripts/make-samples.py   (needs the `zstd` command for .zst files)
The output is deterministic (fixed mtimes), so re-running it changes nothing unless this script changed.
"""
import sample_runs
import base64, gzip, io, json, os, pickle, subprocess, tarfile, zipfile, zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "datasets", "samples")
SRC = os.path.join(ROOT, "src")

MATH500 = [
    {"problem": "What is the value of $\\frac{3}{4} + \\frac{5}{8}$? Express your answer as a common fraction.",
     "solution": "$\\frac{3}{4} = \\frac{6}{8}$, so the sum is $\\frac{11}{8}$. The answer is $\\boxed{\\frac{11}{8}}$.",
     "answer": "\\frac{11}{8}", "subject": "Prealgebra", "level": 1, "unique_id": "test/prealgebra/9001.json"},
    {"problem": "Find all real $x$ such that $x^2 - 5x + 6 = 0$. Enter the solutions separated by commas.",
     "solution": "The quadratic factors as $(x-2)(x-3)$, so $x = \\boxed{2, 3}$.",
     "answer": "2, 3", "subject": "Algebra", "level": 2, "unique_id": "test/algebra/9002.json"},
    {"problem": "Convert the point $(1,1)$ in rectangular coordinates to polar coordinates $(r,\\theta)$ with $r>0$ and $0 \\le \\theta < 2\\pi$.",
     "solution": "$r = \\sqrt{2}$ and $\\theta = \\frac{\\pi}{4}$, so the point is $\\boxed{\\left( \\sqrt{2}, \\frac{\\pi}{4} \\right)}$.",
     "answer": "\\left( \\sqrt{2}, \\frac{\\pi}{4} \\right)", "subject": "Precalculus", "level": 2,
     "unique_id": "test/precalculus/9003.json"},
    {"problem": "A store sells pencils at $\\$0.25$ each. How many dollars do 12 pencils cost?",
     "solution": "$12 \\times 0.25 = 3$, so they cost $\\boxed{\\$3}$.",
     "answer": "\\$3", "subject": "Prealgebra", "level": 1, "unique_id": "test/prealgebra/9004.json"},
]

AIME = [  # {id, problem, solution, answer (string with leading zeros), url, year}
    {"id": "2024-I-1", "problem": "Find the remainder when $2^{10}$ is divided by $1000$.",
     "solution": "$2^{10} = 1024$, which leaves remainder $24$.", "answer": "024",
     "url": "https://example.org/sample/2024_AIME_I_Problems/Problem_1", "year": 2024},
    {"id": "2024-I-2", "problem": "How many positive divisors does $360$ have?",
     "solution": "$360 = 2^3 \\cdot 3^2 \\cdot 5$, so it has $4 \\cdot 3 \\cdot 2 = 24$ divisors.", "answer": "024",
     "url": "https://example.org/sample/2024_AIME_I_Problems/Problem_2", "year": 2024},
    {"id": "2024-II-1", "problem": "What is the sum of the first $20$ positive odd integers?",
     "solution": "The sum of the first $n$ odd integers is $n^2 = 400$.", "answer": "400",
     "url": "https://example.org/sample/2024_AIME_II_Problems/Problem_1", "year": 2024},
]

AIME_PROMPT = [  # {prompt, answer:int} as some evaluation repos ship it
    {"prompt": "Find the number of ordered pairs $(a,b)$ of positive integers with $a+b=10$.\nPlease reason step by step, and put your final answer within \\boxed{}.", "answer": 9},
    {"prompt": "Compute $7! / 5!$.\nPlease reason step by step, and put your final answer within \\boxed{}.", "answer": 42},
]

AMC = [  # answers as JSON floats
    {"id": 0, "problem": "Two trains leave stations $60$ miles apart and travel toward each other at $20$ and $40$ miles per hour. After how many hours do they meet?",
     "answer": 1.0, "url": "https://example.org/sample/2023_AMC_12A_Problems/Problem_1"},
    {"id": 1, "problem": "What is $\\frac{1}{2} + \\frac{1}{4} + \\frac{1}{8} + \\frac{1}{8}$?",
     "answer": 1.0, "url": "https://example.org/sample/2023_AMC_12A_Problems/Problem_2"},
    {"id": 2, "problem": "A square has perimeter $10$. What is its side length?",
     "answer": 2.5, "url": "https://example.org/sample/2023_AMC_12B_Problems/Problem_3"},
]

def stdin_tests(pairs):
    return [{"input": i, "output": o, "testtype": "stdin"} for i, o in pairs]

def functional_tests(pairs):
    return [{"input": i, "output": o, "testtype": "functional"} for i, o in pairs]

def encode_private(tests):
    """LiveCodeBench's private-test encoding: base64(zlib(pickle(json string)))."""
    return base64.b64encode(zlib.compress(pickle.dumps(json.dumps(tests), protocol=4))).decode()

def lcb_row(qid, title, content, platform, date, difficulty, public, private, func_name=None, starter="", encoded=True):
    return {
        "question_title": title, "question_content": content, "platform": platform, "question_id": qid,
        "contest_id": qid.split("_")[0], "contest_date": date, "starter_code": starter, "difficulty": difficulty,
        "public_test_cases": json.dumps(public),
        "private_test_cases": encode_private(private) if encoded else json.dumps(private),
        "metadata": json.dumps({"func_name": func_name} if func_name else {}),
    }

LCB_V1 = [
    lcb_row("sample_add", "A. Add Two Numbers", "Read two integers a and b on one line and print a+b.",
            "codeforces", "2023-06-01T00:00:00", "easy",
            stdin_tests([("1 2\n", "3\n")]),
            stdin_tests([("10 20\n", "30\n"), ("-5 5\n", "0\n"), ("1000000000 1000000000\n", "2000000000\n")])),
    lcb_row("sample_rev", "B. Reverse Words", "Read a line of words and print them in reverse order.",
            "atcoder", "2023-09-15T00:00:00", "easy",
            stdin_tests([("a b c\n", "c b a\n")]),
            stdin_tests([("hello world\n", "world hello\n"), ("x\n", "x\n")]), encoded=False),
]
LCB_V2 = [
    lcb_row("9001", "Count Evens", "Given an integer array nums, return how many elements are even.",
            "leetcode", "2024-05-04T00:00:00", "easy",
            functional_tests([("[1, 2, 3, 4]", "2")]),
            functional_tests([("[]", "0"), ("[2, 4, 6]", "3"), ("[1, 3]", "0")]),
            func_name="countEvens",
            starter="class Solution:\n    def countEvens(self, nums: List[int]) -> int:\n        "),
]

HUMANEVAL = [
    {"task_id": "HumanEval/9001", "prompt": "def add(a: int, b: int) -> int:\n    \"\"\"Return the sum of a and b.\n    >>> add(2, 3)\n    5\n    \"\"\"\n",
     "entry_point": "add", "canonical_solution": "    return a + b\n",
     "test": "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n    assert candidate(0, 0) == 0\n"},
    {"task_id": "HumanEval/9002", "prompt": "def is_palindrome(s: str) -> bool:\n    \"\"\"Return True when s reads the same backwards.\n    >>> is_palindrome('aba')\n    True\n    \"\"\"\n",
     "entry_point": "is_palindrome", "canonical_solution": "    return s == s[::-1]\n",
     "test": "def check(candidate):\n    assert candidate('aba') is True\n    assert candidate('ab') is False\n    assert candidate('') is True\n"},
]

# Model-style responses to the sample math problems (hand-written: right, wrong, other spellings), for the demo.
MATH_RESPONSES = [
    ("math500/test/prealgebra/9001", "Adding, $\\frac{6}{8}+\\frac{5}{8}=\\frac{11}{8}$. The answer is $\\boxed{\\frac{11}{8}}$."),
    ("math500/test/prealgebra/9001", "The sum is $1.375$, so the answer is \\boxed{1.375}."),
    ("math500/test/prealgebra/9001", "I get \\boxed{\\frac{8}{11}}."),
    ("math500/test/algebra/9002", "Factoring gives $(x-2)(x-3)=0$, so $x=\\boxed{3, 2}$."),
    ("math500/test/algebra/9002", "The roots are \\boxed{2}."),
    ("math500/test/precalculus/9003", "So $(r,\\theta) = \\boxed{(\\sqrt{2}, \\pi/4)}$."),
    ("math500/test/prealgebra/9004", "Twelve pencils cost $\\boxed{3}$ dollars."),
    ("aime/2024-I-1", "$2^{10}=1024$, so the remainder is \\boxed{024}."),
    ("aime/2024-I-2", "The answer is \\boxed{23}."),
    ("aime/2024-II-1", "<think>the sum of the first n odd numbers is n^2</think> Final answer: \\boxed{400}"),
    ("amc/2023-12A-1", "They close at 60 mph, so it takes 1 hour. \\boxed{1}"),
    ("amc/2023-12B-3", "The side length is $10/4 = \\boxed{\\frac{5}{2}}$."),
]

def jsonl(rows):
    return "".join(json.dumps(r) + "\n" for r in rows).encode()

def write(path, data):
    with open(path, "wb") as f:
        f.write(data)

def tar_bytes(members, compress=None):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()

def gz(data):
    return gzip.compress(data, mtime=0)

def zst(data):
    return subprocess.run(["zstd", "-q", "-19", "-c"], input=data, capture_output=True, check=True).stdout

def main():
    os.makedirs(SRC, exist_ok=True)
    sources = {
        "math500_sample.jsonl": jsonl(MATH500), "aime_2024_sample.jsonl": jsonl(AIME),
        "aime24_prompt_sample.jsonl": jsonl(AIME_PROMPT), "amc_2023_sample.jsonl": jsonl(AMC),
        "test.jsonl": jsonl(LCB_V1), "test2.jsonl": jsonl(LCB_V2), "humaneval_sample.jsonl": jsonl(HUMANEVAL),
    }
    for name, data in sources.items():
        write(os.path.join(SRC, name), data)
    readme = b"Sample LiveCodeBench-format release files written by scripts/make-samples.py.\n"
    write(os.path.join(ROOT, "math500_sample.tar.gz"), gz(tar_bytes([("math500/test.jsonl", sources["math500_sample.jsonl"])])))
    with zipfile.ZipFile(os.path.join(ROOT, "aime_2024_sample.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["aime_2024_sample.jsonl", "aime24_prompt_sample.jsonl"]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, sources[name])
    write(os.path.join(ROOT, "amc_2023_sample.jsonl.zst"), zst(sources["amc_2023_sample.jsonl"]))
    write(os.path.join(ROOT, "livecodebench_sample.tar.zst"),
          zst(tar_bytes([("code_generation_lite/README.txt", readme),
                         ("code_generation_lite/test.jsonl", sources["test.jsonl"]),
                         ("code_generation_lite/test2.jsonl", sources["test2.jsonl"])])))
    write(os.path.join(ROOT, "humaneval_sample.jsonl.gz"), gz(sources["humaneval_sample.jsonl"]))
    write(os.path.join(ROOT, "livecodebench_sample.tar"), tar_bytes([("test.jsonl", sources["test.jsonl"])]))
    os.makedirs(os.path.join(ROOT, "responses"), exist_ok=True)
    numbered = {}
    spellings = []
    for p, r in MATH_RESPONSES:
        spellings.append({"problem_id": p, "sample": numbered.get(p, 0), "response": r})
        numbered[p] = numbered.get(p, 0) + 1
    write(os.path.join(ROOT, "responses", "math_responses.jsonl"), jsonl(spellings))
    synthetic = sample_runs.synthetic_math()
    write(os.path.join(SRC, "synthetic_math_sample.jsonl"), jsonl(synthetic))
    write(os.path.join(ROOT, "synthetic_math_sample.jsonl.gz"), gz(jsonl(synthetic)))
    for name, rows in sample_runs.simulated_runs(synthetic).items():
        write(os.path.join(ROOT, "responses", name + ".jsonl"), jsonl(rows))
    write(os.path.join(ROOT, "responses", "sim-coder.jsonl"), jsonl(sample_runs.code_run()))

if __name__ == "__main__":
    main()
