# FlowRL code-grading harness: runs INSIDE the sandbox, one process per generation, all tests of that generation.
# The slot's zygote (zygote.py) imports this module once and calls main() in a fresh, unprivileged fork per
# generation. Reads one job (JSON) on stdin, reports events as JSON lines on fd 3. It never sees expected outputs: every
# comparison happens in the supervisor. Imports nothing heavy (no unittest.mock; numpy only if the solution does).
#
# Modes: "lcb" reproduces the official LiveCodeBench execution model (program body wrapped in a function, imports
# hoisted, mocked sys.stdin, stdout captured per test, call-based `Solution().f(*args)`); "native" runs the program
# as a script per test with real stdin/stdout; "program" runs one HumanEval-style test program.
import sys, os, json, ast

_events = None
_real_write = None


def open_events():
    """The event channel (fd 3), bound before the program runs so that rebinding `emit`'s names cannot hide it."""
    global _events, _real_write
    _events = os.fdopen(3, "w", buffering=1, closefd=False)
    _real_write = _events.write


def emit(**event):
    _real_write(json.dumps(event, separators=(",", ":")) + "\n")
    _events.flush()


class _Quitter:
    # `python -S` skips site, which defines exit()/quit(); solutions call them.
    def __init__(self, name): self.name = name
    def __repr__(self): return "Use %s() to exit" % self.name
    def __call__(self, code=None): raise SystemExit(code)


import builtins
builtins.exit = _Quitter("exit")
builtins.quit = _Quitter("quit")

PREAMBLE = ("from string import *\nfrom re import *\nfrom datetime import *\nfrom collections import *\n"
            "from heapq import *\nfrom bisect import *\nfrom copy import *\nfrom math import *\nfrom random import *\n"
            "from statistics import *\nfrom itertools import *\nfrom functools import *\nfrom operator import *\n"
            "from io import *\nfrom sys import *\nfrom json import *\nfrom builtins import *\nfrom typing import *\n"
            "import string\nimport re\nimport datetime\nimport collections\nimport heapq\nimport bisect\nimport copy\n"
            "import math\nimport random\nimport statistics\nimport itertools\nimport functools\nimport operator\n"
            "import io\nimport sys\nimport json\nsys.setrecursionlimit(50000)\n")
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(50000)

OUTPUT_LIMIT = 16 << 20


class OutputLimit(BaseException):
    pass


from io import StringIO


class CappedIO(StringIO):
    """The per-test stdout capture, refusing to grow past the output limit."""
    def __init__(self):
        super().__init__()
        self.size = 0

    def write(self, s):
        self.size += len(s)
        if self.size > OUTPUT_LIMIT:
            raise OutputLimit()
        return super().write(s)

    def close(self, *args):
        return 1


# ---- tagged encoding of call-based results (tuple vs list, set, int vs float vs bool) ----

def tag(x, depth=0):
    if depth > 200:
        return {"t": "other", "type": "deep", "repr": "..."}
    t = type(x)
    if x is None:
        return {"t": "none"}
    if t is bool:
        return {"t": "bool", "v": x}
    if t is int:
        return {"t": "int", "v": str(x)}
    if t is float:
        return {"t": "float", "v": repr(x)}
    if t is str:
        return {"t": "str", "v": x}
    if t is list or t is tuple or t is set or t is frozenset:
        return {"t": t.__name__, "v": [tag(e, depth + 1) for e in x]}
    if t is dict:
        return {"t": "dict", "v": [[tag(k, depth + 1), tag(v, depth + 1)] for k, v in x.items()]}
    np = sys.modules.get("numpy")
    if np is not None:
        if isinstance(x, np.ndarray):
            return {"t": "ndarray", "size": int(x.size), "v": tag(x.tolist(), depth + 1)}
        if isinstance(x, np.generic):
            return tag(x.item(), depth + 1)
    try:
        r = object.__repr__(x)
    except BaseException:
        r = "?"
    return {"t": "other", "type": t.__name__, "repr": r[:200]}


def describe(e):
    return {"etype": type(e).__name__, "msg": str(e)[:1000]}


# ---- the official LiveCodeBench program transformations ----

def clean_if_name(code):
    try:
        tree = ast.parse(code)
        last = tree.body[-1]
        if isinstance(last, ast.If) and ast.unparse(last.test).strip() == "__name__ == '__main__'":
            code = ast.unparse(tree.body[:-1]) + "\n" + ast.unparse(last.body)
    except BaseException:
        pass
    return code


def make_function(code):
    try:
        tree = ast.parse(code)
        imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
        others = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
        fn = ast.FunctionDef(name="wrapped_function",
                             args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
                             body=others, decorator_list=[], lineno=-1)
        return PREAMBLE + "\n" + ast.unparse(imports) + "\n" + ast.unparse(fn)
    except BaseException:
        return code


def compile_module(code):
    import types
    module = types.ModuleType("tmp_sol", "")
    exec(code, module.__dict__)
    return (module.Solution() if "class Solution" in code else module), module


class MockBuffer:
    def __init__(self, inputs): self.inputs = inputs.encode("utf-8")
    def read(self, *args): return self.inputs
    def readline(self, *args): return self.inputs.split(b"\n")[0] + b"\n"


class MockStdin:
    """The official mock stdin, quirks included: readline() returns lines without their newline, iteration fails,
    buffer.readline() returns the first line every time."""
    def __init__(self, inputs):
        self.inputs = inputs
        self._stringio = StringIO(inputs)
        self.buffer = MockBuffer(inputs)
        lines = iter(inputs.split("\n"))
        self.readline = lambda *args: next(lines)
        self.readlines = lambda *args: inputs.split("\n")
        self.read = lambda *args: inputs

    def __getattr__(self, name):
        return getattr(self._stringio, name)


def failed(i, e, phase="run"):
    if isinstance(e, OutputLimit):
        emit(ev="output_limit", i=i)
    else:
        emit(ev="error", i=i, phase=phase, **describe(e))


def run_lcb_stdin(code, inputs):
    code = make_function(clean_if_name(code))
    try:
        sol, _ = compile_module(code)
        method = getattr(sol, "wrapped_function")
    except BaseException as e:
        return failed(-1, e, "compile")
    emit(ev="ready")
    for i, inp in enumerate(inputs):
        emit(ev="start", i=i)
        saved_stdin, saved_stdout = sys.stdin, sys.stdout
        capture = CappedIO()
        sys.stdin, sys.stdout = MockStdin(inp), capture
        try:
            try:
                method()
            except SystemExit:
                pass
        except BaseException as e:
            sys.stdin, sys.stdout = saved_stdin, saved_stdout
            return failed(i, e)
        sys.stdin, sys.stdout = saved_stdin, saved_stdout
        emit(ev="out", i=i, out=capture.getvalue())


def run_lcb_call(code, func_name, inputs):
    code = PREAMBLE + "\n\n" + code
    try:
        sol, _ = compile_module(code)
    except BaseException as e:
        return failed(-1, e, "compile")
    method = getattr(sol, func_name, None)
    if method is None:
        return emit(ev="error", i=-1, phase="lookup", etype="AttributeError",
                    msg="the solution defines no %s" % func_name)
    try:
        all_args = [[json.loads(line) for line in inp.split("\n")] for inp in inputs]
    except BaseException as e:
        return emit(ev="bad_input", **describe(e))
    emit(ev="ready")
    for i, args in enumerate(all_args):
        emit(ev="start", i=i)
        try:
            result = method(*args)
            if isinstance(result, tuple):
                result = list(result)
            value = tag(result)
        except BaseException as e:
            return failed(i, e)
        emit(ev="value", i=i, value=value)


def run_native(code, inputs):
    # Each test is a fresh fork of this (pre-imported) process running the program as __main__ with real fds.
    try:
        compiled = compile(code, "<solution>", "exec")
    except BaseException as e:
        return failed(-1, e, "compile")
    emit(ev="ready")
    for i, inp in enumerate(inputs):
        emit(ev="start", i=i)
        data = inp.encode("utf-8")
        infd = os.memfd_create("stdin")
        os.write(infd, data)
        os.lseek(infd, 0, 0)
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.dup2(infd, 0)
                os.dup2(w, 1)
                os.close(r)
                os.close(3)
                sys.stdin = open(0, "r", closefd=False)
                sys.stdout = open(1, "w", closefd=False)
                status = 0
                try:
                    exec(compiled, {"__name__": "__main__", "__builtins__": builtins})
                except SystemExit as e:
                    status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
                except BaseException as e:
                    sys.stderr.write("%s: %s\n" % (type(e).__name__, e))
                    status = 1
                try:
                    sys.stdout.flush()
                except BaseException:
                    status = status or 1
            finally:
                os._exit(status if isinstance(status, int) else 1)
        os.close(w)
        os.close(infd)
        chunks, size, over = [], 0, False
        while True:
            b = os.read(r, 1 << 16)
            if not b:
                break
            size += len(b)
            if size > OUTPUT_LIMIT:
                over = True
                os.kill(pid, 9)
                break
            chunks.append(b)
        os.close(r)
        _, status = os.waitpid(pid, 0)
        if over:
            return emit(ev="output_limit", i=i)
        if os.WIFSIGNALED(status):
            return emit(ev="error", i=i, phase="run", etype="signal", msg="killed by signal %d" % os.WTERMSIG(status))
        if os.WEXITSTATUS(status) != 0:
            return emit(ev="error", i=i, phase="run", etype="exit", msg="exit status %d" % os.WEXITSTATUS(status))
        emit(ev="out", i=i, out=b"".join(chunks).decode("utf-8", "replace"))


def run_program(program):
    try:
        compiled = compile(program, "<program>", "exec")
    except BaseException as e:
        return failed(-1, e, "compile")
    emit(ev="ready")
    emit(ev="start", i=0)
    try:
        exec(compiled, {"__name__": "__main__", "__builtins__": builtins})
    except BaseException as e:
        return failed(0, e)
    emit(ev="passed", i=0)


def main():
    global OUTPUT_LIMIT
    open_events()
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    # The job is consumed; the program's own stdin is empty (as in the official multiprocessing worker).
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(0, "r", closefd=False)
    OUTPUT_LIMIT = int(job.get("output_limit", OUTPUT_LIMIT))
    for p in job.get("path", []):
        sys.path.append(p)
    mode = job["mode"]
    if mode == "program":
        run_program(job["code"])
    elif job.get("func_name"):
        run_lcb_call(job["code"], job["func_name"], job["inputs"])
    elif mode == "native":
        exec(PREAMBLE, {})  # warm the same modules the lcb mode imports
        run_native(job["code"], job["inputs"])
    else:
        run_lcb_stdin(job["code"], job["inputs"])
    emit(ev="end")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
