r"""Fast word counts for keyness (:func:`toolkit.compare._keyness_bags`).

A word is what ``compare._WORD_RE`` (``[^\W\d_](?:[\w'’-]*\w)?``) finds, lower-cased one word
at a time. Running that regex and ``str.lower`` on every word costs about a microsecond a
word; :func:`count_words` gets the same counts, in the same order, with whole-text
operations, so that only ``str.split`` and ``Counter`` touch every word:

1. the texts of a group are joined with ``"\n"`` (never inside a word) and lower-cased at
   once. That equals lower-casing word by word when every character lower-cases to *one*
   character of the same kind (letter / ``'’-`` / other); the exceptions (``İ`` becomes two
   characters, ``Σ`` depends on its neighbours) are looked for among the distinct non-ASCII
   characters of the text, and such a text is counted the plain way (:func:`_plain`);
2. every character that cannot be in a word (not ``\w``, not ``'’-``) becomes a space. On the
   UTF-8 bytes, one ``bytes.translate`` lower-cases ASCII letters and blanks ASCII
   separators; ``bytes.replace`` handles the few distinct non-ASCII characters (lower case or
   blank). The text is now runs of ``[\w'’-]`` between spaces, and a word is a run from its
   first letter to its last ``\w``;
3. one regex (:data:`_EDGES`) deletes what precedes the first letter of a run (``2020``,
   ``-``, ``’tis``) and the apostrophes and hyphens after its last ``\w``. Digits are ASCII
   here: a text with another decimal digit is counted the plain way;
4. ``str.split`` now yields exactly the words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_LETTER = re.compile(r"[^\W\d_]")
_IN_WORD = re.compile(r"[\w'’-]")  # a character a word can contain
_ASCII = bytes(range(128))
# After step 2: the non-letters opening a run (a space before them), or the apostrophes and
# hyphens closing one (a space after them). It starts with a plain class so that the regex
# engine skips quickly from one candidate character to the next.
_EDGES = re.compile(r"[0-9_'’-](?:(?<= .)[0-9_'’-]*|(?<=['’-])['’-]*(?= ))")

# Per non-ASCII character: None when the fast path cannot take it (see _char_kind), else
# True for a separator and False for a word character. Filled as characters are met.
_CHAR_KIND: dict[str, bool | None] = {}


def _kind(c: str) -> tuple[bool, bool]:
    """(is a letter, can be in a word)."""
    return bool(_LETTER.match(c)), bool(_IN_WORD.match(c))


def _char_kind(c: str) -> bool | None:
    """None for a character whose lower case is not one character of the same kind, for the
    capital sigma (its lower case depends on its neighbours) and for a decimal digit other
    than 0-9; else True for a separator, False for a word character."""
    kind = _CHAR_KIND.get(c, 0)
    if kind == 0:
        low = c.lower()
        own = _kind(c)
        if c == "Σ" or len(low) != 1 or _kind(low) != own or own == (False, True) and c != "’":
            kind = None
        else:
            kind = not own[1]
        _CHAR_KIND[c] = kind
    return kind


@lru_cache(maxsize=1)
def _ascii_table() -> bytes:
    """``bytes.translate`` table lower-casing ASCII letters and turning every ASCII separator
    into a space (non-ASCII bytes are left alone)."""
    ascii_ = bytes(ord(chr(b).lower()) if _kind(chr(b))[1] else 0x20 for b in range(128))
    return ascii_ + bytes(range(128, 256))


def _plain(texts: Sequence[str]) -> Counter:
    """The reference definition: regex words of each text, each lower-cased."""
    bag: Counter = Counter()
    for txt in texts:
        bag.update(map(str.lower, _WORD.findall(txt)))
    return bag


def count_words(texts: Sequence[str]) -> Counter:
    """Lower-cased word counts of *texts*, keys in order of first appearance.

    Parameters
    ----------
    texts : sequence of str
        Non-empty texts.

    Returns
    -------
    Counter
        Exactly ``Counter(w.lower() for t in texts for w in _WORD.findall(t))``.

    Examples
    --------
    >>> count_words(["Turkey’s drones", "2020: TURKEY-made drones’"])
    Counter({'drones': 2, 'turkey’s': 1, 'turkey-made': 1})
    """
    joined = "\n".join(texts)
    try:
        raw = joined.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return _plain(texts)
    fixes = []  # (bytes of a non-ASCII character, its replacement)
    for c in set(raw.translate(None, _ASCII).decode("utf-8")):  # the non-ASCII characters
        kind = _char_kind(c)
        if kind is None:
            return _plain(texts)
        if kind:  # a separator: spaces, same length (replaced in one pass)
            fixes.append((c.encode("utf-8"), b" " * len(c.encode("utf-8"))))
        elif c.lower() != c:
            fixes.append((c.encode("utf-8"), c.lower().encode("utf-8")))
    # ASCII: lower-case, separators to spaces (one translate)
    data = raw.translate(_ascii_table())
    for old, new in fixes:
        data = data.replace(old, new)
    return Counter(_EDGES.sub("", " " + data.decode("utf-8") + " ").split())
