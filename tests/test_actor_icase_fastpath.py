"""The case-insensitive alias scan that runs the regex only at folded openings finds
exactly what ``finditer`` finds."""

from __future__ import annotations

import random

import pytest

from toolkit._alias_starts import scan
from toolkit.actors import load_actors

_DICT = {
    "actors": [
        {
            "id": "nk",
            "aliases": ["Stepanakert", "Khankendi", "Xankəndi", "Kis Sigma", "Ministry of Defence"],
            "ignore_case": True,
        },
        {"id": "am", "aliases": ["Armenia", "Armenian"]},
    ]
}
# Case variants IGNORECASE accepts (Kelvin sign, long s, dotless and dotted i, sigma forms).
_ALPHABET = list("stepanakrhdxəKkSsIiıİſKΣσςΣ mnofyc'’-\x00.\n") + [
    "Stepanakert",
    "KHANKENDI",
    "ſtepanaKert",
    "xankƏndi",
    "kis sigma",
    "Ministry  of\tDEFENCE",
    "Armenian",
]


def _both(text):
    d = load_actors(_DICT)
    pattern = next(p for p, _, icase in d._matchers if icase)
    where = d._icase_starts(text)
    if where is None:  # a lone surrogate: the plain scan
        fast = [(m.start(), m.end()) for m in pattern.finditer(text)]
    else:
        fast = [(s, e) for s, e, _ in scan(pattern, text, where)]
    slow = [(m.start(), m.end()) for m in pattern.finditer(text)]
    return fast, slow


@pytest.mark.parametrize(
    "text",
    [
        "The \u212ahankendi and ſtepanakert, STEPANAKERT’s; xStepanakert no.",
        "İs Sigma ıs KIS SIGMA kis σigma",
        "lone \udcff surrogate Stepanakert",
        "Ministry of Defence\x00ministry  of defence",
    ],
)
def test_examples(text):
    fast, slow = _both(text)
    assert fast == slow
    assert slow  # each example has a match


def test_random_texts():
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choices(_ALPHABET, k=rng.randint(1, 25)))
        fast, slow = _both(text)
        assert fast == slow, text


def test_match_with_case_variants():
    d = load_actors(_DICT)
    text = "In \u212ahankendi (STEPANAKERT), Armenian MINISTRY OF DEFENCE"
    assert [m[1] for m in d.match(text)] == [
        "\u212ahankendi",
        "STEPANAKERT",
        "Armenian",
        "MINISTRY OF DEFENCE",
    ]
