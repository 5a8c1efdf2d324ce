"""Feature extraction of the target-sentiment model (private to :mod:`toolkit.sentiment`).

A target is a span of a sentence. Its features are a *bag* of named indicator features and
:data:`NUMERIC_FEATURES`, dense values. The bag features, by name prefix:

- ``w:`` words of the sentence outside the target (a word is dropped only if every
  occurrence is inside the target); ``L:``/``R:`` words left/right of it (``side_words``);
- ``l:``/``r:`` words of the ``window`` left/right of it, ``l1:``/``r1:`` the nearest ones;
- ``b:`` bigrams of the window with the target as ``<T>`` (``w2:``: of the whole sentence);
- ``pb:`` the same bigrams with lexicon words as ``<+>``/``<->``, kept if they hold one;
  ``pl<d>:``/``pr<d>:`` a ``<+>``/``<->`` word at distance ``d`` (1-4) left/right, counted;
- ``c:`` words of the clause around the target.

Every feature group but ``pl``/``pr`` is a *set* per target (a repeated word counts once).

How it is computed (the model runs on every actor mention of a corpus, so this is vectorised):
all distinct sentences are lower-cased, joined and tokenised in one ``findall``; words get
integer codes. A target is the token range ``first..last`` of its sentence ``s0..s1``
(global token positions), so each feature group is a set of index ranges, expanded with
numpy and looked up in per-prefix code -> column tables. Feature names are never built, but
for :meth:`fit` (an open vocabulary) and only for the features in the end vocabulary.
Float sums are added in the same order as a plain left-to-right loop over the sentence, so
the values (and the model's outputs) do not depend on this implementation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from toolkit._target_roles import speaker_and_roles
from toolkit.text import _words

_TOKEN_RE = re.compile(r"'s\b|\w+(?:'(?!s\b)\w+)*|[^\w\s]")
# Every non-space character starts a token, so splitting on (captured) tokens gives
# [space, token, space, token, ..., space]: running sums of the lengths are token offsets.
_SPLIT_RE = re.compile("(" + _TOKEN_RE.pattern + ")")
# Is code point c whitespace (``\s``), for c up to U+3001 (none above U+3000 is)
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)])

_QUOTE_OPEN = "“"
_QUOTE_CLOSE = "”"
_CLAUSE_PUNCT = frozenset(",;:()—–-[]")
_CLAUSE_WORDS = _words(
    "but while although though whereas because however yet after before since when"
)
_CLAUSE_BREAKS = _CLAUSE_PUNCT | _CLAUSE_WORDS
_SPEECH_VERBS = _words("""said says say saying told tells added adds stated states wrote writes tweeted tweets
    argued argues claimed claims insisted insists explained explains noted notes asked asks
    declared declares announced announces warned warns according replied replies responded
    responds testified testifies acknowledged acknowledges suggested suggests""")
_AUX = _words("""has have had is are was were be been being will would could can may might must shall
    should do does did also has not n't never reportedly allegedly repeatedly once just
    already then now""")
_PASSIVE_AUX = _words("is are was were be been being get got gets")
_DETERMINERS = _words(
    "the a an his her their its our my your this that these those former president"
)
_PRONOUNS = _words("he she they him her them his hers their it its we us i")
_NEGATORS = _words("""not no never nor neither none nothing nobody nowhere without cannot n't cant dont
    didnt doesnt isnt wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt""")
_SPEAKER_SKIP = frozenset((",", "also", "has", "had", "have", "later", "then"))
_ROLE_WORDS = {
    "speaker_skip": _SPEAKER_SKIP,
    "speech_verbs": _SPEECH_VERBS,
    "determiners": _DETERMINERS,
    "aux": _AUX,
    "passive_aux": _PASSIVE_AUX,
}

DEFAULT_CONFIG: dict[str, Any] = {
    "window": 5,
    "sentence_words": True,
    "sentence_bigrams": False,
    "clause_words": True,
    "window_bigrams": True,
    "vader_sentence": False,
    "side_words": False,
    "polarity_tokens": True,
}

_NUMERIC = (
    "vader_sentence",
    "lex_clause",
    "lex_left_pos",
    "lex_left_neg",
    "lex_right_pos",
    "lex_right_neg",
    "lex_sentence_pos",
    "lex_sentence_neg",
    "negation_near",
    "in_quote",
    "speaker",
    "has_quote",
    "agent_negative",
    "patient_negative",
    "agent_positive",
    "patient_positive",
    "log_length",
    "relative_position",
    "sentence_start",
    "pronoun",
)
NUMERIC_FEATURES = tuple(f"x:{n}" for n in _NUMERIC)

# Symbols in bigrams, with fixed word codes 0-2 (no token can be spelt like them).
_SYMBOLS = ("<T>", "<+>", "<->")
_T, _PLUS, _MINUS = 0, 1, 2
_WORD_PREFIXES = ("w:", "L:", "R:", "l:", "r:", "l1:", "r1:", "c:")
_PAIR_PREFIXES = ("b:", "w2:", "pb:")
# pl1..pl4 (side 0) and pr1..pr4 (side 1), each with key <+> or <->
_POLARITY_NAMES = tuple(
    f"{side}{d}:{cls}" for side in ("pl", "pr") for d in range(1, 5) for cls in _SYMBOLS[1:]
)


def _polarity_slot(side: np.ndarray, distance: np.ndarray, negative: np.ndarray) -> np.ndarray:
    """Index in :data:`_POLARITY_NAMES` of (side 0/1, distance 1-4, negative class)."""
    return side * 8 + (distance - 1) * 2 + negative


def _squash(x: np.ndarray) -> np.ndarray:
    return x / np.sqrt(x * x + 15.0)


def _tanh_half(x: np.ndarray) -> np.ndarray:
    # math.tanh, not np.tanh: the same libm function as the model was trained with
    return np.fromiter(map(math.tanh, (x / 2.0).tolist()), dtype=float, count=len(x))


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and their counts (np.unique, but by sorting: much faster here)."""
    values = np.sort(values)
    new = np.empty(len(values), dtype=bool)
    new[:1] = True
    np.not_equal(values[1:], values[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    return values[starts], np.diff(np.append(starts, len(values)))


def _ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Owner and position of every element of the ranges ``lo[i]:hi[i]`` (empty if hi <= lo)."""
    length = np.maximum(hi - lo, 0)
    owner = np.repeat(np.arange(len(lo)), length)
    skip = np.repeat(lo - (np.cumsum(length) - length), length)
    return owner, np.arange(len(owner)) + skip


# --------------------------------------------------------------------------- vocabularies


class VocabularyIndex:
    """A fitted vocabulary split for look-ups by word code (built once per model).

    ``words[prefix]`` holds the words and columns of the word features, ``pairs[prefix]``
    the two words and the column of each bigram feature, ``polarity`` the column (-1: absent) of each
    :data:`_POLARITY_NAMES` entry. Names of other shapes (``x:`` dense features) are ignored.
    """

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self.size = len(vocabulary)
        words: dict[str, list[tuple[str, int]]] = {p: [] for p in _WORD_PREFIXES}
        pairs: dict[str, list[tuple[str, str, int]]] = {p: [] for p in _PAIR_PREFIXES}
        for name, j in vocabulary.items():
            cut = name.find(":") + 1
            prefix, key = name[:cut], name[cut:]
            if prefix in words:
                words[prefix].append((key, j))
            elif prefix in pairs and key.count(" ") == 1:
                a, b = key.split(" ")
                pairs[prefix].append((a, b, j))
        self.words = {p: tuple(zip(*rows, strict=True)) for p, rows in words.items() if rows}
        self.pairs = {p: tuple(zip(*rows, strict=True)) for p, rows in pairs.items() if rows}
        self.polarity = np.array([vocabulary.get(n, -1) for n in _POLARITY_NAMES], dtype=np.int64)
        # For look-ups by the words of a batch: every word of a feature gets a number (row),
        # word features a (row, prefix) -> column table, bigram features sorted keys
        # row_a * n_known + row_b per prefix.
        known: dict[str, int] = {}
        for keys, _ in self.words.values():
            known.update(zip(keys, repeat(0)))
        for a, b, _ in self.pairs.values():
            known.update(zip(a, repeat(0)))
            known.update(zip(b, repeat(0)))
        self.known = dict(zip(known, range(len(known)), strict=True))
        self.n_known = n_known = len(known)
        self.word_columns: dict[str, np.ndarray] = {}
        for prefix, (keys, cols) in self.words.items():
            table = self.word_columns[prefix] = np.full(n_known, -1, dtype=np.int64)
            table[[self.known[k] for k in keys]] = cols
        self.pair_columns: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for prefix, (a, b, cols) in self.pairs.items():
            key = np.array(
                [self.known[x] * n_known + self.known[y] for x, y in zip(a, b, strict=True)]
            )
            order = np.argsort(key, kind="stable")
            self.pair_columns[prefix] = (key[order], np.asarray(cols, dtype=np.int64)[order])


class _Closed:
    """Feature ids of one extraction with a fitted vocabulary: columns, -1 when unknown."""

    def __init__(self, index: VocabularyIndex, words: list[str], code: dict[str, int]) -> None:
        self.index = index
        self.size = index.size
        self.word_list = words
        self.code = code
        self.n_codes = len(words)
        # word code -> row of the vocabulary's known words (-1: in no feature)
        self.row = np.fromiter(map(index.known.get, words, repeat(-1)), np.int64, len(words))

    def word_ids(self, prefix: str, codes: np.ndarray) -> np.ndarray:
        columns = self.index.word_columns.get(prefix)
        if columns is None:
            return np.full(len(codes), -1, dtype=np.int64)
        row = self.row[codes]
        return np.where(row >= 0, columns[row], -1)

    def pair_ids(self, prefix: str, pair_codes: np.ndarray) -> np.ndarray:
        out = np.full(len(pair_codes), -1, dtype=np.int64)
        if prefix not in self.index.pair_columns or not len(pair_codes):
            return out
        known, known_cols = self.index.pair_columns[prefix]
        a, b = np.divmod(pair_codes, self.n_codes)
        ra, rb = self.row[a], self.row[b]
        ok = np.flatnonzero((ra >= 0) & (rb >= 0))
        key = ra[ok] * self.index.n_known + rb[ok]
        at = np.minimum(np.searchsorted(known, key), len(known) - 1)
        hit = known[at] == key
        out[ok[hit]] = known_cols[at[hit]]
        return out

    def polarity_ids(self, slots: np.ndarray) -> np.ndarray:
        return self.index.polarity[slots]


class _Open:
    """Feature ids of one extraction with an open vocabulary (for ``fit``).

    Every feature group gets a block of provisional ids; :meth:`names` spells them.
    """

    def __init__(self, words: list[str], code: dict[str, int]) -> None:
        self.word_list = words
        self.n_codes = len(words)
        self.size = 0
        self._blocks: list[tuple[int, str, np.ndarray | None]] = []

    def _block(self, prefix: str, keys: np.ndarray | None, size: int) -> int:
        start = self.size
        self._blocks.append((start, prefix, keys))
        self.size += size
        return start

    def word_ids(self, prefix: str, codes: np.ndarray) -> np.ndarray:
        return self._block(prefix, None, self.n_codes) + codes

    def pair_ids(self, prefix: str, pair_codes: np.ndarray) -> np.ndarray:
        keys = _unique(pair_codes)[0]
        return self._block(prefix, keys, len(keys)) + np.searchsorted(keys, pair_codes)

    def polarity_ids(self, slots: np.ndarray) -> np.ndarray:
        return self._block("", None, len(_POLARITY_NAMES)) + slots

    def names(self, ids: Sequence[int]) -> list[str]:
        """Names of provisional ids."""
        starts = [b[0] for b in self._blocks]
        words = self.word_list
        out = []
        for j in ids:
            start, prefix, keys = self._blocks[int(np.searchsorted(starts, j, "right")) - 1]
            k = j - start
            if keys is not None:  # a bigram
                a, b = divmod(int(keys[k]), self.n_codes)
                out.append(prefix + words[a] + " " + words[b])
            elif prefix:
                out.append(prefix + words[k])
            else:
                out.append(_POLARITY_NAMES[k])
        return out


# --------------------------------------------------------------------------- extraction


class _Batch:
    """Tokens of all distinct sentences of a batch, as flat arrays (global token positions)."""

    def __init__(self, texts: list[str], lexicon: dict[str, float]) -> None:
        lowered = [t.lower().replace("’", "'") for t in texts]
        # "\n" between sentences: no token spans it, so this is each sentence's tokenisation
        # one after the other; base = offset of each sentence in the joined text
        lengths = np.fromiter(map(len, lowered), dtype=np.int64, count=len(lowered)) + 1
        self.base = np.cumsum(lengths) - lengths
        vocab, self.codes, self.tok_start, self.tok_end = _tokens("\n".join(lowered))
        self.word_list = vocab
        self.code = dict(zip(vocab, range(len(vocab)), strict=True))
        n = len(self.codes)
        # token range s0:s1 of each sentence
        self.s0 = np.searchsorted(self.tok_start, self.base)
        self.s1 = np.append(self.s0[1:], n)
        sentence = np.repeat(np.arange(len(texts)), self.s1 - self.s0)
        local = np.arange(n) - self.s0[sentence]

        def per_word(values: Any, dtype: Any = bool) -> np.ndarray:
            """Per token, from an iterator of one value per distinct word (C-level maps)."""
            return np.fromiter(values, dtype=dtype, count=len(vocab))[self.codes]

        def member(words: frozenset[str]) -> np.ndarray:
            """Per token: is it one of *words* (a short list: looked up, not scanned)."""
            table = np.zeros(len(vocab), dtype=bool)
            table[[c for c in map(self.code.get, words) if c is not None]] = True
            return table[self.codes]

        ends_nt = per_word(map(str.endswith, vocab, repeat("n't")))
        negator = self.negator = member(_NEGATORS) | ends_nt
        self.is_break = member(_CLAUSE_BREAKS)
        self.is_pronoun = member(_PRONOUNS)
        # lexicon valence; a negator one or two words before (same sentence) flips it
        val = per_word(map(lexicon.get, vocab, repeat(0.0)), float)
        flip = np.zeros(n, dtype=bool)
        flip[1:] |= negator[:-1] & (local[1:] >= 1)
        flip[2:] |= negator[:-2] & (local[2:] >= 2)
        self.val = np.where(flip, val * -0.74, val)
        self.hits = np.flatnonzero(self.val)  # NaN counts as a hit, as `if v` does
        # polarity symbols: a lexicon word becomes <+>/<->, others keep their code
        sym = self.codes.copy()
        sym[self.hits] = np.where(self.val[self.hits] > 0, _PLUS, _MINUS)
        self.symbols = sym


def _codes(words: list[str]) -> tuple[list[str], np.ndarray]:
    """Word codes: 0-2 are the symbols, then distinct words in order of appearance
    (``pandas.factorize`` numbers them so, hashing each word once)."""
    k = len(_SYMBOLS)
    tokens = np.empty(k + len(words), dtype=object)
    tokens[:k] = _SYMBOLS
    tokens[k:] = words
    codes, distinct = pd.factorize(tokens)
    return distinct.tolist(), codes[k:].astype(np.int64, copy=False)


def _tokens(text: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Tokens of *text* (:data:`_TOKEN_RE`): distinct words (:func:`_codes`), and per token
    its word code, start and end offset.

    Tokens cover the non-space characters exactly, one after the other, so token *k* is the
    run of non-space characters from number ``len(tokens[0]) + ... + len(tokens[k-1])`` on:
    the offsets come from the positions of the non-space characters (numpy), and the regex
    only has to ``findall`` the tokens.
    """
    vocab, codes = _codes(_TOKEN_RE.findall(text))
    chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    solid = np.flatnonzero(~_IS_SPACE[np.minimum(chars, 0x3001)])
    length = np.fromiter(map(len, vocab), np.int64, len(vocab))[codes]
    after = np.cumsum(length)
    if len(solid) != (after[-1] if len(after) else 0):  # not expected: split the slow way
        parts = _SPLIT_RE.split(text)
        ends = np.cumsum(np.fromiter(map(len, parts), np.int64, len(parts)))
        return (*_codes(parts[1::2]), ends[0:-1:2], ends[1::2])
    return vocab, codes, solid[after - length], solid[after - 1] + 1


def _bigram_codes(
    labels: np.ndarray,
    first: np.ndarray,
    stop: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    n_codes: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Owner and code (a * n_codes + b) of the bigrams of ``labels[lo:first] <T> labels[stop:hi]``."""
    owner_l, p = _ranges(lo, first - 1)
    inner_l = labels[p] * n_codes + labels[p + 1]
    owner_r, q = _ranges(stop, hi - 1)
    inner_r = labels[q] * n_codes + labels[q + 1]
    left = np.flatnonzero(lo < first)
    right = np.flatnonzero(stop < hi)
    owners = np.concatenate([owner_l, left, right, owner_r])
    codes = np.concatenate(
        [
            inner_l,
            labels[first[left] - 1] * n_codes + _T,
            _T * n_codes + labels[stop[right]],
            inner_r,
        ]
    )
    return owners, codes


def extract(
    rows: Sequence[tuple[str, int, int]],
    config: dict[str, Any],
    vocabulary: VocabularyIndex | None,
    lexicons: tuple[dict[str, float], frozenset[str], frozenset[str]],
    analyzer: Any = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, _Open | None]:
    """Bag features and dense features of the targets ``(text, start, end)``.

    Parameters
    ----------
    rows : sequence of (str, int, int)
        Sentence and span offsets of each target (checked by the caller).
    config : dict
        Feature switches (:data:`DEFAULT_CONFIG` keys).
    vocabulary : VocabularyIndex or None
        The fitted vocabulary; None for an open vocabulary (``fit``).
    lexicons : tuple
        Merged valence lexicon, negative and positive action verbs.
    analyzer : VADER analyser, optional
        Needed when ``config["vader_sentence"]``.

    Returns
    -------
    owner, ids : ndarray
        Target (row) and feature id of each bag feature; a (row, id) pair repeats only for
        the counted ``pl``/``pr`` features. With a fitted vocabulary ids are columns and
        unknown features are left out; else provisional ids of the returned ``_Open``.
    numeric : ndarray, shape (len(rows), len(NUMERIC_FEATURES))
    open_vocabulary : _Open or None
    """
    lexicon, neg_verbs, pos_verbs = lexicons
    window = int(config["window"])
    if window < 0:
        raise ValueError(f"window must be >= 0, got {window}")
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        open_vocab = _Open(list(_SYMBOLS), {}) if vocabulary is None else None
        return empty, empty, np.zeros((0, len(_NUMERIC))), open_vocab
    texts, starts, ends = (list(c) for c in zip(*rows, strict=True))
    sentence_of = dict.fromkeys(texts)
    distinct = list(sentence_of)
    for i, t in enumerate(distinct):
        sentence_of[t] = i
    batch = _Batch(distinct, lexicon)
    ids_of: _Closed | _Open
    if vocabulary is None:
        ids_of = _Open(batch.word_list, batch.code)
    else:
        ids_of = _Closed(vocabulary, batch.word_list, batch.code)
    n_codes = len(batch.word_list)
    n_rows = len(texts)

    # token range of each target: tokens overlapping the span, else an insertion point
    sid = np.fromiter(map(sentence_of.__getitem__, texts), np.int64, n_rows)
    base = batch.base[sid]
    begin = base + np.asarray(starts, dtype=np.int64).reshape(-1)
    finish = base + np.asarray(ends, dtype=np.int64).reshape(-1)
    s0, s1 = batch.s0[sid], batch.s1[sid]
    first = np.minimum(np.searchsorted(batch.tok_end, begin, "right"), s1)
    last = np.minimum(np.searchsorted(batch.tok_start, finish, "left"), s1) - 1
    empty = last < first
    first[empty] = np.minimum(np.searchsorted(batch.tok_start, begin[empty], "left"), s1[empty])
    last[empty] = first[empty] - 1
    stop = last + 1
    lo = np.maximum(s0, first - window)  # the window: lo:first and stop:hi
    hi = np.minimum(s1, stop + window)
    # the clause: between the clause breaks around the target
    breaks = np.flatnonzero(batch.is_break)
    at = np.searchsorted(breaks, first) - 1
    before = breaks[np.maximum(at, 0)] if len(breaks) else np.zeros_like(at)
    c0 = np.where((at >= 0) & (before >= s0), before + 1, s0)
    at = np.searchsorted(breaks, stop)
    after = breaks[np.minimum(at, len(breaks) - 1)] if len(breaks) else np.zeros_like(at)
    c1 = np.where((at < len(breaks)) & (after < s1), after, s1)

    codes = batch.codes
    owners: list[np.ndarray] = []
    ids: list[np.ndarray] = []

    def words(prefix: str, *pieces: tuple[np.ndarray, np.ndarray]) -> None:
        owner = np.concatenate([o for o, _ in pieces])
        pos = np.concatenate([p for _, p in pieces])
        owners.append(owner)
        ids.append(ids_of.word_ids(prefix, codes[pos]))

    def pairs(prefix: str, owner: np.ndarray, pair_codes: np.ndarray) -> None:
        owners.append(owner)
        ids.append(ids_of.pair_ids(prefix, pair_codes))

    if config["sentence_words"]:
        words("w:", _ranges(s0, first), _ranges(stop, s1))
    if config["side_words"]:
        words("L:", _ranges(s0, first))
        words("R:", _ranges(stop, s1))
    if config["sentence_bigrams"]:
        pairs("w2:", *_bigram_codes(codes, first, stop, s0, s1, n_codes))
    words("l:", _ranges(lo, first))
    words("r:", _ranges(stop, hi))
    has_left = np.flatnonzero(first > s0)
    words("l1:", (has_left, first[has_left] - 1))
    has_right = np.flatnonzero(stop < s1)
    words("r1:", (has_right, stop[has_right]))
    if config["window_bigrams"]:
        pairs("b:", *_bigram_codes(codes, first, stop, lo, hi, n_codes))
    polarity: tuple[np.ndarray, np.ndarray] | None = None
    if config["polarity_tokens"]:
        owner, pair_codes = _bigram_codes(batch.symbols, first, stop, lo, hi, n_codes)
        a, b = np.divmod(pair_codes, n_codes)
        keep = (a == _PLUS) | (a == _MINUS) | (b == _PLUS) | (b == _MINUS)
        pairs("pb:", owner[keep], pair_codes[keep])
        polarity = _polarity_features(batch, first, last, stop, lo, hi, ids_of)
    if config["clause_words"]:
        words("c:", _ranges(c0, first), _ranges(stop, c1))

    # each group is a set per target: drop repeats (and unknown features)
    owner = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
    feature = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    known = feature >= 0
    size = ids_of.size
    key = _unique(owner[known] * size + feature[known])[0]
    owner, feature = np.divmod(key, size)
    if polarity is not None:  # counted, not a set
        owner = np.concatenate([owner, polarity[0]])
        feature = np.concatenate([feature, polarity[1]])
    comp = None
    if config["vader_sentence"]:
        comp = [analyzer.polarity_scores(t)["compound"] for t in distinct]
    numeric = _numeric(
        batch, texts, starts, sid, first, last, s0, s1, c0, c1, comp, neg_verbs, pos_verbs
    )
    return owner, feature, numeric, ids_of if vocabulary is None else None


def _polarity_features(
    batch: _Batch,
    first: np.ndarray,
    last: np.ndarray,
    stop: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    ids_of: _Closed | _Open,
) -> tuple[np.ndarray, np.ndarray]:
    """Owner and id of the ``pl<d>:``/``pr<d>:`` features (lexicon words in the window)."""
    hit = batch.val != 0
    owner_l, p = _ranges(lo, first)
    owner_r, q = _ranges(stop, hi)
    owner_l, p = owner_l[hit[p]], p[hit[p]]
    owner_r, q = owner_r[hit[q]], q[hit[q]]
    side = np.concatenate([np.zeros(len(p), np.int64), np.ones(len(q), np.int64)])
    distance = np.minimum(np.concatenate([first[owner_l] - p, q - last[owner_r]]), 4)
    negative = (~(batch.val[np.concatenate([p, q])] > 0)).astype(np.int64)
    owner = np.concatenate([owner_l, owner_r])
    feature = ids_of.polarity_ids(_polarity_slot(side, distance, negative))
    known = feature >= 0
    return owner[known], feature[known]


def _numeric(
    batch: _Batch,
    texts: list[str],
    starts: list[int],
    sid: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
    s0: np.ndarray,
    s1: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
    vader_compound: list[float] | None,
    neg_verbs: frozenset[str],
    pos_verbs: frozenset[str],
) -> np.ndarray:
    """The dense features (:data:`NUMERIC_FEATURES`) of every target."""
    n_rows = len(first)
    out = np.zeros((n_rows, len(_NUMERIC)))
    col = {name: j for j, name in enumerate(_NUMERIC)}
    n = s1 - s0
    if vader_compound is not None:
        out[:, col["vader_sentence"]] = np.asarray(vader_compound, dtype=float)[sid]

    # lexicon scores: distance-weighted on each side, plain over the clause and the sentence.
    # The sums run left to right over the lexicon words of the sentence (rank j = 0, 1, ...)
    # exactly like a Python loop: one vectorised `+=` per rank, adding 0.0 where a word does
    # not count (x + 0.0 == x for the non-negative-zero sums here).
    hits = batch.hits
    owner, h = _ranges(np.searchsorted(hits, s0), np.searchsorted(hits, s1))
    pos = hits[h]
    outside = (pos < first[owner]) | (pos > last[owner])
    owner, pos = owner[outside], pos[outside]
    v = batch.val[pos]
    f, la = first[owner], last[owner]
    positive = v > 0
    left = pos < f
    weight = v / np.where(left, 1.0 + f - pos, 1.0 + pos - la)  # 1 + distance
    in_clause = (c0[owner] <= pos) & (pos < c1[owner])
    zero = np.zeros_like(v)
    parts = {
        "lex_sentence_pos": np.where(positive, v, zero),
        "lex_sentence_neg": np.where(positive, zero, v),
        "lex_clause": np.where(in_clause, v, zero),
        "lex_left_pos": np.where(left & positive, weight, zero),
        "lex_left_neg": np.where(left & ~positive, weight, zero),
        "lex_right_pos": np.where(~left & positive, weight, zero),
        "lex_right_neg": np.where(~left & ~positive, weight, zero),
    }
    counts = np.bincount(owner, minlength=n_rows)
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
    by_rank = np.argsort(rank, kind="stable")
    bounds = np.searchsorted(rank[by_rank], np.arange(int(rank.max(initial=-1)) + 2))
    sums = {name: np.zeros(n_rows) for name in parts}
    for j in range(len(bounds) - 1):
        sel = by_rank[bounds[j] : bounds[j + 1]]  # at most one word per target
        rows_j = owner[sel]
        for name, values in parts.items():
            sums[name][rows_j] += values[sel]
    out[:, col["lex_clause"]] = _squash(sums["lex_clause"])
    for name in ("lex_left_pos", "lex_left_neg", "lex_right_pos", "lex_right_neg"):
        out[:, col[name]] = _tanh_half(sums[name])
    out[:, col["lex_sentence_pos"]] = _squash(sums["lex_sentence_pos"])
    out[:, col["lex_sentence_neg"]] = _squash(sums["lex_sentence_neg"])

    # a negator up to 3 words before or 4 after the target (same sentence)
    negators = np.concatenate([[0], np.cumsum(batch.negator)])
    near = negators[first] - negators[np.maximum(s0, first - 3)]
    near += negators[np.maximum(np.minimum(s1, last + 5), last + 1)] - negators[last + 1]
    out[:, col["negation_near"]] = near > 0

    # quotes: the target is inside a quotation, the sentence has a quote mark
    has_quote = np.array(['"' in t or _QUOTE_OPEN in t or _QUOTE_CLOSE in t for t in texts])
    quoted = np.zeros(n_rows, dtype=bool)
    for r in np.flatnonzero(has_quote).tolist():
        t, s = texts[r], starts[r]
        quoted[r] = (
            t.count(_QUOTE_OPEN, 0, s) > t.count(_QUOTE_CLOSE, 0, s) or t.count('"', 0, s) % 2 == 1
        )
    out[:, col["in_quote"]] = quoted
    out[:, col["has_quote"]] = has_quote

    roles = speaker_and_roles(
        batch.code, batch.codes, first, last, s0, s1, _ROLE_WORDS, neg_verbs, pos_verbs
    )
    for j, name in enumerate(
        ("speaker", "agent_negative", "patient_negative", "agent_positive", "patient_positive")
    ):
        out[:, col[name]] = roles[:, j]

    log_length = np.fromiter(map(math.log1p, n.tolist()), dtype=float, count=n_rows)
    out[:, col["log_length"]] = log_length / 4.0
    local = first - s0
    out[:, col["relative_position"]] = np.where(n > 0, local / np.maximum(n, 1), 0.0)
    out[:, col["sentence_start"]] = local == 0
    single = np.flatnonzero(first == last)  # a one-word target
    out[single, col["pronoun"]] = batch.is_pronoun[first[single]]
    return out


def matrix(
    owner: np.ndarray, ids: np.ndarray, numeric: np.ndarray, n_columns: int
) -> sp.csr_matrix:
    """CSR matrix: numeric features in the first columns, then the bag features (ids).

    A (row, id) pair that repeats counts its repeats. The result is in canonical form
    (sorted columns, no duplicates), whatever the order of the pairs.
    """
    n_rows, k = numeric.shape
    key, count = _unique(owner * n_columns + ids)
    rows, columns = np.divmod(key, n_columns)
    per_row = np.bincount(rows, minlength=n_rows)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(per_row + k, out=indptr[1:])
    # dense values go in the first k slots of every row, bag columns (sorted) after them
    dense_slots = (indptr[:-1, None] + np.arange(k)).ravel()
    indices = np.empty(int(indptr[-1]), dtype=np.int64)
    data = np.empty(len(indices))
    is_bag = np.ones(len(indices), dtype=bool)
    is_bag[dense_slots] = False
    indices[dense_slots] = np.tile(np.arange(k), n_rows)
    data[dense_slots] = numeric.ravel()
    indices[is_bag] = columns
    data[is_bag] = count
    out = sp.csr_matrix((data, indices, indptr), shape=(n_rows, n_columns))
    out.sum_duplicates()  # already canonical: this only records it
    return out
