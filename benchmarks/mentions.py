"""Speed of actor-mention finding on real news text.

Reads ../shared/data/allsides/media_test_articles.jsonl (never copied into the project),
splits it into sentences and times :func:`toolkit.actors.find_mentions` with the bundled
Karabakh dictionary. Prints words per second.

    .venv/bin/python benchmarks/mentions.py [--repeat 3] [--dictionary karabakh]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _data import ALLSIDES, missing, read_allsides

from toolkit.actors import find_mentions, load_actors, suggest_actors
from toolkit.text import split_sentences


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ALLSIDES)
    ap.add_argument("--dictionary", default="karabakh")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if missing(args.data):
        return 1
    docs = read_allsides(args.data)
    n_words = int(docs.text.str.split().str.len().sum())
    sentences = split_sentences(docs)
    actors = load_actors(args.dictionary)
    actors.match("warm up")  # compile the patterns outside the timing

    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        mentions = find_mentions(sentences, actors)
        best = min(best, time.perf_counter() - t0)
    print(
        f"find_mentions: {len(docs)} documents, {len(sentences)} sentences, {n_words:,} words, "
        f"{len(mentions):,} mentions in {best:.3f} s (best of {args.repeat}) = "
        f"{n_words / best:,.0f} words/s, {best / n_words * 1e5:.3f} s per 100k words"
    )
    t0 = time.perf_counter()
    whole = find_mentions(docs, actors)
    dt = time.perf_counter() - t0
    print(
        f"find_mentions on whole documents: {dt:.3f} s = {n_words / dt:,.0f} words/s ({len(whole):,} mentions)"
    )
    t0 = time.perf_counter()
    sugg = suggest_actors(docs, actors, top=10)
    dt = time.perf_counter() - t0
    print(f"suggest_actors: {dt:.3f} s = {n_words / dt:,.0f} words/s; top: {', '.join(sugg.name)}")
    print(mentions.actor.value_counts().to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
