"""Actor mentions in sentences, and suggestions of actors a dictionary is missing.

The dictionary format and matching rules are documented in :mod:`toolkit._actor_dict`;
:func:`load_actors` and :class:`ActorDictionary` are re-exported here.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

from toolkit._actor_dict import (
    ActorDictionary,
    ActorDictionaryError,
    _Alias,
    bundled_actor_dictionaries,
    load_actors,
)
from toolkit.text import _check_text_frame

__all__ = [
    "ActorDictionary",
    "ActorDictionaryError",
    "bundled_actor_dictionaries",
    "find_mentions",
    "load_actors",
    "suggest_actors",
]

MENTION_COLUMNS = [
    "mention_id",
    "doc_id",
    "sent_id",
    "actor",
    "label",
    "start",
    "end",
    "via",
    "member",
]

# --------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------

_SEP = "\x00"  # joins sentence texts; never part of an alias and not whitespace


def _texts(values: Iterable) -> list[str]:
    return [v if isinstance(v, str) else "" for v in values]


def _resolve_dates(sentences: pd.DataFrame, date: Any) -> list[_dt.date | None] | None:
    if date is None:
        return None
    n = len(sentences)
    if isinstance(date, str) and date in sentences.columns:
        col = pd.to_datetime(sentences[date], errors="coerce", utc=True)
        return [None if pd.isna(v) else v.date() for v in col]
    try:
        ts = pd.Timestamp(date)
    except (ValueError, TypeError):
        ts = None
    if ts is None or pd.isna(ts):
        raise ValueError(
            f"date={date!r} is neither a column of sentences ({list(sentences.columns)}) nor a date; "
            "pass date='published' (a column) or a date such as '2020-10-05'"
        )
    return [ts.date()] * n


def find_mentions(
    sentences: pd.DataFrame,
    actors: Any,
    *,
    text: str = "text",
    date: Any = None,
) -> pd.DataFrame:
    """Find every mention of a dictionary actor in each sentence.

    Parameters
    ----------
    sentences : DataFrame
        The *sentences* frame (``doc_id``, ``sent_id``, ``text``); any frame with a text
        column works: without ``sent_id`` every row counts as sentence 0, without ``doc_id``
        the index is used as the document id. Missing (NaN) or empty texts yield nothing.
    actors : ActorDictionary, path, bundled name or dict
        Anything :func:`load_actors` accepts.
    text : str, default "text"
        Column holding the sentence text.
    date : None, str or date-like, default None
        Member dates (``from``/``to``) are ignored by default: a member alias always matches.
        Give a column name (e.g. ``"published"``) or one date to drop member mentions whose
        term of office does not contain that date; rows with an unknown date (NaT) keep all
        member mentions. A dropped member match is not replaced by a shorter alias inside it.
        ``split_sentences`` copies the date with ``keep=("source", "published")``.

    Returns
    -------
    DataFrame
        One row per mention, in sentence order then text order, with columns
        ``mention_id`` (``"{doc_id}:{sent_id}:{start}"``), ``doc_id``, ``sent_id``, ``actor``,
        ``label`` (the surface form matched, e.g. ``"Turkish"``; possessive ``'s`` excluded),
        ``start``, ``end`` (offsets into the sentence text), ``via`` (``"alias"`` or
        ``"member"``), ``member`` (member name or ``""``), plus ``source`` when *sentences*
        has it.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d1"], "sent_id": [0],
    ...                   "text": ["Turkey's Cavusoglu met NATO’s chief."]})
    >>> find_mentions(s, "karabakh")[["actor", "label", "start", "end", "via"]].values.tolist()
    [['turkey', 'Turkey', 0, 6, 'alias'], ['turkey', 'Cavusoglu', 9, 18, 'member'], ['nato', 'NATO', 23, 27, 'alias']]
    """
    _check_text_frame(sentences, text, "sentences")
    adict = load_actors(actors)
    dates = _resolve_dates(sentences, date)
    texts = _texts(sentences[text].tolist())
    doc_ids = (
        sentences["doc_id"].tolist() if "doc_id" in sentences.columns else list(sentences.index)
    )
    sent_ids = sentences["sent_id"].tolist() if "sent_id" in sentences.columns else [0] * len(texts)
    has_source = "source" in sentences.columns
    sources = sentences["source"].tolist() if has_source else None

    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    big = _SEP.join(texts)

    rows: list[int] = []
    m_start: list[int] = []
    m_end: list[int] = []
    m_alias: list[_Alias] = []
    row = 0
    n = len(starts)
    for s, e, al in adict._spans(big):
        if row + 1 < n and s >= starts[row + 1]:
            row = bisect.bisect_right(starts, s, lo=row) - 1
        if dates is not None and al.via == "member":
            d = dates[row]
            if d is not None and (
                (al.start is not None and d < al.start) or (al.end is not None and d > al.end)
            ):
                continue
        base = starts[row]
        rows.append(row)
        m_start.append(s - base)
        m_end.append(e - base)
        m_alias.append(al)

    rows, m_start, m_end, m_alias = _merge_titled(texts, rows, m_start, m_end, m_alias)
    out_doc = [doc_ids[r] for r in rows]
    out_sid = [sent_ids[r] for r in rows]
    data: dict[str, Any] = {
        "mention_id": [
            f"{d}:{si}:{st}" for d, si, st in zip(out_doc, out_sid, m_start, strict=True)
        ],
        "doc_id": out_doc,
        "sent_id": out_sid,
        "actor": [al.actor for al in m_alias],
        "label": [texts[r][a:b] for r, a, b in zip(rows, m_start, m_end, strict=True)],
        "start": pd.array(m_start, dtype="int64"),
        "end": pd.array(m_end, dtype="int64"),
        "via": [al.via for al in m_alias],
        "member": [al.member for al in m_alias],
    }
    if has_source:
        data["source"] = [sources[r] for r in rows]
    result = pd.DataFrame(data)
    for col in ("doc_id", "sent_id") + (("source",) if has_source else ()):
        if col in sentences.columns:
            with contextlib.suppress(TypeError, ValueError):
                result[col] = result[col].astype(sentences[col].dtype)
    result.attrs["problems"] = list(sentences.attrs.get("problems", []))
    return result


_TITLE_GAP = re.compile(r"\s+(?:[\w.'’-]+\s+){0,4}")


def _merge_titled(
    texts: list[str], rows: list[int], starts: list[int], ends: list[int], aliases: list[_Alias]
) -> tuple[list[int], list[int], list[int], list[_Alias]]:
    """One mention for "NATO Secretary General Jens Stoltenberg" or "Turkish Foreign Minister
    Mevlut Cavusoglu": an actor alias followed by an office title and a member of the same
    actor is one person, not two mentions (attention would count the actor twice)."""
    out: tuple[list[int], list[int], list[int], list[_Alias]] = ([], [], [], [])
    i, n = 0, len(rows)
    while i < n:
        r, s, e, al = rows[i], starts[i], ends[i], aliases[i]
        if (
            i + 1 < n
            and rows[i + 1] == r
            and aliases[i + 1].actor == al.actor
            and aliases[i + 1].via == "member"
        ):
            gap = texts[r][e : starts[i + 1]]
            words = gap.split()
            first_words = texts[r][s:e].split()
            titled = any(w.lower().strip(".") in _TITLES for w in words) or (
                first_words[-1].lower() in _TITLES
            )
            if (
                titled
                and _TITLE_GAP.fullmatch(gap)
                and all(w[:1].isupper() or w.lower() in _TITLES or w in _CONNECTORS for w in words)
            ):
                e, al = ends[i + 1], aliases[i + 1]
                i += 1
        out[0].append(r)
        out[1].append(s)
        out[2].append(e)
        out[3].append(al)
        i += 1
    return out


# --------------------------------------------------------------------------------------
# Suggestions
# --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’][sS]$")
_PARTS = re.compile(r"[-'’]")
# Lower-case words allowed inside a name when a capitalised word follows ("Ministry of Defence").
_CONNECTORS = frozenset("of the for de du des la le al el bin ibn von van der den da di".split())  # noqa: SIM905
# Titles and honorifics break a name ("President | Recep Tayyip Erdogan") and are never suggested.
_TITLES = frozenset(
    """president presidents vice prime minister ministers secretary general chancellor
    premier spokesman spokeswoman spokesperson foreign defence defense interior mr mrs ms
    dr sir madam sen senator rep gov governor king queen prince pope ambassador envoy chief
    commander gen col lt capt adm sgt deputy acting former leader""".split()  # noqa: SIM905
)
_STOP = frozenset(
    """a an the and or but if then so as at by for from in into of on to with without
    he she it we they i you his her its our their my your this that these those there here
    what which who whom whose when where why how all any both each few more most other some
    such no nor not only own same than too very can will just should now also however after
    before while since during over under again further once about against between through
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec yes meanwhile according many several one two three""".split()  # noqa: SIM905
)
# A capitalised word after one of these (or at the start of a line) starts a sentence or quote.
_INITIAL_CHARS = frozenset('.!?:;"“”‘«»—–([')


@lru_cache(maxsize=1)
def _run_pattern() -> re.Pattern:
    """Regex for a run of capitalised words joined by single spaces or connectors.

    ``re`` has no class for Unicode capitals, so one is built (once) from the BMP.
    """
    upper = [c for c in range(0x10000) if chr(c).isupper() or chr(c).istitle()]
    ranges, lo, prev = [], upper[0], upper[0]
    for c in upper[1:] + [-1]:
        if c != prev + 1:
            ranges.append(re.escape(chr(lo)) + ("-" + re.escape(chr(prev)) if prev > lo else ""))
            lo = c
        prev = c
    cap = "[" + "".join(ranges) + r"]\w*(?:[-'’]\w+)*"
    conn = "|".join(sorted(_CONNECTORS))
    return re.compile(rf"(?<![\w'’-]){cap}(?:(?: (?:{conn}))* {cap})*(?![\w'’-])")


def _split_run(text: str, offset: int, initial: bool) -> list[list[tuple[str, int, int, bool]]]:
    """Cut a run of capitalised words into names: titles ("President", and the office in
    "Secretary of State") and compounds ending in lower case ("Russian-made") cut it;
    connectors are kept only inside a name."""
    out: list[list[tuple[str, int, int, bool]]] = []
    run: list[tuple[str, int, int, bool]] = []
    pending: list[tuple[str, int, int, bool]] = []
    state = ""  # "title" after a title word, "title of" after "Secretary of"
    for m in _TOKEN.finditer(text):
        tok = m.group()
        item = (tok, offset + m.start(), offset + m.end(), initial and m.start() == 0)
        if tok[0].islower():  # a connector (the run pattern admits nothing else)
            if run:
                pending.append(item)
            state = "title of" if state == "title" and tok == "of" else ""
            continue
        breaker = not _is_cap(tok) or tok.lower() in _TITLES or state == "title of"
        if breaker:
            if run:
                out.append(run)
            run, pending = [], []
            state = "title" if _is_cap(tok) else ""
        else:
            run.extend(pending)
            pending = []
            run.append(item)
            state = ""
    if run:
        out.append(run)
    return out


def suggest_actors(
    documents: pd.DataFrame,
    actors: Any = None,
    *,
    text: str = "text",
    min_count: int = 3,
    top: int = 50,
) -> pd.DataFrame:
    """List frequent proper names that the actor dictionary does not cover yet.

    A candidate is a run of capitalised words, possibly joined by lower-case connectors
    ("Ministry of Defence", "Jean-Yves Le Drian"); titles ("President", "Minister", "Mr") split
    runs and are dropped; possessive ``'s`` is removed. A capitalised word at the start of a
    sentence or quote is kept only when it is not a stop word and the corpus never uses it in
    lower case ("Many", "Fighting" are dropped; "Baku" stays). A run is *covered* — and not
    suggested — when a dictionary match covers its last word (the head of the name):
    "Recep Tayyip Erdogan" is covered by "Erdogan", "Turkish Airlines" is not covered by
    "Turkish".

    Parameters
    ----------
    documents : DataFrame
        Any frame with a text column (documents or sentences).
    actors : ActorDictionary, path, bundled name or dict, optional
        The dictionary whose coverage is checked; None suggests every frequent name.
    text : str, default "text"
        Column holding the text.
    min_count : int, default 3
        Minimum number of occurrences.
    top : int, default 50
        Maximum number of rows returned (most frequent first).

    Returns
    -------
    DataFrame
        Columns ``name``, ``count``, ``n_docs``, ``example`` (a short snippet around the first
        occurrence), sorted by count, then n_docs, then name.

    Examples
    --------
    >>> docs = pd.DataFrame({"text": ["Aliyev met Vladislav Novak in Baku."] * 3})
    >>> suggest_actors(docs, "karabakh")["name"].tolist()
    ['Vladislav Novak']
    """
    _check_text_frame(documents, text, "documents")
    for name, v in (("min_count", min_count), ("top", top)):
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, not {v!r}")
    adict = load_actors(actors) if actors is not None else None
    texts = _texts(documents[text].tolist())

    words_seen: set[str] = set()  # every word form of the corpus, to spot lower-case uses
    # (document row, run of (token, start, end, sentence-initial), text, covered)
    found: list[tuple[int, list[tuple[str, int, int, bool]], str, bool]] = []
    run_pattern = _run_pattern()
    for row, doc in enumerate(texts):
        if not doc:
            continue
        words_seen.update(_TOKEN.findall(doc))
        spans = [(s, e) for s, e, _ in adict._spans(doc)] if adict is not None else []
        line_start = 0
        for line in doc.split("\n"):
            if not _title_like(line):
                for m in run_pattern.finditer(line):
                    before = line[: m.start()].rstrip()
                    initial = not before or before[-1] in _INITIAL_CHARS
                    for run in _split_run(m.group(), line_start + m.start(), initial):
                        found.append((row, run, doc, _covered(run[-1], spans)))
            line_start += len(line) + 1

    counts: Counter = Counter()
    docs_of: dict[str, set[int]] = {}
    not_initial: set[str] = set()
    example: dict[str, str] = {}
    for r, run, doc, covered in found:
        if covered:
            continue
        # Drop sentence-initial common words ("The", "Fighting") at the start of the run.
        while run and run[0][3] and (run[0][0].lower() in _STOP or run[0][0].lower() in words_seen):
            run = run[1:]
        if not run:
            continue
        words = [_POSSESSIVE.sub("", t[0]) for t in run]
        if len(words) == 1 and (words[0].lower() in _STOP or len(words[0]) < 2):
            continue
        name = " ".join(words)
        counts[name] += 1
        docs_of.setdefault(name, set()).add(r)
        if not run[0][3]:
            not_initial.add(name)
        if name not in example:
            example[name] = _snippet(doc, run[0][1], run[-1][2])
    rows = [
        (name, c, len(docs_of[name]), example[name])
        for name, c in counts.items()
        if c >= min_count and (" " in name or name in not_initial)
    ]
    rows.sort(key=lambda x: (-x[1], -x[2], x[0]))
    out = pd.DataFrame(rows[:top], columns=["name", "count", "n_docs", "example"])
    return out.astype({"count": "int64", "n_docs": "int64"})


def _is_cap(tok: str) -> bool:
    """A capitalised word or code ("Baku", "S-400", "Nagorno-Karabakh"), not a compound
    ending in a lower-case part ("Russian-made")."""
    if "-" not in tok and "'" not in tok and "’" not in tok:
        return True
    last = _PARTS.split(_POSSESSIVE.sub("", tok))[-1]
    return bool(last) and (last[0].isupper() or last[0].isdigit())


def _title_like(line: str) -> bool:
    """A headline-style line: several words, most of them capitalised, no final stop."""
    if len(line) > 200 or line.rstrip().endswith((".", "?", "!", "”", '"', ":")):
        return False
    words = [w for w in line.split() if w.lower() not in _STOP]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w.lstrip("‘'“\"(")[:1].isupper())
    return caps / len(words) >= 0.7


def _snippet(doc: str, s: int, e: int, width: int = 60) -> str:
    a = max(0, s - width)
    b = min(len(doc), e + width)
    if a > 0:
        a = doc.find(" ", a, s) + 1 or a
    if b < len(doc):
        b = doc.rfind(" ", e, b) if doc.rfind(" ", e, b) > 0 else b
    text = " ".join(doc[a:b].split())
    return ("…" if a > 0 else "") + text + ("…" if b < len(doc) else "")


def _covered(last: tuple[str, int, int, bool], spans: list[tuple[int, int]]) -> bool:
    """True when a dictionary match covers the head of a name: the last part of its last
    word, possessive removed ("Erdogan" in "Recep Tayyip Erdogan", "Armenia" in
    "Azerbaijan-Armenia")."""
    if not spans:
        return False
    tok, s, e, _ = last
    core = _POSSESSIVE.sub("", tok)
    e = s + len(core)
    head = _PARTS.split(core)[-1]
    s = e - len(head)
    k = bisect.bisect_right(spans, (s, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= s and spans[k][1] >= e
