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

from toolkit._quote_lexicon import (  # noqa: F401 - reporting_forms, trie_regex: re-exported
    VERB_CLASSES,
    _lexicon,
    _verb_table,
    reporting_forms,
    trie_regex,
)
from toolkit._quote_speakers import _PRONOUNS
from toolkit._quotes import _doc_quotes, _scan_docs, _word_counts
from toolkit.errors import check_errors_mode, make_problem, report_problem

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


def _build_docs(sentences: pd.DataFrame, text: str, problems: list, errors: str):
    """Yield (doc_id, row positions, doc text, sentence starts, sentence ends)."""
    has_offsets = {"start", "end"} <= set(sentences.columns)
    texts = sentences[text].tolist()
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            if t is not None and not (isinstance(t, float) and np.isnan(t)):
                report_problem(
                    make_problem(None, sentences.index[i], f"{text!r} is not text: {t!r}"),
                    errors,
                    problems,
                )
            texts[i] = ""
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
        yield d, idx, "".join(pieces), s_st, s_en


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
    sent_ids = sentences["sent_id"].tolist()
    has_source = "source" in sentences.columns
    sources = sentences["source"].tolist() if has_source else None
    cache: dict[str, str] = {}
    cols = QUOTE_COLUMNS + (["source"] if has_source else [])
    records: list[tuple] = []  # one per quote: the columns of QUOTE_COLUMNS but n_words, source
    record = records.append
    row_of: list[int] = []  # the input row of each quote's first sentence (for source)
    docs = list(_build_docs(sentences, text, problems, errors))
    scans = _scan_docs([d[2] for d in docs])
    for (doc_id, idx, doc, s_st, s_en), doc_scans in zip(docs, scans, strict=True):
        rows = _doc_quotes(doc, s_st, s_en, doc_scans)
        if not rows:
            continue
        _resolve_speakers(rows, actors, cache)
        for r in rows:
            a, b = r["a"], r["b"]
            k0 = bisect.bisect_right(s_st, a) - 1
            k1 = bisect.bisect_right(s_st, max(b - 1, a)) - 1
            row_of.append(idx[k0])
            # a verb as written has no white space at its ends: this is _SPACES.sub(" ", …)
            verb = r["verb"]
            record(
                (
                    doc_id,
                    sent_ids[idx[k0]],
                    r["quote"],
                    r["kind"],
                    r["speaker"],
                    r["actor"],
                    " ".join(verb.split()) if verb else "",
                    r["verb_class"],
                    a - s_st[k0],
                    b - s_st[k1],
                    sent_ids[idx[k1]],
                    r["resolved"],
                )
            )
    if records:
        names = [c for c in QUOTE_COLUMNS if c != "n_words"]
        out = dict(zip(names, zip(*records, strict=True), strict=True))
        out["n_words"] = _word_counts(out["quote"])  # str.count(_WORD.pattern), as int64
        if has_source:
            out["source"] = [sources[i] for i in row_of]
        # one column each, in column order
        df = pd.DataFrame({c: list(out[c]) if isinstance(out[c], tuple) else out[c] for c in cols})
    else:
        df = pd.DataFrame([], columns=cols)
        df = df.astype({"quote_start": "int64", "quote_end": "int64", "n_words": "int64"})
    df.attrs["problems"] = problems
    return df


def _actor_of(phrase: str, actors: Any, cache: dict[str, str]) -> str:
    if not phrase or actors is None:
        return ""
    if phrase in cache:
        return cache[phrase]
    found = ""
    try:
        matches = actors.match(phrase)
    except Exception:  # noqa: BLE001 - a faulty matcher must not stop the analysis
        matches = []
    if matches:
        members = [m for m in matches if len(m) > 4 and m[4] == "member"]
        found = str((members or matches)[0][0])
    cache[phrase] = found
    return found


def _resolve_speakers(rows: list[dict], actors: Any, cache: dict[str, str]) -> None:
    """Fill ``resolved`` and ``actor``; pronouns take the most recent named speaker."""
    named: list[tuple[int, str, str]] = []  # (position, phrase, actor)
    actor_by_last: dict[str, str] = {}  # last word of a named speaker → latest actor
    for r in sorted(rows, key=lambda r: r["sp_pos"]):
        sp = r["speaker"]
        if not sp or sp.lower() in _PRONOUNS:
            continue
        actor = _actor_of(sp, actors, cache)
        if not actor and named:
            # a surname used again: "Mevlut Cavusoglu" … "Cavusoglu"
            actor = actor_by_last.get(sp.split()[-1], "")
        named.append((r["sp_pos"], sp, actor))
        if actor:
            actor_by_last[sp.split()[-1]] = actor
    positions = [n[0] for n in named]
    by_pos = {n[0]: n for n in named}
    for r in rows:
        sp = r["speaker"]
        if not sp:
            r["resolved"], r["actor"] = "", ""
        elif sp.lower() in _PRONOUNS:
            k = bisect.bisect_left(positions, r["sp_pos"]) - 1
            if k >= 0:
                _, ph, ac = named[k]
                r["resolved"], r["actor"] = ph, ac
            else:
                r["resolved"], r["actor"] = "", ""
        else:
            n = by_pos.get(r["sp_pos"])
            r["resolved"] = sp
            r["actor"] = n[2] if n else _actor_of(sp, actors, cache)


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
