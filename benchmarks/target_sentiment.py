"""Target (actor) sentiment on NewsMTSC devtest_mt: our model next to two baselines.

Prints macro-F1, per-class F1 and accuracy of

- ``vader-sentence``: VADER compound of the whole sentence, thresholds +-0.05
  (the same label for every target of a sentence);
- ``tfidf-logreg``: tf-idf word 1-2-grams of the sentence with the target span replaced by
  a marker token, logistic regression (class_weight balanced), trained here on train.jsonl;
- ``toolkit``: the bundled ``toolkit/resources/target_sentiment/model.json``;

then the throughput of the toolkit model in targets per second on one core (best of
``--repeat`` runs over the whole devtest set, features + dot product, model already loaded).

Run from the project root::

    python benchmarks/target_sentiment.py            # needs ../shared/data/newsmtsc
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_target_model import load_newsmtsc  # noqa: E402

from toolkit.sentiment import load_target_model, target_sentiment, vader  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "newsmtsc"
NAMES = {-1: "negative", 0: "neutral", 1: "positive"}


def scores(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """Macro-F1, accuracy and per-class F1."""
    from sklearn.metrics import accuracy_score, f1_score

    per = f1_score(y_true, y_pred, labels=[-1, 0, 1], average=None)
    out = {
        "macro_f1": float(f1_score(y_true, y_pred, labels=[-1, 0, 1], average="macro")),
        "accuracy": float(accuracy_score(y_true, y_pred)),
    }
    out.update({f"f1_{NAMES[c]}": float(v) for c, v in zip((-1, 0, 1), per, strict=True)})
    return out


def vader_baseline(test: pd.DataFrame) -> np.ndarray:
    comp = np.array([vader().polarity_scores(s)["compound"] for s in test["sentence"]])
    return np.where(comp >= 0.05, 1, np.where(comp <= -0.05, -1, 0))


def _marked(df: pd.DataFrame) -> list[str]:
    return [
        f"{s[:a]} xxtargetxx {s[b:]}"
        for s, a, b in zip(df["sentence"], df["start"], df["end"], strict=True)
    ]


def tfidf_baseline(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    Xtr = vec.fit_transform(_marked(train))
    clf = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    clf.fit(Xtr, train["label"])
    return clf.predict(vec.transform(_marked(test)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED, help="NewsMTSC folder")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    args = parser.parse_args(argv)
    if not (args.data / "devtest_mt.jsonl").exists():
        print(f"{args.data}: NewsMTSC not found (needs ../shared/data/newsmtsc)")
        return 1
    train = load_newsmtsc(args.data / "train.jsonl")
    test = load_newsmtsc(args.data / "devtest_mt.jsonl")
    print(f"devtest_mt: {len(test)} targets in {test['sent_id'].nunique()} sentences")

    model = load_target_model()
    results = {
        "vader-sentence": scores(test["label"].to_numpy(), vader_baseline(test)),
        "tfidf-logreg": scores(test["label"].to_numpy(), tfidf_baseline(train, test)),
    }
    pred = target_sentiment(test, model=model)["polarity"].to_numpy()
    results["toolkit"] = scores(test["label"].to_numpy(), pred)

    cols = ["macro_f1", "f1_negative", "f1_neutral", "f1_positive", "accuracy"]
    print(f"{'method':<16}" + "".join(f"{c:>13}" for c in cols))
    for name, res in results.items():
        print(f"{name:<16}" + "".join(f"{res[c]:>13.3f}" for c in cols))

    best = float("inf")
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        target_sentiment(test, model=model)
        best = min(best, time.perf_counter() - t0)
    print(
        f"toolkit throughput: {len(test) / best:,.0f} targets/s on one core ({len(test)} targets)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
