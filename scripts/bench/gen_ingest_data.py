#!/usr/bin/env python3
"""Generates the ingest benchmark inputs (never committed; written under bench-data/):
  lcb_like.jsonl   ~1 GB of LiveCodeBench code_generation_lite rows with large encoded private tests
  math_like.jsonl  100,000 MATH-500-shaped rows
Usage: gen_ingest_data.py OUT_DIR [--lcb-mb 1000] [--math-rows 100000]
"""
import argparse, base64, json, os, pickle, random, zlib

def private_tests(rng, target_bytes):
    tests, size = [], 0
    while size < target_bytes:
        n = rng.randint(1000, 4000)
        nums = " ".join(str(rng.randint(-10**9, 10**9)) for _ in range(n))
        inp = f"{n}\n{nums}\n"
        out = f"{rng.randint(0, 10**12)}\n"
        tests.append({"input": inp, "output": out, "testtype": "stdin"})
        size += len(inp) + len(out) + 40
    return base64.b64encode(zlib.compress(pickle.dumps(json.dumps(tests), protocol=4))).decode(), len(tests)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lcb-mb", type=int, default=1000)
    ap.add_argument("--math-rows", type=int, default=100000)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(7)
    # A few distinct encoded blobs (~10 MB each once encoded), reused across rows with distinct ids.
    blobs = [private_tests(rng, 18_000_000) for _ in range(8)]
    path = os.path.join(a.out, "lcb_like.jsonl")
    written, i = 0, 0
    with open(path, "w") as f:
        while written < a.lcb_mb * 1_000_000:
            blob, _ = blobs[i % len(blobs)]
            row = {"question_title": f"Problem {i}", "question_content": "Read n numbers and print a value. " * 20,
                   "platform": "codeforces", "question_id": f"bench_{i}", "contest_id": str(1000 + i),
                   "contest_date": "2024-%02d-01T00:00:00" % (1 + i % 12), "starter_code": "", "difficulty": "medium",
                   "public_test_cases": json.dumps([{"input": "3\n1 2 3\n", "output": "6\n", "testtype": "stdin"}]),
                   "private_test_cases": blob, "metadata": "{}"}
            line = json.dumps(row) + "\n"
            f.write(line)
            written += len(line)
            i += 1
    print(f"{path}: {i} rows, {written / 1e6:.0f} MB")
    path = os.path.join(a.out, "math_like.jsonl")
    subjects = ["Algebra", "Geometry", "Number Theory", "Precalculus", "Prealgebra", "Counting & Probability"]
    with open(path, "w") as f:
        for k in range(a.math_rows):
            s = subjects[k % len(subjects)]
            row = {"problem": f"Let $x_{{{k}}}$ satisfy $x^2 - {k}x + {k % 97} = 0$. Compute $\\frac{{x + 1}}{{2}}$ " + "and explain. " * 15,
                   "solution": "We have " + "$a + b = c$, so " * 20 + f"the answer is $\\boxed{{{k}}}$.",
                   "answer": str(k), "subject": s, "level": 1 + k % 5,
                   "unique_id": f"test/{s.lower().replace(' ', '_')}/{k}.json"}
            f.write(json.dumps(row) + "\n")
    print(f"{path}: {a.math_rows} rows, {os.path.getsize(path) / 1e6:.0f} MB")

if __name__ == "__main__":
    main()
