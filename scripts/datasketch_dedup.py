#!/usr/bin/env python3
"""Baseline for docs/BENCHMARKS.md: datasketch MinHashLSH near-duplicate groups.

Usage: python3 scripts/datasketch_dedup.py INPUT.jsonl [--threshold 0.5] > groups.jsonl

Word 5-gram shingles of the lower-cased text (as in ../shared/data/corpus/SOURCE.md),
MinHash with 128 permutations, MinHashLSH at the threshold. Articles are processed in
file order; each one joins the group of its first LSH match (query before insert),
else starts its own. Writes {id, group} per article (the format `newsdesk eval-dedup`
reads) and prints the throughput (signatures + LSH, JSON parsing excluded) on stderr.
Needs `pip install datasketch`.
"""
import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH


def main():
    args = sys.argv[1:]
    threshold = 0.5
    if "--threshold" in args:
        i = args.index("--threshold")
        threshold = float(args[i + 1])
        del args[i : i + 2]
    docs = [json.loads(line) for line in open(args[0], encoding="utf-8") if line.strip()]
    word = re.compile(r"\w+")
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    group = {}
    for d in docs:
        words = word.findall((d.get("text") or "").lower())
        grams = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))} if words else set()
        m = MinHash(num_perm=128)
        for g in grams:
            m.update(g.encode("utf-8"))
        hits = lsh.query(m) if grams else []
        group[d["id"]] = group[hits[0]] if hits else d["id"]
        if grams:
            lsh.insert(d["id"], m)
    secs = time.perf_counter() - t0
    out = sys.stdout
    for d in docs:
        out.write(json.dumps({"id": d["id"], "group": group[d["id"]]}) + "\n")
    print(
        f"datasketch: {len(docs)} articles in {secs:.2f} s = {len(docs) / secs:.0f} articles/s (threshold {threshold})",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
