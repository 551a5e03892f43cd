#!/usr/bin/env python3
"""The Python reference for the ingest benchmark: the same decoding `flowrl ingest` does, the way the
LiveCodeBench tooling does it (json, base64, zlib, pickle, json), streaming line by line. It writes nothing.
Usage: ingest_reference.py FILE   -> prints one JSON line: rows, tests, seconds
"""
import base64, json, pickle, sys, time, zlib

def main():
    start = time.perf_counter()
    rows = tests = 0
    with open(sys.argv[1], "rb") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            rows += 1
            if "question_id" in row:
                public = json.loads(row["public_test_cases"])
                raw = row["private_test_cases"]
                try:
                    private = json.loads(raw)
                except json.JSONDecodeError:
                    private = json.loads(pickle.loads(zlib.decompress(base64.b64decode(raw.encode()))))
                for t in public + private:
                    if not isinstance(t.get("input"), str) or not isinstance(t.get("output"), str):
                        raise ValueError("bad test")
                tests += len(public) + len(private)
                json.loads(row.get("metadata") or "{}")
            else:
                for key in ("problem", "answer", "unique_id"):
                    if key not in row:
                        raise ValueError(f"missing {key}")
    print(json.dumps({"rows": rows, "tests": tests, "seconds": time.perf_counter() - start}))

if __name__ == "__main__":
    main()
