"""Where an actor alias can start in a long text: a numpy filter on the first characters.

Private to :mod:`toolkit._actor_dict` (``ActorDictionary._spans``). The alias regexes of
:func:`toolkit._actor_dict._trie_regex` are slow when the regex engine tries them at every
character of a chunk of sentences (the case-insensitive one cannot skip ahead at all). Here
every character gets a one-byte *key*, and the keys of the first (up to) four characters
pick the few positions where an alias can begin; the regex then runs only there (see
:func:`scan`), which gives exactly the matches of ``pattern.finditer(text)``.

Only the case-insensitive aliases are filtered (the case-sensitive regex skips ahead on its
own). Keys: the ASCII fold of a character or ``?`` (:func:`toolkit._casefold._folded`):
characters that ``re.IGNORECASE`` treats as equal share a key. Different keys mean different characters, so a filter on keys lets through a
superset of the real match starts. An alias symbol for white space (any run of it) ends the
prefix that is checked. A match also needs a non-word character (or the start) before it
(the patterns check ``(?<!\\w.)``): a position is dropped when the previous character is an
ASCII word character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import product

import numpy as np

from toolkit._casefold import _fold_ascii, _folded, _tolower
from toolkit._lexmatch import match_at

MIN_CHARS = 2000
"""Texts shorter than this are scanned by the regex alone (the numpy set-up costs more)."""
PREFIX = 4
"""Characters of an alias opening that are checked."""

_NOT_WORD = bytes(int(c >= 128 or re.match(r"\w", chr(c)) is None) for c in range(256))


@lru_cache(maxsize=1)
def _spaces() -> tuple[str, ...]:
    """Every character ``\\s`` matches (all of Unicode's white space lies below U+3001)."""
    return tuple(chr(c) for c in range(0x3001) if chr(c).isspace())


def _key(ch: str) -> int:
    return _fold_ascii(ch)[0]


def _symbol_keys(sym: str) -> list[int]:
    """Keys of the characters one alias symbol (see ``_actor_dict._symbols``) can match."""
    if sym == " ":  # any run of white space
        return sorted({_key(c) for c in _spaces()})
    if sym == "'":  # either apostrophe
        return sorted({_key("'"), _key("\u2019")})
    return [_key(sym)]


class OpeningFilter:
    """The openings of a set of aliases, by length: ``codes[n]`` holds, as sorted integers
    (one key per byte, first key highest), the first *n* keys of every alias whose checked
    prefix has *n* characters; ``firsts`` and ``pairs`` are first cuts on the first one and
    two keys.

    Parameters
    ----------
    keys : iterable of str
        Case-insensitive alias look-up keys, one symbol per character (``_actor_dict._key``).
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self.firsts = np.zeros(256, dtype=bool)
        self.pairs = np.zeros(1 << 16, dtype=bool)
        codes: dict[int, set[int]] = {}
        for key in keys:
            n = min(len(key), PREFIX)
            if " " in key[: n - 1]:
                n = key.index(" ") + 1  # what follows a run of white space is not checked
            options = [_symbol_keys(sym) for sym in key[:n]]
            seconds = options[1] if n > 1 else range(256)
            self.firsts[options[0]] = True
            for first in options[0]:
                self.pairs[(first << 8) | np.array(seconds)] = True
            out = codes.setdefault(n, set())
            for combo in product(*options):
                code = 0
                for k in combo:
                    code = (code << 8) | k
                out.add(code)
        self.codes = {n: np.array(sorted(c), dtype=np.uint32) for n, c in codes.items()}
        self.first_bytes = self.firsts.astype(np.uint8).tobytes()  # a bytes.translate table

    @classmethod
    def build(cls, keys: Iterable[str]) -> OpeningFilter | None:
        """The filter, or None when it cannot be used (an empty key; no case folding, on
        another Python implementation)."""
        keys = list(keys)
        if not keys or not all(keys) or _tolower is None:
            return None
        return cls(keys)


def candidates(text: str, openings: OpeningFilter) -> np.ndarray | None:
    """Sorted positions of *text* where an alias of *openings* can start; None when the
    text cannot be folded (a lone surrogate)."""
    raw = _folded(text)
    if raw is None:
        return None
    n = len(raw)
    # byte-wise look-ups by bytes.translate (much faster than numpy fancy indexing): the
    # first key opens an alias, and the previous one is not an ASCII word character (a key
    # that is one stands for one or, folded, for a letter such as the Kelvin sign)
    ok = np.frombuffer(raw.translate(openings.first_bytes), dtype=bool).copy()
    ok[1:] &= np.frombuffer(raw.translate(_NOT_WORD), dtype=bool)[:-1]
    pos = np.flatnonzero(ok)
    k = np.zeros(n + PREFIX, dtype=np.uint8)  # NUL keys after the end
    k[:n] = np.frombuffer(raw, dtype=np.uint8)
    pos = pos[openings.pairs[(k[pos].astype(np.intp) << 8) | k[pos + 1]]]
    code = np.zeros(len(pos), dtype=np.uint32)
    ok = np.zeros(len(pos), dtype=bool)
    for i in range(PREFIX):
        code = (code << 8) | k[pos + i]
        allowed = openings.codes.get(i + 1)
        if allowed is not None:
            at = np.minimum(np.searchsorted(allowed, code), len(allowed) - 1)
            ok |= allowed[at] == code
    return pos[ok]


def scan(pattern: re.Pattern, text: str, where: np.ndarray) -> list[tuple[int, int, str]]:
    """``(start, end, surface)`` of ``pattern.finditer(text)``, trying only *where*.

    *where* must hold every position where a match can start, in order (see
    :func:`toolkit._lexmatch.match_at`).
    """
    begins, surfaces, _ = match_at(pattern, text, where)
    return [(b, b + len(s), s) for b, s in zip(begins, surfaces, strict=True)]
