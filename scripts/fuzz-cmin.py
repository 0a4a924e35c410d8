#!/usr/bin/env python3
"""Minimise a fuzz corpus to the inputs that add edge coverage, as `afl-cmin -e` does, for the
persistent-mode targets on which `cargo afl cmin` reports no instrumentation output.

    python3 scripts/fuzz-cmin.py TARGET IN_DIR OUT_DIR

TARGET is a binary built with `cargo afl build --release` in fuzz/ (fuzz/target/release/NAME).
Every input of IN_DIR is run once under `cargo afl showmap` (one trace map per input). The edges
(hit counts ignored) are then covered greedily: the input adding the most edges not yet covered
is kept first, the smaller one on a tie, then the name that sorts first, until every edge any
input reaches is covered. The kept inputs are copied to OUT_DIR, named by their content's hash,
so the result is the same on every run.
"""
import hashlib
import heapq
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    target, in_dir, out_dir = sys.argv[1:]
    names = sorted(n for n in os.listdir(in_dir) if os.path.isfile(os.path.join(in_dir, n)))
    size = {n: os.path.getsize(os.path.join(in_dir, n)) for n in names}
    edges = {}
    with tempfile.TemporaryDirectory() as maps:
        env = dict(os.environ, AFL_QUIET="1", AFL_SKIP_CPUFREQ="1")
        subprocess.run(
            ["cargo", "afl", "showmap", "-q", "-i", in_dir, "-o", maps, "-t", "5000",
             "-m", "none", "--", target],
            env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for n in names:
            path = os.path.join(maps, n)
            if os.path.exists(path):
                with open(path) as f:
                    edges[n] = frozenset(int(line.split(":")[0]) for line in f if line.strip())
    left = set().union(*edges.values()) if edges else set()
    total = len(left)
    # Lazy greedy: an input's gain only shrinks as edges are covered, so a gain computed earlier
    # bounds it from above. The heap's top is taken once its gain, computed afresh, still leads.
    # The order (most new edges, then smaller, then the name sorting first) is the plain greedy's.
    def key(n, gain):
        return (-gain, size[n], n)

    heap = [key(n, len(e)) for n, e in edges.items()]
    heapq.heapify(heap)
    kept = []
    while left and heap:
        _, _, n = heapq.heappop(heap)
        fresh = key(n, len(edges[n] & left))
        if fresh[0] == 0:
            continue
        if heap and fresh > heap[0]:
            heapq.heappush(heap, fresh)
            continue
        kept.append(n)
        left -= edges[n]
    os.makedirs(out_dir, exist_ok=True)
    for name in kept:
        src = os.path.join(in_dir, name)
        with open(src, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        shutil.copyfile(src, os.path.join(out_dir, digest))
    print(f"{len(names)} inputs, {len(edges)} traced, {total} edges, {len(kept)} kept")


if __name__ == "__main__":
    main()
