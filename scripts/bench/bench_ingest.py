#!/usr/bin/env python3
"""Ingest benchmark: `flowrl ingest` vs the Python reference, on the same files, in one run, like for like:
`flowrl ingest --check` (decode and validate, write nothing) against the reference's --check (the same work in
Python), and `flowrl ingest` (decode and store in SQLite) against the reference's decoding plus storing. The
reference's bare decoding (json.loads and the test layers only, no problem built) is shown too, as the floor
of any Python reader.
Each figure is the median of REPEATS runs (default 3; every run is printed on stderr): single timings on a
shared two-core machine swing by a third with its neighbours.
Prints MB/s, rows/s and peak RSS for each, and the throughput ratios.
Usage: bench_ingest.py FLOWRL_BINARY DATA_DIR
"""
import json, os, resource, statistics, subprocess, sys, tempfile, time

REPEATS = int(os.environ.get("REPEATS", "3"))

def run(cmd):
    """Runs cmd; returns (seconds, peak RSS in MB of that child, stdout)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    peak_kb = int(p.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024, p.stdout

def measure(name, make_cmd, check=None):
    """Runs make_cmd(scratch dir) REPEATS times in fresh scratch dirs; returns (median s, max RSS MB)."""
    times, peak = [], 0.0
    for _ in range(REPEATS):
        with tempfile.TemporaryDirectory(dir=DATA) as tmp:
            s, rss, out = run(make_cmd(tmp))
            if check:
                check(out, tmp)
        times.append(s)
        peak = max(peak, rss)
    print(f"  {name}: " + " ".join(f"{t:.2f}" for t in times) + " s", file=sys.stderr)
    return statistics.median(times), peak

def main():
    global DATA
    flowrl, DATA = sys.argv[1], sys.argv[2]
    reference = os.path.join(os.path.dirname(__file__), "ingest_reference.py")
    print(f"{'file':<18}{'tool':<24}{'MB':>8}{'rows':>9}{'seconds':>9}{'MB/s':>9}{'rows/s':>10}{'peak RSS MB':>13}")
    for name in ["lcb_like.jsonl", "math_like.jsonl"]:
        path = os.path.join(DATA, name)
        mb = os.path.getsize(path) / 1e6
        rows = json.loads(run([sys.executable, reference, path])[2])["rows"]
        print(f"{name}:", file=sys.stderr)

        def problems(out):
            return json.loads(out.strip().splitlines()[-1])["problems"]

        def checked(out, tmp):
            assert problems(out) == rows
            assert not os.path.exists(os.path.join(tmp, "bench.sqlite")), "--check wrote a store"

        def stored(out, tmp):
            assert problems(out) == rows

        figures = [
            ("python decode only", *measure("python decode only", lambda tmp: [sys.executable, reference, path])),
            ("python check", *measure("python check", lambda tmp: [sys.executable, reference, path, "--check"])),
            ("flowrl ingest --check", *measure("flowrl ingest --check", lambda tmp: [
                flowrl, "ingest", "--check", path, "--store", os.path.join(tmp, "bench.sqlite"), "--json", "--quiet"],
                checked)),
            ("python decode+store", *measure("python decode+store", lambda tmp: [
                sys.executable, reference, path, "--store", os.path.join(tmp, "ref.sqlite")])),
            ("flowrl ingest", *measure("flowrl ingest", lambda tmp: [
                flowrl, "ingest", path, "--store", os.path.join(tmp, "bench.sqlite"), "--json", "--quiet"], stored)),
        ]
        seconds = {tool: s for tool, s, _ in figures}
        for tool, s, rss in figures:
            print(f"{name:<18}{tool:<24}{mb:>8.0f}{rows:>9}{s:>9.2f}{mb / s:>9.1f}{rows / s:>10.0f}{rss:>13.0f}")
        for label, ours, theirs, what in [
                ("ratio, check", "flowrl ingest --check", "python check", "flowrl --check vs python --check, same work"),
                ("ratio, decode+store", "flowrl ingest", "python decode+store", "flowrl ingest vs python decode+store"),
                ("check vs bare decode", "flowrl ingest --check", "python decode only",
                 "flowrl --check vs python json.loads and test layers only")]:
            print(f"{name:<18}{label:<24}{'':>8}{'':>9}{'':>9}{seconds[theirs] / seconds[ours]:>8.2f}x  ({what})")

if __name__ == "__main__":
    main()
