"""Growth and memory of ``toolkit.analyze``: time at 1× and N× the corpus, and peak RSS of a
streamed run on a large synthetic corpus.

The larger corpora replicate the 1,300 AllSides test articles with new ids (``<id>-r<k>``),
written as JSONL to a temporary folder by a streaming generator.

* growth: ``analyze`` (in memory) on 1× and ``--factor`` × the corpus; prints the time ratio
  (target: <= 1.1 × the factor);
* memory: ``analyze(..., keep=False, out=...)`` on ``--articles`` articles (default 100,000):
  documents stream through in chunks, record frames go to partitioned Parquet, only the
  per-source tables stay in memory; prints peak RSS (target: < 2 GB).

Run: ``.venv/bin/python benchmarks/scaling.py [--factor 10] [--articles 100000]``
(``--factor 0`` or ``--articles 0`` skips that part).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _data import ALLSIDES, ROOT, missing, peak_mb

sys.path.insert(0, str(ROOT))

import toolkit as tk  # noqa: E402


def replicate(records: list[dict], dst: Path, n_articles: int) -> None:
    """Write *n_articles* records cycling through *records*, each with a new ``doc_id``."""
    n = len(records)
    with dst.open("w", encoding="utf-8") as f:
        for i in range(n_articles):
            rec = {**records[i % n], "doc_id": f"a{i:07d}-r{i // n}"}
            f.write(json.dumps(rec) + "\n")


def timed(path: Path, **kw) -> tuple[float, tk.Analysis]:
    t0 = time.perf_counter()
    a = tk.analyze(path, actors="karabakh", naming="karabakh", progress=False, **kw)
    return time.perf_counter() - t0, a


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(ALLSIDES))
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    if missing(args.path):
        sys.exit(1)
    with open(args.path, encoding="utf-8") as fh:
        records = [json.loads(ln) for ln in fh if ln.strip()]
    n1 = len(records)
    tmp = Path(tempfile.mkdtemp(prefix="scaling-"))
    try:
        if args.factor:
            one = tmp / "x1.jsonl"
            replicate(records, one, n1)
            t1, a1 = timed(one, workers=args.workers)
            print(f"1x  : {len(a1.documents):7d} articles {t1:8.1f} s")
            del a1
            big = tmp / f"x{args.factor}.jsonl"
            replicate(records, big, n1 * args.factor)
            tn, an = timed(big, workers=args.workers)
            print(f"{args.factor}x : {len(an.documents):7d} articles {tn:8.1f} s")
            print(
                f"time ratio {tn / t1:.2f} for {args.factor}x the corpus   peak RSS {peak_mb():.0f} MB"
            )
            del an
            big.unlink()
        if args.articles:
            path = tmp / "stream.jsonl"
            replicate(records, path, args.articles)
            before = peak_mb()
            t, a = timed(path, workers=args.workers, keep=False, out=tmp / "out", chunk_size=200)
            n = int(a.actor_sentiment.groupby("source")["n_docs"].max().sum())
            print(
                f"streamed {args.articles} articles in {t:.1f} s "
                f"({args.articles / t:.0f} articles/s); peak RSS {peak_mb():.0f} MB "
                f"(before the run {before:.0f} MB); {len(a.actor_sentiment)} source x actor rows"
                f" (>= {n} articles with mentions)"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
