#!/usr/bin/env python3
"""A re-implementation of the official LiveCodeBench grader's EXECUTION MODEL (the package is not installable here),
for throughput comparison only: a ProcessPoolExecutor of N workers; per generation, check_correctness forks a
multiprocessing.Process that runs reliability-guard-free run_test (make_function + compile + per-test call_method
with unittest.mock patches of sys.stdin and captured stdout) and joins it with the global timeout.
It is NOT a sandbox. Usage: bench-code-official.py GENERATIONS WORKERS  -> prints JSON {generations_per_s, ...}."""
import ast, json, multiprocessing, sys, time
from concurrent.futures import ProcessPoolExecutor
from io import StringIO
from unittest.mock import mock_open, patch

IMPORTS = ("from string import *\nfrom re import *\nfrom datetime import *\nfrom collections import *\n"
           "from heapq import *\nfrom bisect import *\nfrom copy import *\nfrom math import *\nfrom random import *\n"
           "from statistics import *\nfrom itertools import *\nfrom functools import *\nfrom operator import *\n"
           "from io import *\nfrom sys import *\nfrom json import *\nfrom builtins import *\nfrom typing import *\n"
           "import string\nimport re\nimport datetime\nimport collections\nimport heapq\nimport bisect\nimport copy\n"
           "import math\nimport random\nimport statistics\nimport itertools\nimport functools\nimport operator\n"
           "import io\nimport sys\nimport json\nsys.setrecursionlimit(50000)\n")


class Capturing(list):
    def __enter__(self):
        self._stdout = sys.stdout
        sys.stdout = self._stringio = StringIO()
        self._stringio.close = lambda x: 1
        return self

    def __exit__(self, *args):
        self.append(self._stringio.getvalue())
        sys.stdout = self._stdout


def make_function(code):
    tree = ast.parse(code)
    imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    others = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
    fn = ast.FunctionDef(name="wrapped_function", args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[],
                         kw_defaults=[], defaults=[]), body=others, decorator_list=[], lineno=-1)
    return IMPORTS + "\n" + ast.unparse(imports) + "\n" + ast.unparse(fn)


def call_method(method, inputs):
    lines = iter(inputs.split("\n"))

    @patch("builtins.open", mock_open(read_data=inputs))
    @patch("sys.stdin", StringIO(inputs))
    @patch("sys.stdin.readline", lambda *args: next(lines))
    @patch("sys.stdin.readlines", lambda *args: inputs.split("\n"))
    @patch("sys.stdin.read", lambda *args: inputs)
    def inner(m):
        try:
            return m()
        except SystemExit:
            pass
    return inner(method)


def run_test(sample, code, result):
    import types
    tests = json.loads(sample)
    module = types.ModuleType("tmp_sol", "")
    exec(make_function(code), module.__dict__)
    method = module.wrapped_function
    res = []
    for t in tests:
        with Capturing() as out:
            call_method(method, t["input"])
        got = [l.strip() for l in out[0].strip().split("\n")]
        want = [l.strip() for l in t["output"].strip().split("\n")]
        res.append(got == want)
        if not res[-1]:
            break
    result.append(res)


def check_correctness(job):
    sample, code, timeout = job
    manager = multiprocessing.Manager()
    result = manager.list()
    p = multiprocessing.Process(target=run_test, args=(sample, code, result))
    p.start()
    p.join(timeout=(timeout + 1) * len(json.loads(sample)) + 5)
    if p.is_alive():
        p.kill()
    r = list(result[0]) if result else []
    manager.shutdown()
    return all(r) and len(r) == len(json.loads(sample))


def main():
    n, workers = int(sys.argv[1]), int(sys.argv[2])
    jobs = json.load(open(sys.argv[3]))
    jobs = [(json.dumps(j["tests"]), j["code"], 6) for j in jobs][:n]
    start = time.time()
    with ProcessPoolExecutor(max_workers=workers) as ex:
        ok = sum(ex.map(check_correctness, jobs))
    wall = time.time() - start
    tests = sum(len(json.loads(j[0])) for j in jobs)
    print(json.dumps({"grader": "official-model", "workers": workers, "generations": len(jobs), "passed": ok,
                      "generations_per_s": len(jobs) / wall, "tests_per_s": tests / wall}))


if __name__ == "__main__":
    main()
