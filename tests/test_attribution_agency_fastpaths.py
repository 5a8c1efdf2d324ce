"""The fast paths of quotes and agency give exactly what the plain regular expressions give.

Each speed trick in ``toolkit._quotes``, ``toolkit._quote_lexicon``, ``toolkit._quote_speakers``
and ``toolkit._agency_parse`` replaces a plain computation; these tests run both on tricky and
random texts and ask for the same answer.
"""

import random
import re

import pytest

from toolkit import _agency_parse as parse
from toolkit._quote_lexicon import _verb_info, _verb_matches, trie_regex
from toolkit._quote_speakers import _ADJ_TAIL, _strip_adjunct_tail
from toolkit._quotes import (
    _DOUBLE,
    _SINGLE_NOT_APOSTROPHE,
    _SPEAKER_ADJUNCT,
    _WORD,
    _adjunct_only,
    _scan_docs,
    _word_counts,
)

TRICKY = [
    "",
    " ",
    "said",
    "He said.",
    "“We will win,” the minister said on Monday.",
    "Turkey’s foreign minister, Mevlut Cavusoglu, said: ‘no’.",
    "unsaid resaid said-ish x_said said_x said’s 'said' SAID Said Says sAID",
    "He pointed  out that U.S. and e.g. A.B.C.d officials said so.",
    "according to him, according\nto her, point\tout, Point Out",
    "abc.def a.b ’tis ’abc_ x_y 3.5 __ ’’ 'x' -said- —said— (said) [said]",
    "Εκείνος ΔΗΛΩΣΕ ΟΔΟΣ. KELVIN Kelvin: the army shelled Şuşa.",
    "İstanbul said nothing.",  # İ lower-cases to two characters
    "Civilians were shelled by Armenian forces in the town of Tartar.",
    "Azerbaijan came under heavy fire; Russian-brokered talks\nstalled.",
    "The ministry said on Tuesday it had also repeatedly warned. It said so earlier",
]


# no "İ" with an action word: it lower-cases to two characters, which splits the lower-cased
# tokens differently and makes agency() fail (before and after the speed work alike)
def _random_texts(n=3000, seed=7):
    rng = random.Random(seed)
    pieces = [
        "said", "Said", "SAID", "says", "point", "out", "according", "to", "shelled", "by",
        "the", "a", " ", "  ", "\n", ",", ".", "’", "'", "‘", "_", "-", "U.S.", "é", "Σ", "É",
        "came", "under", "fire", "on", "Monday", "also", "quickly", "x", "3", "“", "”", '"',
    ]  # fmt: skip
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(n)]


TEXTS = TRICKY + _random_texts()


def test_verb_matches_equal_lookbehind_pattern():
    info, _ = _verb_info()
    variants = {v for f in info for v in (f, f.capitalize(), f.title(), f.upper())}
    plain = re.compile(rf"(?<![\w\-’'])(?:{trie_regex(variants)})(?![\w\-])")
    for t in TEXTS:
        want = [(m.start(), m.end(), m.group()) for m in plain.finditer(t)]
        assert _verb_matches(t) == want, t


def test_single_marks_skip_exactly_the_apostrophes():
    for t in TEXTS:
        n = len(t)
        want = [
            m.start()
            for m in re.finditer(r"[‘'’]", t)
            if not (
                0 < m.start() < n - 1 and t[m.start() - 1].isalnum() and t[m.start() + 1].isalnum()
            )
        ]
        assert [m.start() for m in _SINGLE_NOT_APOSTROPHE.finditer(t)] == want, t


@pytest.mark.parametrize("suffix", ["", " also", " on Monday ", " said later\n", " quickly", " ly"])
def test_adjunct_tail_precheck(suffix):
    for t in TEXTS:
        w = t + suffix
        assert _strip_adjunct_tail(w) == _ADJ_TAIL.sub("", w), w


def test_batch_tokens_equal_per_sentence_tokens():
    sentences = [t for t in TEXTS if t]
    parsed = parse.parse_sentences(sentences)
    for t, s in zip(sentences, parsed, strict=True):
        toks = parse.TOKEN.findall(t)
        if s is None:
            # the pre-check may only skip a sentence without any action word
            low = [w.lower() for w in toks]
            assert not (set(parse.forms()) | parse.COME).intersection(low), t
            continue
        assert s.toks == toks, t
        # one lower-cased token per token (lower-casing the whole text can change the tokens)
        assert s.low == [w.lower() for w in toks], t


def test_token_span_equals_counting_tokens():
    sentences = [t for t in TEXTS if parse.TOKEN.findall(t)]
    parsed = parse.parse_sentences(sentences)
    for t, s in zip(sentences, parsed, strict=True):
        if s is None:
            continue
        for a in range(len(t)):
            for b in (a, a + 1, a + 4, len(t)):
                first = len(parse.TOKEN.findall(t, 0, a))
                last = max(first + len(parse.TOKEN.findall(t, a, b)) - 1, first)
                assert s.token_span(a, b) == (first, min(last, len(s.toks) - 1)), (t, a, b)


def _plain_verb_matches(t):
    info, _ = _verb_info()
    variants = {v for f in info for v in (f, f.capitalize(), f.title(), f.upper())}
    plain = re.compile(rf"(?<![\w\-’'])(?:{trie_regex(variants)})(?![\w\-])")
    return [(m.start(), m.end(), m.group()) for m in plain.finditer(t)]


@pytest.mark.parametrize("size", [1, 7, 200])
def test_scan_docs_equals_a_scan_of_each_text(size):
    texts = TEXTS + ["x\x00said", "said\x00", '’said’ ‘a’ “b” „c“ «d» "e"', "\U0001f600 said"]
    for k in range(0, len(texts), size):
        group = texts[k : k + size]
        for t, (verbs, doubles, singles) in zip(group, _scan_docs(group), strict=True):
            assert verbs == _plain_verb_matches(t), t
            assert doubles == [m.start() for m in _DOUBLE.finditer(t)], t
            assert singles == [m.start() for m in _SINGLE_NOT_APOSTROPHE.finditer(t)], t


def test_word_counts_equal_findall():
    texts = TEXTS + ["Erdoğan’s co-chair’s 3-2 win", "a--b 'x' x_y ½ ٣", "\ud800 lone", ""]
    want = [len(_WORD.findall(t)) for t in texts]
    got = _word_counts(texts)
    assert got.dtype == "int64"
    assert got.tolist() == want


@pytest.mark.parametrize("prefix", ["", " ", ", ", " in Ankara", " on Monday.", "\u2003at x", "x"])
def test_adjunct_only_equals_the_pattern(prefix):
    for t in TEXTS:
        for w in (prefix + t, t + prefix, prefix):
            assert _adjunct_only(w) == (_SPEAKER_ADJUNCT.fullmatch(w) is not None), w
