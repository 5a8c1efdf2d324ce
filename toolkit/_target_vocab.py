"""Vocabularies of the target-sentiment features (private to :mod:`toolkit._target_features`).

:class:`VocabularyIndex` splits a fitted vocabulary for look-ups by word code; ``_Closed`` and
``_Open`` turn the word codes of one extraction into feature ids (columns of a fitted
vocabulary, or provisional ids spelt out at fit time).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

import numpy as np

from toolkit import _target_tokens

_SYMBOLS = _target_tokens.SYMBOLS
_WORD_PREFIXES = ("w:", "L:", "R:", "l:", "r:", "l1:", "r1:", "c:")
_PAIR_PREFIXES = ("b:", "w2:", "pb:")
# pl1..pl4 (side 0) and pr1..pr4 (side 1), each with key <+> or <->
_POLARITY_NAMES = tuple(
    f"{side}{d}:{cls}" for side in ("pl", "pr") for d in range(1, 5) for cls in _SYMBOLS[1:]
)


def _unique(values: np.ndarray, kind: str = "quicksort") -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and their counts (np.unique, but by sorting: much faster here).

    *kind* is the sort algorithm: ``"stable"`` (timsort) is much faster on values that are
    mostly in order already, the default on others; the result is the same.
    """
    values = np.sort(values, kind=kind)
    new = np.empty(len(values), dtype=bool)
    new[:1] = True
    np.not_equal(values[1:], values[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    return values[starts], np.diff(np.append(starts, len(values)))


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
        self.known_keys = _target_tokens.KeyArray(self.known)
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

    def __init__(self, index: VocabularyIndex, words: _target_tokens.Words) -> None:
        self.index = index
        self.size = index.size
        self.word_list = words.words
        self.n_codes = len(words)
        # word code -> row of the vocabulary's known words (-1: in no feature)
        self.row = words.index_in(index.known_keys)

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

    def __init__(self, words: list[str]) -> None:
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
