"""End to end: the sample corpus's designed contrasts (data/sample/truth.yaml) are recovered,
the seed article comes out as a reader sees it, and real multi-outlet coverage runs through."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

import toolkit as tk

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SHARED = ROOT.parent / "shared"
TRUTH = yaml.safe_load((SAMPLE / "truth.yaml").read_text(encoding="utf-8"))
OUTLETS = TRUTH["outlets"]


@pytest.fixture(scope="module")
def sample() -> tk.Analysis:
    return tk.analyze(SAMPLE / "raw", actors="sample", naming="sample", n_boot=300)


def test_documents_and_duplicates(sample):
    docs = sample.documents
    assert docs["source"].value_counts().to_dict() == TRUTH["documents"]["per_outlet"]
    assert sample.problems == []
    dup = docs.set_index("doc_id")["duplicate_of"]
    for d in TRUTH["duplicates"]:
        assert dup[d["doc"]] == d["copy_of"]
    assert dup.notna().sum() == len(TRUTH["duplicates"])


@pytest.mark.parametrize("outlet", OUTLETS)
def test_actor_sentiment_signs_and_order(sample, outlet):
    want = TRUTH["actor_sentiment"][outlet]
    t = sample.actor_sentiment[sample.actor_sentiment.source == outlet].set_index("actor")
    for actor in want["negative"]:
        assert t.loc[actor, "sentiment"] < 0, (actor, t.loc[actor].to_dict())
    for actor in want["positive"]:
        assert t.loc[actor, "sentiment"] > 0, (actor, t.loc[actor].to_dict())
    order = want["order"]
    for a, b in zip(order, order[1:], strict=False):
        assert t.loc[a, "sentiment"] < t.loc[b, "sentiment"], (a, b)


@pytest.mark.parametrize("outlet", OUTLETS)
def test_naming_dominant_variant(sample, outlet):
    ns = sample.naming_shares[sample.naming_shares.source == outlet]
    for family, variant in TRUTH["naming"][outlet].items():
        g = ns[ns.family == family].sort_values("share", ascending=False)
        assert not g.empty, family
        assert g.iloc[0]["variant"] == variant, g[["variant", "share"]].to_dict("records")


@pytest.mark.parametrize("outlet", list(TRUTH["agency"]))
def test_agent_and_patient_of_violence(sample, outlet):
    want = TRUTH["agency"][outlet]
    t = sample.agency_table[sample.agency_table.source == outlet].set_index("actor")
    assert t["agent_violent"].idxmax() == want["violent_agent"], t.to_dict()
    assert t["patient_violent"].idxmax() == want["violent_patient"], t.to_dict()


@pytest.mark.parametrize("outlet", OUTLETS)
def test_voice_and_reporting_verbs(sample, outlet):
    q = sample.quotes[sample.quotes.source == outlet]
    v = sample.voice[(sample.voice.source == outlet) & (sample.voice.speaker_actor != "")]
    assert (
        v.sort_values("share", ascending=False).iloc[0]["speaker_actor"] == TRUTH["voice"][outlet]
    )
    for actor, cls in TRUTH["reporting_verbs"][outlet].items():
        classes = q[(q.speaker_actor == actor) & (q.verb_class != "")]["verb_class"]
        assert not classes.empty, actor
        assert classes.value_counts().idxmax() == cls, (actor, classes.value_counts().to_dict())


def test_loaded_language_order(sample):
    r = sample.loaded_rates[sample.loaded_rates.category == "all"].set_index("source")
    order = TRUTH["loaded_language"]["order"]
    rates = [r.loc[o, "rate_per_1000"] for o in order]
    assert rates == sorted(rates, reverse=True), dict(zip(order, rates, strict=True))


def test_every_number_traces_to_sentences(sample):
    row = sample.actor_sentiment.iloc[0]
    ev = tk.evidence(sample, source=row.source, actor=row.actor, n=None)
    assert len(ev) <= row.n_mentions and len(ev) > 0
    sents = sample.sentences.set_index(["doc_id", "sent_id"])["text"]
    for e in ev.itertuples():
        assert sents[(e.doc_id, e.sent_id)] == e.sentence


def test_analysis_is_deterministic():
    a = tk.analyze(SAMPLE / "raw", actors="sample", naming="sample", n_boot=200)
    b = tk.analyze(SAMPLE / "raw", actors="sample", naming="sample", n_boot=200)
    for name, df in a.frames().items():
        pd.testing.assert_frame_equal(df, getattr(b, name), check_like=False, obj=name)


def test_save_writes_every_frame(sample, tmp_path):
    paths = sample.save(tmp_path, format="parquet")
    assert {p.stem for p in paths} >= {"documents", "mentions", "actor_sentiment", "quotes"}
    back = pd.read_parquet(tmp_path / "actor_sentiment.parquet")
    assert len(back) == len(sample.actor_sentiment)


# ---------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed() -> tk.Analysis:
    folder = SHARED / "data" / "seed"
    if not folder.exists():
        pytest.skip("../shared/data not present")
    return tk.analyze(folder, actors="karabakh", naming="karabakh", n_boot=200)


def test_seed_armenia_more_negative_than_nato_and_turkey(seed):
    s = seed.actor_sentiment.set_index("actor")["sentiment"]
    assert s["armenia"] < s["nato"]
    assert s["armenia"] < s["turkey"]


def test_seed_quotes_attributed(seed):
    q = seed.quotes
    cav = q[q.speaker.str.contains("Cavusoglu", na=False) | (q.speaker_actor == "turkey")]
    assert (cav.speaker_actor == "turkey").sum() >= 3
    assert (q.speaker_actor == "nato").sum() >= 3
    assert q[q.quote.str.contains("deeply concerned")].speaker_actor.eq("nato").all()


def test_seed_naming_and_agency(seed):
    variants = set(seed.naming.label)
    assert "Upper Karabakh" in variants
    assert any(v.startswith("occupied") and v.endswith("territories") for v in variants)
    m = seed.mentions
    targeted = m[m.sentence.str.contains("targets civilians") & (m.actor == "armenia")]
    assert (targeted.role == "agent").all() and targeted.violent.all()


def test_real_multi_outlet_coverage_runs():
    path = SHARED / "data" / "allsides" / "topic_turkey_russia_caucasus.jsonl"
    if not path.exists():
        pytest.skip("../shared/data not present")
    a = tk.analyze(path, actors="karabakh", naming="karabakh", n_boot=100)
    assert len(a.documents) + len(a.problems) == 202
    assert a.documents["source"].nunique() > 20
    s = a.actor_sentiment
    assert {"turkey", "russia", "nato"} <= set(s.actor)
    assert ((s.ci_low <= s.sentiment + 1e-9) & (s.sentiment <= s.ci_high + 1e-9)).all()
