"""The numpy pre-filter of alias openings (toolkit._alias_starts) finds exactly the matches
of the plain regex scan, on long texts with case variants, white space runs and apostrophes."""

from __future__ import annotations

import random

import pytest

import toolkit._actor_dict as actor_dict
from toolkit._alias_starts import MIN_CHARS
from toolkit.actors import load_actors

_DICT = {
    "actors": [
        {
            "id": "nk",
            "aliases": ["Stepanakert", "Khankendi", "Xankəndi", "Kis Sigma", "K", "O'Neil", "Ab"],
            "exclude": ["Ministry of Defence"],
            "ignore_case": True,
        },
        {"id": "am", "aliases": ["Armenia", "Armenian", "A B", "Ç", "Ünal"]},
    ]
}
_ALPHABET = list("stepanakrhdxəKkSsIiıİſKΣσςΣ mnofyc'’-\x00.\n\tABÇÜ") + [
    "Stepanakert",
    "KHANKENDI",
    "ſtepanaKert",
    "xankƏndi",
    "kis sigma",
    "Ministry  of\tDEFENCE",
    "Armenian",
    "O’NEIL",
    "A\u2003B",
    "Ünal",
]


def _spans(d, text, monkeypatch, fast):
    monkeypatch.setattr(actor_dict, "MIN_CHARS", 0 if fast else 10**12)
    return [(s, e, al.actor) for s, e, al in d._spans(text)]


@pytest.mark.parametrize("seed", range(5))
def test_fast_scan_equals_regex_scan(seed, monkeypatch):
    d = load_actors(_DICT)
    rng = random.Random(seed)
    text = "".join(rng.choices(_ALPHABET, k=2 * MIN_CHARS))
    fast = _spans(d, text, monkeypatch, True)
    assert fast == _spans(d, text, monkeypatch, False)
    assert fast


def test_short_random_texts(monkeypatch):
    d = load_actors(_DICT)
    rng = random.Random(11)
    for _ in range(300):
        text = "".join(rng.choices(_ALPHABET, k=rng.randint(1, 30)))
        assert _spans(d, text, monkeypatch, True) == _spans(d, text, monkeypatch, False), text


def test_lone_surrogate_falls_back(monkeypatch):
    d = load_actors(_DICT)
    text = "lone \udcff surrogate Stepanakert " * 100
    assert _spans(d, text, monkeypatch, True) == _spans(d, text, monkeypatch, False)
