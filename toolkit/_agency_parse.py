"""Tokens and actions of the sentences :func:`toolkit.agency.agency` looks at.

The action lexicon (``resources/agency_verbs.csv``) is read here, and :func:`parse_sentences`
turns a batch of sentence texts into :class:`Sentence` objects: tokens, lower-cased tokens,
token offsets and the action (if any) found at each token.

Speed: a sentence without any action word (or form of *come*, for *came under fire*) is not
tokenised at all, since every mention in it gets role ``other``; that pre-check packs every
run of letters a-z of the batch into an integer with numpy and looks the integers up among
those of the lexicon forms. The other sentences are tokenised with one regular-expression pass
over their joined text, their actions are looked up in one pass over all tokens, and
:func:`token_spans` finds the tokens of many mentions at once with numpy.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, compress
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit._target_tokens import non_space_positions

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


def _find_actions(
    low: list[str], lo: list[int], hi: list[int], act: list[tuple[str, bool, Form] | None]
) -> None:
    """Fill *act* with the action at each token of ``low`` (sentences ``low[lo[k]:hi[k]]``).

    The lexicon forms among the tokens are picked out without a Python-level loop; the
    context rules (previous word, next three words) look only inside the token's sentence.
    """
    lexicon = forms()
    hits = list(compress(range(len(low)), map(lexicon.__contains__, low)))
    if not hits:
        return
    if len(lo) == 1:
        owner = [0] * len(hits)
    else:
        owner = (np.searchsorted(np.asarray(lo), np.asarray(hits), "right") - 1).tolist()
    for g, k in zip(hits, owner, strict=True):
        f = lexicon[low[g]]
        first = lo[k]
        if f.exclude and g - 1 >= first:
            prev = low[g - 2] if low[g - 1] == "-" and g - 2 >= first else low[g - 1]
            if prev in f.exclude:
                continue
        nxt = low[g + 1 : min(g + 4, hi[k])]
        if f.requires and not f.requires.intersection(nxt):
            continue
        lemma = f.lemma
        if f.particles and nxt and nxt[0] in f.particles:
            lemma = f"{lemma} {nxt[0]}"
        violent = f.violent or bool(f.violent_if and f.violent_if.intersection(nxt))
        act[g] = (lemma, violent, f)


class Sentence:
    """Tokens of one sentence with the action found at each token (if any).

    ``starts`` are the token offsets in a text of which this sentence starts at ``base``
    (the joined text of a batch). ``toks`` and ``starts`` are those of the whole batch, of
    which the sentence's own begin at *lo*: they are cut out when first asked for (the rules
    mostly read ``low`` and ``act``, the actions :class:`Batch` found for the whole batch).
    """

    __slots__ = ("text", "low", "act", "base", "_toks", "_starts", "_lo")

    def __init__(
        self,
        text: str,
        toks: list[str],
        low: list[str],
        starts: list[int] | np.ndarray,
        base: int,
        act: list[tuple[str, bool, Form] | None],
        lo: int,
    ):
        self.text = text
        self.low = low
        self.base = base
        self._toks = toks
        self._starts = starts
        self._lo = lo  # None once toks and starts are the sentence's own
        self.act = act

    def _own(self) -> None:
        if self._lo is not None:
            lo, hi = self._lo, self._lo + len(self.low)
            self._toks = self._toks[lo:hi]
            starts = self._starts[lo:hi]
            self._starts = starts.tolist() if isinstance(starts, np.ndarray) else starts
            self._lo = None

    @property
    def toks(self) -> list[str]:
        """The tokens (original case)."""
        self._own()
        return self._toks

    @property
    def starts(self) -> list[int]:
        """Offset of each token in the text this sentence starts at ``base`` of."""
        self._own()
        return self._starts

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


def _tokens_and_starts(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The tokens of *text* and their start and end offsets.

    No token holds white space or looks beyond it (``\\b`` sees the same non-word character
    either way), so the tokens of *text* are those of its white-space separated chunks, one
    after the other; a chunk of letters and digits only (``str.isalnum``, most of them) is a
    single token, the others are tokenised with :data:`TOKEN`. The tokens cover the non-space
    characters exactly, so their offsets follow from the positions of those (numpy).
    """
    toks: list[str] = []
    add, extend, findall = toks.append, toks.extend, TOKEN.findall
    for chunk in text.split():
        if chunk.isalnum():
            add(chunk)
        else:
            extend(findall(chunk))
    length = np.fromiter(map(len, toks), np.int64, len(toks))
    after = np.cumsum(length)
    solid = non_space_positions(text)
    if len(solid) != (after[-1] if len(after) else 0):  # not expected: the plain way
        pieces = _SPACED_TOKEN.findall(text)
        toks = [p.lstrip() for p in pieces]
        ends = np.cumsum(np.fromiter(map(len, pieces), np.int64, len(pieces)))
        return toks, ends - np.fromiter(map(len, toks), np.int64, len(toks)), ends
    return toks, solid[after - length], solid[after - 1] + 1


_PACKED_LETTERS = 12  # 4 bits of length, then 12 letters of 5 bits: 64 bits
_LEAD_LETTERS = 3  # the quick filter of _may_act: length and first 3 letters (19 bits)


def _pack(word: str, letters: int = _PACKED_LETTERS) -> int:
    """A word of letters a-z as an integer: its length (mod 16), then its first *letters*
    letters, 5 bits each.

    Equal words give equal integers; two words longer than 12 letters may share one, which
    only lets a sentence through the pre-check of :func:`_may_act` without need.
    """
    key = len(word) & 15
    for k, ch in enumerate(word[:letters]):
        key |= (ord(ch) - 96) << (4 + 5 * k)
    return key


@lru_cache(maxsize=1)
def _action_keys() -> tuple[np.ndarray, np.ndarray, int, int]:
    """The action forms and forms of *come* for :func:`_may_act`: packed (:func:`_pack`),
    a table of their packed leads (:data:`_LEAD_LETTERS`), their least and most letters."""
    words = set(forms()) | COME
    keys = np.unique(np.array([_pack(w) for w in words], dtype=np.uint64))
    leads = np.zeros(1 << (4 + 5 * _LEAD_LETTERS), dtype=bool)
    leads[[_pack(w, _LEAD_LETTERS) for w in words]] = True
    return keys, leads, min(map(len, words)), max(map(len, words))


def _may_act(texts: list[str]) -> list[bool]:
    """Cheap pre-check per text: can any of its tokens be an action (or *came under*)?

    Every action form and form of *come* is a run of letters a-z, and a token equal to one is
    such a run with no letter a-z on either side in the lower-cased text. Lower-casing makes
    a-z only of A-Z, "İ" and the Kelvin sign, so but for these two the runs are those of
    letters a-z and A-Z, case folded. They are found with numpy in the texts joined by new
    lines, on one byte per character (Latin-1, other characters replaced by "?", so the runs
    stay where they are); the runs whose length and first letters begin some form are packed
    into integers (:func:`_pack`) and looked up among the packed forms.
    """
    joined = "\n".join(texts)
    lengths = list(map(len, texts))
    if "\u0130" in joined or "\u212a" in joined:  # the only letters lower-cased to a-z
        lowered = [t.lower() for t in texts]  # (İ to two characters)
        lengths = list(map(len, lowered))
        joined = "\n".join(lowered)
    # a-z or A-Z (folded by | 0x20): letter 1-26
    byte = np.frombuffer(joined.encode("latin-1", "replace"), dtype=np.uint8)
    letter = (byte | np.uint8(0x20)) - np.uint8(96)
    az = ((letter - np.uint8(1)) < 26).view(np.int8)  # a-z: letter 1-26 (uint8 wraps around)
    edge = np.diff(az, prepend=np.int8(0), append=np.int8(0))
    run_start = np.flatnonzero(edge == 1)
    length = np.flatnonzero(edge == -1) - run_start
    keys, leads, shortest, longest = _action_keys()
    keep = (length >= shortest) & (length <= longest)
    run_start, length = run_start[keep], length[keep]
    last = len(letter) - 1

    def pack(letters: int) -> np.ndarray:  # _pack of every run, vectorised
        packed = (length & 15).astype(np.uint64)
        for k in range(min(letters, longest)):
            value = np.where(k < length, letter[np.minimum(run_start + k, last)], 0)
            packed |= value.astype(np.uint64) << np.uint64(4 + 5 * k)
        return packed

    lead_ok = leads[pack(_LEAD_LETTERS).astype(np.int64)]
    run_start, length = run_start[lead_ok], length[lead_ok]
    hits = run_start[np.isin(pack(_PACKED_LETTERS), keys)]
    text_start = np.fromiter(accumulate((n + 1 for n in lengths), initial=0), np.int64)
    found = np.zeros(len(texts), dtype=bool)
    found[np.searchsorted(text_start, hits, "right") - 1] = True
    return found.tolist()


class Batch:
    """The parsed texts of one :func:`parse_batch` call.

    ``sentences[k]`` is the :class:`Sentence` of text *k* or None; the other attributes are
    per text (``lo``: first token, ``base``: offset in the joined text, ``length``) or per
    token (``starts``, ``ends``: offsets in the joined text), for :meth:`token_spans`.
    """

    def __init__(self, texts: list[str]) -> None:
        may = _may_act(texts)
        todo = [t for t, ok in zip(texts, may, strict=True) if ok]
        joined = "\n".join(todo)
        toks, starts, ends = _tokens_and_starts(joined)
        # tokens hold no white space, so they can be lower-cased as one text: the one
        # lower-casing that looks at other letters (a final sigma) stops at a new line
        low = "\n".join(toks).lower().split("\n") if toks else []
        length = np.fromiter(map(len, todo), np.int64, len(todo))
        base = np.cumsum(length + 1) - (length + 1)
        # no token holds white space or depends on what follows a new line, so each text
        # keeps its own tokens: tokens lo[k]:hi[k], starting at or after base[k]
        lo = np.searchsorted(starts, base)
        hi = np.append(lo[1:], len(toks)) if len(lo) else lo
        lo_list, hi_list = lo.tolist(), hi.tolist()
        act: list[tuple[str, bool, Form] | None] = [None] * len(toks)
        _find_actions(low, lo_list, hi_list, act)
        parsed = iter(
            Sentence(t, toks, low[a:b], starts, start, act[a:b], a)
            for t, a, b, start in zip(todo, lo_list, hi_list, base.tolist(), strict=True)
        )
        self.sentences: list[Sentence | None] = [next(parsed) if ok else None for ok in may]
        # per text (-1 / 0 for a text without a Sentence), per token
        number = np.cumsum(may) - 1
        self.lo = np.where(may, lo[number] if len(lo) else 0, -1)
        self.base = np.where(may, base[number] if len(base) else 0, 0)
        self.length = np.where(may, length[number] if len(length) else 0, 0)
        self.n_tokens = np.where(may, (hi - lo)[number] if len(lo) else 0, 0)
        self.starts = starts
        self.ends = ends
        self.underscores = np.array([m.start() for m in re.finditer("_", joined)], dtype=np.int64)

    def token_spans(
        self, which: np.ndarray, a: np.ndarray, b: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`Sentence.token_span` of many spans ``[a, b)`` of texts *which* at once.

        The texts must have a Sentence with tokens. Returns first, last and *ok*: where *ok*
        is False (a span out of its text or a cut inside a token), ask the Sentence.
        """
        lo, base = self.lo[which], self.base[which]
        first = np.searchsorted(self.starts, base + a) - lo
        end = np.searchsorted(self.starts, base + b) - lo

        def clean_cut(k: np.ndarray, p: np.ndarray) -> np.ndarray:  # Sentence._clean_cut
            before = self.ends[np.clip(lo + k - 1, 0, max(len(self.ends) - 1, 0))]
            runs_over = (k > 0) & (before - base > p)
            return ~runs_over & ~np.isin(base + p, self.underscores)

        ok = (a >= 0) & (a <= b) & (b <= self.length[which])
        ok &= clean_cut(first, a) & clean_cut(end, b)
        last = np.minimum(np.maximum(end - 1, first), self.n_tokens[which] - 1)
        return first, last, ok


def parse_batch(texts: list[str]) -> Batch:
    """Parse *texts* (:class:`Batch`): a :class:`Sentence` for each text in which a token can
    be an action, None for the others.

    The texts that need it are joined by new lines and tokenised in one pass: no token holds
    white space or depends on what follows a new line, so each text keeps its own tokens.
    """
    return Batch(texts)


def parse_sentences(texts: list[str]) -> list[Sentence | None]:
    """:class:`Sentence` of each text, or None for a text in which no token can be an action."""
    return Batch(texts).sentences
