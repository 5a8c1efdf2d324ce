"""Article-body extraction benchmark for ``load_corpus`` on HTML pages.

Loads every page of ``../shared/data/extraction/html/*.html.gz`` with
``load_corpus(folder)`` and compares each text with ``articleBody`` in
``ground-truth.json`` (keyed by ``doc_id``), as the upstream benchmark does:
tokens are lower-cased ``\\w+`` words, precision and recall are over token multisets,
F1 per page, then the mean over pages (a page that failed to load scores 0).
trafilatura's published F1 on this benchmark is 0.958; ours must be >= 0.95.

Run::

    .venv/bin/python benchmarks/extraction.py [path/to/extraction]
"""

from __future__ import annotations

import json
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from _data import SHARED_DATA, missing

from toolkit.corpus import load_corpus

DEFAULT = SHARED_DATA / "extraction"
_TOKEN = re.compile(r"\w+")


def token_prf(truth: str, predicted: str) -> tuple[float, float, float]:
    """Token-level precision, recall and F1 of *predicted* against *truth*."""
    t = Counter(_TOKEN.findall(truth.lower()))
    p = Counter(_TOKEN.findall(predicted.lower()))
    if not t and not p:
        return 1.0, 1.0, 1.0
    common = sum((t & p).values())
    precision = common / sum(p.values()) if p else 0.0
    recall = common / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(folder: Path = DEFAULT) -> float:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((folder / "html").glob("*.html.gz"))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load_corpus(folder / "html")
    elapsed = time.perf_counter() - start
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    scores = [
        token_prf(truth[k]["articleBody"], texts.get(k, ""))
        for k in truth
        if (folder / "html" / f"{k}.html.gz").exists()
    ]
    n = len(scores)
    precision, recall, f1 = (sum(s[i] for s in scores) / n for i in range(3))
    print(f"pages: {n} (loaded {len(docs)}, problems {len(docs.attrs['problems'])})")
    print(
        f"F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}  pages/s {len(pages) / elapsed:.1f}"
    )
    return f1


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not missing(target):
        main(target)
