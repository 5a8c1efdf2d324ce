"""Text cleaning, date parsing and duplicate detection for the documents frame.

Private helpers of :mod:`toolkit.corpus`; nothing here reads files.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import re
import unicodedata
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

# Invisible characters removed from every text: zero-width space / non-joiner / joiner,
# word joiner, BOM / zero-width no-break space, soft hyphen, left-to-right / right-to-left marks.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")


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


# --------------------------------------------------------------------------- duplicates
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _unique(a: np.ndarray) -> np.ndarray:
    a = np.sort(a)
    if len(a) < 2:
        return a
    return a[np.concatenate(([True], a[1:] != a[:-1]))]


def find_duplicates(
    texts: Sequence[str],
    ids: Sequence[str],
    *,
    threshold: float = 0.8,
    shingle: int = 5,
    num_perm: int = 32,
    bands: int = 16,
) -> list[str | None]:
    """Flag exact and near duplicates: for each text the id of the earliest copy, else ``None``.

    Texts are compared as sets of word *shingle*-grams (lower-cased, whitespace-separated
    words); two texts are copies when their Jaccard similarity is at least *threshold*,
    or when their normalised texts are equal. Candidates come from MinHash
    locality-sensitive hashing (*num_perm* hashes in *bands* bands), then are checked
    exactly, so no pair below *threshold* is ever flagged. With 16 bands of 2 hashes a
    pair at Jaccard 0.8 is missed with probability 1e-7. Each copy points to the earliest
    text of its group, in input order.

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
    all_tokens: list[str] = []
    for i, text in enumerate(texts):
        tokens = (text or "").lower().split()
        if not tokens:
            continue
        key = " ".join(tokens)
        if key in exact:
            root[i] = exact[key]
            continue
        exact[key] = i
        if len(tokens) >= shingle:
            docs.append(i)
            lengths_list.append(len(tokens))
            all_tokens.extend(tokens)

    if len(docs) > 1:
        lengths = np.array(lengths_list)
        codes, _ = pd.factorize(np.array(all_tokens, dtype=object), sort=False)
        flat = (codes.astype(np.uint64) + np.uint64(1)) * _MIX
        flat ^= flat >> np.uint64(29)
        m = len(flat) - shingle + 1
        sh = np.zeros(m, dtype=np.uint64)
        for k in range(shingle):
            sh = (sh * np.uint64(1099511628211)) ^ flat[k : k + m]
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        counts = lengths - shingle + 1  # shingles that stay inside each text
        keep = np.zeros(m, dtype=bool)
        for s0, c in zip(starts, counts, strict=True):
            keep[s0 : s0 + c] = True
        sh = sh[keep]
        offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))
        rng = np.random.default_rng(20240517)
        a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        sig = np.empty((len(docs), num_perm), dtype=np.uint64)
        for p in range(num_perm):
            hv = sh * a[p] + b[p]
            hv ^= hv >> np.uint64(31)
            sig[:, p] = np.minimum.reduceat(hv, offsets)
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
