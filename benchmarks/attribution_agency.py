"""Speed of quote/attribution finding and agency rules on 1,300 real articles.

Run: .venv/bin/python benchmarks/attribution_agency.py
Prints sentences, mentions, seconds and sentences/s for find_quotes and agency.
"""

from __future__ import annotations

import sys
import time

from _data import ALLSIDES, missing

from toolkit.actors import find_mentions, load_actors
from toolkit.agency import agency
from toolkit.attribution import find_quotes
from toolkit.corpus import load_corpus
from toolkit.text import split_sentences


def main() -> int:
    if missing(ALLSIDES):
        return 0
    docs = load_corpus(ALLSIDES, errors="skip")
    s = split_sentences(docs)
    actors = load_actors("karabakh")
    m = find_mentions(s, actors)
    t = time.perf_counter()
    q = find_quotes(s, actors)
    t1 = time.perf_counter() - t
    t = time.perf_counter()
    agency(m, s)
    t2 = time.perf_counter() - t
    print(f"{len(docs)} articles, {len(s)} sentences, {len(m)} mentions, {len(q)} quotes")
    print(f"find_quotes: {t1:.2f} s ({len(s) / t1:,.0f} sentences/s)")
    print(f"agency:      {t2:.2f} s ({len(m) / t2:,.0f} mentions/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
