"""Documents of :func:`toolkit.attribution.find_quotes`: a sentences frame put back together.

:func:`_chunk_docs` rebuilds the text of every document from its sentences (their offsets
say where the gaps between them were), so that a quote may run over several sentences.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.errors import make_problem, report_problem

# one document: (doc_id, input row positions, doc text, sentence starts, sentence ends)
Doc = tuple[Any, list[int], str, list[int], list[int]]

# the text between two sentences, by the size of the gap: "" (none), " " (1), then a line
# break and spaces; the last entry stands for any longer gap (filled in one by one)
_SEPARATORS = np.array(["", " "] + ["\n" + " " * (g - 1) for g in range(2, 9)], dtype=object)


def _texts(sentences: pd.DataFrame, text: str, problems: list, errors: str) -> list[str]:
    """The *text* column as a list; a value that is not text reads as "" (reported unless
    missing)."""
    texts = sentences[text].tolist()
    for i in [i for i, t in enumerate(texts) if not isinstance(t, str)]:
        t = texts[i]
        if t is not None and not (isinstance(t, float) and np.isnan(t)):
            report_problem(
                make_problem(None, sentences.index[i], f"{text!r} is not text: {t!r}"),
                errors,
                problems,
            )
        texts[i] = ""
    return texts


def _chunk_docs(
    sentences: pd.DataFrame, text: str, problems: list, errors: str
) -> tuple[list[Doc], str | None]:
    """Per document, in order of first appearance: ``(doc_id, row positions, doc text,
    sentence starts, sentence ends)``; and the texts of the documents as
    ``"\\x00" + "\\x00".join(texts) + "\\x00"`` when that came along (a pyarrow ``str``
    column), else None.

    The sentences of a document are taken in the order of their ``start`` offsets and the gaps
    between them rebuilt (one space, or a line break and spaces for a longer gap); without
    usable offsets (missing, not integers, overlapping) they are joined by single spaces.
    """
    found = _build_docs_arrow(sentences, text)
    if found is not None:
        return found
    texts = _texts(sentences, text, problems, errors)
    docs = _build_docs_numpy(sentences, texts)
    if docs is None:
        docs = list(_build_docs_plain(sentences, texts))
    return docs, None


def _doc_codes(doc_ids: pd.Series) -> tuple[np.ndarray, list] | None:
    """Document number of each row (in order of first appearance) and the doc ids, or None
    when the ids are not plain integers or strings without missing values (then a ``dict``
    decides what is the same id, as in :func:`_build_docs_plain`)."""
    dtype = doc_ids.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        pass
    elif isinstance(dtype, pd.StringDtype):
        if doc_ids.hasnans:
            return None
    else:
        return None
    codes, uniques = pd.factorize(doc_ids, sort=False)
    return codes, uniques.tolist()


class _Layout(NamedTuple):
    """Where the sentences of a chunk go, for integer offsets and plain doc ids (numpy)."""

    doc_ids: list  # per document
    order: np.ndarray  # input rows by (document, start)
    in_order: bool  # order is 0, 1, 2, …
    starts: np.ndarray  # start of each sentence (in that order)
    codes: np.ndarray  # document number of each sentence


def _layout(sentences: pd.DataFrame) -> _Layout | None:
    """The sort of the sentences of :func:`_build_docs_plain`, or None when the frame has no
    integer offsets or no plain doc ids."""
    if not {"start", "end"} <= set(sentences.columns) or not len(sentences):
        return None
    start_col = sentences["start"]
    if not (isinstance(start_col.dtype, np.dtype) and start_col.dtype.kind == "i"):
        return None
    found = _doc_codes(sentences["doc_id"])
    if found is None:
        return None
    codes, doc_ids = found
    starts = start_col.to_numpy(dtype=np.int64)
    if np.abs(starts).max() >= 2**60:  # keep the sums below exact in int64
        return None
    # stable: the rows of a document by start, ties in row order (as sorted() does)
    order = np.lexsort((starts, codes))
    in_order = len(order) == 1 or bool((order[1:] > order[:-1]).all())
    return _Layout(doc_ids, order, in_order, starts[order], codes[order])


def _gaps(lay: _Layout, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per sentence (in layout order): whether it is the first of its document and the gap
    before it (from the previous sentence of its document, or from 0); per document: whether
    its sentences overlap (then the plain rule joins them by single spaces)."""
    st, cd = lay.starts, lay.codes
    first = np.ones(len(st), dtype=bool)
    first[1:] = cd[1:] != cd[:-1]
    gaps = st.copy()
    gaps[1:] -= st[:-1] + lengths[:-1]
    gaps[first] = st[first]
    overlap = np.zeros(len(lay.doc_ids), dtype=bool)
    overlap[cd[(gaps < 0) & ~first]] = True
    return first, gaps, overlap


def _separators(first: np.ndarray, gaps: np.ndarray, lead: str = "") -> list[str]:
    """The text before each sentence: " " (gap 1), "" (0), a line break and spaces (longer);
    before the first sentence of a document, *lead* and the spaces up to its start."""
    seps = _SEPARATORS[np.clip(gaps, 0, len(_SEPARATORS) - 1)].tolist()
    for k in np.flatnonzero(first | (gaps >= len(_SEPARATORS) - 1)).tolist():
        g = int(gaps[k])
        seps[k] = lead + " " * g if first[k] else "\n" + " " * (g - 1)
    return seps


def _build_docs_numpy(sentences: pd.DataFrame, texts: list[str]) -> list[Doc] | None:
    """:func:`_build_docs_plain` for integer offsets and plain doc ids, with numpy: one sort of
    every sentence by (document, start), and the gaps computed for all of them at once.

    Returns None when the frame is not of that kind.
    """
    lay = _layout(sentences)
    if lay is None:
        return None
    n = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)[lay.order]
    first, gaps, overlap = _gaps(lay, lengths)
    if lay.in_order:
        rows = list(range(n))
        texts_sorted = texts
    else:
        rows = lay.order.tolist()
        texts_sorted = [texts[i] for i in rows]
    pieces: list[str] = [""] * (2 * n)
    pieces[0::2] = _separators(first, gaps)
    pieces[1::2] = texts_sorted
    st_list = lay.starts.tolist()
    en_list = (lay.starts + lengths).tolist()
    bounds = np.flatnonzero(first).tolist() + [n]
    docs: list[Doc] = []
    for d, (j0, j1) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
        idx = rows[j0:j1]
        if overlap[d]:
            docs.append(_plain_doc(lay.doc_ids[d], idx, texts, None))
        else:
            text = "".join(pieces[2 * j0 : 2 * j1])
            docs.append((lay.doc_ids[d], idx, text, st_list[j0:j1], en_list[j0:j1]))
    return docs


def _build_docs_arrow(sentences: pd.DataFrame, text: str) -> tuple[list[Doc], str] | None:
    """:func:`_build_docs_numpy` for a pyarrow ``str`` text column, without a Python string
    per sentence: pyarrow puts each separator before its sentence, and the joined texts of
    :func:`_chunk_docs` are decoded at once; each document is a slice of them.

    Returns None for other frames, and for a chunk with overlapping or negative offsets.
    """
    col = sentences[text]
    dtype = col.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    lay = _layout(sentences)
    if lay is None or lay.starts.min() < 0:
        return None
    arr = pa.array(col.array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.null_count:
        arr = pc.fill_null(arr, "")  # a missing text reads as ""
    if not lay.in_order:
        arr = arr.take(pa.array(lay.order))
    lengths = pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64)
    first, gaps, overlap = _gaps(lay, lengths)
    if overlap.any():
        return None
    # "\x00" before each document (and one after the last), as _scan_chunk joins them
    seps = _separators(first, gaps, lead="\x00")
    pieces = pc.binary_join_element_wise(
        pa.array(seps, type=pa.large_string()), arr, pa.scalar("", type=pa.large_string())
    )
    offsets = pieces.buffers()[1]
    bounds = np.frombuffer(offsets, dtype=np.int64)[pieces.offset : pieces.offset + len(pieces) + 1]
    data = memoryview(pieces.buffers()[2])[bounds[0] : bounds[-1]]
    joined = str(data, "utf-8") + "\x00"
    # offset of each piece in joined: its separator is as long as the gap (+1 for "\x00")
    piece_len = gaps + first + lengths
    piece_at = np.cumsum(piece_len) - piece_len
    n = len(lengths)
    heads = np.flatnonzero(first)
    lasts = np.append(heads[1:], n) - 1
    doc_at = (piece_at[heads] + 1).tolist()
    doc_end = (piece_at[heads] + 1 + lay.starts[lasts] + lengths[lasts]).tolist()
    rows = list(range(n)) if lay.in_order else lay.order.tolist()
    st_list = lay.starts.tolist()
    en_list = (lay.starts + lengths).tolist()
    bounds_list = heads.tolist() + [n]
    docs: list[Doc] = [
        (doc_id, rows[j0:j1], joined[a:b], st_list[j0:j1], en_list[j0:j1])
        for doc_id, j0, j1, a, b in zip(
            lay.doc_ids, bounds_list[:-1], bounds_list[1:], doc_at, doc_end, strict=True
        )
    ]
    return docs, joined


def _plain_doc(doc_id: Any, idx: list[int], texts: list[str], offs: list[int] | None) -> Doc:
    """One document from its rows *idx* (in order): with the offsets *offs* of its sentences
    when they do not overlap, else joined by single spaces."""
    ok = offs is not None and all(
        offs[j] >= offs[j - 1] + len(texts[idx[j - 1]]) for j in range(1, len(idx))
    )
    pieces = []
    s_st = []
    pos = 0
    for j, i in enumerate(idx):
        t = texts[i]
        if ok:
            gap = offs[j] - pos
            if j == 0:
                pieces.append(" " * gap)
            else:
                pieces.append(" " if gap == 1 else ("\n" + " " * (gap - 1) if gap > 1 else ""))
            pos = offs[j]
        elif j:
            pieces.append(" ")
            pos += 1
        s_st.append(pos)
        pieces.append(t)
        pos += len(t)
    s_en = [a + len(texts[i]) for a, i in zip(s_st, idx, strict=True)]
    return doc_id, idx, "".join(pieces), s_st, s_en


def _build_docs_plain(sentences: pd.DataFrame, texts: list[str]):
    """Yield the documents of :func:`_chunk_docs` for any frame (any doc ids, any offsets)."""
    has_offsets = {"start", "end"} <= set(sentences.columns)
    doc_ids = sentences["doc_id"].tolist()
    order: dict[Any, list[int]] = {}
    for i, d in enumerate(doc_ids):
        order.setdefault(d, []).append(i)
    starts = sentences["start"].tolist() if has_offsets else None
    # integer offsets (the usual case) need no int() per row
    int_starts = has_offsets and sentences["start"].dtype.kind in "iu"
    for d, idx in order.items():
        if int_starts:
            idx = sorted(idx, key=starts.__getitem__)
            offs = list(map(starts.__getitem__, idx))
        elif has_offsets:
            try:
                idx = sorted(idx, key=lambda i: int(starts[i]))
                offs = [int(starts[i]) for i in idx]
            except (TypeError, ValueError):
                offs = None
        else:
            offs = None
        yield _plain_doc(d, idx, texts, offs)
