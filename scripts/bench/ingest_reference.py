#!/usr/bin/env python3
"""The Python reference for the ingest benchmark: the same decoding `flowrl ingest` does, the way the
LiveCodeBench tooling does it (json, base64, zlib, pickle, json), streaming line by line.
Usage: ingest_reference.py FILE [--store DB]  -> prints one JSON line: rows, tests, seconds
Without --store it decodes and validates only (writes nothing). With --store it also does the rest of an
ingest, as a Python tool would: each problem row (prompt, reference, zlib-compressed tests JSON, metadata JSON,
a content hash) is upserted into SQLite in one transaction, like `flowrl ingest`.
"""
import base64, hashlib, json, pickle, sqlite3, sys, time, zlib

SCHEMA = """CREATE TABLE IF NOT EXISTS problems (id TEXT PRIMARY KEY, benchmark TEXT NOT NULL, prompt TEXT NOT NULL,
    reference TEXT, tests BLOB, test_count INTEGER NOT NULL, metadata TEXT NOT NULL, content_hash TEXT NOT NULL)"""

def main():
    path = sys.argv[1]
    store = sys.argv[sys.argv.index("--store") + 1] if "--store" in sys.argv else None
    start = time.perf_counter()
    db = None
    if store:
        db = sqlite3.connect(store)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(SCHEMA)
        db.execute("BEGIN IMMEDIATE")
    rows = tests = 0
    with open(path, "rb") as f:
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
                meta = json.loads(row.get("metadata") or "{}")
                if db:
                    blob = zlib.compress(json.dumps(public + private).encode(), 1)
                    rest = {k: v for k, v in row.items() if k not in ("question_content", "public_test_cases",
                                                                      "private_test_cases", "metadata")}
                    rest["metadata"] = meta
                    put(db, "lcb/" + row["question_id"], "livecodebench", row["question_content"], None, blob,
                        len(public) + len(private), json.dumps(rest))
            else:
                for key in ("problem", "answer", "unique_id"):
                    if key not in row:
                        raise ValueError(f"missing {key}")
                if db:
                    rest = {k: v for k, v in row.items() if k not in ("problem", "answer")}
                    put(db, "math500/" + row["unique_id"].removesuffix(".json"), "math500", row["problem"],
                        str(row["answer"]), None, 0, json.dumps(rest))
    if db:
        db.commit()
        db.close()
    print(json.dumps({"rows": rows, "tests": tests, "seconds": time.perf_counter() - start}))

def put(db, pid, benchmark, prompt, reference, blob, count, metadata):
    digest = hashlib.blake2b(f"{pid}\0{prompt}\0{reference}\0{metadata}".encode() + (blob or b""), digest_size=8).hexdigest()
    old = db.execute("SELECT content_hash FROM problems WHERE id = ?", (pid,)).fetchone()
    if old and old[0] == digest:
        return
    db.execute("INSERT OR REPLACE INTO problems VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (pid, benchmark, prompt, reference, blob, count, metadata, digest))

if __name__ == "__main__":
    main()
