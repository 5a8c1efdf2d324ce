"""Quotes, speakers and reporting verbs: whose voice a source carries.

:func:`find_quotes` finds direct quotes, partial quotes and reported speech in a sentences
frame and says who speaks (``speaker`` as written, ``speaker_actor`` through an actor
dictionary) and with which reporting verb (``verb``, ``verb_class``). :func:`voice` and
:func:`verb_classes` turn the quotes frame into per-source tables.

The rules are written out in ``docs/attribution-and-agency.md``. In short:

* quote marks: curly and straight double quotes, curly and straight single quotes (told apart
  from apostrophes by what stands on either side); a quote may run over several sentences;
* a reporting verb right after a quote (``“…,” said X`` / ``“…,” X said``) or right before it
  (``X said: “…”``) makes a *direct* quote; a quote inside the clause governed by a reporting
  verb (``X said NATO is “deeply concerned”``) is a *partial* quote; a reporting verb with a
  clause and no quote (``X said that …``, ``…, he added``, ``according to X, …``) is *reported*
  speech;
* ``“A,” he said, “B.”`` is one quote; ``he/she/they/it`` as speaker is resolved to the most
  recent named speaker of the same document (coreference by recency).

The reporting verbs and their classes are in ``toolkit/resources/reporting_verbs.csv``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from toolkit._quote_actors import _fill_actor_cache, _resolve_speakers
from toolkit._quote_docs import _chunk_docs
from toolkit._quote_lexicon import (  # noqa: F401 - reporting_forms, trie_regex: re-exported
    VERB_CLASSES,
    _lexicon,
    _verb_table,
    reporting_forms,
    trie_regex,
)
from toolkit._quote_speakers import _PRONOUNS
from toolkit._quotes import _doc_quotes, _scan_chunk, _word_counts
from toolkit.errors import check_errors_mode

__all__ = ["find_quotes", "reporting_verbs", "voice", "verb_classes", "VERB_CLASSES", "QUOTE_KINDS"]

QUOTE_KINDS = ("direct", "partial", "reported")
QUOTE_COLUMNS = [
    "doc_id",
    "sent_id",
    "quote",
    "kind",
    "speaker",
    "speaker_actor",
    "verb",
    "verb_class",
    "n_words",
    "quote_start",
    "quote_end",
    "end_sent_id",
    "speaker_resolved",
]

# --------------------------------------------------------------------------- lexicon


def reporting_verbs() -> pd.DataFrame:
    """Return the reporting-verb lexicon, one row per word form.

    Columns: ``form`` (lower case, may be two words), ``lemma``, ``verb_class``
    (``neutral`` | ``doubt`` | ``endorse`` | ``emphasis``) and ``complement`` (``clause``: any
    clause may follow; ``cue``: needs *that*, a colon, a quote or a *to*-infinitive; ``object``:
    a listener comes first, as in *told reporters*; ``according``: *according to X*).

    Examples
    --------
    >>> lex = reporting_verbs()
    >>> lex.set_index("form").loc["claimed", "verb_class"]
    'doubt'
    """
    return _lexicon().copy()


# --------------------------------------------------------------------------- public


def find_quotes(
    sentences: pd.DataFrame,
    actors: Any = None,
    *,
    text: str = "text",
    errors: str = "warn",
) -> pd.DataFrame:
    """Find direct quotes, partial quotes and reported speech, with speaker and verb.

    Parameters
    ----------
    sentences : DataFrame
        A sentences frame (``doc_id``, ``sent_id``, *text*; ``start``/``end`` offsets are used
        to rebuild each document so quotes can run over several sentences; ``source`` is copied
        to the result when present).
    actors : ActorDictionary, optional
        Anything with ``.match(text)`` returning ``(actor_id, label, start, end, via, member)``
        tuples; the speaker phrase is matched against it to fill ``speaker_actor``.
    text : str
        Name of the text column.
    errors : {"warn", "skip", "raise"}
        What to do with a row whose text is not a string (it is read as empty text).

    Returns
    -------
    DataFrame
        One row per quote or attribution: ``doc_id``, ``sent_id``, ``quote``, ``kind``
        (``direct`` | ``partial`` | ``reported``), ``speaker`` (as written), ``speaker_actor``
        (actor id or ""), ``verb`` (as written), ``verb_class``, ``n_words``, ``quote_start``
        (offset in sentence ``sent_id``), ``quote_end`` (offset in sentence ``end_sent_id``),
        ``end_sent_id``, ``speaker_resolved`` (the named speaker a pronoun stands for) and
        ``source`` when the input has it.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0],
    ...                   "text": ["“We will win,” the minister said."]})
    >>> q = find_quotes(s)
    >>> q.loc[0, ["quote", "kind", "speaker", "verb_class"]].tolist()
    ['We will win', 'direct', 'the minister', 'neutral']
    """
    check_errors_mode(errors)
    if not isinstance(sentences, pd.DataFrame):
        raise TypeError(
            f"find_quotes expects a sentences DataFrame, got {type(sentences).__name__}"
        )
    missing = [c for c in ("doc_id", "sent_id", text) if c not in sentences.columns]
    if missing:
        raise ValueError(
            f"find_quotes: sentences frame has no column(s) {missing}; columns are "
            f"{list(sentences.columns)}; pass text= to name the text column"
        )
    if actors is not None and not hasattr(actors, "match"):
        raise TypeError("actors must have a .match(text) method (see toolkit.actors.load_actors)")
    problems: list[dict] = []
    has_source = "source" in sentences.columns
    cols = QUOTE_COLUMNS + (["source"] if has_source else [])
    docs, joined = _chunk_docs(sentences, text, problems, errors)
    scans = _scan_chunk([d[2] for d in docs], joined)
    found = []  # (document, its rows)
    for doc, doc_scans in zip(docs, scans, strict=True):
        rows = _doc_quotes(doc[2], doc[3], doc[4], doc_scans)
        if rows:
            found.append((doc, rows))
    # the actors of every named speaker of the chunk, in one pass of the dictionary
    cache: dict[str, str] = {}
    speakers = [r["speaker"] for _, rows in found for r in rows]
    _fill_actor_cache([s for s in speakers if s and s.lower() not in _PRONOUNS], actors, cache)
    records: list[tuple] = []  # one per quote: the columns of QUOTE_COLUMNS but a few
    record = records.append
    first_rows: list[int] = []  # the input row of each quote's first sentence
    last_rows: list[int] = []  # and of its last
    for (doc_id, idx, _, s_st, _), rows in found:
        _resolve_speakers(rows, actors, cache)
        for r in rows:
            a, b = r["a"], r["b"]
            k0 = bisect.bisect_right(s_st, a) - 1
            k1 = bisect.bisect_right(s_st, max(b - 1, a)) - 1
            first_rows.append(idx[k0])
            last_rows.append(idx[k1])
            # a verb as written has no white space at its ends, nor runs of it inside
            verb = r["verb"]
            record(
                (
                    doc_id,
                    r["quote"],
                    r["kind"],
                    r["speaker"],
                    r["actor"],
                    " ".join(verb.split()) if verb else "",
                    r["verb_class"],
                    a - s_st[k0],
                    b - s_st[k1],
                    r["resolved"],
                )
            )
    if records:
        names = [c for c in QUOTE_COLUMNS if c not in _FROM_ROWS]
        out: dict[str, Any] = dict(zip(names, map(list, zip(*records, strict=True)), strict=True))
        str_dtype = _arrow_str_dtype()
        out["doc_id"] = _values_at(sentences["doc_id"], first_rows, str_dtype, out["doc_id"])
        out["sent_id"] = _values_at(sentences["sent_id"], first_rows, str_dtype)
        out["end_sent_id"] = _values_at(sentences["sent_id"], last_rows, str_dtype)
        out["n_words"] = _word_counts(out["quote"])  # str.count(_WORD.pattern), as int64
        if has_source:
            out["source"] = _values_at(sentences["source"], first_rows, str_dtype)
        for c in _TEXT_COLUMNS:
            out[c] = _str_array(out[c], str_dtype)
        for c in ("quote_start", "quote_end"):
            out[c] = np.array(out[c], dtype=np.int64)
        df = pd.DataFrame({c: out[c] for c in cols}, copy=False)  # in column order
    else:
        df = pd.DataFrame([], columns=cols)
        df = df.astype({"quote_start": "int64", "quote_end": "int64", "n_words": "int64"})
    df.attrs["problems"] = problems
    return df


# columns filled from the input rows, not from the quote records
_FROM_ROWS = ("sent_id", "end_sent_id", "n_words")


def _arrow_str_dtype() -> Any:
    """The dtype the DataFrame constructor gives a list of str when it is pandas' pyarrow-backed
    ``str`` dtype (pandas 3), else None."""
    dtype = pd.Series(["x"]).dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return dtype
    return None


# columns whose values are always Python str
_TEXT_COLUMNS = (
    "quote",
    "kind",
    "speaker",
    "speaker_actor",
    "verb",
    "verb_class",
    "speaker_resolved",
)


def _str_array(values: list[str], str_dtype: Any) -> Any:
    """*values* (all ``str``) as the DataFrame constructor would store them: with the pyarrow
    ``str`` dtype (see :func:`_arrow_str_dtype`) straight through pyarrow, which skips the
    constructor's inference."""
    if str_dtype is None:
        return values
    return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=str_dtype)


def _values_at(col: pd.Series, rows: list[int], str_dtype: Any, values: list | None = None) -> Any:
    """The column of the output frame holding *col*'s values at the input *rows*.

    The output has always been built from a list of the values (*values* when given, else
    taken from the column), whose type the DataFrame constructor infers. For an ``int64``
    column, or a ``str`` column without missing values, that gives the column's own dtype, so
    the values are taken as they are, without turning each into a Python object and back.
    """
    dtype = col.dtype
    if (isinstance(dtype, np.dtype) and dtype == np.int64) or (
        str_dtype is not None and dtype == str_dtype and not col.hasnans
    ):
        return col.array.take(np.asarray(rows, dtype=np.intp))
    if values is not None:
        return values
    objs = col.tolist()
    return [objs[i] for i in rows]


# --------------------------------------------------------------------------- tables


def _check_by(quotes: pd.DataFrame, by: str, fn: str) -> None:
    if not isinstance(quotes, pd.DataFrame):
        raise TypeError(f"{fn} expects the quotes DataFrame from find_quotes")
    if by not in quotes.columns:
        raise ValueError(
            f"{fn}: column {by!r} not in quotes; columns are {list(quotes.columns)}. "
            "Pass by= or add a source column to the sentences before find_quotes"
        )


def voice(
    quotes: pd.DataFrame, *, by: str = "source", kinds: Sequence[str] = QUOTE_KINDS
) -> pd.DataFrame:
    """Whose voice each source carries: quoted words per speaker actor.

    Parameters
    ----------
    quotes : DataFrame
        Output of :func:`find_quotes` with a *by* column.
    by : str
        Column to group by (``source`` by default).
    kinds : sequence of str
        Which quote kinds to count (all by default).

    Returns
    -------
    DataFrame
        ``source`` (named after *by*), ``speaker_actor`` ("" = unknown speaker), ``n_quotes``,
        ``quoted_words`` and ``share`` (share of the source's quoted words).

    Examples
    --------
    >>> q = pd.DataFrame({"source": ["a", "a"], "speaker_actor": ["TUR", ""],
    ...                   "n_words": [6, 2], "kind": ["direct", "partial"]})
    >>> voice(q)["share"].tolist()
    [0.25, 0.75]
    """
    _check_by(quotes, by, "voice")
    bad = sorted(set(kinds) - set(QUOTE_KINDS))
    if bad:
        raise ValueError(f"kinds {bad} not valid; choose from {list(QUOTE_KINDS)}")
    q = quotes[quotes["kind"].isin(list(kinds))] if "kind" in quotes.columns else quotes
    cols = [by, "speaker_actor", "n_quotes", "quoted_words", "share"]
    if q.empty:
        return pd.DataFrame(columns=cols)
    g = (
        q.assign(speaker_actor=q["speaker_actor"].fillna("").astype(str))
        .groupby([by, "speaker_actor"], sort=True)
        .agg(n_quotes=("n_words", "size"), quoted_words=("n_words", "sum"))
        .reset_index()
    )
    total = g.groupby(by)["quoted_words"].transform("sum")
    g["share"] = np.where(total > 0, g["quoted_words"] / total.where(total > 0, 1), 0.0)
    return g[cols]


def verb_classes(quotes: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Share of each reporting-verb class per source (rows without a verb left out).

    Returns
    -------
    DataFrame
        ``source`` (named after *by*), ``verb_class``, ``n``, ``share``.

    Examples
    --------
    >>> q = pd.DataFrame({"source": ["a", "a", "a"], "verb_class": ["neutral", "doubt", ""]})
    >>> verb_classes(q)["share"].tolist()
    [0.5, 0.5]
    """
    _check_by(quotes, by, "verb_classes")
    cols = [by, "verb_class", "n", "share"]
    q = quotes[quotes["verb_class"].fillna("").astype(str) != ""]
    if q.empty:
        return pd.DataFrame(columns=cols)
    g = q.groupby([by, "verb_class"], sort=True).size().rename("n").reset_index()
    g["share"] = g["n"] / g.groupby(by)["n"].transform("sum")
    return g[cols]
