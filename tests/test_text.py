"""Tests for toolkit.text: sentences with offsets, tokens, keyword in context."""

from __future__ import annotations

import doctest
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit.text
from toolkit.errors import CorpusError, ToolkitWarning
from toolkit.text import kwic, sentence_spans, split_sentences, token_spans, tokenize, word_count

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def sents(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


# --------------------------------------------------------------------------------------
# Known splits on hand-written tricky text
# --------------------------------------------------------------------------------------

KNOWN = {
    "abbreviations": (
        "Fighting began on Sept. 27 when the troops moved. Mr. and Mrs. Petrosyan met "
        "Dr. J. R. Smith and Gen. Lt. Col. Aliyev at St. Mary's church. Sen. Brown and Rep. "
        "Green of the U.N. mission spoke on Oct. 4 about resolution No. 5 in Jan. 2021. "
        "Acme Inc. and Widgets Ltd. and Foo Co. agreed, e.g. on prices, i.e. costs, as in "
        "Smith vs. Jones.",
        [
            "Fighting began on Sept. 27 when the troops moved.",
            "Mr. and Mrs. Petrosyan met Dr. J. R. Smith and Gen. Lt. Col. Aliyev at "
            "St. Mary's church.",
            "Sen. Brown and Rep. Green of the U.N. mission spoke on Oct. 4 about resolution "
            "No. 5 in Jan. 2021.",
            "Acme Inc. and Widgets Ltd. and Foo Co. agreed, e.g. on prices, i.e. costs, as in "
            "Smith vs. Jones.",
        ],
    ),
    "abbreviation ends sentence before a common opener": (
        "Sanctions were imposed by the U.S. The move angered Moscow. Shares of Acme Inc. "
        "They fell. The U.S. President Biden spoke.",
        [
            "Sanctions were imposed by the U.S.",
            "The move angered Moscow.",
            "Shares of Acme Inc.",
            "They fell.",
            "The U.S. President Biden spoke.",
        ],
    ),
    "lowercase after abbreviation or ellipsis": (
        "The U.S. economy grew... and then it shrank. Prices rose approx. ten percent.",
        ["The U.S. economy grew... and then it shrank.", "Prices rose approx. ten percent."],
    ),
    "decimals and numbers": (
        "Growth was 3.5 percent in 2019. It fell to 1.2 percent. Costs hit $4.5 billion.",
        ["Growth was 3.5 percent in 2019.", "It fell to 1.2 percent.", "Costs hit $4.5 billion."],
    ),
    "closing quotes belong to the ending sentence": (
        '“It is a war crime.” He left. She said: "We will win." Then ‘Go home.’ '
        "They agreed (mostly.) Fine.",
        [
            "“It is a war crime.”",
            "He left.",
            'She said: "We will win."',
            "Then ‘Go home.’",
            "They agreed (mostly.)",
            "Fine.",
        ],
    ),
    "question and exclamation": (
        "Is it war? Yes! “Why?” he asked. Really?! No way…  Next one.",
        ["Is it war?", "Yes!", "“Why?” he asked.", "Really?!", "No way…", "Next one."],
    ),
    "headlines and paragraph breaks": (
        "Ministers Meet in Ankara\n\nby Staff Writer\n\n\nThe talks began today. They lasted "
        "long.\n\nRegional conflict\n\nTensions have been high since 1991",
        [
            "Ministers Meet in Ankara",
            "by Staff Writer",
            "The talks began today.",
            "They lasted long.",
            "Regional conflict",
            "Tensions have been high since 1991",
        ],
    ),
    "single line break after a heading line": (
        "Regional conflict\nTensions have been high since 1991.\n- first point\n- second point",
        [
            "Regional conflict",
            "Tensions have been high since 1991.",
            "- first point",
            "- second point",
        ],
    ),
    "hard-wrapped lines are not split": (
        "The minister said that the talks held in the capital of the\n"
        "Republic were useful, and that the delegations will meet\n"
        "again next week in Geneva.",
        [
            "The minister said that the talks held in the capital of the\n"
            "Republic were useful, and that the delegations will meet\n"
            "again next week in Geneva."
        ],
    ),
    "numbered list": (
        "Demands:\n1. Withdraw troops.\n2. Release prisoners.",
        ["Demands:", "1. Withdraw troops.", "2. Release prisoners."],
    ),
    "glued sentences": (
        'It was late.They left. He asked."Where now?" Visit example.com today.',
        ["It was late.", "They left.", 'He asked."', 'Where now?"', "Visit example.com today."],
    ),
    "unicode letters": (
        "Ստեփանակերտը գնդակոծվեց։ Ադրբեջանը հերքեց։ Баку заявил о потерях. Ереван "
        "ответил. Şuşa şəhəri azad edildi. Əliyev çıxış etdi.",
        [
            "Ստեփանակերտը գնդակոծվեց։",
            "Ադրբեջանը հերքեց։",
            "Баку заявил о потерях.",
            "Ереван ответил.",
            "Şuşa şəhəri azad edildi.",
            "Əliyev çıxış etdi.",
        ],
    ),
}


@pytest.mark.parametrize("name", list(KNOWN))
def test_known_splits(name):
    text, expected = KNOWN[name]
    assert sents(text) == expected


def test_lowercase_word_after_abbreviation_never_starts_sentence():
    for abbr in ["Sept.", "Oct.", "U.S.", "Inc.", "Co.", "Ltd.", "Jan.", "etc."]:
        text = f"They met in {abbr} then talked. Done."
        assert sents(text) == [f"They met in {abbr} then talked.", "Done."], abbr


# --------------------------------------------------------------------------------------
# Offsets invariant on random text
# --------------------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    list("aZ9 Ք ж ə.!?…\n\t\"“”‘’'()[]-:,;") + ["Mr.", "U.S.", "Sept. ", "\n\n", "e.g.", " The "]
)
RANDOM_TEXT = st.lists(ALPHABET, max_size=80).map("".join) | st.text(max_size=120)


@settings(max_examples=300, deadline=None)
@given(RANDOM_TEXT)
def test_spans_invariants_on_random_text(text):
    spans = sentence_spans(text)
    prev_end = 0
    covered = set()
    for a, b in spans:
        s = text[a:b]
        assert s, "no empty sentences"
        assert s == s.strip(), "sentences are stripped"
        assert a >= prev_end, "ordered and non-overlapping"
        prev_end = b
        covered.update(range(a, b))
    # every non-whitespace character belongs to a sentence
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@settings(max_examples=100, deadline=None)
@given(st.lists(RANDOM_TEXT, min_size=1, max_size=4))
def test_split_sentences_offsets_match_document_text(texts):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    out = split_sentences(docs)
    by_id = dict(zip(docs.doc_id, docs.text, strict=True))
    for row in out.itertuples():
        assert by_id[row.doc_id][row.start : row.end] == row.text
    for _, g in out.groupby("doc_id"):
        assert g.sent_id.tolist() == list(range(len(g)))


# --------------------------------------------------------------------------------------
# split_sentences frame behaviour
# --------------------------------------------------------------------------------------


def test_split_sentences_frame_columns_ids_and_keep():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "source": ["Outlet A", "Outlet B"],
            "text": ["One. Two.", "Three! Four? Five."],
        }
    )
    before = docs.copy()
    out = split_sentences(docs)
    assert list(out.columns) == ["doc_id", "sent_id", "start", "end", "text", "source"]
    assert out.doc_id.tolist() == ["a", "a", "b", "b", "b"]
    assert out.sent_id.tolist() == [0, 1, 0, 1, 2]
    assert out.source.tolist() == ["Outlet A"] * 2 + ["Outlet B"] * 3
    assert out.loc[1, ["start", "end", "text"]].tolist() == [5, 9, "Two."]
    assert str(out.sent_id.dtype) == "int64" and str(out.start.dtype) == "int64"
    pd.testing.assert_frame_equal(docs, before)  # input not mutated


def test_split_sentences_custom_columns_and_index_ids():
    docs = pd.DataFrame({"body": ["A b. C d."]}, index=["x"])
    out = split_sentences(docs, text="body", id_col="doc_id")
    assert out.doc_id.tolist() == ["x", "x"]
    assert out.text.tolist() == ["A b.", "C d."]


def test_empty_and_whitespace_documents_yield_no_rows():
    docs = pd.DataFrame({"doc_id": ["e", "w", "n"], "text": ["", "  \n\n \t ", "\n"]})
    out = split_sentences(docs)
    assert len(out) == 0
    assert list(out.columns) == ["doc_id", "sent_id", "start", "end", "text"]
    assert out.attrs["problems"] == []


def test_missing_text_gives_no_rows_and_a_problem():
    docs = pd.DataFrame({"doc_id": ["ok", "nan", "none"], "text": ["Fine.", math.nan, None]})
    with pytest.warns(ToolkitWarning, match="has no text"):
        out = split_sentences(docs)
    assert out.doc_id.tolist() == ["ok"]
    assert [p["record"] for p in out.attrs["problems"]] == ["nan", "none"]
    quiet = split_sentences(docs, errors="skip")
    assert len(quiet.attrs["problems"]) == 2
    with pytest.raises(CorpusError, match="'nan' has no text"):
        split_sentences(docs, errors="raise")


def test_input_problems_are_carried_over():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Hi."]})
    docs.attrs["problems"] = [{"path": "f.csv", "record": 3, "reason": "bad"}]
    out = split_sentences(docs)
    assert out.attrs["problems"] == [{"path": "f.csv", "record": 3, "reason": "bad"}]


def test_split_sentences_bad_arguments():
    docs = pd.DataFrame({"doc_id": ["a"], "body": ["x"]})
    with pytest.raises(ValueError, match="no text column 'text'.*pass text="):
        split_sentences(docs)
    with pytest.raises(ValueError, match="raise"):
        split_sentences(docs, text="body", errors="loud")
    with pytest.raises(TypeError):
        split_sentences(["not", "a", "frame"])


def test_seed_article_splits():
    files = sorted((SHARED / "data" / "seed").glob("*.txt")) if SHARED.exists() else []
    if not files:
        pytest.skip("../shared/data not present")
    text = files[0].read_text(encoding="utf-8")
    out = split_sentences(pd.DataFrame({"doc_id": ["seed"], "text": [text]}))
    assert all(text[r.start : r.end] == r.text for r in out.itertuples())
    fighting = [s for s in out.text if s.startswith("Fighting began on Sept. 27 when")]
    assert len(fighting) == 1 and fighting[0].endswith(".")
    assert "casualties" in fighting[0]  # the whole sentence, not cut at "Sept."
    assert "Upper Karabakh conflict" in out.text.tolist()
    assert not any(s.startswith("27 when") for s in out.text)
    # the curly closing quote stays with the sentence it ends
    assert not any(s.startswith("”") for s in out.text)


def test_real_corpus_sample_keeps_offsets():
    path = SHARED / "data" / "allsides" / "media_test_articles.jsonl"
    if not path.exists():
        pytest.skip("../shared/data not present")
    docs = pd.read_json(path, lines=True, nrows=40)
    out = split_sentences(docs, text="content_original", id_col="ID")
    assert len(out) > 40 * 5
    texts = dict(zip(docs.ID, docs.content_original, strict=True))
    assert all(texts[r.doc_id][r.start : r.end] == r.text for r in out.itertuples())
    assert out.text.str.len().median() > 40  # sentences, not fragments


# --------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------


def test_tokenize_keeps_internal_hyphens_apostrophes_and_unicode():
    text = "Turkey's call for a cease-fire (S-400, 3.5%) — U.S. says; Ղարաբաղ, Əliyev, Шуша!"
    assert tokenize(text) == [
        "Turkey's",
        "call",
        "for",
        "a",
        "cease-fire",
        "S-400",
        "3.5",
        "U.S.",
        "says",
        "Ղարաբաղ",
        "Əliyev",
        "Шуша",
    ]
    assert tokenize("Armenia’s forces don't") == ["Armenia’s", "forces", "don't"]
    assert tokenize("snake_case -dash- 'quoted'") == ["snake", "case", "dash", "quoted"]


def test_word_count_and_token_spans_agree_with_tokenize():
    text = "  The OSCE Minsk Group — co-chaired by France — met in 1,992 places.\n"
    toks = tokenize(text)
    assert word_count(text) == len(toks) == 11
    spans = token_spans(text)
    assert [text[a:b] for a, b in spans] == toks
    assert word_count("") == 0 and word_count(None) == 0 and tokenize(math.nan) == []
    assert token_spans(None) == []


# --------------------------------------------------------------------------------------
# KWIC
# --------------------------------------------------------------------------------------


@pytest.fixture
def sentence_frame():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "source": ["Outlet A", "Outlet B"],
            "text": [
                "A war crime, said the minister. Warfare is not war.",
                "The cease-fire held. Upper Karabakh  conflict\n\nNagorno-Karabakh is calm. "
                "Turkey's role grew.",
            ],
        }
    )
    return split_sentences(docs)


def test_kwic_whole_words_and_context(sentence_frame):
    out = kwic(sentence_frame, "war", window=6)
    assert list(out.columns) == [
        "doc_id",
        "sent_id",
        "left",
        "match",
        "right",
        "start",
        "end",
        "source",
    ]
    assert out.match.tolist() == ["war", "war"]  # not "Warfare"
    assert out.left.tolist() == ["A ", "s not "]
    assert out.right.tolist() == [" crime", "."]
    assert out.sent_id.tolist() == [0, 1]
    for r in out.itertuples():
        sent = sentence_frame.set_index(["doc_id", "sent_id"]).loc[(r.doc_id, r.sent_id), "text"]
        assert sent[r.start : r.end] == r.match
        assert sent[: r.start].endswith(r.left) and sent[r.end :].startswith(r.right)


def test_kwic_phrases_lists_case_and_regex(sentence_frame):
    # the phrase wins over its own word; "Karabakh" inside the hyphenated
    # "Nagorno-Karabakh" is not a whole word
    out = kwic(sentence_frame, ["Karabakh", "upper karabakh conflict"])
    assert out.match.tolist() == ["Upper Karabakh  conflict"]
    assert out.source.tolist() == ["Outlet B"]
    assert kwic(sentence_frame, "nagorno-karabakh").match.tolist() == ["Nagorno-Karabakh"]
    assert kwic(sentence_frame, "cease").empty
    assert kwic(sentence_frame, "cease-fire").match.tolist() == ["cease-fire"]
    assert kwic(sentence_frame, "Turkey").match.tolist() == ["Turkey"]  # possessive allowed
    assert kwic(sentence_frame, "warfare", case=True).empty
    assert len(kwic(sentence_frame, "warfare")) == 1
    assert kwic(sentence_frame, r"war\w*", regex=True).match.tolist() == ["war", "Warfare", "war"]


def test_kwic_empty_result_and_bad_arguments(sentence_frame):
    out = kwic(sentence_frame[["doc_id", "sent_id", "text"]], "zebra")
    assert out.empty
    assert list(out.columns) == ["doc_id", "sent_id", "left", "match", "right", "start", "end"]
    with pytest.raises(ValueError, match="window"):
        kwic(sentence_frame, "war", window=-1)
    with pytest.raises(ValueError, match="non-empty"):
        kwic(sentence_frame, ["war", " "])
    with pytest.raises(ValueError, match="no text column"):
        kwic(sentence_frame, "war", text="body")
    with pytest.raises(ValueError, match="regular expression"):
        kwic(sentence_frame, "(", regex=True)


def test_kwic_skips_missing_text():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "text": [None, "war now"]})
    assert kwic(frame, "war").doc_id.tolist() == ["b"]


def test_docstring_examples():
    result = doctest.testmod(toolkit.text, extraglobs={"pd": pd})
    assert result.attempted > 0 and result.failed == 0
