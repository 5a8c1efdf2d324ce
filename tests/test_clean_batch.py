"""The batch cleaning and word numbering used by load_corpus give what the one-by-one code gives."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit._clean import (
    _tidy_mask,
    _word_codes,
    clean_line,
    clean_lines,
    clean_text,
    clean_texts,
    find_duplicates,
)

TRICKY = [
    "Already clean.\n\nSecond paragraph.",
    "one\ntwo",
    "  lead and trail  ",
    "a  b",
    "a \n\nb",
    "a\n\n\nb",
    "tab\there",
    "nbsp\u00a0here",
    "zero\u200bwidth",
    "line\u2028sep",
    "crlf\r\n\r\nnext",
    "Cafe\u0301 (not NFC)",
    "",
    "\n\n",
    "ΟΔΟΣ ΣΑΣ",
    "lone \ud800 surrogate",
]


def test_batch_clean_matches_one_by_one():
    values = [*TRICKY, None, float("nan"), 42]
    for lines in ("auto", "join", "paragraph"):
        assert clean_texts(values, lines=lines) == [clean_text(v, lines=lines) for v in values]
    assert clean_lines(values) == [clean_line(v) for v in values]


def test_tidy_mask_marks_only_clean_whitespace():
    mask = _tidy_mask(TRICKY).tolist()
    assert mask[0] and mask[10 + 2]  # a clean text, and "" (nothing to clean)
    assert not any(mask[1:10])  # every whitespace or invisible-character fault is caught


def test_word_codes_number_words_in_order_of_first_appearance():
    keys = ["the cat saw the dog", "dog é " + "x" * 70000 + " the", "x" * 70000]
    words = " ".join(keys).split(" ")
    expected, _ = pd.factorize(np.array(words, dtype=object), sort=False)
    assert _word_codes(keys).tolist() == expected.tolist()


def test_duplicates_same_with_cleaned_shortcut():
    base = "one two three four five six seven eight nine ten eleven twelve"
    texts = [
        base,
        base.upper(),
        base + " thirteen",
        ("unrelated words " * 5).strip(),
        base.replace(" ", "\n\n"),
    ]
    ids = ["a", "b", "c", "d", "e"]
    assert find_duplicates(texts, ids) == [None, "a", "a", None, "a"]
    assert find_duplicates(texts, ids, cleaned=True) == find_duplicates(texts, ids)
