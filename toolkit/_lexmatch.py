"""Run lexicon regexes over many texts at once (loaded words, policy frames, naming variants).

A lexicon regex (a trie of forms, see ``_lexicon_common._trie_regex``) is slow when the regex
engine tries it at every character of every sentence. Here the texts are joined into one
string and numpy picks the few positions where a match *can* start: the previous character is
not a word character (every lexicon pattern starts with ``(?<!\\w)``) and the next characters
agree with the literal opening (the *lead*) of at least one form (:class:`StartTable`). The
compiled pattern is then tried only there, with ``pattern.match(joined, pos)``, keeping the
``finditer`` rule that matches do not overlap. The candidate positions are a superset of the
real match starts, so the matches are exactly those of ``pattern.finditer(text)`` on each
text. The texts are joined by NUL characters, which no lexicon form matches, so no match
crosses two texts and the look-arounds see the same non-word context as at the start or end
of a single text.

Characters are reduced to classes: 0 any other ASCII character, 1-37 digits, ``_`` and
letters (case folded: the filter may let through more than a case-sensitive pattern needs,
never less), 38 a separator (whitespace or a hyphen), 39 a non-ASCII character that
``re.IGNORECASE`` matches to no ASCII letter or digit (curly quotes, accented letters). A
non-ASCII character that matches exactly one ASCII class (the Kelvin sign "k") takes it; any
other is a *wildcard* that lets every pattern through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache

import numpy as np

_N_CLASSES = 40
SEP_CLASS = 38
NON_ASCII = 39  # a non-ASCII character that re.IGNORECASE matches to no ASCII character
_ALNUM = "0123456789_abcdefghijklmnopqrstuvwxyz"
_ASCII_CLASS = np.zeros(256, dtype=np.uint8)  # indexed by the low byte of a code point
for _i, _ch in enumerate(_ALNUM, start=1):
    _ASCII_CLASS[ord(_ch)] = _ASCII_CLASS[ord(_ch.upper())] = _i
_SEP_RE = re.compile(r"[\s\-\u2010\u2011\u2013]")
for _c in range(128):
    if _SEP_RE.match(chr(_c)):
        _ASCII_CLASS[_c] = SEP_CLASS
_WORD_CHAR = re.compile(r"\w")
_JOINERS = (ord("'"), ord("\u2019"), ord("-"))  # join two words into one (_WORD_RE)

LEAD_CHARS = 16  # leads are cut to this many classes

SEP = " "
"""In a lead spec: an optional separator (whitespace or a hyphen, or nothing)."""
GAP = "\x01"
"""In a lead spec: a required separator, after which anything may follow."""


def lead_keys(spec: str) -> set[tuple[int, ...]]:
    """The leads (tuples of character classes) with which a form written as *spec* can begin.

    In *spec*, ASCII letters, digits and ``_`` match themselves (up to case), other ASCII
    characters (punctuation) class 0, non-ASCII ones class 39, :data:`SEP` an optional
    separator and :data:`GAP` a required one. A ``*`` (a wildcard) ends the lead, as nothing
    more is known from there on. A separator is one class, as the text is read with
    each run of separators as one character (:meth:`JoinedTexts.candidates`).

    Examples
    --------
    >>> sorted(len(k) for k in lead_keys("con artist"))
    [9, 10]
    """
    out: set[tuple[int, ...]] = set()
    kinds = [_spec_kind(ch) for ch in spec]

    def walk(i: int, lead: tuple[int, ...]) -> None:
        if len(lead) == LEAD_CHARS or i == len(spec):
            out.add(lead)
            return
        kind = kinds[i]
        if kind in (SEP, GAP):
            # a run of separators in the spec is one run of separators in the text
            end = i
            while end < len(spec) and kinds[end] in (SEP, GAP):
                end += 1
            if GAP in kinds[i:end]:
                out.add((*lead, SEP_CLASS))  # what follows a gap is not checked
                return
            walk(end, (*lead, SEP_CLASS))  # a separator,
            walk(end, lead)  # or none
            return
        if kind is None:
            out.add(lead)
            return
        for cls in kind:
            walk(i + 1, (*lead, cls))

    walk(0, ())
    return out


@lru_cache(maxsize=4096)
def _spec_kind(ch: str) -> str | tuple[int, ...] | None:
    """What one character of a lead spec stands for: SEP, GAP, the text classes it may match,
    or None (the end of the lead)."""
    if ch == GAP:
        return GAP
    if ch == "*":  # a wildcard
        return None
    if ch == "'":  # the lexicon regexes match both apostrophes
        return (0, NON_ASCII)
    if not ch.isascii():
        if _SEP_RE.match(ch):
            return SEP
        # a pattern letter that re.IGNORECASE matches to an ASCII one (the long s, the Kelvin
        # sign) ends the lead; any other only matches non-ASCII characters, which are class
        # NON_ASCII in the text (folds being symmetric, they match no ASCII letter either)
        if any(re.fullmatch(re.escape(ch), chr(a), re.IGNORECASE) for a in range(128)):
            return None
        return (NON_ASCII,)
    cls = int(_ASCII_CLASS[ord(ch)])
    return SEP if cls == SEP_CLASS else (cls,)  # class 0: punctuation


@lru_cache(maxsize=1 << 14)
def _non_ascii_classes(ch: str) -> tuple[int, bool]:
    """(class, wildcard) of a non-ASCII character (see the module docs)."""
    folds = {
        i for i, a in enumerate(_ALNUM, start=1) if re.fullmatch(re.escape(a), ch, re.IGNORECASE)
    }
    if len(folds) > 1 or (folds and _SEP_RE.match(ch)):
        return 0, True
    if folds:
        return folds.pop(), False
    return (SEP_CLASS if _SEP_RE.match(ch) else NON_ASCII), False


class StartTable:
    """Which openings can begin a match of each of several patterns: a trie of their leads.

    Parameters
    ----------
    leads : sequence of iterables of lead tuples
        Per pattern, the :func:`lead_keys` of all its forms.
    """

    DEAD, ROOT = 0, 1

    def __init__(self, leads: Sequence[Iterable[tuple[int, ...]]]) -> None:
        self.n = len(leads)
        # state 0 is dead (no lead goes on), state 1 the root; a state's children are created
        # after it, so a walk over the states in reverse order sees children first
        children: list[dict[int, int]] = [{}, {}]
        ends: list[int] = [0, 0]  # per state: bit k when a lead of pattern k ends there
        for k, pattern_leads in enumerate(leads):
            for lead in set(pattern_leads):
                state = self.ROOT
                for cls in lead:
                    nxt = children[state].get(cls)
                    if nxt is None:
                        nxt = children[state][cls] = len(children)
                        children.append({})
                        ends.append(0)
                    state = nxt
                ends[state] |= 1 << k
        below = list(ends)  # bit k when a lead of pattern k ends at or below the state
        for state in range(len(children) - 1, 0, -1):
            for child in children[state].values():
                below[state] |= below[child]
        self.groups: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for first in range(0, self.n, 64):  # one uint64 mask per 64 patterns

            def bits(masks: list[int], first: int = first) -> np.ndarray:
                return np.array([(m >> first) & (2**64 - 1) for m in masks], dtype=np.uint64)

            self.groups.append((bits(ends), bits(below)))
        trans = np.zeros((len(children), _N_CLASSES), dtype=np.int32)
        for state, kids in enumerate(children):
            for cls, child in kids.items():
                trans[state, cls] = child
        self.trans = trans.ravel()
        self.has_children = np.array([bool(kids) for kids in children])


class JoinedTexts:
    """Texts joined by NUL characters, with the per-character arrays the matchers share.

    Parameters
    ----------
    texts : sequence of str
        The texts; ``offsets[i]`` is where ``texts[i]`` starts in :attr:`text`.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.text = "\x00".join(texts)
        self.lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.offsets = np.cumsum(self.lengths + 1) - (self.lengths + 1)
        self._codes = np.frombuffer(self.text.encode("utf-32-le", "surrogatepass"), dtype="<u4")

    @property
    def codes(self) -> np.ndarray:
        """The code points of :attr:`text`."""
        return self._codes

    @cached_property
    def _chars(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per character, then LEAD_CHARS of padding: class, is-word (``\\w``), wildcard."""
        codes = self._codes
        n = len(codes)
        classes = np.zeros(n + LEAD_CHARS, dtype=np.uint8)
        wild = np.zeros(n + LEAD_CHARS, dtype=bool)
        classes[:n] = _ASCII_CLASS[codes.astype(np.uint8)]  # low byte; non-ASCII fixed below
        is_word = (classes >= 1) & (classes < SEP_CLASS)  # ASCII \w: [0-9_a-zA-Z]
        where = np.flatnonzero(codes >= 128)
        if len(where):
            uniq, inv = np.unique(codes[where], return_inverse=True)
            chars = [chr(c) for c in uniq.tolist()]
            info = [_non_ascii_classes(ch) for ch in chars]
            classes[where] = np.array([c for c, _ in info], dtype=np.uint8)[inv]
            wild[where] = np.array([w for _, w in info], dtype=bool)[inv]
            is_word[where] = np.array([_WORD_CHAR.match(ch) is not None for ch in chars])[inv]
        return classes, is_word[:n], wild

    @cached_property
    def _word_starts(self) -> np.ndarray:
        """Positions whose previous character is not a word character (or that start)."""
        is_word = self._chars[1]
        after_word = np.zeros(len(is_word), dtype=bool)
        after_word[1:] = is_word[:-1]
        return np.flatnonzero(~after_word)

    def word_counts(self) -> np.ndarray:
        """Per text, ``len(_lexicon_common._WORD_RE.findall(text))`` without the regex."""
        return bridged_run_counts(self._codes, self._chars[1], self.offsets, self.lengths)

    def candidates(self, starts: StartTable) -> list[np.ndarray]:
        """Per pattern of *starts*, the sorted positions where a match may begin.

        Every word start walks down the trie of leads, reading a run of separators as one
        character, until no lead goes on; it is a candidate for each pattern one of whose leads
        ended on the way (or, at a wildcard character, could still end).
        """
        classes, _, wild = self._chars
        pos = self._word_starts
        masks = [np.zeros(len(pos), dtype=np.uint64) for _ in starts.groups]
        for g, (ends, _) in enumerate(starts.groups):
            masks[g] |= ends[starts.ROOT]  # a pattern with an empty lead: everywhere
        # walk on only from the positions whose first character begins a lead (or may)
        first = starts.trans[starts.ROOT * _N_CLASSES + classes[pos]]
        alive = np.flatnonzero((first != starts.DEAD) | wild[pos])
        cur = pos[alive]
        state = np.full(len(alive), starts.ROOT, dtype=np.int32)
        while len(alive):
            cls = classes[cur]
            unknown = wild[cur]
            if unknown.any():  # every lead still possible may match here
                for g, (_, below) in enumerate(starts.groups):
                    masks[g][alive[unknown]] |= below[state[unknown]]
            state = starts.trans[state * _N_CLASSES + cls]
            state[unknown] = starts.DEAD
            for g, (ends, _) in enumerate(starts.groups):
                found = ends[state]
                hit = np.flatnonzero(found)
                masks[g][alive[hit]] |= found[hit]
            going = np.flatnonzero(starts.has_children[state])
            alive, state = alive[going], state[going]
            cur = _advance(classes, cur[going], cls[going] == SEP_CLASS)
        out: list[np.ndarray] = []
        for g, mask in enumerate(masks):
            for bit in range(min(64, starts.n - 64 * g)):
                out.append(pos[(mask & np.uint64(1 << bit)) != 0])
        return out

    def scan(
        self, pattern: re.Pattern, where: np.ndarray, *, groups: bool = False
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list[str | None]]:
        """``finditer`` of *pattern* over every text, trying only the positions *where*.

        Returns, per match in text order: the index of its text, its start and end in that
        text (arrays), the matched text and (with *groups*) the name of the last group that
        matched (lists).
        """
        begins, surfaces, names = match_at(pattern, self.text, where, groups=groups)
        begin = np.array(begins, dtype=np.int64)
        at = np.searchsorted(self.offsets, begin, side="right") - 1
        begin -= self.offsets[at]
        end = begin + np.fromiter(map(len, surfaces), dtype=np.int64, count=len(surfaces))
        return at, begin, end, surfaces, names


def match_at(
    pattern: re.Pattern, text: str, where: np.ndarray, *, groups: bool = False
) -> tuple[list[int], list[str], list[str | None]]:
    """``finditer`` of *pattern* over *text*, trying only the positions *where* (sorted; they
    must include every position where a match can start). As with ``finditer``, a position
    inside the previous match is not tried.

    Returns the starts and matched texts and (with *groups*) the name of the last group that
    matched, per match.
    """
    begins: list[int] = []
    surfaces: list[str] = []
    names: list[str | None] = []
    match = pattern.match
    add_begin, add_surface, add_name = begins.append, surfaces.append, names.append
    last = 0
    for p in where.tolist():
        if p >= last:
            m = match(text, p)  # look-behinds still see text[:p]
            if m is not None:  # keep no Match objects: cheaper for the garbage collector
                last = m.end()
                add_begin(p)
                add_surface(m.group())
                if groups:
                    add_name(m.lastgroup)
    return begins, surfaces, names


def bridged_run_counts(
    codes: np.ndarray, is_word: np.ndarray, offsets: np.ndarray, lengths: np.ndarray
) -> np.ndarray:
    """Per text, how many matches ``W+(?:['’-]W+)*`` has, for a word-character class W.

    *codes* are the code points of texts joined by a character that is neither a word
    character nor a joiner, *is_word* says which are W, and text ``i`` is
    ``codes[offsets[i] : offsets[i] + lengths[i]]``. A match is a run of word characters
    extended over every single joiner with a word character on both sides, so the count is
    the number of runs minus the number of such bridging joiners.
    """
    run_start = is_word.copy()
    run_start[1:] &= ~is_word[:-1]
    joiner = (codes == _JOINERS[0]) | (codes == _JOINERS[1]) | (codes == _JOINERS[2])
    bridge = np.zeros(len(codes), dtype=bool)
    bridge[1:-1] = joiner[1:-1] & is_word[:-2] & is_word[2:]
    totals = np.concatenate(([0], np.cumsum(run_start.astype(np.int64) - bridge)))
    return totals[offsets + lengths] - totals[offsets]


def _advance(classes: np.ndarray, cur: np.ndarray, on_sep: np.ndarray) -> np.ndarray:
    """The next character after each of *cur*; from a separator (*on_sep*), after its run."""
    nxt = cur + 1
    run = np.flatnonzero(on_sep)
    while len(run):
        run = run[classes[nxt[run]] == SEP_CLASS]
        nxt[run] += 1
    return nxt
