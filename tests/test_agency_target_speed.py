"""The numpy/pyarrow fast paths of agency and target sentiment give what the plain code gives.

``toolkit._agency_parse`` (action pre-check, tokens, token spans), ``toolkit.agency`` (sentence
look-up) and ``toolkit._target_tokens`` (tokens of the target-sentiment model) each replace a
plain computation; these tests run both on tricky and random texts and ask for the same answer.
"""

import random
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

import numpy as np
import pandas as pd
import pytest

from toolkit import _agency_parse as parse
from toolkit import _target_tokens as tt
from toolkit.agency import _mention_sentences, agency
from toolkit.attribution import trie_regex

TRICKY = [
    "",
    " ",
    "U.S. and e.g. A.B.C.d officials shelled a.b.c 3.5 x3.a.b.",
    "İlham Aliyev said Armenia attacked Ganja. \u212aILLED KILLED Killed",
    "Azerbaijan came under heavy fire; Russian-brokered talks\nstalled.",
    "trump's aides don't say 'o'neill's' players' it''s ’s 'sx 's",
    "x\u00a0y\u2009z\u3000w\x1cq «quote» — ½ ² ⓐ ΟΔΟΣ Σ σ",
    "shelled_x x_shelled 2shelled shelledx counteroffensives counteroffensive",
    "\U0001f600 attacked\u0301 bombardments",
]


def _random_texts(n=2000, seed=11):
    rng = random.Random(seed)
    pieces = [
        "shelled", "Shelled", "SHELLED", "came", "under", "fire", "by", "the", "U.S.", "a.b",
        "3.5", " ", "  ", "\n", ",", ".", "’", "'", "'s", "s", "_", "-", "é", "Σ", "İ", "\u212a",
        "ill", "x", "\u00a0", "\U0001f600", "attack", "Armenia", "o'neill",
    ]  # fmt: skip
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(n)]


TEXTS = TRICKY + _random_texts()


def test_target_tokens_equal_the_regex_split():
    for t in TEXTS + ["\n".join(TEXTS), "a\ud800b 's"]:
        for text in (t, t.lower().replace("’", "'")):
            words, codes, start, end = tt.tokens(text)
            plain = tt._regex_tokens(text)
            assert [words[c] for c in codes] == [plain[0][c] for c in plain[1]], text
            assert words == plain[0], text
            assert start.tolist() == plain[2].tolist(), text
            assert end.tolist() == plain[3].tolist(), text


def test_words_look_ups_equal_dict_look_ups():
    words, _, _, _ = tt.tokenize("armenia shelled the town ; it 's n't over don't")
    keys = tt.KeyArray(["town", "zzz", "don't", "<T>", "armenia"])
    assert words.index_in(keys).tolist() == [
        keys.keys.index(w) if w in keys.keys else -1 for w in words.words
    ]
    plain = tt.Words(list(words.words), None)
    plain.array = None  # the dict path
    assert plain.index_in(keys).tolist() == words.index_in(keys).tolist()
    assert plain.ends_with("n't").tolist() == words.ends_with("n't").tolist()
    assert set(words.codes_of({"town", "nope", "it"})) == {
        words.words.index("town"),
        words.words.index("it"),
    }


@lru_cache(maxsize=1)
def _action_pattern():
    return re.compile(rf"[^a-z](?:{trie_regex(set(parse.forms()) | parse.COME)})(?![a-z])")


def _plain_may_act(texts):
    pattern = _action_pattern()
    lowered = [t.lower() for t in texts]
    starts = list(accumulate((len(t) + 1 for t in lowered), initial=1))
    found = [False] * len(texts)
    for m in pattern.finditer("\n" + "\n".join(lowered)):
        found[bisect_right(starts, m.start() + 1) - 1] = True
    return found


@pytest.mark.parametrize("size", [1, 5, 300])
def test_may_act_equals_a_regex_search(size):
    for k in range(0, len(TEXTS), size):
        group = TEXTS[k : k + size]
        assert parse._may_act(group) == _plain_may_act(group), group


def test_agency_tokens_equal_the_regex_tokens():
    for t in TEXTS + ["\n".join(TEXTS)]:
        toks, starts, ends = parse._tokens_and_starts(t)
        want = [(m.group(), m.start(), m.end()) for m in parse.TOKEN.finditer(t)]
        assert list(zip(toks, starts.tolist(), ends.tolist(), strict=True)) == want, t


def test_batch_token_spans_equal_sentence_token_spans():
    texts = [t for t in TEXTS if t]
    batch = parse.parse_batch(texts)
    which, a, b = [], [], []
    for k, s in enumerate(batch.sentences):
        if s is not None and s.low:
            n = len(texts[k])
            for x in range(-1, n + 1, 3):
                for y in (x, x + 1, x + 5, n):
                    which.append(k)
                    a.append(x)
                    b.append(y)
    first, last, ok = batch.token_spans(np.array(which), np.array(a), np.array(b))
    assert ok.any()
    for k, x, y, f, g, good in zip(which, a, b, first, last, ok, strict=True):
        if good:
            assert batch.sentences[k].token_span(x, y) == (f, g), (texts[k], x, y)


def test_mention_sentences_fast_path_equals_a_dict():
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b", "c"],
            "sent_id": [0, 1, 0, 0, 2],  # ("b", 0) twice: the last one counts
            "text": ["A shelled B.", "x", "first", "second", np.nan],
        }
    )
    mentions = pd.DataFrame(
        {"doc_id": ["b", "a", "z", "c", "a", "b"], "sent_id": [0, 0, 0, 2, 0, 5]}
    )
    texts, slot = _mention_sentences(mentions, sentences, "text")
    assert [texts[k] if k >= 0 else None for k in slot] == [
        "second", "A shelled B.", None, None, "A shelled B.", None,
    ]  # fmt: skip
    # the generic (dict) path: object doc ids
    texts2, slot2 = _mention_sentences(
        mentions.astype({"doc_id": object}), sentences.astype({"doc_id": object}), "text"
    )
    assert [texts2[k] if k >= 0 else None for k in slot2] == [
        texts[k] if k >= 0 else None for k in slot
    ]


def test_agency_reports_missing_sentences_in_order():
    s = pd.DataFrame(
        {"doc_id": ["d"], "sent_id": [0], "text": ["Civilians were shelled by Armenian forces."]}
    )
    m = pd.DataFrame(
        {
            "doc_id": ["d", "x", "d"],
            "sent_id": [0, 3, 0],
            "actor": ["armenia"] * 3,
            "start": [26, 0, 26],
            "end": [34, 2, 34],
        }
    )
    out = agency(m, s, errors="skip")
    assert out["role"].tolist() == ["agent", "other", "agent"]
    assert out["action"].tolist() == ["shell", "", "shell"]
    assert [(p["record"], p["reason"]) for p in out.attrs["problems"]] == [
        (1, "no sentence text for doc_id='x', sent_id=3")
    ]
    assert m.columns.tolist() == ["doc_id", "sent_id", "actor", "start", "end"]
