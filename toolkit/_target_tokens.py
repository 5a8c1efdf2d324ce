"""Tokens of the target-sentiment model (private to :mod:`toolkit._target_features`).

:func:`tokens` gives what ``_TOKEN_RE.findall`` gives (the distinct words, a word code per
token) and each token's offsets, for the joined text of a whole batch of sentences.

Speed: a regular expression makes a Python string of every token, and numbering the tokens
hashes each of them again. Here the token boundaries come from numpy rules over the
characters that give exactly the regex's tokens (see :func:`_boundaries`), and the distinct
tokens are numbered by pyarrow from the UTF-8 bytes of the text, so only the distinct words
become Python strings. A text the rules do not cover (lone surrogates, which UTF-8 cannot
hold) takes the regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import repeat

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

TOKEN_RE = re.compile(r"'s\b|\w+(?:'(?!s\b)\w+)*|[^\w\s]")
# Every non-space character starts a token, so splitting on (captured) tokens gives
# [space, token, space, token, ..., space]: running sums of the lengths are token offsets.
SPLIT_RE = re.compile("(" + TOKEN_RE.pattern + ")")
SYMBOLS = ("<T>", "<+>", "<->")  # word codes 0-2 (no token can be spelt like them)

# Character classes, bits: ``\w`` and ``\s`` of ``re`` on str (str.isalnum() or "_", and
# str.isspace()), the apostrophe, the letter s. A table by the low byte, right for ASCII.
_WORD, _SPACE, _APOSTROPHE, _S = 1, 2, 4, 8
_CLASS = np.array(
    [
        (_WORD if (c < 128 and (chr(c).isalnum() or c == ord("_"))) else 0)
        | (_SPACE if (c < 128 and chr(c).isspace()) else 0)
        | (_APOSTROPHE if c == ord("'") else 0)
        | (_S if c == ord("s") else 0)
        for c in range(256)
    ],
    dtype=np.uint8,
)


def codes(words: list[str]) -> tuple[list[str], np.ndarray]:
    """Word codes: 0-2 are the symbols, then distinct words in order of appearance
    (``pandas.factorize`` numbers them so, hashing each word once)."""
    k = len(SYMBOLS)
    toks = np.empty(k + len(words), dtype=object)
    toks[:k] = SYMBOLS
    toks[k:] = words
    numbers, distinct = pd.factorize(toks)
    return distinct.tolist(), numbers[k:].astype(np.int64, copy=False)


def _regex_tokens(text: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """:func:`tokens` the plain way: split on the regular expression."""
    parts = SPLIT_RE.split(text)
    ends = np.cumsum(np.fromiter(map(len, parts), np.int64, len(parts)))
    return (*codes(parts[1::2]), ends[0:-1:2], ends[1::2])


def _classes(chars: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Class bits of every character; *high* are the positions of the non-ASCII ones (the
    few distinct ones are asked to str methods)."""
    cls = _CLASS[chars.astype(np.uint8)]
    if len(high):
        distinct, inverse = np.unique(chars[high], return_inverse=True)
        as_str = [chr(c) for c in distinct.tolist()]
        bits = [(_WORD if c.isalnum() else 0) | (_SPACE if c.isspace() else 0) for c in as_str]
        cls[high] = np.array(bits, dtype=np.uint8)[inverse]
    return cls


def non_space_positions(text: str) -> np.ndarray:
    """Offsets of the characters of *text* that are not white space (``str.isspace``)."""
    chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    cls = _classes(chars, np.flatnonzero(chars >= 0x80))
    return np.flatnonzero((cls & _SPACE) == 0)


def _boundaries(chars: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the tokens of ``'s\\b|\\w+(?:'(?!s\\b)\\w+)*|[^\\w\\s]``.

    Scanning left to right, the regex makes three kinds of tokens:

    - ``'s`` where an apostrophe is followed by ``s`` and then no word character (such an
      apostrophe never joins two words, so it always starts a token);
    - a word: a run of word characters, the ``s`` of an ``'s`` token excepted, with the
      apostrophes that join two of them (a word character on each side, and not ``'s``);
    - any other character that is not white space, on its own.

    So a token starts at every non-space character but the ``s`` of ``'s`` and the inside of
    a word, and ends where the next one starts or white space begins.
    """
    n = len(chars)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    cls = _classes(chars, high)
    word = (cls & _WORD).view(bool)
    space = (cls & _SPACE).astype(bool)
    apostrophe = (cls & _APOSTROPHE).astype(bool)
    word_1, word_2, s_1 = (np.zeros(n, dtype=bool) for _ in range(3))  # at p + 1, p + 2
    word_1[:-1] = word[1:]
    word_2[:-2] = word[2:]
    s_1[:-1] = (cls[1:] & _S).astype(bool)
    s_token = apostrophe & s_1 & ~word_2
    s_of = np.zeros(n, dtype=bool)  # the s of an 's token
    s_of[1:] = s_token[:-1]
    word_char = word & ~s_of
    joiner = apostrophe & word_1 & ~s_token
    joiner[0] = False
    joiner[1:] &= word_char[:-1]
    in_word = word_char | joiner
    start = ~(space | s_of)
    start[1:] &= ~(in_word[1:] & in_word[:-1])
    # a token ends before the next start or white space (or at the end of the text)
    last = np.ones(n, dtype=bool)
    last[:-1] = start[1:] | space[1:]
    last &= ~space
    return np.flatnonzero(start), np.flatnonzero(last) + 1


class Words:
    """The distinct words of a batch by word code, with look-ups of many words at once.

    ``words`` is the list (``words[code]``); the look-ups run in pyarrow over ``array`` (the
    same words), or over a dict when the words cannot be UTF-8 (lone surrogates).
    """

    def __init__(self, words: list[str], array: pa.Array | None = None) -> None:
        self.words = words
        if array is None:
            try:
                array = pa.array(words, type=pa.large_string())
            except (pa.ArrowException, UnicodeError):
                array = None
        self.array = array
        self._code: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def code(self) -> dict[str, int]:
        """Word -> code (a dict, built on first use)."""
        if self._code is None:
            self._code = dict(zip(self.words, range(len(self.words)), strict=True))
        return self._code

    def index_in(self, keys: KeyArray) -> np.ndarray:
        """Per code: the position of the word in *keys*, -1 where it is not there."""
        if self.array is None or keys.array is None:
            position = keys.position()
            return np.fromiter(map(position.get, self.words, repeat(-1)), np.int64, len(self))
        found = pc.index_in(self.array, value_set=keys.array)
        return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)

    def codes_of(self, members: Iterable[str]) -> list[int]:
        """The codes of those *members* that are words here (short lists: a dict look-up)."""
        code = self.code()
        return [c for c in map(code.get, members) if c is not None]

    def ends_with(self, suffix: str) -> np.ndarray:
        """Per code: does the word end with *suffix*."""
        if self.array is None:
            return np.fromiter(map(str.endswith, self.words, repeat(suffix)), bool, len(self))
        return pc.ends_with(self.array, pattern=suffix).to_numpy(zero_copy_only=False).astype(bool)


class KeyArray:
    """Fixed look-up keys (a lexicon's words, a vocabulary's known words) for
    :meth:`Words.index_in`: built once, as a pyarrow array and as a dict."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = list(keys)
        try:
            self.array: pa.Array | None = pa.array(self.keys, type=pa.large_string())
        except (pa.ArrowException, UnicodeError):  # not all str, or not UTF-8
            self.array = None
        self._position: dict[str, int] | None = None

    def position(self) -> dict[str, int]:
        if self._position is None:  # (the first key of repeated ones, as index_in)
            self._position = {}
            for i, k in enumerate(self.keys):
                self._position.setdefault(k, i)
        return self._position


def tokenize(text: str) -> tuple[Words, np.ndarray, np.ndarray, np.ndarray]:
    """Tokens of *text* (:data:`TOKEN_RE`): the distinct words (:class:`Words`: the symbols
    first, then the words in order of appearance, as :func:`codes`), and per token its word
    code, start and end offset."""
    chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    high = np.flatnonzero(chars >= 0x80)
    surrogate = (chars[high] >= 0xD800) & (chars[high] <= 0xDFFF)
    if surrogate.any():  # not UTF-8: the plain way
        vocab, word_codes, start, end = _regex_tokens(text)
        return Words(vocab), word_codes, start, end
    start, end = _boundaries(chars, high)
    # UTF-8 byte offsets of the tokens: the character offset plus the extra bytes before it
    extra = np.zeros(len(high) + 1, dtype=np.int64)
    wide = chars[high]
    np.cumsum(1 + (wide >= 0x800).astype(np.int64) + (wide >= 0x10000), out=extra[1:])
    # one string array of [gap, token, gap, token, ...] over the bytes, then its tokens
    offsets = np.zeros(2 * len(start) + 1, dtype=np.int64)
    offsets[1::2] = start + extra[np.searchsorted(high, start)]
    offsets[2::2] = end + extra[np.searchsorted(high, end)]
    pieces = pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(text.encode("utf-8"))
    )
    encoded = pieces.take(pa.array(np.arange(1, len(offsets), 2))).dictionary_encode()
    k = len(SYMBOLS)
    array = pa.concat_arrays([pa.array(SYMBOLS, type=pa.large_string()), encoded.dictionary])
    words = Words(array.to_pylist(), array)
    word_codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64) + k
    return words, word_codes, start, end


def tokens(text: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """:func:`tokenize` with the distinct words as a list."""
    words, word_codes, start, end = tokenize(text)
    return words.words, word_codes, start, end
