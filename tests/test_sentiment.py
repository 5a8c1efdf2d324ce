"""Tests for toolkit.sentiment: sentence VADER scores and the target-sentiment model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.sentiment import (
    MODEL_PATH,
    NUMERIC_FEATURES,
    TargetSentimentModel,
    load_target_model,
    news_lexicon,
    sentence_sentiment,
    target_sentiment,
    vader,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEWSMTSC = SHARED / "data" / "newsmtsc"


def mentions(pairs: list[tuple[str, str]], index: list | None = None) -> pd.DataFrame:
    """Mentions frame from (sentence, target substring) pairs (first occurrence)."""
    rows = [(s, s.index(t), s.index(t) + len(t)) for s, t in pairs]
    return pd.DataFrame(rows, columns=["sentence", "start", "end"], index=index)


# --------------------------------------------------------------------------- sentence level


def test_sentence_sentiment_known_answers_and_shape():
    df = pd.DataFrame(
        {
            "text": [
                "What a wonderful, generous gift.",
                "The bridge is 40 m long.",
                "They killed him.",
            ]
        },
        index=["a", "b", "c"],
    )
    before = df.copy()
    out = sentence_sentiment(df)
    assert list(out.columns) == ["compound", "valence", "polarity", "pos", "neu", "neg"]
    assert list(out.index) == ["a", "b", "c"]
    assert out["valence"].tolist() == [1, 0, -1]
    np.testing.assert_allclose(out["polarity"], out["compound"].abs())
    np.testing.assert_allclose(out[["pos", "neu", "neg"]].sum(axis=1), 1.0, atol=0.01)
    assert out.loc["a", "compound"] == pytest.approx(
        vader().polarity_scores(df.loc["a", "text"])["compound"]
    )
    pd.testing.assert_frame_equal(df, before)  # input untouched


def test_sentence_sentiment_thresholds_missing_and_empty():
    df = pd.DataFrame({"body": [None, "", "good"]})
    out = sentence_sentiment(df, text="body")
    assert out["compound"].tolist()[:2] == [0.0, 0.0]
    assert out["valence"].tolist() == [0, 0, 1]  # "good" scores 0.44 >= 0.05
    empty = sentence_sentiment(pd.DataFrame({"text": pd.Series([], dtype=str)}))
    assert len(empty) == 0 and "compound" in empty.columns
    with pytest.raises(ValueError, match="columns are"):
        sentence_sentiment(df)


def test_vader_is_cached():
    assert vader() is vader()


# --------------------------------------------------------------------------- target level


def test_known_answers():
    df = mentions(
        [
            ("Armenia shelled civilians.", "Armenia"),
            ("NATO praised Turkey's efforts.", "Turkey"),
            ("The Armenian civilians were killed.", "Armenian civilians"),
            ("Critics accused Trump of lying.", "Trump"),
            ("The president met the prime minister on Tuesday.", "prime minister"),
        ]
    )
    out = target_sentiment(df)
    assert out["polarity"].tolist()[:2] == [-1, 1]
    # the victim of a killing: the model calls it negative (as NewsMTSC's annotators
    # tend to); robust is only that it is not positive
    assert out["p_positive"].iloc[2] < 0.1
    assert out["polarity"].iloc[3] == -1
    assert out["polarity"].iloc[4] == 0


def test_target_not_sentence_decides():
    # same sentence, two targets: praise lands on the object, not on every actor
    s = "NATO praised Turkey's efforts but condemned Russia."
    out = target_sentiment(mentions([(s, "Turkey"), (s, "Russia")]))
    assert out["p_positive"].iloc[0] > out["p_positive"].iloc[1]
    assert out["p_negative"].iloc[1] > out["p_negative"].iloc[0]


def test_output_frame_contract():
    df = mentions(
        [("Armenia shelled civilians.", "Armenia"), ("NATO praised Turkey's efforts.", "NATO")],
        index=[10, 3],
    )
    df["other"] = ["x", "y"]
    before = df.copy()
    out = target_sentiment(df)
    assert list(out.columns) == ["polarity", "p_negative", "p_neutral", "p_positive"]
    assert list(out.index) == [10, 3]
    np.testing.assert_allclose(out[["p_negative", "p_neutral", "p_positive"]].sum(axis=1), 1.0)
    assert set(out["polarity"]) <= {-1, 0, 1}
    assert out["polarity"].dtype.kind == "i"
    pd.testing.assert_frame_equal(df, before)
    # the polarity is the most likely class
    best = out[["p_negative", "p_neutral", "p_positive"]].to_numpy().argmax(axis=1) - 1
    assert out["polarity"].tolist() == best.tolist()


def test_custom_column_names_and_empty():
    df = pd.DataFrame({"s": ["Armenia shelled civilians."], "a": [0], "b": [7]})
    out = target_sentiment(df, text="s", start="a", end="b")
    assert out["polarity"].iloc[0] == -1
    empty = target_sentiment(df.iloc[:0], text="s", start="a", end="b")
    assert len(empty) == 0
    assert list(empty.columns) == ["polarity", "p_negative", "p_neutral", "p_positive"]


def test_bad_input_speaks_to_a_person():
    with pytest.raises(ValueError, match="columns are"):
        target_sentiment(pd.DataFrame({"text": ["x"], "start": [0], "end": [1]}))
    with pytest.raises(ValueError, match="outside the text"):
        target_sentiment(pd.DataFrame({"sentence": ["short"], "start": [2], "end": [40]}))
    with pytest.raises(ValueError, match="missing"):
        target_sentiment(pd.DataFrame({"sentence": ["short"], "start": [None], "end": [2]}))


def test_deterministic_predictions():
    df = mentions([("Russia invaded Ukraine, officials said.", "Ukraine")] * 3)
    a = target_sentiment(df)
    b = target_sentiment(df)
    pd.testing.assert_frame_equal(a, b)
    assert a["p_negative"].nunique() == 1


# --------------------------------------------------------------------------- model file


def test_model_json_is_plain_weights():
    raw = MODEL_PATH.read_bytes()
    assert not raw.startswith(b"\x80")  # pickle protocol marker
    assert b"__reduce__" not in raw and b"pickle" not in raw
    payload = json.loads(raw)
    assert payload["format"] == "media-toolkit/target-sentiment/1"
    assert payload["classes"] == [-1, 0, 1]
    assert len(payload["intercept"]) == 3
    feats = payload["features"]
    assert [row[0] for row in feats[: len(NUMERIC_FEATURES)]] == list(NUMERIC_FEATURES)
    for name, *coefs in feats:
        assert isinstance(name, str) and len(coefs) == 3
        assert all(isinstance(c, float) for c in coefs)
        # a feature is a prefix plus one word or a word pair: never a sentence
        assert len(name.split(":", 1)[1].split(" ")) <= 2, name


def test_model_matches_lexicon():
    from toolkit.sentiment import LEXICON_PATH, _file_sha256

    payload = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert payload["lexicon_sha256"] == _file_sha256(LEXICON_PATH), (
        "news_lexicon.csv changed: rebuild with python scripts/build_target_model.py"
    )
    lex = news_lexicon()
    assert {"word", "valence", "role", "category"} <= set(lex.columns)
    assert lex["word"].is_unique


def test_load_target_model_cached_and_described():
    m = load_target_model()
    assert m is load_target_model()
    names = m.get_feature_names_out()
    assert len(names) == m.coef_.shape[1] == len(m.vocabulary_)
    assert m.coef_.shape[0] == 3


# --------------------------------------------------------------------------- estimator

TOY = [
    ("Bob praised the plan.", "Bob", 1),
    ("Bob attacked the plan.", "Bob", -1),
    ("Bob visited the plan office.", "Bob", 0),
    ("Ann praised Bob warmly.", "Bob", 1),
    ("Ann attacked Bob angrily.", "Bob", -1),
    ("Ann met Bob today.", "Bob", 0),
] * 4


def toy() -> tuple[pd.DataFrame, list[int]]:
    return mentions([(s, t) for s, t, _ in TOY]), [y for *_, y in TOY]


def test_estimator_protocol(tmp_path):
    from sklearn.base import clone

    X, y = toy()
    m = TargetSentimentModel(C=1.0, min_df=1)
    assert not hasattr(m, "coef_")
    with pytest.raises(ValueError, match="not fitted"):
        m.predict(X)
    assert m.fit(X, y) is m
    assert m.predict(X).tolist() == y
    proba = m.predict_proba(X)
    assert proba.shape == (len(X), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    c = clone(m)
    assert c.get_params() == m.get_params() and not hasattr(c, "coef_")
    with pytest.raises(ValueError, match="valid names"):
        m.set_params(windw=3)
    with pytest.raises(ValueError, match="labels"):
        TargetSentimentModel().fit(X, [5] * len(X))
    # JSON round trip predicts the same
    path = m.to_json(tmp_path / "m.json")
    back = TargetSentimentModel.from_json(path)
    np.testing.assert_allclose(back.predict_proba(X), proba, atol=1e-4)
    assert back.transform(X).shape == (len(X), len(back.get_feature_names_out()))


FIT_SCRIPT = """
import hashlib, sys, tempfile, pathlib
sys.path.insert(0, sys.argv[1])
import pandas as pd
from toolkit.sentiment import TargetSentimentModel
rows = [("Bob praised the plan and Ann.", 0, 3, 1), ("Bob attacked Ann and the plan.", 0, 3, -1),
        ("Ann met Bob at the plan office.", 8, 11, 0), ("Ann praised Bob and Carl.", 12, 15, 1),
        ("Carl and Ann attacked Bob.", 22, 25, -1), ("Ann saw Carl and Bob.", 17, 20, 0)] * 3
X = pd.DataFrame(rows, columns=["sentence", "start", "end", "y"])
m = TargetSentimentModel(min_df=1).fit(X, X["y"])
p = pathlib.Path(tempfile.mkdtemp()) / "m.json"
print(hashlib.sha256(m.to_json(p).read_bytes()).hexdigest())
"""


def test_fit_is_byte_deterministic_across_hash_seeds():
    digests = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        res = subprocess.run(
            [sys.executable, "-c", FIT_SCRIPT, str(ROOT)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        digests.add(res.stdout.strip())
    assert len(digests) == 1


# --------------------------------------------------------------------------- real data


def test_devtest_macro_f1():
    """The bundled model on NewsMTSC devtest_mt (1,476 targets): macro-F1 >= 0.66."""
    if not (NEWSMTSC / "devtest_mt.jsonl").exists():
        pytest.skip("../shared/data not present")
    from sklearn.metrics import f1_score

    labels = {2.0: -1, 4.0: 0, 6.0: 1}
    rows = []
    with open(NEWSMTSC / "devtest_mt.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for t in rec["targets"]:
                rows.append((rec["sentence_normalized"], t["from"], t["to"], labels[t["polarity"]]))
    df = pd.DataFrame(rows, columns=["sentence", "start", "end", "label"])
    assert len(df) == 1476
    pred = target_sentiment(df)["polarity"]
    assert f1_score(df["label"], pred, average="macro") >= 0.66
