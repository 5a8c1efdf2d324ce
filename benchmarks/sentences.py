"""Speed of ``toolkit.text.split_sentences`` against a naive regex split and pysbd.

Run from the repository root::

    .venv/bin/python benchmarks/sentences.py [--repeat 3] [--no-pysbd] [--path FILE.jsonl]

Reads ../shared/data/allsides/media_test_articles.jsonl (text field ``content_original``)
and prints documents, words, sentences, seconds and words/s for each splitter, and the
speed ratio of ours to the others. Times are the best of ``--repeat`` runs on one core.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from _data import ALLSIDES, missing, read_allsides

from toolkit.text import split_sentences, word_count

NAIVE = re.compile(r"(?<=[.!?])\s+")


def best_of(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, default=ALLSIDES)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-pysbd", action="store_true", help="skip the (slow) pysbd comparison")
    args = ap.parse_args(argv)
    if missing(args.path):
        return 1

    docs = read_allsides(args.path)
    texts = docs["text"].tolist()
    words = sum(word_count(t) for t in texts)
    print(f"documents: {len(docs):,}   words: {words:,}   characters: {sum(map(len, texts)):,}")

    ours_s, sents = best_of(lambda: split_sentences(docs), args.repeat)
    ours = words / ours_s
    print(
        f"toolkit.split_sentences: sentences {len(sents):,}  seconds {ours_s:.3f}  "
        f"words/s {ours:,.0f}"
    )

    def naive():
        return sum(len([s for s in NAIVE.split(t) if s.strip()]) for t in texts)

    naive_s, n_naive = best_of(naive, args.repeat)
    print(
        f"naive re.split:          sentences {n_naive:,}  seconds {naive_s:.3f}  "
        f"words/s {words / naive_s:,.0f}   ratio ours/naive {ours / (words / naive_s):.2f}"
    )

    if args.no_pysbd:
        return 0
    try:
        import pysbd
    except ImportError:
        print("pysbd: not installed (optional), skipped")
        return 0
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    sample = texts[: max(1, len(texts) // 10)]  # pysbd is slow: time a tenth of the corpus
    sample_words = sum(word_count(t) for t in sample)
    t0 = time.perf_counter()
    n_pysbd = sum(len(seg.segment(t)) for t in sample if t.strip())
    pysbd_s = time.perf_counter() - t0
    pysbd_wps = sample_words / pysbd_s
    print(
        f"pysbd (first {len(sample)} docs): sentences {n_pysbd:,}  seconds {pysbd_s:.3f}  "
        f"words/s {pysbd_wps:,.0f}   ratio ours/pysbd {ours / pysbd_wps:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
