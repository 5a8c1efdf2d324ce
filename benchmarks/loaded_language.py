"""How well does the loaded-language lexicon find biased sentences?

Compares ``loaded_language(...).loaded`` with the expert label of BABE
(``Biased`` / ``Non-biased``, sentence level) in ``../shared/data/babe/babe_dev.csv``
and prints, from the same run:

* our lexicon at the default threshold (and a sweep of thresholds, for reading only:
  the default was fixed before BABE was scored and is not tuned on it);
* VADER: a sentence is biased when |compound| > 0.5;
* tf-idf + logistic regression, 5-fold stratified cross-validation (a supervised
  model trained on BABE itself: an upper reference for word-based methods);
* published reference figures (not recomputed): a general 2,100-word bias lexicon
  flagging any hit, and a fine-tuned BERT-type model.

BABE is AGPL-licensed and used here for evaluation only: nothing from it is
written into the project. Run::

    .venv/bin/python benchmarks/loaded_language.py

Takes about 15 s on two cores.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
from _data import SHARED_DATA, missing

BABE = SHARED_DATA / "babe" / "babe_dev.csv"

#: Figures reported for BABE in the literature, printed for reference only.
REFERENCE = {
    "bias-word lexicon, 2,100 words, any hit (published)": 0.561,
    "BERT-type model fine-tuned on BABE (published)": 0.804,
}


def load_babe(path: Path = BABE) -> tuple[pd.DataFrame, np.ndarray]:
    """BABE sentences with an agreed label, and y (True = Biased)."""
    df = pd.read_csv(path, sep=";")
    df = df[df["label_bias"].isin(["Biased", "Non-biased"])].reset_index(drop=True)
    return df, (df["label_bias"] == "Biased").to_numpy()


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, pred, average="macro"))


def ours(df: pd.DataFrame, threshold: float | None = None) -> pd.DataFrame:
    from toolkit.framing import loaded_language

    return loaded_language(df, text="text", threshold=threshold)


def vader_pred(texts: list[str]) -> np.ndarray:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return np.array([abs(sia.polarity_scores(t)["compound"]) > 0.5 for t in texts])


def tfidf_cv_pred(texts: list[str], y: np.ndarray) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    return cross_val_predict(model, texts, y, cv=cv)


def main() -> int:
    if missing(BABE):
        return 1
    from toolkit.framing import DEFAULT_THRESHOLD, load_lexicon

    df, y = load_babe()
    texts = df["text"].astype(str).tolist()
    print(f"BABE dev: {len(df)} sentences, {y.mean():.1%} labelled Biased\n")

    t0 = time.perf_counter()
    scored = ours(df)
    secs = time.perf_counter() - t0
    f_ours = macro_f1(y, scored["loaded"].to_numpy())
    f_vader = macro_f1(y, vader_pred(texts))
    f_tfidf = macro_f1(y, tfidf_cv_pred(texts, y))

    rows = [
        (f"ours: loaded-language lexicon, threshold {DEFAULT_THRESHOLD:g}", f_ours),
        ("ours: any hit (threshold 0.5)", macro_f1(y, scored["loaded_score"].to_numpy() >= 0.5)),
        ("VADER |compound| > 0.5", f_vader),
        ("tf-idf + logistic regression, 5-fold CV", f_tfidf),
        *REFERENCE.items(),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'method':<{width}}  macro-F1")
    for name, f in rows:
        print(f"{name:<{width}}  {f:.3f}")
    lex = load_lexicon()
    print(
        f"\nlexicon: {len(lex.entries)} entries; scored {len(df)} sentences in {secs:.2f} s "
        f"(includes compiling on first use)"
    )

    print("\nthreshold sweep (for reading; the default is not tuned on BABE):")
    print("threshold  flagged  macro-F1")
    score = scored["loaded_score"].to_numpy()
    for thr in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0):
        pred = score >= thr
        print(f"{thr:>9g}  {pred.mean():>7.1%}  {macro_f1(y, pred):.3f}")

    print("\nshare of sentences with a hit, by category (Biased vs Non-biased):")
    for c in lex.categories:
        hit = scored[f"loaded_{c}"].to_numpy() > 0
        print(f"  {c:<14}{hit[y].mean():>7.1%}  {hit[~y].mean():>7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
