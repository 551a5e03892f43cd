#!/usr/bin/env python3
"""Builds the benchmark corpora, runs Math-Verify 0.9.0 in-process and our grader as a subprocess on each, and
prints accuracy and single-threaded throughput side by side, with ratios. Called by scripts/bench-math.sh."""
import argparse, json, os, random, subprocess, sys, time

# Hand-written hard cases (gold, response, expected correct?) — each verdict decided by hand.
HARD = [
    ("\\frac{1}{2004!}", "\\boxed{\\frac{1}{2006!}}", False),
    ("4\\sqrt{2}", "\\boxed{4\\sqrt(2)}", True),
    ("4\\sqrt{2}", "\\boxed{4}", False),
    ("\\text{4:30 p.m.}", "\\boxed{4:30 \\text{ p.m.}}", True),
    ("2i", "\\boxed{2}", False),
    ("1+2i", "\\boxed{i(2-i)}", True),
    ("0.0023148", "\\boxed{2.3148\\times10^{-3}}", True),
    ("3, 5, 7", "The roots are 3, 5 and \\boxed{7}", False),
    ("1-\\frac{1}{e}", "\\boxed{1+\\frac{1}{e}}", False),
    ("10000", "\\boxed{9999}", False),
    ("0.28", "\\boxed{28}", False),
    ("10{,}000", "\\boxed{10000}", True),
    ("3,\\!250", "\\boxed{3250}", True),
    ("\\sec^2 y", "\\boxed{\\tan^2 y + 1}", True),
    ("12\\frac{3}{5}", "\\boxed{\\frac{63}{5}}", True),
    ("12\\frac{3}{5}", "\\boxed{\\frac{36}{5}}", False),
    ("\\frac{1}{3}", "\\boxed{0.333}", False),
    ("2516_8", "\\boxed{2516_8}", True),
    ("(3,4]", "\\boxed{(3,4)}", False),
    ("(-\\infty, 2) \\cup (3, \\infty)", "\\boxed{(3,\\infty)\\cup(-\\infty,2)}", True),
    ("5x - 7y + 11z + 4 = 0", "\\boxed{-5x+7y-11z-4=0}", True),
    ("y = 2x + 3", "\\boxed{2x+3}", True),
    ("1 \\pm \\sqrt{19}", "\\boxed{1+\\sqrt{19}}", False),
    ("\\{1\\pm\\sqrt{5},-2\\}", "\\boxed{-2, 1+\\sqrt5, 1-\\sqrt5}", True),
    ("\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} 0.2 \\\\ -3.6 \\end{pmatrix}}", True),
    ("\\text{(B)}", "The answer is \\boxed{B}", True),
    ("\\text{east}", "\\boxed{\\text{East}}", True),
    ("x \\in [-2,7]", "\\boxed{-2 \\le x \\le 7}", True),
    ("(2,\\infty)", "\\boxed{x \\ge 2}", False),
    ("2^{2005}", "\\boxed{2^{2005}+1}", False),
    ("x^3+3x-6", "\\boxed{3x-6+x^3}", True),
    ("5", "<think>so \\boxed{5}", False),
    ("5", "<think>hmm \\boxed{4}</think> so \\boxed{5}", True),
    ("\\frac{\\sqrt{3}}{3}", "\\boxed{\\frac{1}{\\sqrt3}}", True),
    ("-\\frac{\\pi}{6}", "\\boxed{-\\pi/6}", True),
    ("27.0", "\\boxed{27}", True),
    ("025", "\\boxed{25}", True),
    ("11\\sqrt2", "\\boxed{\\sqrt{242}}", True),
    ("\\$18.90", "\\boxed{18.9}", True),
    ("15\\mbox{ cm}^2", "\\boxed{15}", True),
]


def load(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def gold_str(v):
    if isinstance(v, str):
        return v
    return repr(v) if isinstance(v, float) else str(v)


def corpora(shared):
    out = {}
    rows = load(os.path.join(shared, "benchmarks/outputs/qwen25math_math_cot_100.flat.jsonl"))
    adj = json.load(open(os.path.join(shared, "benchmarks/outputs/adjudications.json")))
    real = [(r["idx"], r["gold"], r["response"], adj.get(r["idx"], {}).get("label", r["label"])) for r in rows]
    out["real-800"] = real
    m500 = load(os.path.join(shared, "benchmarks/math/math500_test.jsonl"))
    out["math500-solutions"] = [(r["unique_id"], r["answer"], r["solution"], True) for r in m500]
    out["hard-cases"] = [(f"hard-{i}", g, r, e) for i, (g, r, e) in enumerate(HARD)]
    rnd = random.Random(7)
    filler = [r[2] for r in real]
    for size, n in ((8000, 100), (32000, 12)):
        cases = []
        for k in range(n):
            idx, gold, resp, label = real[rnd.randrange(len(real))]
            pre = ""
            while len(pre) + len(resp) < size:
                # Earlier reasoning without boxes (boxes replaced so only the final answer counts).
                pre += rnd.choice(filler).replace("\\boxed", "\\mathbf") + "\n\n"
            cases.append((f"{size}-{k}", gold, pre[: size - len(resp)] + resp, label))
        out[f"long-{size // 1000}k"] = cases
    return out


def run_mathverify(cases):
    from math_verify import parse, verify
    correct = []
    t0 = time.perf_counter()
    for _, gold, resp, _ in cases:
        try:
            g = parse("$" + gold + "$") if not gold.startswith("$") else parse(gold)
            p = parse(resp)
            correct.append(bool(verify(g, p)))
        except Exception:
            correct.append(False)
    return correct, time.perf_counter() - t0


def run_ours(cmd, kind, cases, work, name):
    inp = os.path.join(work, name + ".in.jsonl")
    outp = os.path.join(work, name + ".out.jsonl")
    with open(inp, "w") as f:
        for cid, gold, resp, _ in cases:
            f.write(json.dumps({"id": cid, "gold": gold, "response": resp}) + "\n")
    t0 = time.perf_counter()
    if kind == "cli":
        proc = subprocess.run(cmd + [inp, "--output", outp], capture_output=True, text=True)
    else:
        proc = subprocess.run(cmd + [inp, outp], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"our grader failed on {name}: {proc.stderr}")
    stats = {}
    for line in proc.stderr.splitlines():
        try:
            stats = json.loads(line)
        except ValueError:
            pass
    res = load(outp)
    return [r["correct"] for r in res], stats.get("seconds", wall), stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--ours-kind", default="driver")
    ap.add_argument("cmd", nargs="+")
    a = ap.parse_args()
    print(f"{'corpus':<18}{'n':>5}  {'MV acc':>7} {'ours acc':>8}  {'MV /s':>8} {'ours /s':>10} {'speed×':>8}  {'p99 ms':>7}")
    for name, cases in corpora(a.shared).items():
        expected = [c[3] for c in cases]
        mv, mv_t = run_mathverify(cases)
        ours, our_t, stats = run_ours(a.cmd, a.ours_kind, cases, a.work, name)
        n = len(cases)
        acc = lambda got: sum(g == e for g, e in zip(got, expected)) / n
        mv_rate, our_rate = n / mv_t, n / max(our_t, 1e-9)
        print(f"{name:<18}{n:>5}  {acc(mv):>7.4f} {acc(ours):>8.4f}  {mv_rate:>8.1f} {our_rate:>10.0f} {our_rate / mv_rate:>8.0f}  {stats.get('p99_ms', float('nan')):>7.3f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
