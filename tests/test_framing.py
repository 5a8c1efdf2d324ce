"""Tests for toolkit.framing: loaded language, naming variants, policy frames."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toolkit import _lexicon_common
from toolkit.errors import CorpusError
from toolkit.framing import (
    CATEGORIES,
    find_naming,
    frames,
    frames_mix,
    load_frames,
    load_lexicon,
    load_naming,
    loaded_language,
    loaded_rates,
    naming_shares,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "data" / "seed" / "anadolu-2020-10-05-turkey-armenia-war-crime.txt"
BABE = SHARED / "data" / "babe" / "babe_dev.csv"
CODEBOOK = SHARED / "data" / "mfc_codebook" / "codes.json"


def df(*texts: str, **cols) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts), **cols})


def terms_of(text: str) -> list[str]:
    return loaded_language(df(text)).loaded_terms.iloc[0]


# --------------------------------------------------------------------------- lexicon file
def test_bundled_lexicon_is_categorised_weighted_and_annotated():
    lex = load_lexicon()
    e = lex.entries
    assert len(e) >= 300
    assert set(e.category) == set(CATEGORIES)
    assert e.weight.between(0.5, 3).all()
    assert (e.note.str.len() > 0).all()
    assert not lex.problems
    assert e.term.is_unique


def test_check_lexicons_script_passes(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("check", ROOT / "scripts" / "check_lexicons.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main([]) == 0
    assert "all lexicons OK" in capsys.readouterr().out


# --------------------------------------------------------------------------- loaded language
def test_occupied_territories_is_illegitimacy():
    out = loaded_language(df("Armenia must withdraw from occupied Azerbaijani territories."))
    assert out.loaded_illegitimacy.iloc[0] == 1
    assert out.loaded_terms.iloc[0] == ["occupied"]
    assert out.loaded_score.iloc[0] == 2.0


def test_war_crime_is_condemnation_and_multiword():
    out = loaded_language(df("Targeting homes is a war crime.", "They committed war crimes."))
    assert out.loaded_condemnation.tolist() == [1, 1]
    assert out.loaded_terms.tolist() == [["war crime"], ["war crimes"]]
    assert out.loaded.all()  # weight 3 >= default threshold


def test_neutral_sentence_is_not_loaded():
    out = loaded_language(df("The committee met on Tuesday to discuss the annual budget."))
    assert out.loaded_score.iloc[0] == 0
    assert not out.loaded.iloc[0]
    assert out.loaded_terms.iloc[0] == []
    assert out.n_words.iloc[0] == 10


@pytest.mark.parametrize("form", ["slam", "slams", "slammed", "slamming"])
def test_verb_inflections(form):
    assert terms_of(f"Critics {form} the plan.") == [form]


def test_irregular_phrasal_and_british_forms():
    assert terms_of("He lashed out at reporters.") == ["lashed out"]
    assert terms_of("They weaponised the courts.") == ["weaponised"]
    assert terms_of("Troops gunned down protesters.") == ["gunned down"]
    assert terms_of("Three martyrs were buried.") == ["martyrs"]


def test_longest_match_wins_over_parts():
    out = loaded_language(df("Shells hit innocent civilians."))
    assert out.loaded_terms.iloc[0] == ["innocent civilians"]
    assert out.loaded_victimhood.iloc[0] == 1


def test_separators_and_line_breaks_inside_phrases():
    assert terms_of("a campaign of ethnic\ncleansing") == ["ethnic\ncleansing"]
    assert terms_of("the right to self defence") == ["self defence"]
    assert terms_of("the right to self-defense") == ["self-defense"]
    assert terms_of("a so called election") == ["so called"]


def test_case_insensitive_and_surface_kept():
    assert terms_of("MASSACRE IN THE VILLAGE") == ["MASSACRE"]
    assert terms_of("Regime\u2019s troops") == ["Regime"]


def test_whole_words_only():
    assert terms_of("A strict regimen and a slammer and a violinist.") == []
    assert terms_of("a non-violent protest") == []
    assert terms_of("a violent protest") == ["violent"]


def test_same_index_no_mutation_and_columns():
    data = df("A brutal massacre.", None, "Calm day.", source=["A", "A", "B"])
    data.index = [10, 20, 30]
    before = data.copy()
    out = loaded_language(data)
    pd.testing.assert_frame_equal(data, before)
    assert list(out.index) == [10, 20, 30]
    assert list(out.columns[:4]) == ["loaded_score", "loaded", "loaded_terms", "n_words"]
    assert [c for c in out.columns if c.startswith("loaded_")][2:] == [
        f"loaded_{c}" for c in CATEGORIES
    ]
    assert out.loc[20, "loaded_score"] == 0 and out.loc[20, "n_words"] == 0
    assert out.loc[10, "loaded_violence"] == 1 and out.loc[10, "loaded_emotive"] == 1


def test_threshold_option():
    data = df("They claimed it.")  # hedging, weight 1
    assert not loaded_language(data).loaded.iloc[0]
    assert loaded_language(data, threshold=1).loaded.iloc[0]


def test_custom_lexicon_and_bad_rows(tmp_path):
    own = pd.DataFrame(
        {"term": ["bonkers", "kerfuffle"], "category": ["emotive", "emotive"], "weight": [2, 1]}
    )
    out = loaded_language(df("What a bonkers kerfuffle."), lexicon=own)
    assert out.loaded_score.iloc[0] == 3.0
    assert list(out.columns[4:]) == ["loaded_emotive"]
    bad = tmp_path / "lex.csv"
    bad.write_text("term,category,weight\nbonkers,emotive,7\nzany,emotive,1\n")
    with pytest.raises(CorpusError, match=r"lex\.csv.*bonkers.*weight"):
        load_lexicon(bad)
    lex = load_lexicon(bad, errors="skip")
    assert list(lex.entries.term) == ["zany"]
    assert lex.problems[0]["record"] == 2


def test_duplicate_term_is_a_problem_but_a_headword_overrides_a_form():
    dup = pd.DataFrame({"term": ["slam", "Slam"], "category": ["speech"] * 2, "weight": [2, 1]})
    with pytest.raises(CorpusError, match="'slam'.*listed twice"):
        load_lexicon(dup)
    own = pd.DataFrame(
        {"term": ["slam", "slammed"], "category": ["speech", "emotive"], "weight": [2, 1],
         "pos": ["verb", "adj"]}
    )  # fmt: skip
    out = loaded_language(df("She slams it.", "She slammed it."), lexicon=own)
    assert out.loaded_score.tolist() == [2.0, 1.0]
    assert out.loaded_emotive.tolist() == [0, 1]


def test_bad_input_messages():
    with pytest.raises(ValueError, match=r"no 'body' column; columns are \['text'\]"):
        loaded_language(df("x"), text="body")
    with pytest.raises(TypeError, match="DataFrame"):
        loaded_language(["a massacre"])


def test_loaded_rates_per_source():
    data = df(
        "A brutal massacre and a war crime.",  # 7 words, violence 1, emotive 1, condemnation 1
        "Talks went on.",  # 3 words
        "Calm.",  # 1 word
        source=["A", "A", "B"],
    )
    r = loaded_rates(data)
    assert list(r.columns) == ["source", "category", "n_terms", "n_words", "rate_per_1000"]
    assert len(r) == 2 * (len(CATEGORIES) + 1)
    a = r[r.source == "A"].set_index("category")
    assert a.loc["all", "n_terms"] == 3 and a.loc["all", "n_words"] == 10
    assert a.loc["all", "rate_per_1000"] == pytest.approx(300.0)
    assert a.loc["violence", "rate_per_1000"] == pytest.approx(100.0)
    b = r[r.source == "B"].set_index("category")
    assert b.loc["all", "n_terms"] == 0 and b.loc["all", "rate_per_1000"] == 0


def test_loaded_rates_needs_source():
    s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "text": ["x"]})
    with pytest.raises(ValueError, match=r"no 'source' column.*merge"):
        loaded_rates(s)


# --------------------------------------------------------------------------- naming
@pytest.fixture(scope="module")
def karabakh():
    return load_naming("karabakh")


def test_occupied_gap_pattern(karabakh):
    out = find_naming(
        df("Withdraw from the occupied Azerbaijani territories now.", doc_id=["d1"], sent_id=[3]),
        karabakh,
    )
    row = out[out.family == "territory_status"].iloc[0]
    assert (row.doc_id, row.sent_id, row.variant) == ("d1", 3, "occupied")
    assert row.label == "occupied Azerbaijani territories"
    text = "Withdraw from the occupied Azerbaijani territories now."
    assert text[row.start : row.end] == row.label


def test_gap_limits():
    fams = load_naming(
        {
            "families": [
                {"id": "t", "variants": {"occ": ["occupied * territories"], "w": ["a *3 b"]}}
            ]
        }
    )
    assert fams.match("occupied territories")[0][2] == "occupied territories"
    assert fams.match("occupied two words territories")
    assert not fams.match("occupied far too many territories")
    assert fams.match("a x y z b")[0][1] == "w"
    assert not fams.match("a w x y z b")


def test_region_variants_longest_first(karabakh):
    text = "Upper Karabakh, also known as Nagorno-Karabakh or Artsakh, and karabakh."
    got = [(f, v, label) for f, v, label, *_ in karabakh.match(text) if f == "region"]
    assert got == [
        ("region", "Upper Karabakh", "Upper Karabakh"),
        ("region", "Nagorno-Karabakh", "Nagorno-Karabakh"),
        ("region", "Artsakh", "Artsakh"),
        ("region", "Karabakh", "karabakh"),
    ]


def test_other_karabakh_families(karabakh):
    text = (
        "Syrian mercenaries and separatists clashed with ethnic Armenian forces near "
        "Stepanakert (Khankendi) and Shusha; war crimes were alleged in the war."
    )
    got = {(f, v) for f, v, *_ in karabakh.match(text)}
    assert ("foreign_fighters", "Syrian mercenaries") in got
    assert ("armed_groups", "separatists") in got
    assert ("armed_groups", "ethnic Armenian forces") in got
    assert ("armed_groups", "Armenian forces") not in got
    assert ("city_stepanakert", "Stepanakert") in got and ("city_stepanakert", "Khankendi") in got
    assert ("city_shusha", "Shusha") in got
    wars = [m for m in karabakh.match(text) if m[0] == "conflict"]
    assert [m[2] for m in wars] == ["war"]  # "war crimes" is excluded


def test_ignore_case_option():
    spec = {
        "families": [
            {"id": "a", "ignore_case": False, "variants": {"X": ["Artsakh"]}},
            {"id": "b", "variants": {"X": ["Artsakh"]}},
        ]
    }
    fams = load_naming(spec)
    assert [m[0] for m in fams.match("ARTSAKH Artsakh")] == ["b", "a", "b"]


def test_find_naming_columns_and_source(karabakh):
    s = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "sent_id": [0, 0],
            "source": ["S1", "S2"],
            "text": ["Artsakh and Artsakh.", "Nothing here."],
        }
    )
    out = find_naming(s, karabakh)
    assert list(out.columns) == [
        "doc_id", "sent_id", "family", "variant", "label", "start", "end", "source"
    ]  # fmt: skip
    assert out.source.tolist() == ["S1", "S1"]
    empty = find_naming(s.drop(columns="source").iloc[1:], karabakh)
    assert empty.empty and "source" not in empty.columns


def test_naming_shares_sum_to_one(karabakh):
    s = pd.DataFrame(
        {
            "doc_id": list("abcd"),
            "sent_id": [0] * 4,
            "source": ["S1", "S1", "S2", "S2"],
            "text": [
                "Upper Karabakh and Nagorno-Karabakh; separatists.",
                "Upper Karabakh again.",
                "Artsakh defence army and Artsakh.",
                "Stepanakert.",
            ],
        }
    )
    sh = naming_shares(find_naming(s, karabakh))
    assert list(sh.columns) == ["source", "family", "variant", "n", "share"]
    sums = sh.groupby(["source", "family"]).share.sum()
    assert (sums.round(12) == 1).all()
    s1 = sh[(sh.source == "S1") & (sh.family == "region")].set_index("variant")
    assert s1.loc["Upper Karabakh", "n"] == 2
    assert s1.loc["Upper Karabakh", "share"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="no 'source' column"):
        naming_shares(find_naming(s.drop(columns="source"), karabakh))


def test_load_naming_errors_name_file_and_family(tmp_path):
    with pytest.raises(CorpusError, match=r"nope.*not found.*karabakh"):
        load_naming("nope")
    p = tmp_path / "bad.yaml"
    p.write_text("families:\n  - id: region\n    variants: {}\n")
    with pytest.raises(CorpusError, match=r"bad\.yaml: family 'region': 'variants'"):
        load_naming(p)
    p.write_text("families:\n  - id: region\n    variants: {X: ['* territories']}\n")
    with pytest.raises(CorpusError, match=r"family 'region'.*gap"):
        load_naming(p)
    p.write_text("families:\n  - id: r\n    variants: {X: [Foo], Y: [foo]}\n")
    with pytest.raises(CorpusError, match=r"family 'r'.*'foo'.*listed under"):
        load_naming(p)
    p.write_text("families: [: bad")
    with pytest.raises(CorpusError, match=r"bad\.yaml: not valid YAML"):
        load_naming(p)


def test_bundled_sample_naming_loads():
    if not (_lexicon_common.NAMING_DIR / "sample.yaml").exists():
        pytest.skip("sample.yaml not written yet")
    assert len(load_naming("sample")) >= 1


# --------------------------------------------------------------------------- frames
def test_frames_known_answers():
    data = df(
        "Troops shelled the border and missiles hit the front line.",
        "Higher taxes will cost jobs and hurt the economy.",
        "The Supreme Court ruled the law unconstitutional.",
        "Hospitals treated patients during the pandemic.",
        "A new poll shows protests are popular.",
        "",
    )
    out = frames(data)
    assert out.frame.tolist() == [
        "security_defense",
        "economic",
        "legality",
        "health_safety",
        "public_opinion",
        "none",
    ]
    assert out.filter(like="frame_").shape[1] == 15
    assert out.loc[1, "frame_economic"] >= 3


def test_frames_mix_shares():
    data = df("Troops attacked.", "Tax cuts.", "Tax hikes.", "Nothing.", source=list("AAAB"))
    mix = frames_mix(data)
    assert list(mix.columns) == ["source", "frame", "n", "share"]
    a = mix[mix.source == "A"].set_index("frame")
    assert a.loc["economic", "n"] == 2 and a.loc["economic", "share"] == pytest.approx(2 / 3)
    assert mix[mix.source == "B"].frame.tolist() == ["none"]
    assert (mix.groupby("source").share.sum().round(12) == 1).all()


def test_frame_labels_follow_codebook():
    if not CODEBOOK.exists():
        pytest.skip("../shared/data not present")
    book = json.loads(CODEBOOK.read_text())
    lex = load_frames()
    assert len(lex.frames) == 15
    for f in lex.frames:
        assert f["label"].lower() == book[f"{f['code']}.0"].lower()


# --------------------------------------------------------------------------- real data
def test_seed_article():
    if not SEED.exists():
        pytest.skip("../shared/data not present")
    doc = pd.DataFrame({"doc_id": ["seed"], "source": ["AA"], "text": [SEED.read_text()]})
    nm = find_naming(doc, "karabakh")
    labels = set(zip(nm.family, nm.label, strict=True))
    assert ("region", "Upper Karabakh") in labels
    assert ("territory_status", "occupied Azerbaijani territories") in labels
    lo = loaded_language(doc).iloc[0]
    low = [t.lower() for t in lo.loaded_terms]
    assert "war crime" in low and "occupied" in low and "invading" in low
    assert lo.loaded_condemnation >= 2 and lo.loaded_illegitimacy >= 3


def test_babe_macro_f1():
    if not BABE.exists():
        pytest.skip("../shared/data not present")
    babe = pd.read_csv(BABE, sep=";")
    babe = babe[babe.label_bias.isin(["Biased", "Non-biased"])]
    y = (babe.label_bias == "Biased").to_numpy()
    pred = loaded_language(babe).loaded.to_numpy()

    def f1(pos_true, pos_pred):
        tp = (pos_true & pos_pred).sum()
        return 2 * tp / (pos_true.sum() + pos_pred.sum())

    macro = (f1(y, pred) + f1(~y, ~pred)) / 2
    assert macro >= 0.62
