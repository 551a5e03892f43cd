#!/usr/bin/env python3
"""Ingest benchmark: `flowrl ingest` vs the Python reference, on the same files, in one run, like for like:
`flowrl ingest --check` (decode and validate, write nothing) against the reference's decoding only, and
`flowrl ingest` (decode and store in SQLite) against the reference's decoding plus storing.
Prints MB/s, rows/s and peak RSS for each, and the throughput ratios.
Usage: bench_ingest.py FLOWRL_BINARY DATA_DIR
"""
import json, os, resource, subprocess, sys, tempfile, time

def run(cmd):
    """Runs cmd; returns (seconds, peak RSS in MB of that child, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    peak_kb = int(p.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024, p.stdout

def main():
    flowrl, data = sys.argv[1], sys.argv[2]
    print(f"{'file':<18}{'tool':<22}{'MB':>8}{'rows':>9}{'seconds':>9}{'MB/s':>9}{'rows/s':>10}{'peak RSS MB':>13}")
    for name in ["lcb_like.jsonl", "math_like.jsonl"]:
        path = os.path.join(data, name)
        mb = os.path.getsize(path) / 1e6
        reference = os.path.join(os.path.dirname(__file__), "ingest_reference.py")
        ref_s, ref_rss, out = run([sys.executable, reference, path])
        rows = json.loads(out)["rows"]
        with tempfile.TemporaryDirectory(dir=data) as tmp:
            store_s, store_rss, _ = run([sys.executable, reference, path, "--store", os.path.join(tmp, "ref.sqlite")])
        with tempfile.TemporaryDirectory(dir=data) as tmp:
            store = os.path.join(tmp, "bench.sqlite")
            check_s, check_rss, out = run([flowrl, "ingest", "--check", path, "--store", store, "--json", "--quiet"])
            assert json.loads(out.strip().splitlines()[-1])["problems"] == rows
            assert not os.path.exists(store), "--check wrote a store"
            ours_s, ours_rss, out = run([flowrl, "ingest", path, "--store", store, "--json", "--quiet"])
            report = json.loads(out.strip().splitlines()[-1])
            assert report["problems"] == rows, (report, rows)
        for tool, s, rss in [("python decode only", ref_s, ref_rss), ("flowrl ingest --check", check_s, check_rss),
                             ("python decode+store", store_s, store_rss), ("flowrl ingest", ours_s, ours_rss)]:
            print(f"{name:<18}{tool:<22}{mb:>8.0f}{rows:>9}{s:>9.2f}{mb / s:>9.1f}{rows / s:>10.0f}{rss:>13.0f}")
        print(f"{name:<18}{'ratio, decode only':<22}{'':>8}{'':>9}{'':>9}{ref_s / check_s:>8.2f}x  (flowrl --check vs python decode only)")
        print(f"{name:<18}{'ratio, decode+store':<22}{'':>8}{'':>9}{'':>9}{store_s / ours_s:>8.2f}x  (flowrl ingest vs python decode+store)")
        print(f"{name:<18}{'ingest vs decode only':<22}{'':>8}{'':>9}{'':>9}{ref_s / ours_s:>8.2f}x  (flowrl ingest vs python decode only)")

if __name__ == "__main__":
    main()
