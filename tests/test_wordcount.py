"""The fast word counts of keyness equal the plain regex definition, order included."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from toolkit._wordcount import _plain, count_words
from toolkit.compare import _keyness_bags

# Characters that stress each step: case (Kelvin sign, dotted I, sigma, Turkish, German),
# digits (ASCII and Arabic-Indic), joiners, separators (ASCII and not), whitespace kinds.
_ALPHABET = list(
    "aZ Ii İı ΣσςΟΔ KkK Çç ßẞ éÉ ǅǆ ² ½ Ⅰⅰ Ⓐⓐ 09٣_ '’‘-–—“”.,;:!?()/€ \n\t\u00a0\u2009\x1cцЦ ℓ ﬁ ŉ"
)


def _same(texts):
    got, want = count_words(texts), _plain(texts)
    assert got == want
    assert list(got) == list(want)  # first appearance order too


@pytest.mark.parametrize(
    "texts",
    [
        ["Turkey’s drones", "2020: TURKEY-made drones’"],
        ["--'tis the 1990s, co-op'- x_1 _y 3-year-old covid-19’s ’’ -- 19-"],
        ["Άρης ΟΔΟΣ, ΟΔΟΣ' ΣΑΣ"],  # final sigma: counted the plain way
        ["İstanbul and ISTANBUL"],  # dotted capital I: counted the plain way
        ["Kelvin: 5 \u212a and k", "naïve CAFÉ café"],
        ["a\u00a0b\u2009c\x1cd", "price: 5€ or 7 £"],
        ["٣abc and 3abc"],  # a non-ASCII digit: counted the plain way
        ["x\udcff y"],  # a lone surrogate: counted the plain way
    ],
)
def test_count_words_matches_the_regex(texts):
    _same(texts)


# Without the characters that send a text the plain way, so that the fast path is tested.
_FAST_ALPHABET = [c for c in _ALPHABET if c not in "İΣ٣"]


@pytest.mark.parametrize("alphabet", [_ALPHABET, _FAST_ALPHABET])
def test_count_words_random_texts(alphabet):
    rng = random.Random(6)
    for _ in range(3000):
        n = rng.randint(1, 3)
        _same(["".join(rng.choices(alphabet, k=rng.randint(1, 30))) for _ in range(n)])


def test_keyness_bags_groups_and_skips_empty_texts():
    docs = pd.DataFrame(
        {
            "source": ["a", "b", "a", "b", "c"],
            "text": ["The war.", None, "THE end", "", "Peace’s"],
        }
    )
    bags = _keyness_bags(docs, by="source", text="text", stopwords=["end"])
    assert list(bags) == ["a", "c"]
    assert bags["a"] == {"the": 2, "war": 1}
    assert bags["c"] == {"peace’s": 1}
