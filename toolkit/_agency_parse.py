"""Tokens and actions of the sentences :func:`toolkit.agency.agency` looks at.

The action lexicon (``resources/agency_verbs.csv``) is read here, and :func:`parse_sentences`
turns a batch of sentence texts into :class:`Sentence` objects: tokens, lower-cased tokens,
token offsets and the action (if any) found at each token.

Speed: the sentences of one call are tokenised with one regular-expression pass over their
joined text, and a sentence without any action word (or form of *come*, for *came under
fire*) is not tokenised at all, since every mention in it gets role ``other``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress
from operator import sub
from pathlib import Path

import pandas as pd

from toolkit.attribution import trie_regex

_RESOURCE = Path(__file__).resolve().parent / "resources" / "agency_verbs.csv"

TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:\.[^\W_]+)*|['’][^\W_]+\b|\S")
# the same tokens, each with the white space before it (to add up offsets); the first
# alternative is a fast path giving the same token as TOKEN for a run of letters and digits
# not followed by a dot (possessive: a shorter run must not be tried)
_SPACED_TOKEN = re.compile(rf"\s*(?:[^\W_]++(?!\.)|{TOKEN.pattern})")
COME = frozenset({"come", "comes", "came", "coming"})


@lru_cache(maxsize=1)
def lexicon_frame() -> pd.DataFrame:
    """The action lexicon as read from the resource file (cached; do not modify)."""
    return pd.read_csv(_RESOURCE, dtype=str, keep_default_na=False)


class Form:
    """One word form of the action lexicon."""

    __slots__ = ("lemma", "tense", "violent", "requires", "violent_if", "exclude", "particles")

    def __init__(self, row: dict) -> None:
        self.lemma = row["lemma"]
        self.tense = row["tense"]
        self.violent = row["violent"] == "1"
        self.requires = frozenset(row["requires_next"].split())
        self.violent_if = frozenset(row["violent_if_next"].split())
        self.exclude = frozenset(row["exclude_prev"].split())
        self.particles = frozenset(row["particles"].split())

    @property
    def participle(self) -> bool:
        return "pp" in self.tense


@lru_cache(maxsize=1)
def forms() -> dict[str, Form]:
    """Lower-case word form → :class:`Form`."""
    return {r["form"]: Form(r) for r in lexicon_frame().to_dict("records")}


class Sentence:
    """Tokens of one sentence with the action found at each token (if any).

    ``starts`` are the token offsets in a text of which this sentence starts at ``base``
    (the joined text of a batch; 0 and the sentence itself for :meth:`parse`).
    """

    __slots__ = ("text", "toks", "low", "act", "starts", "base")

    def __init__(self, text: str, toks: list[str], low: list[str], starts: list[int], base: int):
        lexicon = forms()
        self.text = text
        self.toks = toks
        self.low = low
        self.starts = starts
        self.base = base
        act: list[tuple[str, bool, Form] | None] = [None] * len(toks)
        self.act = act
        # the lexicon forms among the tokens, picked out without a Python-level loop
        for i in compress(range(len(low)), map(lexicon.__contains__, low)):
            f = lexicon[low[i]]
            if f.exclude and i >= 1:
                prev = low[i - 2] if low[i - 1] == "-" and i >= 2 else low[i - 1]
                if prev in f.exclude:
                    continue
            nxt = low[i + 1 : i + 4]
            if f.requires and not f.requires.intersection(nxt):
                continue
            lemma = f.lemma
            if f.particles and nxt and nxt[0] in f.particles:
                lemma = f"{lemma} {nxt[0]}"
            violent = f.violent or bool(f.violent_if and f.violent_if.intersection(nxt))
            act[i] = (lemma, violent, f)

    def _clean_cut(self, k: int, p: int) -> bool:
        """Does cutting the text at *p* leave the tokens before it unchanged?

        *k* is the number of tokens starting before *p*. The cut is clean unless a token runs
        over *p*, or *p* is an underscore (which changes the ``\\b`` of a token ending there).
        """
        if k and self.starts[k - 1] - self.base + len(self.toks[k - 1]) > p:
            return False
        return self.text[p : p + 1] != "_"

    def token_span(self, a: int, b: int) -> tuple[int, int]:
        """Indices of the first and last token of the character span [a, b)."""
        text = self.text
        if 0 <= a <= b <= len(text):
            # the tokens of text[:a] and text[a:b] are the sentence's own tokens when neither
            # cut splits a token: count them by bisection instead of tokenising again
            first = bisect_left(self.starts, self.base + a)
            end = bisect_left(self.starts, self.base + b)
            if self._clean_cut(first, a) and self._clean_cut(end, b):
                return first, min(max(end - 1, first), len(self.toks) - 1)
        first = len(TOKEN.findall(text, 0, a))
        last = max(first + len(TOKEN.findall(text, a, b)) - 1, first)
        return first, min(last, len(self.toks) - 1)


def _tokens_and_starts(text: str) -> tuple[list[str], list[int]]:
    """The tokens of *text* and their offsets, from one regular-expression pass.

    No token starts with white space, so stripping it from each piece leaves the token; the
    pieces are strings, not tuples, which keeps the garbage collector out of the way.
    """
    pieces = _SPACED_TOKEN.findall(text)
    toks = [p.lstrip() for p in pieces]
    ends = accumulate(map(len, pieces))
    return toks, list(map(sub, ends, map(len, toks)))


def _ascii_lowering(text: str) -> bool:
    """Does ``text.lower()`` change only ASCII letters (so no character class, no length)?"""
    return text.isascii() or text.encode("utf-8").lower().decode("utf-8") == text.lower()


def _lower_tokens(text: str, toks: list[str]) -> list[str]:
    """The lower-cased tokens, one per token of *text*.

    Each token is lower-cased on its own: lower-casing the whole text could change its
    tokens (``"İ"`` becomes ``"i"`` plus a combining dot, which is not a word character) and
    leave the rules' token positions pointing past the end of the sentence.
    """
    return [t.lower() for t in toks]


@lru_cache(maxsize=1)
def _action_word_pattern() -> re.Pattern:
    """Any action form, or a form of *come*, as a whole word of lower-cased text."""
    return re.compile(rf"[^a-z](?:{trie_regex(set(forms()) | COME)})(?![a-z])")


def _may_act(texts: list[str]) -> list[bool]:
    """Cheap pre-check per text: can any of its tokens be an action (or *came under*)?

    Every action form and form of *come* is a run of letters a-z, and a token equal to one is
    such a run with no letter a-z on either side in the lower-cased text, so one search over
    the lower-cased texts (joined by new lines) finds it.
    """
    low = "\n".join(texts).lower()
    lengths = map(len, texts)
    if len(low) != sum(map(len, texts)) + len(texts) - 1:  # a letter lower-cased to two
        lengths = (len(t.lower()) for t in texts)
        low = "\n".join(t.lower() for t in texts)
    starts = list(accumulate((n + 1 for n in lengths), initial=1))  # after the leading \n
    found = [False] * len(texts)
    for m in _action_word_pattern().finditer("\n" + low):
        found[bisect_right(starts, m.start() + 1) - 1] = True
    return found


def parse_sentences(texts: list[str]) -> list[Sentence | None]:
    """:class:`Sentence` of each text, or None for a text in which no token can be an action.

    The texts that need it are joined by new lines and tokenised in one pass: no token holds
    white space or depends on what follows a new line, so each text keeps its own tokens.
    """
    may = _may_act(texts)
    todo = [t for t, ok in zip(texts, may, strict=True) if ok]
    joined = "\n".join(todo)
    toks, starts = _tokens_and_starts(joined)
    # tokens hold no white space, so they can be lower-cased as one text
    low = "\n".join(toks).lower().split("\n") if toks and _ascii_lowering(joined) else None
    out: list[Sentence | None] = []
    base = 0
    lo = 0
    k = 0
    for ok in may:
        if not ok:
            out.append(None)
            continue
        text = todo[k]
        k += 1
        hi = bisect_left(starts, base + len(text), lo)
        toks_k = toks[lo:hi]
        low_k = low[lo:hi] if low is not None else _lower_tokens(text, toks_k)
        out.append(Sentence(text, toks_k, low_k, starts[lo:hi], base))
        base += len(text) + 1
        lo = hi
    return out
