"""Speed of ``toolkit.analyze`` on the 1,300-article AllSides test corpus, next to two baselines.

Prints articles/s, words/s and peak memory for:

* ``vader-sentences``: VADER compound of every sentence (the sentences of
  ``toolkit.split_sentences``), one core — the target the full analysis should match;
* ``vader-naive``: ``df.text.apply(polarity_scores)`` on whole articles (timed on a sample of
  articles, ``--naive-sample``, since it is slow; compound saturates on long texts);
* ``analyze``: the full analysis (Karabakh actors and naming), ``--workers`` processes.

Run: ``.venv/bin/python benchmarks/speed.py [--workers 2] [--naive-sample 200]``
"""

from __future__ import annotations

import argparse
import sys
import time

from _data import ALLSIDES, ROOT, missing, peak_mb

sys.path.insert(0, str(ROOT))

import toolkit as tk  # noqa: E402
from toolkit.sentiment import vader  # noqa: E402
from toolkit.text import split_sentences, word_count  # noqa: E402


def line(name: str, n_docs: int, n_words: int, seconds: float) -> float:
    rate = n_docs / seconds
    print(
        f"{name:<18} {seconds:8.2f} s {rate:9.1f} articles/s {n_words / seconds:11,.0f} words/s"
        f"   peak RSS {peak_mb():7.0f} MB"
    )
    return rate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(ALLSIDES))
    ap.add_argument("--workers", type=int, default=None, help="default: every core")
    ap.add_argument("--naive-sample", type=int, default=200)
    args = ap.parse_args()
    if missing(args.path):
        sys.exit(1)

    docs = tk.load_corpus(args.path, errors="skip")
    n_docs = len(docs)
    n_words = int(sum(word_count(t) for t in docs.text))
    print(f"{n_docs} articles, {n_words:,} words; {args.path}")
    analyzer = vader()
    sents = split_sentences(docs)

    t0 = time.perf_counter()
    for s in sents.text:
        analyzer.polarity_scores(s)["compound"]
    base = line("vader-sentences", n_docs, n_words, time.perf_counter() - t0)

    sample = docs.text.head(args.naive_sample)
    t0 = time.perf_counter()
    sample.apply(lambda t: analyzer.polarity_scores(t)["compound"])
    took = time.perf_counter() - t0
    naive = line(
        "vader-naive*",
        len(sample),
        int(sum(word_count(t) for t in sample)),
        took,
    )

    t0 = time.perf_counter()
    a = tk.analyze(
        args.path, actors="karabakh", naming="karabakh", workers=args.workers, progress=False
    )
    full = line("analyze", len(a.documents), n_words, time.perf_counter() - t0)
    print(f"* naive timed on the first {len(sample)} articles")
    print(f"analyze / vader-sentences = {full / base:.2f}x   analyze / naive = {full / naive:.1f}x")


if __name__ == "__main__":
    main()
