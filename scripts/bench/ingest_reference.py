#!/usr/bin/env python3
"""The Python reference for the ingest benchmark: the same decoding `flowrl ingest` does, the way the
LiveCodeBench tooling does it (json, base64, zlib, pickle, json), streaming line by line.
Usage: ingest_reference.py FILE [--check | --store DB]  -> prints one JSON line: rows, tests, seconds
With neither option it only decodes and validates each row (json.loads and, for LiveCodeBench, the test
layers): the floor of any Python reader. With --check it also does the rest of what `flowrl ingest --check`
does without writing: each row becomes a problem (stable id, prompt, reference, metadata JSON, a content hash
over them and the tests) and ids repeated in the file are told apart (same content: counted once; different:
an error). With --store it does what `flowrl ingest` does: the problems (tests zlib-compressed) are upserted
into SQLite in one transaction (the in-file duplicate check included, as in `flowrl ingest`).
"""
import base64, hashlib, json, pickle, sqlite3, sys, time, zlib

SCHEMA = """CREATE TABLE IF NOT EXISTS problems (id TEXT PRIMARY KEY, benchmark TEXT NOT NULL, prompt TEXT NOT NULL,
    reference TEXT, tests BLOB, test_count INTEGER NOT NULL, metadata TEXT NOT NULL, content_hash TEXT NOT NULL)"""

def main():
    path = sys.argv[1]
    store = sys.argv[sys.argv.index("--store") + 1] if "--store" in sys.argv else None
    build = store is not None or "--check" in sys.argv
    start = time.perf_counter()
    db = None
    if store:
        db = sqlite3.connect(store)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(SCHEMA)
        db.execute("BEGIN IMMEDIATE")
    seen = {}
    rows = tests = 0
    with open(path, "rb") as f:
        for number, line in enumerate(f, 1):
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
                meta = json.loads(row.get("metadata") or "{}")
                if build:
                    encoded = json.dumps(public + private).encode()
                    rest = {k: v for k, v in row.items() if k not in ("question_content", "public_test_cases",
                                                                      "private_test_cases", "metadata")}
                    rest["metadata"] = meta
                    problem = prepare("lcb/" + row["question_id"], "livecodebench", row["question_content"], None,
                                      encoded, len(public) + len(private), json.dumps(rest))
                    check_duplicate(seen, problem, number)
                    if db:
                        put(db, problem, zlib.compress(encoded, 1))
            else:
                for key in ("problem", "answer", "unique_id"):
                    if key not in row:
                        raise ValueError(f"missing {key}")
                if build:
                    rest = {k: v for k, v in row.items() if k not in ("problem", "answer")}
                    problem = prepare("math500/" + row["unique_id"].removesuffix(".json"), "math500", row["problem"],
                                      str(row["answer"]).strip(), None, 0, json.dumps(rest))
                    check_duplicate(seen, problem, number)
                    if db:
                        put(db, problem, None)
    if db:
        db.commit()
        db.close()
    print(json.dumps({"rows": rows, "tests": tests, "seconds": time.perf_counter() - start}))

def prepare(pid, benchmark, prompt, reference, tests, count, metadata):
    """The problem's columns and its content hash (over every column and the tests)."""
    digest = hashlib.blake2b(f"{pid}\0{benchmark}\0{prompt}\0{reference}\0{count}\0{metadata}".encode()
                             + (tests or b""), digest_size=8).hexdigest()
    return (pid, benchmark, prompt, reference, count, metadata, digest)

def check_duplicate(seen, problem, line):
    pid, digest = problem[0], problem[-1]
    first = seen.setdefault(pid, (digest, line))
    if first[0] != digest:
        raise ValueError(f"duplicate id {pid} with different content (first seen at line {first[1]})")

def put(db, problem, blob):
    pid, benchmark, prompt, reference, count, metadata, digest = problem
    old = db.execute("SELECT content_hash FROM problems WHERE id = ?", (pid,)).fetchone()
    if old and old[0] == digest:
        return
    db.execute("INSERT OR REPLACE INTO problems VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (pid, benchmark, prompt, reference, blob, count, metadata, digest))

if __name__ == "__main__":
    main()
