"""Fast paths of the target-sentiment features give what the plain definitions give."""

from __future__ import annotations

import numpy as np
import pytest

from toolkit import _target_features as tf
from toolkit import _target_tokens as tt
from toolkit._target_roles import speaker_and_roles

_NEG = frozenset({"shelled", "attacked"})
_POS = frozenset({"praised", "helped"})


@pytest.mark.parametrize(
    "text",
    [
        "trump's aides don't say 'o'neill's' players' --  x\u00a0y\u2009z\u3000w\x1cq",
        "",
        "   \n  ",
        "a\ud800b 'sx 's 'ss it''s ’s",
        "«quote» — 3.5% of u.s. ½ ² ⓐ\n\nnext",
    ],
)
def test_tokens_are_the_regex_tokens_with_their_offsets(text):
    vocab, codes, start, end = tt.tokens(text)
    parts = tt.SPLIT_RE.split(text)
    words = parts[1::2]
    assert [vocab[c] for c in codes] == words
    assert vocab[:3] == list(tf._SYMBOLS)
    assert [text[a:b] for a, b in zip(start.tolist(), end.tolist(), strict=True)] == words
    ends = np.cumsum([len(p) for p in parts], dtype=np.int64)
    assert start.tolist() == ends[0:-1:2].tolist()


def _roles(sentence: str, target: str) -> tuple[float, ...]:
    vocab, codes, _, _ = tt.tokens(sentence)
    words = [vocab[c] for c in codes]
    first = words.index(target)
    code = {w: i for i, w in enumerate(vocab)}
    out = speaker_and_roles(
        code,
        codes,
        np.array([first]),
        np.array([first]),
        np.array([0]),
        np.array([len(words)]),
        tf._ROLE_WORDS,
        _NEG,
        _POS,
    )
    return tuple(out[0])


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        ("baku said the talks failed", "baku", (1, 0, 0, 0, 0)),
        ("baku , also , said no", "baku", (1, 0, 0, 0, 0)),
        ("said the former president aliyev", "aliyev", (1, 0, 0, 0, 0)),
        ("“ no , ” said aliyev", "aliyev", (1, 0, 0, 0, 0)),
        ("they agreed said aliyev", "aliyev", (0, 0, 0, 0, 0)),  # no comma or quote before
        ("according to aliyev , all is well", "aliyev", (1, 0, 0, 0, 0)),
        ("armenia shelled the town", "armenia", (0, 1, 0, 0, 0)),
        ("armenia has reportedly shelled the town", "armenia", (0, 1, 0, 0, 0)),
        ("armenia was shelled", "armenia", (0, 0, 1, 0, 0)),
        ("armenia's army shelled", "armenia", (0, 0, 0, 0, 0)),
        ("they shelled armenia", "armenia", (0, 0, 1, 0, 0)),
        ("shelled by the armenia forces", "armenia", (0, 1, 0, 0, 0)),
        ("helped by armenia", "armenia", (0, 0, 0, 1, 0)),
        ("they praised the armenia", "armenia", (0, 0, 0, 0, 1)),
        ("armenia will not have been praised", "armenia", (0, 0, 0, 0, 0)),  # verb too far
        ("armenia", "armenia", (0, 0, 0, 0, 0)),
    ],
)
def test_speaker_and_roles(sentence, target, expected):
    assert _roles(sentence, target) == tuple(float(x) for x in expected)
