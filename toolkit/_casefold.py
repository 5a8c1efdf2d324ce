"""Where case-insensitive aliases can start: a folded, one-byte-per-character copy of a text.

Private to :mod:`toolkit._actor_dict` (``ActorDictionary._icase_matches``).

IGNORECASE lets a text character match a pattern character when their simple lower cases
are equal or listed together in ``re._casefix`` (i / ı, s / ſ, µ / μ …): when their *folds*
(:func:`_fold`) are equal. In a one-byte-per-character copy of the text where ASCII folds
are kept and every other character is "?", each alias's literal opening is found with
``bytes.find``; the case-insensitive pattern then runs only there. "?" stands for any non-ASCII fold, so the copy finds
a few positions too many, never too few.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

try:
    from _sre import unicode_tolower as _tolower
    from re._casefix import _EXTRA_CASES
except ImportError:  # another Python implementation: always scan with the regex
    _tolower = _EXTRA_CASES = None

_ASCII = bytes(range(128))


@lru_cache(maxsize=4096)
def _fold(c: str) -> str:
    """The representative of *c* among the characters IGNORECASE treats as equal to it."""
    lo = _tolower(ord(c))
    return chr(min((lo, *_EXTRA_CASES.get(lo, ()))))


def _fold_ascii(text: str) -> bytes:
    """One byte per character of *text*: its fold when ASCII, else ``b"?"``."""
    return "".join(f if f.isascii() else "?" for f in map(_fold, text)).encode("ascii")


def _folded(text: str) -> bytes | None:
    """:func:`_fold_ascii` of a whole text, fast; None for lone surrogates."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    # ASCII folds to its lower case; the few distinct other characters are checked one by one
    for c in set(raw.translate(None, _ASCII).decode("utf-8")):
        f = _fold(c)
        if f.isascii():  # e.g. "İ", "ı", "ſ", the Kelvin sign
            text = text.replace(c, f)
    return text.encode("ascii", "replace").lower()


def _openings(keys: Iterable[str]) -> tuple[bytes, ...] | None:
    """Folded literal openings of case-insensitive keys (up to the first space or apostrophe,
    which match several characters), none a prefix of another; None if a key has none."""
    if _tolower is None:
        return None
    heads = set()
    for key in keys:
        head = re.split("[ ']", key, maxsplit=1)[0]
        if not head:
            return None
        heads.add(_fold_ascii(head))
    out: list[bytes] = []
    for h in sorted(heads):  # a prefix sorts right before the strings it opens
        if not (out and h.startswith(out[-1])):
            out.append(h)
    return tuple(out)
