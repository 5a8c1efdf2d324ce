"""The one-pass lexicon matching (toolkit._lexmatch) gives what per-text regex matching gives."""

import pandas as pd
import pytest

from toolkit import framing
from toolkit._lexicon_common import _word_count
from toolkit._lexmatch import JoinedTexts, lead_keys

TRICKY = [
    "",
    "They slammed the so-called regime.",
    "A self  defense plan, self-defense and selfdefense.",
    "Non-violent protest; a violent one.",
    "Taxes\x00rose; the poor and the  rich.",
    "Trump\u2019s \u2018brutal\u2019 crackdown \u2014 a massacre\u2026",
    "The \u212aarabakh talks (Kelvin sign), Upper Karabakh, Şuşa and Shusha.",
    "Leave the occupied Azerbaijani territories; the occupied   lands.",
    "Nagorno-Karabakh, Nagorno Karabakh, Nagorno\u2010Karabakh, NKR.",
    "rock-'n'-roll isn't a war crime, it's the war of words",
    "U.N. resolutions, the UN and the EU.",
    "caf\u00e9 na\u00efve \u0130stanbul \u0131 \u017fo-called",
]


def test_word_counts_match_the_regex():
    texts = [*TRICKY, "a-b-c", "a'-b", "x--y", "it\u2019s 3,000"]
    assert JoinedTexts(texts).word_counts().tolist() == [_word_count(t) for t in texts]


def test_lead_keys_read_separators_and_stop_at_wildcards():
    assert sorted(len(k) for k in lead_keys("con artist")) == [9, 10]
    assert lead_keys("tax*") == {(31, 12, 35)}  # t a x, then anything


def test_loaded_language_equals_per_text_matching():
    lex = framing.load_lexicon()
    out = framing.loaded_language(pd.DataFrame({"text": TRICKY}))
    assert out.loaded_terms.tolist() == [[m[2] for m in lex.match(t)] for t in TRICKY]
    assert out.loaded_terms[1] == ["slammed", "so-called", "regime"]
    assert "violent" in out.loaded_terms[3] and "Non-violent" not in out.loaded_terms[3]


def test_frames_equal_per_text_scores():
    lex = framing.load_frames()
    mat = lex.score_matrix(TRICKY)
    assert mat.tolist() == [lex.score_vector(t) for t in TRICKY]


@pytest.mark.parametrize("name", ["karabakh", "sample"])
def test_naming_equals_per_text_matching(name):
    fams = framing.load_naming(name)
    assert fams.match_many(TRICKY) == [fams.match(t) for t in TRICKY]


def test_naming_finds_forms_with_non_ascii_and_kelvin_starts():
    fams = framing.load_naming("karabakh")
    found = fams.match_many(TRICKY)[6]
    labels = [label for _, _, label, _, _ in found]
    assert "\u212aarabakh" in labels  # re.IGNORECASE matches the Kelvin sign to "k"
    assert "Şuşa" in labels and "Shusha" in labels
