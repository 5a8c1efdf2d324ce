"""Per-source tables: bootstrap CIs, actor sentiment, keyness, evidence."""

import numpy as np
import pandas as pd
import pytest

from toolkit.compare import actor_sentiment, bootstrap_mean_ci, evidence, keyness


def _mentions():
    # Source A: two articles very negative on x, one neutral; y positive.
    return pd.DataFrame(
        {
            "source": ["A"] * 6 + ["B"] * 3,
            "doc_id": ["a1", "a1", "a2", "a3", "a3", "a3", "b1", "b2", "b2"],
            "actor": ["x", "x", "x", "x", "y", "y", "x", "x", "y"],
            "polarity": [-1, -1, -1, 0, 1, 1, 1, 0, -1],
        }
    )


def test_actor_sentiment_counts_shares_and_means():
    t = actor_sentiment(_mentions(), n_boot=500)
    a = t[t.source == "A"].set_index("actor")
    assert a.loc["x", "n_mentions"] == 4 and a.loc["x", "n_docs"] == 3
    assert a.loc["x", "share"] == pytest.approx(4 / 6)
    assert a.loc["x", "sentiment"] == pytest.approx(-0.75)
    assert a.loc["y", "sentiment"] == pytest.approx(1.0)
    # CI brackets the point estimate and stays in range.
    assert -1 <= a.loc["x", "ci_low"] <= -0.75 <= a.loc["x", "ci_high"] <= 0
    # a single article gives a degenerate interval at the point value
    assert a.loc["y", "ci_low"] == a.loc["y", "ci_high"] == 1.0
    assert t.groupby("source")["share"].sum().round(6).eq(1).all()


def test_actor_sentiment_is_deterministic_and_order_independent():
    m = _mentions()
    t1 = actor_sentiment(m, seed=3)
    t2 = actor_sentiment(m.sample(frac=1, random_state=1), seed=3)
    pd.testing.assert_frame_equal(t1, t2)


def test_actor_sentiment_missing_column_names_it():
    with pytest.raises(ValueError, match="polarity"):
        actor_sentiment(_mentions().drop(columns="polarity"))


def test_bootstrap_ci_is_cluster_bootstrap():
    # Two articles: one all +1 (10 mentions), one all -1 (10 mentions). Resampling articles
    # gives means in {-1, 0, 1}, so a 95% interval spans the whole range.
    lo, hi = bootstrap_mean_ci(np.array([10.0, -10.0]), np.array([10, 10]), n_boot=2000)
    assert lo == -1.0 and hi == 1.0
    # Many consistent articles: a tight interval.
    lo, hi = bootstrap_mean_ci(np.full(50, 0.5), np.ones(50))
    assert lo == hi == 0.5
    assert np.isnan(bootstrap_mean_ci(np.array([]), np.array([]))[0])


def test_keyness_finds_the_words_each_group_prefers():
    docs = pd.DataFrame(
        {
            "source": ["A"] * 10 + ["B"] * 10 + ["C"] * 10,
            "text": ["the occupied territories were shelled"] * 10
            + ["the liberated territories celebrated"] * 10
            + ["the disputed territories remain tense"] * 10,
        }
    )
    k = keyness(docs, min_count=1)
    top = k.groupby("group").head(1).set_index("group")["term"]
    assert {top["A"], top["B"], top["C"]} <= {
        "occupied",
        "shelled",
        "were",
        "liberated",
        "celebrated",
        "disputed",
        "remain",
        "tense",
    }
    assert top["A"] in {"occupied", "shelled", "were"}
    # shared words are not distinctive
    shared = k[k.term == "territories"]
    assert (shared["z"].abs() < 1).all()
    assert k[k.term == "occupied"]["z"].iloc[0] > 2
    assert set(k.columns) == {"group", "term", "count", "count_rest", "log_odds", "z"}


def test_keyness_needs_two_groups_and_valid_columns():
    assert keyness(pd.DataFrame({"source": ["A"], "text": ["x y"]})).empty
    with pytest.raises(ValueError, match="no column 'body'"):
        keyness(pd.DataFrame({"source": ["A"]}), text="body")


def test_evidence_orders_by_strength_and_filters_cell():
    m = pd.DataFrame(
        {
            "source": ["A", "A", "A", "B"],
            "actor": ["x", "x", "x", "x"],
            "doc_id": ["1", "2", "3", "4"],
            "sent_id": [0, 0, 0, 0],
            "label": ["X"] * 4,
            "sentence": ["mild", "strong negative", "positive", "other source"],
            "polarity": [0, -1, 1, -1],
            "p_negative": [0.4, 0.95, 0.1, 0.9],
            "p_positive": [0.3, 0.0, 0.7, 0.0],
        }
    )
    e = evidence(m, source="A", actor="x")
    assert e.sentence.tolist() == ["strong negative", "positive", "mild"]
    assert evidence(m, source="A", actor="x", direction="positive").sentence.iloc[0] == "positive"
    with pytest.raises(ValueError, match="extreme"):
        evidence(m, direction="worst")
