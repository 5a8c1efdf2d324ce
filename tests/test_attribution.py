"""Tests for toolkit.attribution: quotes, speakers, reporting verbs, voice tables."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from toolkit.attribution import (
    QUOTE_COLUMNS,
    find_quotes,
    reporting_verbs,
    trie_regex,
    verb_classes,
    voice,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


class FakeActors:
    """A tiny stand-in for toolkit.actors.ActorDictionary (same .match contract)."""

    ALIASES = {
        "Turkey": ("turkey", "alias", ""),
        "Turkish": ("turkey", "alias", ""),
        "Cavusoglu": ("turkey", "member", "Mevlut Cavusoglu"),
        "NATO": ("nato", "alias", ""),
        "Stoltenberg": ("nato", "member", "Jens Stoltenberg"),
        "Kremlin": ("russia", "alias", ""),
        "Peskov": ("russia", "member", "Dmitry Peskov"),
        "Armenian": ("armenia", "alias", ""),
        "Armenia": ("armenia", "alias", ""),
        "Azerbaijan": ("azerbaijan", "alias", ""),
    }

    def __init__(self) -> None:
        names = sorted(self.ALIASES, key=len, reverse=True)
        self._re = re.compile(r"\b(" + "|".join(names) + r")\b")

    def match(self, text: str):
        out = []
        for m in self._re.finditer(text):
            actor, via, member = self.ALIASES[m.group(1)]
            out.append((actor, m.group(1), m.start(), m.end(), via, member))
        return out


ACTORS = FakeActors()


def sents(*texts: str, doc_id: str = "d", source: str | None = None) -> pd.DataFrame:
    """A sentences frame for one document, offsets as if joined by single spaces."""
    rows, pos = [], 0
    for k, t in enumerate(texts):
        rows.append({"doc_id": doc_id, "sent_id": k, "start": pos, "end": pos + len(t), "text": t})
        pos += len(t) + 1
    df = pd.DataFrame(rows)
    if source is not None:
        df["source"] = source
    return df


def one(text: str, **kw) -> dict:
    q = find_quotes(sents(text), ACTORS, **kw)
    assert len(q) == 1, q.to_string()
    return q.iloc[0].to_dict()


# ----------------------------------------------------------------------------- direct quotes


def test_curly_quote_speaker_after_inverted():
    r = one("“We will not give up,” said Kremlin spokesman Dmitry Peskov on Monday.")
    assert r["quote"] == "We will not give up"
    assert r["kind"] == "direct"
    assert r["speaker"] == "Kremlin spokesman Dmitry Peskov"
    assert r["speaker_actor"] == "russia"
    assert (r["verb"], r["verb_class"]) == ("said", "neutral")
    assert r["n_words"] == 5


def test_straight_quote_speaker_after_and_offsets():
    text = '"The talks failed," the Armenian defence ministry said in a statement.'
    r = one(text)
    assert r["quote"] == "The talks failed"
    assert text[r["quote_start"] : r["quote_end"]] == r["quote"]
    assert r["speaker"] == "the Armenian defence ministry"
    assert r["speaker_actor"] == "armenia"


def test_speaker_before_with_colon_and_title():
    r = one("NATO Secretary General Jens Stoltenberg said: “Turkey is a valued ally.”")
    assert r["kind"] == "direct"
    assert r["quote"] == "Turkey is a valued ally."
    assert r["speaker"] == "NATO Secretary General Jens Stoltenberg"
    assert r["speaker_actor"] == "nato"  # the member wins over other aliases in the phrase


def test_split_quote_is_one_quote():
    r = one("“We are ready,” he said, “but the other side must stop.”")
    assert r["quote"] == "We are ready but the other side must stop."
    assert r["speaker"] == "he"


def test_quote_over_several_sentences():
    q = find_quotes(
        sents(
            "Stoltenberg spoke to reporters.",
            "“This is serious.",
            "We call for calm,” he said.",
        ),
        ACTORS,
    )
    r = q.iloc[0]
    assert (r["sent_id"], r["end_sent_id"]) == (1, 2)
    assert r["quote"].startswith("This is serious.") and r["quote"].endswith("calm")
    assert r["speaker"] == "he"
    # "he" has no named speaker before it (no attribution verb on "spoke"): unresolved
    assert r["speaker_actor"] == ""


def test_pronoun_resolves_to_most_recent_named_speaker():
    q = find_quotes(
        sents(
            "“A deal is close,” said Mevlut Cavusoglu.",
            "“We want peace,” he added.",
            "“NATO is concerned,” Stoltenberg said.",
            "“Turkey must act,” he stressed.",
        ),
        ACTORS,
    )
    assert q["speaker_actor"].tolist() == ["turkey", "turkey", "nato", "nato"]
    assert q["speaker_resolved"].tolist()[1] == "Mevlut Cavusoglu"
    assert q["verb_class"].tolist() == ["neutral", "neutral", "neutral", "emphasis"]


def test_surname_reuses_actor_of_full_name():
    class OnlyFull(FakeActors):
        ALIASES = {"Mevlut Cavusoglu": ("turkey", "member", "Mevlut Cavusoglu")}

    q = find_quotes(sents("“Yes,” said Mevlut Cavusoglu.", "Cavusoglu said: “No.”"), OnlyFull())
    assert q["speaker_actor"].tolist() == ["turkey", "turkey"]


def test_headline_single_curly_partial_quote():
    r = one("Turkey Says Armenia’s Attacks ‘War Crime’")
    assert r["kind"] == "partial"
    assert r["quote"] == "War Crime"
    assert r["speaker"] == "Turkey"
    assert r["speaker_actor"] == "turkey"


def test_apostrophes_are_not_quotes():
    q = find_quotes(sents("Armenia’s army and the soldiers’ families didn't leave."), ACTORS)
    assert q.empty


def test_partial_quote_inside_reported_clause():
    r = one("Stoltenberg, for his part, said NATO is “deeply concerned” over the conflict.")
    assert r["kind"] == "partial"
    assert r["quote"] == "deeply concerned"
    assert r["speaker"] == "Stoltenberg"
    assert r["speaker_actor"] == "nato"


def test_unattributed_scare_quote_is_partial_without_speaker():
    r = one("The so-called “referendum” was not recognised.")
    assert (r["kind"], r["speaker"], r["verb"], r["verb_class"]) == ("partial", "", "", "")


# ----------------------------------------------------------------------------- reported speech


@pytest.mark.parametrize(
    ("text", "speaker", "verb", "cls", "content"),
    [
        (
            "The Turkish foreign minister on Monday said Armenian forces have been targeting civilians.",
            "The Turkish foreign minister",
            "said",
            "neutral",
            "Armenian forces have been targeting civilians",
        ),
        (
            "Azerbaijan claimed that Armenian troops shelled the city.",
            "Azerbaijan",
            "claimed",
            "doubt",
            "Armenian troops shelled the city",
        ),
        (
            "Peskov told reporters that Moscow was ready to help.",
            "Peskov",
            "told",
            "neutral",
            "Moscow was ready to help",
        ),
        (
            "According to the Armenian defence ministry, two drones were downed.",
            "the Armenian defence ministry",
            "According to",
            "neutral",
            "two drones were downed",
        ),
        (
            "Two drones were downed, according to the Armenian defence ministry.",
            "the Armenian defence ministry",
            "according to",
            "neutral",
            "Two drones were downed",
        ),
        (
            "NATO remains committed to Turkey’s security, Stoltenberg added.",
            "Stoltenberg",
            "added",
            "neutral",
            "NATO remains committed to Turkey’s security",
        ),
        (
            "The attack was unprovoked, said the Armenian foreign ministry.",
            "the Armenian foreign ministry",
            "said",
            "neutral",
            "The attack was unprovoked",
        ),
        (
            "Cavusoglu acknowledged that the talks had stalled.",
            "Cavusoglu",
            "acknowledged",
            "endorse",
            "the talks had stalled",
        ),
        (
            "Stoltenberg insisted the alliance was united.",
            "Stoltenberg",
            "insisted",
            "emphasis",
            "the alliance was united",
        ),
    ],
)
def test_reported_speech(text, speaker, verb, cls, content):
    r = one(text)
    assert r["kind"] == "reported"
    assert r["speaker"] == speaker
    assert (r["verb"], r["verb_class"]) == (verb, cls)
    assert r["quote"] == content
    assert text[r["quote_start"] : r["quote_end"]] == content


def test_ing_reporting_verb_takes_speaker_of_the_sentence():
    q = find_quotes(
        sents("“We are worried,” Stoltenberg said, adding that the system poses a risk."), ACTORS
    )
    assert q["kind"].tolist() == ["direct", "reported"]
    assert q["speaker"].tolist() == ["Stoltenberg", "Stoltenberg"]
    assert q["quote"].iloc[1] == "the system poses a risk"


def test_nouns_and_non_speech_uses_are_not_attributions():
    for text in (
        "The reported attack on the village was denied later.",
        "Armenia added new troops to the front.",
        "Officials were asked about the attack.",
        "The state media showed the damage.",
    ):
        assert find_quotes(sents(text), ACTORS).empty, text


# ----------------------------------------------------------------------------- lexicon


def test_lexicon_classes_and_inflections():
    lex = reporting_verbs().set_index("form")
    assert set(lex["verb_class"]) == {"neutral", "doubt", "endorse", "emphasis"}
    for form in ("say", "says", "said", "saying", "told", "pointed out", "stressed", "emphasized"):
        assert form in lex.index, form
    assert lex.loc["alleged", "verb_class"] == "doubt"
    assert lex.loc["admitted", "verb_class"] == "endorse"
    assert lex.loc["insisted", "verb_class"] == "emphasis"
    assert lex.loc["maintained", "verb_class"] == "doubt"
    assert not lex.index.duplicated().any()


def test_trie_regex_matches_exactly_the_words():
    words = ["said", "says", "saying", "point out", "add", "added"]
    rx = re.compile(rf"(?:{trie_regex(words)})$")
    for w in words:
        assert rx.match(w), w
    for w in ("sai", "sayings", "adde", "point"):
        assert not rx.match(w), w


# ----------------------------------------------------------------------------- frame contract


def test_columns_index_and_no_mutation():
    s = sents("“Yes,” he said.", "Stoltenberg said NATO is “deeply concerned”.", source="aa")
    before = s.copy()
    q = find_quotes(s, ACTORS)
    pd.testing.assert_frame_equal(s, before)
    assert list(q.columns) == QUOTE_COLUMNS + ["source"]
    assert q["source"].tolist() == ["aa", "aa"]
    assert q["n_words"].dtype == "int64"
    empty = find_quotes(sents("Nothing to see here."), ACTORS)
    assert list(empty.columns) == QUOTE_COLUMNS and empty.empty


def test_works_without_offsets_and_without_actors():
    s = sents("“We will win,” the minister said.").drop(columns=["start", "end"])
    q = find_quotes(s)
    assert q.loc[0, "speaker"] == "the minister" and q.loc[0, "speaker_actor"] == ""


def test_bad_input_messages():
    with pytest.raises(ValueError, match="columns are"):
        find_quotes(pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "body": ["x"]}))
    with pytest.raises(ValueError, match="errors="):
        find_quotes(sents("x"), errors="loud")
    with pytest.raises(TypeError, match="match"):
        find_quotes(sents("x"), actors=object())
    s = sents("“Yes,” he said.", "ok")
    s.loc[1, "text"] = None
    s["text"] = s["text"].astype(object)
    s.loc[1, "text"] = 42
    q = find_quotes(s, errors="skip")
    assert len(q.attrs["problems"]) == 1 and len(q) == 1
    with pytest.raises(Exception, match="not text"):
        find_quotes(s, errors="raise")


# ----------------------------------------------------------------------------- tables


def test_voice_and_verb_classes():
    a = sents(
        "“We will win,” said Mevlut Cavusoglu.",  # 3 words, turkey
        "Stoltenberg claimed that the alliance was strong and united.",  # 6 words, nato
        doc_id="a",
        source="A",
    )
    b = sents("“Peace now,” Peskov stressed.", doc_id="b", source="B")
    q = find_quotes(pd.concat([a, b], ignore_index=True), ACTORS)
    v = voice(q)
    assert list(v.columns) == ["source", "speaker_actor", "n_quotes", "quoted_words", "share"]
    va = v[v["source"] == "A"].set_index("speaker_actor")
    assert va.loc["turkey", "quoted_words"] == 3 and va.loc["nato", "quoted_words"] == 6
    assert va["share"].sum() == pytest.approx(1.0)
    assert va.loc["nato", "share"] == pytest.approx(6 / 9)
    vd = voice(q, kinds=["direct"])
    assert set(vd["speaker_actor"]) == {"turkey", "russia"}
    c = verb_classes(q).set_index(["source", "verb_class"])
    assert c.loc[("A", "doubt"), "share"] == pytest.approx(0.5)
    assert c.loc[("B", "emphasis"), "n"] == 1
    with pytest.raises(ValueError, match="outlet"):
        voice(q, by="outlet")
    with pytest.raises(ValueError, match="kinds"):
        voice(q, kinds=["indirect"])


# ----------------------------------------------------------------------------- real data


def _seed_sentences():
    seed = SHARED / "data" / "seed"
    files = sorted(seed.glob("*.txt")) if seed.exists() else []
    if not files:
        pytest.skip("../shared/data not present")
    text_mod = pytest.importorskip("toolkit.text")
    raw = files[0].read_text(encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["seed"], "source": ["Anadolu"], "text": [raw]})
    return text_mod.split_sentences(docs)


def _real_or_fake_actors():
    try:
        from toolkit.actors import load_actors

        return load_actors("karabakh")
    except Exception:  # noqa: BLE001 - the dictionary is a colleague's module
        return ACTORS


def test_seed_article_quotes():
    s = _seed_sentences()
    q = find_quotes(s, _real_or_fake_actors())
    assert (q["source"] == "Anadolu").all()
    cav = q[q["quote"].str.contains("essentially a war crime")]
    assert cav["speaker_actor"].tolist() == ["turkey"]
    assert cav["kind"].tolist() == ["direct"]
    partial = q[q["quote"] == "deeply concerned"]
    assert partial[["kind", "speaker_actor"]].values.tolist() == [["partial", "nato"]]
    added = q[q["quote"].str.startswith("I expect Turkey")]
    assert added[["speaker", "speaker_actor", "verb"]].values.tolist() == [["he", "nato", "added"]]
    stressed = q[q["verb"] == "stressed"]
    assert stressed[["verb_class", "speaker_actor"]].values.tolist() == [["emphasis", "turkey"]]
    concerned = q[q["quote"].str.startswith("We are concerned")]
    assert concerned["speaker_actor"].tolist() == ["nato"]
    direct = q[q["kind"] == "direct"]
    assert (direct["speaker_actor"] != "").all()
    assert set(direct["speaker_actor"]) == {"turkey", "nato"}


def test_speed_on_many_sentences():
    base = [
        "“We are ready,” he said, “but the other side must stop.”",
        "Stoltenberg, for his part, said NATO is “deeply concerned” over the conflict.",
        "The Turkish foreign minister on Monday said Armenian forces have been shelling towns.",
        "Two drones were downed, according to the Armenian defence ministry.",
        "The weather in the capital was mild and the streets were busy with traffic.",
    ]
    frames = [sents(*(base * 4), doc_id=f"d{i}") for i in range(1000)]  # 20,000 sentences
    s = pd.concat(frames, ignore_index=True)
    t = time.perf_counter()
    q = find_quotes(s, ACTORS)
    took = time.perf_counter() - t
    assert len(q) == 1000 * 4 * 4
    assert took < 10, f"find_quotes took {took:.1f}s on {len(s)} sentences"
