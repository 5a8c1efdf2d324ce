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
all distinct sentences are lower-cased, joined and tokenised at once (numpy and pyarrow,
:mod:`toolkit._target_tokens`); words get integer codes, and look-ups of word lists run over
the distinct words only (:mod:`toolkit._target_vocab` maps them to columns). A target is the token range ``first..last`` of its sentence ``s0..s1``
(global token positions), so each feature group is a set of index ranges, expanded with
numpy and looked up in per-prefix code -> column tables. Feature names are never built, but
for :meth:`fit` (an open vocabulary) and only for the features in the end vocabulary.
Float sums are added in the same order as a plain left-to-right loop over the sentence, so
the values (and the model's outputs) do not depend on this implementation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from toolkit import _target_tokens
from toolkit._target_roles import speaker_and_roles
from toolkit._target_vocab import (  # noqa: F401  (names used by sentiment and tests)
    _PAIR_PREFIXES,
    _POLARITY_NAMES,
    _WORD_PREFIXES,
    VocabularyIndex,
    _Closed,
    _Open,
    _unique,
)
from toolkit.text import _words

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
_SYMBOLS = _target_tokens.SYMBOLS
_T, _PLUS, _MINUS = 0, 1, 2


def _polarity_slot(side: np.ndarray, distance: np.ndarray, negative: np.ndarray) -> np.ndarray:
    """Index in :data:`_POLARITY_NAMES` of (side 0/1, distance 1-4, negative class)."""
    return side * 8 + (distance - 1) * 2 + negative


def _squash(x: np.ndarray) -> np.ndarray:
    return x / np.sqrt(x * x + 15.0)


def _tanh_half(x: np.ndarray) -> np.ndarray:
    # math.tanh, not np.tanh: the same libm function as the model was trained with
    return np.fromiter(map(math.tanh, (x / 2.0).tolist()), dtype=float, count=len(x))


def _ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Owner and position of every element of the ranges ``lo[i]:hi[i]`` (empty if hi <= lo)."""
    length = np.maximum(hi - lo, 0)
    owner = np.repeat(np.arange(len(lo)), length)
    skip = np.repeat(lo - (np.cumsum(length) - length), length)
    return owner, np.arange(len(owner)) + skip


# --------------------------------------------------------------------------- extraction


_LEXICON_KEYS: list = []  # [(lexicon, KeyArray, values)] of the last lexicon used


def _lexicon_keys(lexicon: dict[str, float]) -> tuple[_target_tokens.KeyArray, np.ndarray]:
    """The words of *lexicon* for look-ups, and their values (cached for the same dict)."""
    if not _LEXICON_KEYS or _LEXICON_KEYS[0][0] is not lexicon:
        keys = _target_tokens.KeyArray(lexicon)
        values = np.fromiter(lexicon.values(), dtype=float, count=len(lexicon))
        _LEXICON_KEYS[:] = [(lexicon, keys, values)]
    return _LEXICON_KEYS[0][1], _LEXICON_KEYS[0][2]


class _Batch:
    """Tokens of all distinct sentences of a batch, as flat arrays (global token positions)."""

    def __init__(self, texts: list[str], lexicon: dict[str, float]) -> None:
        # "\n" between sentences: no token spans it, so this is each sentence's tokenisation
        # one after the other; base = offset of each sentence in the joined text. Lower-casing
        # the joined text lower-cases each sentence ("\n" ends a word as the end of a text
        # does), unless a letter grows (then each sentence is lower-cased on its own).
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
        joined = "\n".join(texts).lower()
        if len(joined) != int(lengths.sum()) - 1 and texts:
            lowered = [t.lower() for t in texts]
            lengths = np.fromiter(map(len, lowered), dtype=np.int64, count=len(lowered)) + 1
            joined = "\n".join(lowered)
        self.base = np.cumsum(lengths) - lengths
        words, self.codes, self.tok_start, self.tok_end = _target_tokens.tokenize(
            joined.replace("’", "'")
        )
        self.words = words
        self.word_list = vocab = words.words
        n = len(self.codes)
        # token range s0:s1 of each sentence
        self.s0 = np.searchsorted(self.tok_start, self.base)
        self.s1 = np.append(self.s0[1:], n)
        sentence = np.repeat(np.arange(len(texts)), self.s1 - self.s0)
        local = np.arange(n) - self.s0[sentence]

        def member(members: frozenset[str]) -> np.ndarray:
            """Per token: is it one of *members* (a short list: looked up, not scanned)."""
            table = np.zeros(len(vocab), dtype=bool)
            table[words.codes_of(members)] = True
            return table[self.codes]

        ends_nt = words.ends_with("n't")[self.codes]
        negator = self.negator = member(_NEGATORS) | ends_nt
        self.is_break = member(_CLAUSE_BREAKS)
        self.is_pronoun = member(_PRONOUNS)
        # lexicon valence; a negator one or two words before (same sentence) flips it
        keys, values = _lexicon_keys(lexicon)
        at = words.index_in(keys)
        val = np.where(at >= 0, values[at], 0.0)[self.codes]
        flip = np.zeros(n, dtype=bool)
        flip[1:] |= negator[:-1] & (local[1:] >= 1)
        flip[2:] |= negator[:-2] & (local[2:] >= 2)
        self.val = np.where(flip, val * -0.74, val)
        self.hits = np.flatnonzero(self.val)  # NaN counts as a hit, as `if v` does
        # polarity symbols: a lexicon word becomes <+>/<->, others keep their code
        sym = self.codes.copy()
        sym[self.hits] = np.where(self.val[self.hits] > 0, _PLUS, _MINUS)
        self.symbols = sym


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
        open_vocab = _Open(list(_SYMBOLS)) if vocabulary is None else None
        return empty, empty, np.zeros((0, len(_NUMERIC))), open_vocab
    texts, starts, ends = (list(c) for c in zip(*rows, strict=True))
    sentence_of = dict.fromkeys(texts)
    distinct = list(sentence_of)
    for i, t in enumerate(distinct):
        sentence_of[t] = i
    batch = _Batch(distinct, lexicon)
    ids_of: _Closed | _Open = (
        _Open(batch.word_list) if vocabulary is None else _Closed(vocabulary, batch.words)
    )
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
        batch.words, batch.codes, first, last, s0, s1, _ROLE_WORDS, neg_verbs, pos_verbs
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
    owner: np.ndarray,
    ids: np.ndarray,
    numeric: np.ndarray,
    n_columns: int,
    *,
    mostly_sorted: bool = False,
) -> sp.csr_matrix:
    """CSR matrix: numeric features in the first columns, then the bag features (ids).

    A (row, id) pair that repeats counts its repeats. The result is in canonical form
    (sorted columns, no duplicates), whatever the order of the pairs; *mostly_sorted* only
    picks a faster sort for pairs mostly in (row, id) order (as :func:`extract` gives them
    with a fitted vocabulary).
    """
    n_rows, k = numeric.shape
    key, count = _unique(owner * n_columns + ids, "stable" if mostly_sorted else "quicksort")
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
