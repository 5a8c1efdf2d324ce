"""Speed of ``toolkit._vader.scores`` against vaderSentiment's own ``polarity_scores``.

Run from the repository root::

    .venv/bin/python benchmarks/vader_exact.py [--repeat 2] [--path FILE.jsonl]

Scores every sentence of ../shared/data/allsides/media_test_articles.jsonl (as
``toolkit.split_sentences(toolkit.load_corpus(path, errors="skip"))`` cuts them) with the
library and with ``scores()`` in the same run, alternating the two, checks that the results
are equal, and prints sentences/s of each (best of ``--repeat`` runs, on one core) and the
ratio. It also prints how many sentences leave the common fast path: non-``str`` items
(handed to the library), texts holding an emoji (replaced by descriptions first) and texts
whose lower case is not char by char (lower-cased word by word).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from _data import ALLSIDES, missing

import toolkit
from toolkit import _vader

COLUMNS = ("compound", "pos", "neu", "neg")


def library_scores(texts: list[str]) -> np.ndarray:
    """The reference: one ``polarity_scores`` dict per text, as an (n, 4) array."""
    analyzer = _vader._analyzer()
    rows = []
    for text in texts:
        d = analyzer.polarity_scores(text)
        rows.append([d[c] for c in COLUMNS])
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def path_counts(texts: list) -> dict[str, int]:
    """How many texts leave the common path of ``scores()``, and why."""
    emoji = frozenset(k for k in _vader._analyzer().emojis if len(k) == 1)
    strings = [t for t in texts if isinstance(t, str)]
    return {
        "not str (library)": len(texts) - len(strings),
        "with emoji": sum(not emoji.isdisjoint(t) for t in strings if not t.isascii()),
        "lower-cased word by word": sum(
            len(t.lower()) != len(t) or "\u03a3" in t for t in strings if not t.isascii()
        ),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, default=ALLSIDES)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    if missing(args.path):
        return 1

    sentences = toolkit.split_sentences(toolkit.load_corpus(args.path, errors="skip"))
    texts = sentences["text"].tolist()
    n = len(texts)
    print(f"sentences: {n:,}   words: {sum(len(t.split()) for t in texts):,}")
    for name, count in path_counts(texts).items():
        print(f"  {name}: {count:,} ({count / n:.2%})")

    lib_best = fast_best = fast_first = float("inf")
    for run in range(args.repeat):
        t0 = time.perf_counter()
        ref = library_scores(texts)
        t1 = time.perf_counter()
        got = _vader.scores(texts)
        t2 = time.perf_counter()
        lib_best = min(lib_best, t1 - t0)
        fast_best = min(fast_best, t2 - t1)
        if run == 0:
            fast_first = t2 - t1  # includes building the tables and the token memo
        mismatches = int((~(got == ref).all(axis=1)).sum())
        if mismatches:
            print(f"MISMATCH: {mismatches:,} sentences differ from the library")
            return 1

    print(f"vaderSentiment polarity_scores: {lib_best:.2f} s   {n / lib_best:,.0f} sentences/s")
    print(
        f"toolkit._vader.scores:          {fast_best:.2f} s   {n / fast_best:,.0f} sentences/s"
        f"   (first run {fast_first:.2f} s)"
    )
    print(f"ratio scores/library: {lib_best / fast_best:.2f}x   all {n:,} sentences equal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
