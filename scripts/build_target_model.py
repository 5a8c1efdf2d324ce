"""Rebuild ``toolkit/resources/target_sentiment/model.json`` from NewsMTSC's train split.

Deterministic: the same train.jsonl and lexicons give the same bytes (lbfgs logistic
regression has no randomness; the cross-validation folds are grouped by sentence, in file
order). Only feature names (words, word pairs, position tags) and weights are written,
never a training sentence; bag features must occur in >= ``min_df`` training targets.

Usage (from the project root)::

    python scripts/build_target_model.py                 # write the bundled model
    python scripts/build_target_model.py --cv             # also print 5-fold grouped CV macro-F1
    python scripts/build_target_model.py --out /tmp/m.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.sentiment import MODEL_PATH, TargetSentimentModel  # noqa: E402

TRAIN = ROOT.parent / "shared" / "data" / "newsmtsc" / "train.jsonl"
LABELS = {2.0: -1, 4.0: 0, 6.0: 1}

# Chosen by 5-fold cross-validation on train.jsonl only (grouped by sentence); see
# docs/target-sentiment.md for the grid and the figures.
PARAMS = {"C": 0.1, "window": 5, "min_df": 2, "polarity_tokens": True, "vader_sentence": False}


def load_newsmtsc(path: Path) -> pd.DataFrame:
    """Read a NewsMTSC ``.jsonl`` split: one row per target.

    Columns ``sent_id`` (line number), ``sentence``, ``start``, ``end``, ``label`` (-1/0/1).
    Also used by ``benchmarks/target_sentiment.py``.
    """
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            rec = json.loads(line)
            for t in rec["targets"]:
                rows.append(
                    (i, rec["sentence_normalized"], t["from"], t["to"], LABELS[t["polarity"]])
                )
    return pd.DataFrame(rows, columns=["sent_id", "sentence", "start", "end", "label"])


def cross_validate(train: pd.DataFrame, params: dict, folds: int = 5) -> float:
    """Macro-F1 of out-of-fold predictions, folds grouped by sentence."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    pred = np.zeros(len(train), dtype=int)
    for tr, te in GroupKFold(folds).split(train, groups=train["sent_id"]):
        model = TargetSentimentModel(**params).fit(train.iloc[tr], train["label"].iloc[tr])
        pred[te] = model.predict(train.iloc[te])
    return float(f1_score(train["label"], pred, average="macro"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=TRAIN, help="NewsMTSC train.jsonl")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="model JSON to write")
    parser.add_argument("--cv", action="store_true", help="print 5-fold grouped CV macro-F1")
    args = parser.parse_args(argv)
    if not args.train.exists():
        print(f"{args.train}: not found (needs ../shared/data/newsmtsc/train.jsonl)")
        return 1
    train = load_newsmtsc(args.train)
    if args.cv:
        print(f"5-fold grouped CV macro-F1: {cross_validate(train, PARAMS):.4f}")
    model = TargetSentimentModel(**PARAMS).fit(train, train["label"])
    model.to_json(args.out)
    print(
        f"wrote {args.out}: {len(model.vocabulary_)} features from {len(train)} targets "
        f"({args.out.stat().st_size / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
