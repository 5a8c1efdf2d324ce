"""Text cleaning, date parsing and duplicate detection for the documents frame.

Private helpers of :mod:`toolkit.corpus`; nothing here reads files.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import functools
import re
import unicodedata
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

# Invisible characters removed from every text: zero-width space / non-joiner / joiner,
# word joiner, BOM / zero-width no-break space, soft hyphen, left-to-right / right-to-left marks.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")


def clean_text(text: object, *, lines: str = "auto") -> str:
    """Normalise a text: NFC, no invisible characters, tidy whitespace, paragraphs as ``"\\n\\n"``.

    Quotation marks (straight and curly) and all other visible characters are kept as they are.

    Parameters
    ----------
    text : object
        The raw text; ``None``/NaN give ``""``.
    lines : {"auto", "paragraph", "join"}
        What a single line break inside a block means: ``"paragraph"`` (each line is a
        paragraph, as in extracted HTML), ``"join"`` (soft wrap: join with a space) or
        ``"auto"`` (join when the text separates paragraphs with blank lines, else paragraph).

    Examples
    --------
    >>> clean_text("  A\\u00a0 “quoted”\\u200b word.\\r\\n\\r\\n\\r\\nNext ")
    'A “quoted” word.\\n\\nNext'
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    s = str(text)
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    s = _INVISIBLE_RE.sub("", s)
    # splitlines() breaks on \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029;
    # str.split() collapses every Unicode space (NBSP, thin space, tab, ...).
    rows = [" ".join(ln.split()) for ln in s.strip().splitlines()]
    if lines == "auto":
        lines = "join" if "" in rows else "paragraph"
    elif lines not in ("join", "paragraph"):
        raise ValueError(
            f"lines={lines!r} is not valid; choose one of ['auto', 'paragraph', 'join']"
        )
    if lines == "paragraph":
        return "\n\n".join(r for r in rows if r)
    paras: list[str] = []
    block: list[str] = []
    for r in rows:
        if r:
            block.append(r)
        elif block:
            paras.append(" ".join(block))
            block = []
    if block:
        paras.append(" ".join(block))
    return "\n\n".join(paras)


def clean_line(text: object) -> str:
    """Clean a one-line field (title, author, source): NFC, single spaces, no line breaks."""
    return clean_text(text, lines="join").replace("\n\n", " ")


# --------------------------------------------------------------------------- dates
_TZINFOS = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5 * 3600,
    "EDT": -4 * 3600,
    "CST": -6 * 3600,
    "CDT": -5 * 3600,
    "MST": -7 * 3600,
    "MDT": -6 * 3600,
    "PST": -8 * 3600,
    "PDT": -7 * 3600,
    "CET": 3600,
    "CEST": 7200,
    "BST": 3600,
}


def _to_utc(value: _dt.datetime) -> pd.Timestamp:
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def parse_date(value: object) -> pd.Timestamp:
    """Parse one date value (ISO string, RFC 822 string, datetime, epoch number) to UTC or NaT.

    Naive dates and times are taken to be UTC.

    Examples
    --------
    >>> parse_date("Wed, 03 Jan 2018 13:47:00 +0100")
    Timestamp('2018-01-03 12:47:00+0000', tz='UTC')
    """
    if value is None or value is pd.NaT:
        return pd.NaT
    try:
        if isinstance(value, pd.Timestamp | _dt.datetime):
            return _to_utc(value)
        if isinstance(value, _dt.date):
            return pd.Timestamp(value).tz_localize("UTC")
        if isinstance(value, int | float | np.integer | np.floating):
            if np.isnan(value):
                return pd.NaT
            unit = "ms" if abs(value) > 1e11 else "s"
            return pd.Timestamp(value, unit=unit, tz="UTC")
    except (ValueError, OverflowError, TypeError):
        return pd.NaT
    s = str(value).strip()
    if not s:
        return pd.NaT
    try:
        return _to_utc(pd.Timestamp(s))
    except (ValueError, OverflowError, TypeError):
        pass
    try:
        return _to_utc(email.utils.parsedate_to_datetime(s))
    except (ValueError, TypeError, IndexError, OverflowError):
        pass
    try:
        from dateutil import parser as _dparser

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _to_utc(_dparser.parse(s, tzinfos=_TZINFOS))
    except (ValueError, OverflowError, TypeError, LookupError):
        return pd.NaT


_NS_MIN = pd.Timestamp("1678-01-01", tz="UTC")
_NS_MAX = pd.Timestamp("2261-12-31", tz="UTC")


def parse_dates(values: Sequence[object]) -> pd.Series:
    """Parse many date values to a ``datetime64[ns, UTC]`` Series (NaT where unknown).

    Dates outside what nanosecond timestamps hold (years before 1678 or after 2261, as in
    a page's "0001-01-01" placeholder) become NaT.
    """
    values = list(values)
    strs = [v if isinstance(v, str) else None for v in values]
    # Fast path: ISO 8601 strings in one vectorised call.
    iso = pd.to_datetime(pd.Series(strs, dtype=object), utc=True, errors="coerce", format="ISO8601")
    result: list[object] = []
    for i, v in enumerate(values):
        ts = iso.iat[i]
        if pd.isna(ts) and v is not None and not (isinstance(v, str) and not v.strip()):
            ts = parse_date(v)
        if pd.isna(ts) or not (_NS_MIN <= ts <= _NS_MAX):
            ts = pd.NaT
        result.append(ts)
    out = pd.Series(result, index=range(len(values)), dtype=object)
    return pd.to_datetime(out, utc=True).astype("datetime64[ns, UTC]")


# --------------------------------------------------------------------------- batch cleaning
# Most texts arrive already clean (JSON Lines exports, text that went through clean_text
# once). A text is "tidy" when clean_text would return it unchanged apart from NFC: no
# invisible characters, no whitespace but " " and "\n", words separated by one " ",
# paragraphs by exactly "\n\n", nothing to strip at either end. `_tidy_mask` finds those
# with a few numpy passes over the code points of all texts at once, so only the others go
# through the line-by-line clean.
_WHITESPACE = [c for c in range(0x3001) if chr(c).isspace()]  # what str.split() splits on


@functools.lru_cache(maxsize=1)
def _char_tables() -> tuple[np.ndarray, np.ndarray]:
    """``(odd, space)`` lookup tables over all code points.

    *odd*: whitespace other than " " and "\\n", and the invisible characters;
    *space*: every character ``str.isspace()`` accepts.
    """
    space = np.zeros(0x110000, dtype=bool)
    space[_WHITESPACE] = True
    odd = space.copy()
    odd[[ord(" "), ord("\n")]] = False
    odd[[ord(c) for c in _INVISIBLE]] = True
    return odd, space


def _tidy_mask(texts: Sequence[str]) -> np.ndarray:
    """For each string of *texts*, whether its whitespace is already in clean_text's form.

    True means: no invisible character, no whitespace but single " " between words and
    "\\n\\n" between paragraphs, and no whitespace at either end (NFC is not checked).
    """
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=bool)
    odd, space = _char_tables()
    # "\x00" between texts: neither " " nor "\n", so no pair below straddles two texts.
    cp = np.frombuffer("\x00".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    bad = odd[cp]
    sp = cp == 32
    nl = cp == 10
    bad[:-1] |= sp[:-1] & (sp[1:] | nl[1:])  # "  " or " \n"
    bad[:-1] |= nl[:-1] & sp[1:]  # "\n "
    nl_before = np.concatenate(([False], nl[:-1]))
    nl_after = np.concatenate((nl[1:], [False]))
    bad |= nl & (nl_before == nl_after)  # a lone "\n", or the middle of "\n\n\n"
    tidy = np.ones(n, dtype=bool)
    tidy[np.searchsorted(starts, np.flatnonzero(bad), side="right") - 1] = False
    full = lengths > 0
    ends = starts + lengths - 1
    tidy[full] &= ~space[cp[starts[full]]] & ~space[cp[ends[full]]]
    return tidy


def clean_texts(values: Sequence[object], *, lines: str = "auto") -> list[str]:
    """:func:`clean_text` of every value of *values*, in one batch.

    Strings already in clean form (see :func:`_tidy_mask`) and NFC are kept as they are;
    only the others (and non-strings: None, NaN, numbers) are cleaned one by one.
    """
    if lines not in ("auto", "join", "paragraph"):
        raise ValueError(
            f"lines={lines!r} is not valid; choose one of ['auto', 'paragraph', 'join']"
        )
    values = list(values)
    out: list[str] = [""] * len(values)
    at = [i for i, v in enumerate(values) if type(v) is str]
    tidy = _tidy_mask([values[i] for i in at]).tolist()
    for i, ok in zip(at, tidy, strict=True):
        s = values[i]
        out[i] = s if ok and unicodedata.is_normalized("NFC", s) else clean_text(s, lines=lines)
    if len(at) < len(values):
        for i in set(range(len(values))).difference(at):
            out[i] = clean_text(values[i], lines=lines)
    return out


def clean_lines(values: Sequence[object]) -> list[str]:
    """:func:`clean_line` of every value of *values*, in one batch."""
    return [s.replace("\n\n", " ") for s in clean_texts(values, lines="join")]


# --------------------------------------------------------------------------- duplicates
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BASE = np.uint64(0x100000001B3)  # odd: the base of the polynomial hash of a word's bytes


def _unique(a: np.ndarray) -> np.ndarray:
    a = np.sort(a)
    if len(a) < 2:
        return a
    return a[np.concatenate(([True], a[1:] != a[:-1]))]


def _word_keys(texts: Sequence[str | None], *, cleaned: bool = False) -> list[str]:
    """Each text lower-cased with its words joined by single spaces (``""``: no words).

    *cleaned*: the texts are :func:`clean_text` output, so their whitespace is tidy.
    """
    texts = [t or "" for t in texts]
    tidy = [True] * len(texts) if cleaned else _tidy_mask(texts).tolist()
    # A tidy text's only whitespace is " " and "\n\n": one replace is the split and join.
    return [
        t.lower().replace("\n\n", " ") if ok else " ".join(t.lower().split())
        for t, ok in zip(texts, tidy, strict=True)
    ]


_BLOCK = 1 << 16  # bytes hashed per block: the block's arrays stay in cache


@functools.lru_cache(maxsize=1)
def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``BASE**i`` and ``BASE**-i`` (mod 2**64) for ``i`` in ``0..n``."""
    inverse = np.uint64(pow(int(_BASE), -1, 2**64))
    up = np.full(n + 1, _BASE, dtype=np.uint64)
    down = np.full(n + 1, inverse, dtype=np.uint64)
    up[0] = down[0] = 1
    return np.cumprod(up), np.cumprod(down)


def _word_codes(keys: list[str]) -> np.ndarray:
    """Number the words of *keys* (single-space separated) in order of first appearance.

    The same numbers as ``pd.factorize`` of the list of words gives, without making one
    Python string per word: each word gets the 64-bit polynomial hash
    ``sum((byte_j + 1) * BASE**j)`` of its UTF-8 bytes (from prefix sums, a block of
    words at a time), and the hashes are factorized. (Two different words with the same
    64-bit hash would share a number.)
    """
    data = np.frombuffer(" ".join(keys).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    n = len(data)
    gaps = np.flatnonzero(data == 32)
    starts = np.concatenate(([0], gaps + 1))
    ends = np.concatenate((gaps, [n]))
    hashes = np.empty(len(starts), dtype=np.uint64)
    # blocks of whole words, a new one at the first word starting after each _BLOCK bytes
    cuts = np.searchsorted(starts, np.arange(0, n, _BLOCK), side="left")
    cuts = np.unique(np.append(cuts, len(starts)))
    for w0, w1 in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True):
        lo, hi = int(starts[w0]), int(ends[w1 - 1])
        # a block is longer than _BLOCK only when it holds one very long word
        up, down = _powers(_BLOCK) if hi - lo <= _BLOCK else _powers.__wrapped__(hi - lo)
        prefix = np.zeros(hi - lo + 1, dtype=np.uint64)
        weighted = data[lo:hi].astype(np.uint64)
        weighted += np.uint64(1)
        weighted *= up[: hi - lo]
        np.cumsum(weighted, out=prefix[1:])
        s, e = starts[w0:w1] - lo, ends[w0:w1] - lo
        hashes[w0:w1] = (prefix[e] - prefix[s]) * down[s]
    hashes ^= (ends - starts).astype(np.uint64) * _MIX
    codes, _ = pd.factorize(hashes, sort=False)
    return codes


def _shingle_hashes(codes: np.ndarray, lengths: np.ndarray, shingle: int) -> np.ndarray:
    """64-bit hashes of the word *shingle*-grams inside each text, texts one after another.

    *codes* are the word numbers of all texts in a row, *lengths* the words per text
    (each at least *shingle*).
    """
    flat = (codes.astype(np.uint64) + np.uint64(1)) * _MIX
    flat ^= flat >> np.uint64(29)
    m = len(flat) - shingle + 1
    sh = np.zeros(m, dtype=np.uint64)
    for k in range(shingle):
        sh = (sh * np.uint64(1099511628211)) ^ flat[k : k + m]
    # drop the grams that run into the next text: the last shingle-1 starts of each text
    keep = np.ones(len(flat), dtype=bool)
    ends = np.cumsum(lengths)
    keep[(ends[:, None] - np.arange(1, shingle)).ravel()] = False
    return sh[keep[:m]]


def _minhash(sh: np.ndarray, offsets: np.ndarray, counts: np.ndarray, num_perm: int):
    """MinHash signatures (texts × *num_perm*) of the shingle hashes *sh* of each text.

    Text ``i`` owns ``sh[offsets[i] : offsets[i] + counts[i]]``. The texts are done in
    blocks of about 32,000 shingles so that each of the *num_perm* passes stays in cache.
    """
    rng = np.random.default_rng(20240517)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    n_docs = len(offsets)
    sig = np.empty((n_docs, num_perm), dtype=np.uint64)
    ends = offsets + counts
    buf = np.empty(len(sh), dtype=np.uint64)
    tmp = np.empty(len(sh), dtype=np.uint64)
    first = 0
    while first < n_docs:
        stop = max(int(np.searchsorted(ends, offsets[first] + 32768, side="right")), first + 1)
        lo, hi = offsets[first], ends[stop - 1]
        part, hv, shifted = sh[lo:hi], buf[: hi - lo], tmp[: hi - lo]
        local = offsets[first:stop] - lo
        for p in range(num_perm):  # hv = mix(sh * a + b), in place
            np.multiply(part, a[p], out=hv)
            hv += b[p]
            np.right_shift(hv, np.uint64(31), out=shifted)
            hv ^= shifted
            sig[first:stop, p] = np.minimum.reduceat(hv, local)
        first = stop
    return sig


def find_duplicates(
    texts: Sequence[str],
    ids: Sequence[str],
    *,
    threshold: float = 0.8,
    shingle: int = 5,
    num_perm: int = 32,
    bands: int = 16,
    cleaned: bool = False,
) -> list[str | None]:
    """Flag exact and near duplicates: for each text the id of the earliest copy, else ``None``.

    Texts are compared as sets of word *shingle*-grams (lower-cased, whitespace-separated
    words); two texts are copies when their Jaccard similarity is at least *threshold*,
    or when their normalised texts are equal. Candidates come from MinHash
    locality-sensitive hashing (*num_perm* hashes in *bands* bands), then are checked
    exactly, so no pair below *threshold* is ever flagged. With 16 bands of 2 hashes a
    pair at Jaccard 0.8 is missed with probability 1e-7. Each copy points to the earliest
    text of its group, in input order. *cleaned* says the texts are :func:`clean_text`
    output (a shortcut; the result is the same).

    Examples
    --------
    >>> a = "one two three four five six seven eight nine ten"
    >>> find_duplicates([a, "Other text entirely here", a.upper()], ["x", "y", "z"])
    [None, None, 'x']
    """
    n = len(texts)
    root = list(range(n))
    exact: dict[str, int] = {}
    docs: list[int] = []
    lengths_list: list[int] = []
    kept: list[str] = []
    for i, key in enumerate(_word_keys(texts, cleaned=cleaned)):
        if not key:
            continue
        if key in exact:
            root[i] = exact[key]
            continue
        exact[key] = i
        n_words = key.count(" ") + 1
        if n_words >= shingle:
            docs.append(i)
            lengths_list.append(n_words)
            kept.append(key)

    if len(docs) > 1:
        lengths = np.array(lengths_list)
        sh = _shingle_hashes(_word_codes(kept), lengths, shingle)
        counts = lengths - shingle + 1  # shingles that stay inside each text
        offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))
        sig = _minhash(sh, offsets, counts, num_perm)
        rows = num_perm // bands
        sets: dict[int, np.ndarray] = {}

        def shingles(pos: int) -> np.ndarray:
            if pos not in sets:
                sets[pos] = _unique(sh[offsets[pos] : offsets[pos] + counts[pos]])
            return sets[pos]

        buckets: dict[tuple[int, bytes], list[int]] = {}
        for pos in range(len(docs)):
            candidates: set[int] = set()
            for band in range(bands):
                key = (band, sig[pos, band * rows : (band + 1) * rows].tobytes())
                lst = buckets.setdefault(key, [])
                candidates.update(lst)
                lst.append(pos)
            for other in sorted(candidates):
                x, y = shingles(pos), shingles(other)
                inter = len(np.intersect1d(x, y, assume_unique=True))
                if inter / (len(x) + len(y) - inter) >= threshold:
                    root[docs[pos]] = root[docs[other]]
                    break
    result: list[str | None] = [None] * n
    for i in range(n):  # resolve chains: root[i] <= i and root[root[i]] is already final
        root[i] = root[root[i]]
        if root[i] != i:
            result[i] = ids[root[i]]
    return result
