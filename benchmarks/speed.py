"""Speed of ``toolkit.analyze`` on the 1,300-article AllSides test corpus, next to two baselines.

Prints articles/s, words/s and peak memory for:

* ``vader-sentences``: VADER compound of every sentence (the sentences of
  ``toolkit.split_sentences``), one core — the target the full analysis should match;
* ``vader-naive``: ``df.text.apply(polarity_scores)`` on whole articles (timed on a sample of
  articles, ``--naive-sample``, since it is slow; compound saturates on long texts);
* ``analyze``: the full analysis (Karabakh actors and naming), ``--workers`` processes.

The machine is shared, so one timing can be off by a third. ``--repeat`` runs the baseline
and the analysis in turn, several times; every ``analyze`` run is a new Python process that
starts cold (it builds its lexicons and models, as a user's first call does). The ratio is
printed per round and for the best time of each (the least disturbed run, as ``timeit``
reports).

Run: ``.venv/bin/python benchmarks/speed.py [--workers 2] [--repeat 3] [--naive-sample 200]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from _data import ALLSIDES, ROOT, missing, peak_mb

sys.path.insert(0, str(ROOT))

import toolkit as tk  # noqa: E402
from toolkit.sentiment import vader  # noqa: E402
from toolkit.text import split_sentences, word_count  # noqa: E402


def line(name: str, n_docs: int, n_words: int, seconds: float, peak: float) -> float:
    rate = n_docs / seconds
    print(
        f"{name:<18} {seconds:8.2f} s {rate:9.1f} articles/s {n_words / seconds:11,.0f} words/s"
        f"   peak RSS {peak:7.0f} MB",
        flush=True,
    )
    return rate


def child_analyze(path: str, workers: int | None) -> None:
    """One cold ``analyze`` run (this process imported toolkit only); prints JSON."""
    t0 = time.perf_counter()
    a = tk.analyze(path, actors="karabakh", naming="karabakh", workers=workers, progress=False)
    took = time.perf_counter() - t0
    print(json.dumps({"seconds": took, "n_docs": len(a.documents), "peak_mb": peak_mb()}))


def run_analyze(path: str, workers: int | None) -> dict:
    cmd = [sys.executable, __file__, "--child", "--path", path]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(ALLSIDES))
    ap.add_argument("--workers", type=int, default=None, help="default: every core")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of baseline + analyze")
    ap.add_argument("--naive-sample", type=int, default=200)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if missing(args.path):
        sys.exit(1)
    if args.child:
        child_analyze(args.path, args.workers)
        return

    docs = tk.load_corpus(args.path, errors="skip")
    n_docs = len(docs)
    n_words = int(sum(word_count(t) for t in docs.text))
    print(f"{n_docs} articles, {n_words:,} words; {args.path}")
    analyzer = vader()
    sents = split_sentences(docs)

    sample = docs.text.head(args.naive_sample)
    t0 = time.perf_counter()
    sample.apply(lambda t: analyzer.polarity_scores(t)["compound"])
    naive = line(
        "vader-naive*",
        len(sample),
        int(sum(word_count(t) for t in sample)),
        time.perf_counter() - t0,
        peak_mb(),
    )

    base_s, full_s = [], []
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        for s in sents.text:
            analyzer.polarity_scores(s)["compound"]
        base_s.append(time.perf_counter() - t0)
        line("vader-sentences", n_docs, n_words, base_s[-1], peak_mb())
        run = run_analyze(args.path, args.workers)
        full_s.append(run["seconds"])
        line("analyze", run["n_docs"], n_words, run["seconds"], run["peak_mb"])
        print(f"  round {len(full_s)}: analyze / vader-sentences = {base_s[-1] / full_s[-1]:.2f}x")

    ratios = [b / f for b, f in zip(base_s, full_s, strict=True)]
    best_base, best_full = min(base_s), min(full_s)
    print(f"* naive timed on the first {len(sample)} articles")
    print(
        f"rounds: analyze / vader-sentences = {min(ratios):.2f}x to {max(ratios):.2f}x "
        f"(median {statistics.median(ratios):.2f}x)"
    )
    print(
        f"best of {len(full_s)}: analyze {best_full:.2f} s, vader-sentences {best_base:.2f} s"
        f"   analyze / vader-sentences = {best_base / best_full:.2f}x"
        f"   analyze / naive = {n_docs / best_full / naive:.1f}x"
    )


if __name__ == "__main__":
    main()
