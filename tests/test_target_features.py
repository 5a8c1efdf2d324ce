"""Known answers for the target-sentiment features (toolkit._target_features, vectorised)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.sentiment import NUMERIC_FEATURES, TargetSentimentModel, load_target_model

SENTENCES = [
    ("NATO praised Turkey's efforts.", "Turkey"),
    ("Armenia shelled civilians, but Azerbaijan did not attack.", "Azerbaijan"),
    ("Armenia shelled civilians, but Azerbaijan did not attack.", "Armenia"),
    ('He said "Russia is bad" today.', "Russia"),
    ("", ""),
    ("Killed, attacked and shelled: the villages by Baku.", "Baku"),
]


def frame(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    rows = [(s, s.index(t), s.index(t) + len(t)) for s, t in pairs]
    return pd.DataFrame(rows, columns=["sentence", "start", "end"])


def row_features(model: TargetSentimentModel, X: pd.DataFrame, i: int) -> dict[str, float]:
    m = model.transform(X).tocsr()
    names = model.get_feature_names_out()
    r = m[i]
    return {names[j]: v for j, v in zip(r.indices, r.data, strict=True)}


@pytest.fixture(scope="module")
def open_model() -> TargetSentimentModel:
    X = frame(SENTENCES)
    return TargetSentimentModel(min_df=1, side_words=True, sentence_bigrams=True).fit(
        X, [1, 1, -1, -1, 0, 0]
    )


def test_bag_features_of_one_target(open_model):
    f = row_features(open_model, frame(SENTENCES), 0)
    bag = {k for k in f if not k.startswith("x:")}
    assert {"w:nato", "w:praised", "w:'s", "l:praised", "l1:praised", "r1:'s"} <= bag
    assert {"b:praised <T>", "b:<T> 's", "pb:<+> <T>", "pl1:<+>", "L:nato", "R:efforts"} <= bag
    assert {"w2:nato praised", "w2:<T> 's", "c:praised", "c:efforts"} <= bag
    assert "w:turkey" not in bag  # the target's own words are left out
    assert f["x:sentence_start"] == 0.0 and f["x:lex_left_pos"] > 0


def test_clause_negation_and_roles(open_model):
    X = frame(SENTENCES)
    azerbaijan = row_features(open_model, X, 1)
    assert azerbaijan["x:negation_near"] == 1.0  # "did not attack"
    assert "c:armenia" not in azerbaijan and "c:did" in azerbaijan  # "but" opens a clause
    armenia = row_features(open_model, X, 2)
    assert armenia["x:agent_negative"] == 1.0  # "Armenia shelled"
    assert armenia["x:sentence_start"] == 1.0
    russia = row_features(open_model, X, 3)
    assert russia["x:in_quote"] == 1.0 and russia["x:has_quote"] == 1.0


def test_polarity_distance_features_are_counted(open_model):
    # "killed", "attacked", "shelled" are 9, 7 and 5 words left of "Baku" (distance capped at 4)
    f = row_features(open_model, frame(SENTENCES), 5)
    assert f["pl4:<->"] == 1.0  # a 5-word window holds "shelled" only ...
    m = TargetSentimentModel(min_df=1, window=12).fit(frame(SENTENCES), [1, 1, -1, -1, 0, 0])
    f = row_features(m, frame(SENTENCES), 5)
    assert f["pl4:<->"] == 3.0  # ... a 12-word one all three, and each counts


def test_features_do_not_depend_on_the_batch():
    model = load_target_model()
    X = frame(SENTENCES)
    together = model.transform(X).toarray()
    alone = np.vstack([model.transform(X.iloc[[i]]).toarray() for i in range(len(X))])
    assert np.array_equal(together, alone)
    reverse = model.transform(X.iloc[::-1]).toarray()[::-1]
    assert np.array_equal(together, reverse)


def test_matrix_is_canonical_and_dense_columns_first():
    model = load_target_model()
    m = model.transform(frame(SENTENCES))
    assert m.has_canonical_format
    assert (m[:, : len(NUMERIC_FEATURES)].getnnz(axis=1) == len(NUMERIC_FEATURES)).all()


def test_negative_window_is_refused():
    with pytest.raises(ValueError, match="window"):
        TargetSentimentModel(window=-1, min_df=1).fit(frame(SENTENCES), [1, 1, -1, -1, 0, 0])
