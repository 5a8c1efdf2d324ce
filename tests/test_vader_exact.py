"""toolkit._vader gives exactly (==) the scores of vaderSentiment's own analyzer."""

from __future__ import annotations

import doctest
import random
import string
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from vaderSentiment import vaderSentiment as vs

from toolkit import _vader

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ALLSIDES = SHARED_DATA / "allsides" / "media_test_articles.jsonl"
GROUNDTRUTH = SHARED_DATA / "vader_groundtruth"
BABE = SHARED_DATA / "babe" / "babe_dev.csv"
COLUMNS = ("compound", "pos", "neu", "neg")

# One or more sentences per rule of VADER 3.3.2.
RULE_SENTENCES = [
    # plain lexicon words, punctuation stripping, no lexicon word at all
    "The book was good.",
    "It rained on Tuesday.",
    "good",
    "GOOD",
    "'good' (good) \"good\" good... --good--",
    # negation: words, n't, negation two and three words back
    "The book was not good.",
    "It isn't a horrible book.",
    "It isn\u2019t a horrible book.",
    "I don't think it was good.",
    "Not bad at all",
    "He never was good.",
    "Nothing about this was ever good.",
    "I couldnt be happier without them.",
    "Rarely is it this good, seldom bad, despite all the trouble.",
    # "never so"/"never this" and "so"/"this" right before a lexicon word
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "It was never so good.",
    "It was never so very good.",
    "It was so good.",
    "We have this great idea here.",
    # "without doubt"
    "Without a doubt, excellent idea.",
    "Without doubt excellent.",
    "Without any doubt, a bad idea.",
    # boosters and dampeners one, two and three words back; multi-word boosters
    "VADER is very smart, handsome, and funny.",
    "It was extremely bad.",
    "It was very really good.",
    "It was very much really quite good.",
    "The book was only kind of good.",
    "The book was just kind of good.",
    "It was just enough good, sort of nice, kinda sweet, sorta ok.",
    "The kind of man he was.",
    "A kind man.",
    "It was slightly bad, barely good, hardly great.",
    # ALL CAPS emphasis (only when some but not all words are ALL CAPS)
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "ALL OF THIS IS VERY GOOD",
    "Today SUX!",
    "It is NOT GOOD, it is VERY BAD.",
    # "no" before a lexicon word, "no" one, two, three words back (with "or"/"nor")
    "There is no love lost.",
    "No good deed goes unpunished.",
    "There was no real good reason.",
    "There was no hope or love.",
    "No joy nor love was left.",
    "Say no.",
    "no no no",
    "No, no problem at all.",
    # "least"
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "It was the very least good thing.",
    "Least good.",
    "At least it isn't a horrible book.",
    # "but"
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Good, good, but bad and bad but good.",
    "But it was good.",
    "It was good but.",
    "It was bad BUT good, good good.",
    # "!" and "?" emphasis
    "Good!",
    "Good!!!!!!!",
    "Bad??",
    "Bad???",
    "Bad?????",
    "Is it good?",
    "Good?!?!",
    "It is a table!!!",
    # special cases and idioms
    "With VADER, sentiment analysis is the shit!",
    "Most automated sentiment analysis tools are shit.",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "Not such a badass after all.",
    "That cake is to die for.",
    "It is a kiss of death for the project.",
    "Yeah right, that went well.",
    "My beating heart is happy.",
    "It was the bomb, the bomb really.",
    "I waited at the bus stop with a smile.",
    "He will cut the mustard and break a leg, in the red.",
    # emoticons and slang from the lexicon
    "Make sure you :) or :D today!",
    "Today only kinda sux! But I'll get by, lol",
    ":-( :( ;) <3 </3 xD XD",
    "lmao, AMAZING!",
    # emoji (replaced by their descriptions, with spaces as the library puts them)
    "Catch utf-8 emoji such as \U0001f498 and \U0001f48b and \U0001f601",
    "\U0001f601\U0001f601 great\U0001f601",
    "Oh\U0001f494. so sad",
    "\U0001f51b\u203c \u2049 \u00a9 \u00ae",
    "\u201cLove\u201d it\U0001f60d, caf\u00e9 \U00010348 \U0001f60d\U0001f60d!",
    # unicode quotes, dashes, odd letters and spaces
    "\u201cGood\u201d \u2014 he said \u2018bad\u2019\u2026",
    "\u0130stanbul is GREAT and \u039f\u0394\u039f\u03a3 is bad",
    "The \u212aelvin scale is GOOD, \u0130\u0130 good!",
    "good\u00a0bad\u2028nice\x1cugly",
    "\u00a1Qu\u00e9 bueno! Stra\u00dfe is GREAT",
    # empty, whitespace, punctuation only, numbers
    "",
    "   ",
    "\n\t",
    "...",
    "!!!",
    "?? !! ??",
    "!?",
    "12 34 5.6",
    "a",
]


@pytest.fixture(scope="module")
def analyzer():
    return vs.SentimentIntensityAnalyzer()


def _reference(analyzer, texts) -> np.ndarray:
    rows = []
    for text in texts:
        d = analyzer.polarity_scores(text)
        rows.append([d[c] for c in COLUMNS])
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def _assert_same(analyzer, texts) -> None:
    got = _vader.scores(texts)
    ref = _reference(analyzer, texts)
    assert got.shape == (len(texts), 4)
    assert got.dtype == np.float64
    bad = np.flatnonzero(~(got == ref).all(axis=1))
    detail = [(texts[i], ref[i].tolist(), got[i].tolist()) for i in bad[:5]]
    assert bad.size == 0, f"{bad.size} of {len(texts)} differ, e.g. {detail}"


def test_docstring_examples():
    result = doctest.testmod(_vader)
    assert result.attempted > 0 and result.failed == 0


def test_installed_version_is_verified():
    # The fast path only runs on versions whose rules it reproduces.
    assert _vader._fast_path_ok()


def test_rule_sentences_equal_library(analyzer):
    _assert_same(analyzer, RULE_SENTENCES)


def test_polarity_scores_dict_equals_library(analyzer):
    for text in RULE_SENTENCES:
        got = _vader.polarity_scores(text)
        ref = analyzer.polarity_scores(text)
        assert got == ref
        assert list(got) == list(ref)


def test_known_values():
    assert _vader.polarity_scores("The book was good.") == {
        "neg": 0.0,
        "neu": 0.508,
        "pos": 0.492,
        "compound": 0.4404,
    }
    assert _vader.scores([""]).tolist() == [[0.0, 0.0, 0.0, 0.0]]
    assert _vader.scores(["It rained."]).tolist() == [[0.0, 0.0, 1.0, 0.0]]
    assert _vader.scores([]).shape == (0, 4)


def test_non_str_goes_to_library(analyzer):
    class Text(str):
        pass

    _assert_same(analyzer, [Text("A wonderful day."), "fine"])
    with pytest.raises(TypeError):
        _vader.scores([None])
    with pytest.raises(TypeError):
        analyzer.polarity_scores(None)


def test_random_rule_mixtures_equal_library(analyzer):
    """Random texts over rule words, lexicon words, caps, punctuation, emoji and odd Unicode."""
    rng = random.Random(20261127)
    lexicon = sorted(analyzer.lexicon)
    rule_words = sorted(
        {w for key in (*vs.SPECIAL_CASES, *vs.BOOSTER_DICT) for w in key.split()}
        | set(vs.NEGATE)
        | {"no", "never", "so", "this", "without", "doubt", "least", "at", "very", "but"}
        | {"kind", "of", "or", "nor", "n't", "a", "I", "US"}
    )
    emoji = sorted(k for k in analyzer.emojis if len(k) == 1)
    odd = [
        "\u0130",
        "\u03a3\u039f\u03a3",
        "\u212a",
        "\u2019",
        "\u201cgood\u201d",
        "\u00df",
        "\u01c5",
    ]
    marks = [*"!?.,;:'\"()-", "!!", "??", "...", ":)", ":(", ":D", "<3"]
    seps = [" ", " ", " ", "", "  ", "\t", "\n", "\u00a0"]

    def word() -> str:
        r = rng.random()
        pool = lexicon if r < 0.35 else rule_words if r < 0.7 else emoji if r < 0.77 else odd
        w = rng.choice(pool if r < 0.84 else marks)
        c = rng.random()
        w = w.upper() if c < 0.15 else w.capitalize() if c < 0.25 else w
        if rng.random() < 0.2:
            w = rng.choice(marks) + w
        if rng.random() < 0.25:
            w += rng.choice(marks)
        return w

    texts = [
        "".join(word() + rng.choice(seps) for _ in range(rng.randint(0, 14))) for _ in range(4000)
    ]
    _assert_same(analyzer, texts)


def test_unicode_assumptions_of_the_fast_lowering():
    """The whole-text lower-casing shortcut relies on these facts of str.lower()."""
    punct = set(string.punctuation)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        low = char.lower()
        if len(low) != 1:
            assert char == "\u0130"  # the only char whose lower case is longer
            continue
        assert (low in punct) == (char in punct)
        assert low.isspace() == char.isspace()
    # Final sigma depends on its neighbours: text holding it takes the word-by-word path.
    assert "\u039f\u03a3".lower() == "\u03bf\u03c2"
    assert "\u03a3".lower() == "\u03c3"


# --------------------------------------------------------------------------- real data


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip("../shared/data not present")


def test_allsides_sentences_equal_library(analyzer):
    _need(ALLSIDES)
    import toolkit

    sentences = toolkit.split_sentences(toolkit.load_corpus(ALLSIDES, errors="skip"))
    texts = sentences["text"].tolist()
    step = max(1, len(texts) // 15_000)
    _assert_same(analyzer, texts[::step][:15_000])


def test_vader_groundtruth_texts_equal_library(analyzer):
    _need(GROUNDTRUTH)
    texts = []
    for path in sorted(GROUNDTRUTH.glob("*_GroundTruth.txt")):
        with open(path, encoding="utf-8", newline="") as fh:
            for line in fh:
                parts = line.rstrip("\r\n").split("\t", 2)
                if len(parts) == 3:
                    texts.append(parts[2])
    assert len(texts) > 5_000
    _assert_same(analyzer, texts)


def test_babe_sentences_equal_library(analyzer):
    _need(BABE)
    texts = pd.read_csv(BABE, sep=";")["text"].dropna().astype(str).tolist()
    _assert_same(analyzer, texts)
