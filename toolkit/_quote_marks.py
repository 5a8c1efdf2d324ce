"""Quote marks and the one scan of a chunk of :func:`toolkit.attribution.find_quotes`.

:func:`_scan_chunk` finds the reporting verbs and the quote marks of every document of a chunk
at once; :func:`_quote_spans` pairs the marks of one document into quotes. :func:`_word_counts`
counts the words of many texts in one numpy pass.
"""

from __future__ import annotations

import bisect
import re

import numpy as np

from toolkit._lexmatch import JoinedTexts, bridged_run_counts
from toolkit._quote_lexicon import _verb_matches_joined


def _word_counts(texts: list[str]) -> np.ndarray:
    """Per text, ``len(_WORD.findall(text))``, from one numpy pass over all of them: ``_WORD``'s
    word characters are those ``str.isalnum`` accepts (texts joined with ``"\x00"``)."""
    joined = JoinedTexts(texts)
    return bridged_run_counts(joined.codes, _isalnum(joined.codes), joined.offsets, joined.lengths)


_ASCII_ALNUM = np.array([chr(c).isalnum() for c in range(128)] + [False])


def _isalnum(codes: np.ndarray) -> np.ndarray:
    """``chr(c).isalnum()`` for each code point in *codes*."""
    alnum = _ASCII_ALNUM[np.minimum(codes, 128)]
    high = np.flatnonzero(codes >= 128)
    if len(high):
        uniq, inv = np.unique(codes[high], return_inverse=True)
        alnum[high] = np.array([chr(c).isalnum() for c in uniq.tolist()])[inv]
    return alnum


# --------------------------------------------------------------------------- quote marks

_DOUBLE = re.compile(r"[“”„«»\"]")
# a single quote mark that is not an apostrophe (Armenia’s, don't: a letter or digit on both
# sides; [^\W_] is exactly str.isalnum). It starts with the marks, so ``re`` skips to them.
_SINGLE_NOT_APOSTROPHE = re.compile(r"[‘'’](?!(?<=[^\W_].)[^\W_])")
_OPEN_BEFORE = frozenset(" \t\n([{—–-:/")
_MAX_QUOTE = 3000
_MAX_SINGLE = 400


def _mark_ok(text: str, p: int) -> tuple[bool, bool]:
    """Whether the mark at *p* may open, and may close, a quote (by the characters around it)."""
    prev = text[p - 1] if p > 0 else " "
    nxt = text[p + 1] if p + 1 < len(text) else " "
    opener = (prev in _OPEN_BEFORE or prev.isspace()) and not nxt.isspace()
    closer = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    return opener, closer


def _quote_spans(
    text: str, sent_of, doubles: list[int], singles: list[int]
) -> list[tuple[int, int]]:
    """Return (open mark position, close mark position) pairs, sorted.

    *doubles* and *singles* are the positions of the ``_DOUBLE`` and ``_SINGLE_NOT_APOSTROPHE``
    marks in *text* (see :func:`_scan_docs`).
    """
    spans: list[tuple[int, int]] = []
    open_at = -1
    for p in doubles:
        ch = text[p]
        if open_at >= 0 and p - open_at > _MAX_QUOTE:
            open_at = -1
        # _mark_ok is called only where the rule reads it
        if ch in "“„«":
            is_open = True
        elif ch in "”»":
            if open_at < 0:
                opener, closer = _mark_ok(text, p)
                is_open = opener and not closer
            else:
                is_open = False
            if not is_open and open_at >= 0:
                spans.append((open_at, p))
                open_at = -1
                continue
        else:
            opener, closer = _mark_ok(text, p)
            if open_at < 0:
                is_open = opener
            elif closer:
                spans.append((open_at, p))
                open_at = -1
                continue
            else:
                is_open = opener
        if is_open:
            if open_at >= 0:
                nl = text.rfind("\n", open_at, p)
                if nl > open_at + 1:  # quote running over a paragraph: closed at its end
                    end = len(text[:nl].rstrip())
                    spans.append((open_at, end))
            open_at = p
    # single quotes outside double-quoted spans, inside one sentence
    starts = [s for s, _ in spans]
    open_at = -1
    for p in singles:
        k = bisect.bisect_right(starts, p) - 1
        if k >= 0 and spans[k][0] <= p <= spans[k][1]:
            continue
        ch = text[p]
        if ch == "’":
            if open_at < 0:
                continue
            closer = _mark_ok(text, p)[1]
        else:
            opener, closer = _mark_ok(text, p)
            if ch == "‘":
                if opener:
                    open_at = p
                    continue
            elif open_at < 0 and opener and text[p + 1 : p + 2].isalpha():  # '
                open_at = p
                continue
        if ch != "‘" and open_at >= 0 and closer:
            if p - open_at <= _MAX_SINGLE and sent_of(open_at) == sent_of(p) and p > open_at + 1:
                spans.append((open_at, p))
            open_at = -1
    spans.sort()
    return spans


def _scan_chunk(
    texts: list[str], joined: str | None = None
) -> list[tuple[list, list[int], list[int], int]]:
    """Per text: its reporting verbs (:func:`_verb_matches`) as offsets in the joined texts, the
    positions of its ``_DOUBLE`` and ``_SINGLE_NOT_APOSTROPHE`` marks, and the offset of the text
    in the joined texts (to subtract from the verbs' offsets); each found in one scan of all the
    texts.

    The texts are joined with ``"\\x00"``: no form or mark takes it in, and as a neighbour it is
    what the start or end of a text is to the patterns (not a letter, digit or white space).
    *joined* is that joined text when the caller has it already.
    """
    if joined is None:
        joined = "\x00" + "\x00".join(texts) + "\x00"
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    firsts = np.cumsum(lengths + 1) - lengths  # offset of each text in joined
    verbs = _verb_matches_joined(joined)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # _DOUBLE: " « » and “ ” „ (U+201C to U+201E; below it the unsigned difference wraps)
    doubles = np.flatnonzero(
        ((codes - 0x201C) < 3) | (codes == 0x22) | (codes == 0xAB) | (codes == 0xBB)
    )
    # ‘ ’ (U+2018, U+2019) and '
    singles = np.flatnonzero(((codes - 0x2018) < 2) | (codes == 0x27))
    # a single mark with a letter or digit on both sides is an apostrophe (joined starts and
    # ends with "\x00": every mark has both neighbours)
    singles = singles[~(_isalnum(codes[singles - 1]) & _isalnum(codes[singles + 1]))]
    verb_starts = np.array([v[0] for v in verbs], dtype=np.int64)
    ends = firsts + lengths
    v_bounds = np.searchsorted(verb_starts, ends).tolist()
    d_bounds = np.searchsorted(doubles, ends).tolist()
    s_bounds = np.searchsorted(singles, ends).tolist()
    out = []
    v0 = d0 = s0 = 0
    for off, v1, d1, s1 in zip(firsts.tolist(), v_bounds, d_bounds, s_bounds, strict=True):
        out.append(
            (verbs[v0:v1], (doubles[d0:d1] - off).tolist(), (singles[s0:s1] - off).tolist(), off)
        )
        v0, d0, s0 = v1, d1, s1
    return out


def _scan_docs(texts: list[str]) -> list[tuple[list, list[int], list[int]]]:
    """Per text: its reporting verbs (:func:`_verb_matches`), and the positions of its
    ``_DOUBLE`` and ``_SINGLE_NOT_APOSTROPHE`` marks (:func:`_scan_chunk` in each text's
    offsets)."""
    return [
        ([(a - off, b - off, w) for a, b, w in verbs], doubles, singles)
        for verbs, doubles, singles, off in _scan_chunk(texts)
    ]
