"""Loaded language: a categorised, weighted lexicon of loaded words and their rates.

``loaded_language.csv`` under ``toolkit/resources/`` (violence, illegitimacy, victimhood, …)
is read by :func:`loaded_language` and :func:`loaded_rates`. Matching is whole-word and
case-insensitive; a space in an entry also matches a hyphen or no separator ("self defense"
finds "self-defense"). ``docs/lexicons.md`` explains the file; ``scripts/check_lexicons.py``
validates it.

This module is also the home of the framing measures as a whole: the naming variants
(:mod:`toolkit.naming`) and policy frames (:mod:`toolkit.policy_frames`) are re-exported here.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit._lexicon_common import (
    _NAME_RE,
    _VOWELS,
    LEXICON_PATH,
    WEIGHT_MAX,
    WEIGHT_MIN,
    _bounded,
    _canonical_form,
    _check_by,
    _check_frame,
    _key,
    _texts,
    _trie_regex,
)
from toolkit._lexmatch import JoinedTexts, StartTable, lead_keys
from toolkit.errors import (
    CorpusError,
    ErrorMode,
    check_errors_mode,
    make_problem,
    report_problem,
)
from toolkit.naming import NamingFamilies, find_naming, load_naming, naming_shares
from toolkit.policy_frames import FrameLexicon, frames, frames_mix, load_frames

__all__ = [
    "CATEGORIES",
    "DEFAULT_THRESHOLD",
    "FrameLexicon",
    "LoadedLexicon",
    "NamingFamilies",
    "find_naming",
    "frames",
    "frames_mix",
    "load_frames",
    "load_lexicon",
    "load_naming",
    "loaded_language",
    "loaded_rates",
    "naming_shares",
]

#: Categories of the bundled loaded-language lexicon, in display order.
CATEGORIES: tuple[str, ...] = (
    "violence",
    "illegitimacy",
    "victimhood",
    "condemnation",
    "legitimacy",
    "hedging",
    "emotive",
    "speech",
    "partisan",
    "dehumanising",
)
#: A sentence is ``loaded`` when its summed weight reaches this (see docs/lexicons.md).
DEFAULT_THRESHOLD = 2.0
POS_VALUES = ("verb", "noun", "adj", "adv", "phrase")
LEXICON_COLUMNS = ("term", "category", "weight", "pos", "forms", "note")


# --------------------------------------------------------------------------- loaded language
def _plural(word: str) -> str | None:
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return None  # already plural (libs, illegals)
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _verb_forms(word: str) -> set[str]:
    out = {word}
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        out.add(word + "es")
    elif len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        out.add(word[:-1] + "ies")
    else:
        out.add(word + "s")
    if word.endswith("ie"):
        out |= {word + "d", word[:-2] + "ying"}
    elif word.endswith("ee"):
        out |= {word + "d", word + "ing"}
    elif word.endswith("e"):
        out |= {word + "d", word[:-1] + "ing"}
    elif len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        out |= {word[:-1] + "ied", word + "ing"}
    else:
        out |= {word + "ed", word + "ing"}
        last = word.split("-")[-1]
        if (
            len(last) >= 3
            and last[-1] not in _VOWELS
            and last[-1] not in "wxy"
            and last[-2] in _VOWELS
            and last[-3] not in _VOWELS
        ):  # consonant-vowel-consonant: slam -> slammed (both spellings are kept)
            out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return out


def inflect(term: str, pos: str) -> list[str]:
    """All surface forms of a lexicon *term* for its part of speech *pos*.

    Verbs inflect their first word (``lash out`` → ``lashed out``), nouns pluralise
    their last word (``war crime`` → ``war crimes``); adjectives, adverbs and
    phrases stand as written. ``-ize`` words also get the ``-ise`` spelling.

    Examples
    --------
    >>> sorted(inflect("slam", "verb"))
    ['slam', 'slamed', 'slaming', 'slammed', 'slamming', 'slams']
    """
    words = term.split(" ")
    forms: set[str] = {term}
    if pos == "verb":
        forms |= {" ".join([f, *words[1:]]) for f in _verb_forms(words[0])}
    elif pos == "noun":
        plural = _plural(words[-1])
        if plural:
            forms.add(" ".join([*words[:-1], plural]))
    for f in list(forms):
        if re.search(r"iz(e|ing|ation)", f):
            forms.add(re.sub(r"iz(e|ing|ation)", r"is\1", f))
    return sorted(forms)


@dataclass(frozen=True)
class LoadedLexicon:
    """A compiled loaded-language lexicon.

    Attributes
    ----------
    entries : DataFrame
        One row per entry: ``term``, ``category``, ``weight``, ``pos``, ``forms``, ``note``.
    categories : tuple of str
        Category names, bundled ones first in :data:`CATEGORIES` order.
    path : str
        Where the entries came from (``""`` for an in-memory lexicon).
    problems : list of dict
        Rows that were skipped or forms claimed by an earlier entry.
    """

    entries: pd.DataFrame
    categories: tuple[str, ...]
    path: str = ""
    problems: list[dict] = field(default_factory=list)
    _lookup: dict[str, int] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern | None = field(default=None, repr=False)
    _starts: StartTable | None = field(default=None, repr=False, compare=False)

    def match(self, text: str) -> list[tuple[int, int, str, int]]:
        """Non-overlapping matches in *text* as ``(start, end, surface, entry_row)``.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> [(s, lex.entries.term[i]) for _, _, s, i in lex.match("They slammed the regime.")]
        [('slammed', 'slam'), ('regime', 'regime')]
        """
        if not text or self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(text):
            row = self._lookup.get(_key(m.group(0)))
            if row is not None:
                out.append((m.start(), m.end(), m.group(0), row))
        return out

    def forms_of(self, term: str) -> list[str]:
        """The surface forms searched for the entry whose term is *term*."""
        rows = self.entries.index[self.entries["term"] == term]
        if len(rows) == 0:
            raise ValueError(f"{term!r} is not a term of this lexicon")
        row = int(rows[0])
        return sorted(
            {f for f in _entry_forms(self.entries.loc[row]) if self._lookup.get(_key(f)) == row}
        )


def _entry_forms(row: Mapping) -> list[str]:
    term = _canonical_form(str(row["term"]))
    forms = set(inflect(term, str(row.get("pos") or "phrase")))
    extra = row.get("forms")
    if isinstance(extra, str) and extra.strip():
        forms |= {_canonical_form(f) for f in extra.split("|") if f.strip()}
    return sorted(forms)


def _validate_lexicon_rows(rows: list[dict], path: str) -> tuple[list[dict], list[dict]]:
    """Check raw lexicon rows; return (good rows, problems)."""
    good, problems = [], []
    for i, row in enumerate(rows, start=2):  # line 1 is the header
        term = (row.get("term") or "").strip()
        category = (row.get("category") or "").strip()
        pos = (row.get("pos") or "").strip() or "phrase"
        where = f"term {term!r}" if term else "entry"
        reason = None
        try:
            weight = float(row.get("weight"))
        except (TypeError, ValueError):
            weight = float("nan")
        if not term:
            reason = "empty term"
        elif not _NAME_RE.match(category):
            reason = f"{where}: category {category!r} must be a lower-case name like 'violence'"
        elif not (WEIGHT_MIN <= weight <= WEIGHT_MAX):
            reason = (
                f"{where}: weight {row.get('weight')!r} must be a number "
                f"from {WEIGHT_MIN} to {WEIGHT_MAX}"
            )
        elif pos not in POS_VALUES:
            reason = f"{where}: pos {pos!r} must be one of {list(POS_VALUES)}"
        if reason:
            problems.append(make_problem(path, i, reason))
            continue
        good.append(
            {
                "term": _canonical_form(term) if " " in term else term.lower(),
                "category": category,
                "weight": weight,
                "pos": pos,
                "forms": (row.get("forms") or "").strip(),
                "note": (row.get("note") or "").strip(),
                "line": i,
            }
        )
    return good, problems


def _assign_forms(
    records: list[dict],
) -> tuple[dict[str, int], list[str], list[tuple[int, str]], list[tuple[str, int, int]]]:
    """Give every searched form to one entry.

    Head terms are assigned first, so a term always belongs to its own entry
    whatever the file order; a generated spelling shared by two entries stays
    with the first. Returns (key -> entry row, forms, clashes, shared), where a
    clash is a term listed twice or a term that is another entry's extra form.
    """
    lookup: dict[str, int] = {}
    forms: list[str] = []
    clashes: list[tuple[int, str]] = []
    shared: list[tuple[str, int, int]] = []
    for idx, rec in enumerate(records):
        k = _key(rec["term"])
        if k in lookup:
            other = records[lookup[k]]
            clashes.append(
                (
                    idx,
                    f"term {rec['term']!r} ({rec['category']}) is listed twice "
                    f"(also as {other['term']!r}, {other['category']}); keep one entry",
                )
            )
            continue
        lookup[k] = idx
        forms.append(_canonical_form(rec["term"]))
    for idx, rec in enumerate(records):
        for form in _entry_forms(rec):
            k = _key(form)
            owner = lookup.get(k)
            if owner is None or owner == idx:
                lookup[k] = idx
                forms.append(form)  # spellings with and without separators all searched
            else:
                if k in {_key(f) for f in str(rec.get("forms") or "").split("|") if f}:
                    clashes.append(
                        (
                            idx,
                            f"form {form!r} of {rec['term']!r} is the term of another "
                            f"entry ({records[owner]['term']!r}); remove it from forms",
                        )
                    )
                elif records[owner]["term"] != rec["term"]:
                    shared.append((form, owner, idx))
    return lookup, sorted(set(forms)), clashes, shared


def _build_lexicon(
    rows: list[dict], path: str, problems: list[dict], errors: ErrorMode
) -> LoadedLexicon:
    entries = pd.DataFrame(rows, columns=[*LEXICON_COLUMNS, "line"])
    lookup, all_forms, clashes, _ = _assign_forms(entries.to_dict("records"))
    for idx, reason in clashes:
        report_problem(make_problem(path, int(rows[idx]["line"]), reason), errors, problems)
    cats = [c for c in CATEGORIES if c in set(entries["category"])]
    cats += sorted(set(entries["category"]) - set(cats))
    pattern = re.compile(_bounded(_trie_regex(all_forms)), re.IGNORECASE) if all_forms else None
    return LoadedLexicon(
        entries=entries.drop(columns="line"),
        categories=tuple(cats),
        path=path,
        problems=problems,
        _lookup=lookup,
        _pattern=pattern,
        _starts=StartTable([{k for f in all_forms for k in lead_keys(_canonical_form(f))}]),
    )


def read_lexicon_rows(path: str | Path) -> list[dict]:
    """Raw rows of a lexicon CSV (for ``scripts/check_lexicons.py``)."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: lexicon file not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"term", "category", "weight"} - set(reader.fieldnames or [])
        if missing:
            raise CorpusError(
                f"{path}: lexicon needs columns term, category, weight (optional pos, forms, "
                f"note); missing {sorted(missing)}; header is {reader.fieldnames}"
            )
        return list(reader)


def _compile_rows(raw: list[dict], where: str, path: str, errors: ErrorMode) -> LoadedLexicon:
    """Validate raw rows (bad ones reported under *where*) and compile the lexicon."""
    rows, problems = _validate_lexicon_rows(raw, where)
    kept: list[dict] = []
    for p in problems:
        report_problem(p, errors, kept)
    return _build_lexicon(rows, path, kept, errors)


@lru_cache(maxsize=8)
def _load_lexicon_cached(path: str, mtime: float, errors: str) -> LoadedLexicon:
    return _compile_rows(read_lexicon_rows(path), path, path, errors)  # type: ignore[arg-type]


def load_lexicon(
    lexicon: str | Path | pd.DataFrame | LoadedLexicon | None = None,
    *,
    errors: ErrorMode = "raise",
) -> LoadedLexicon:
    """Load and compile a loaded-language lexicon.

    Parameters
    ----------
    lexicon : path, DataFrame, LoadedLexicon or None
        ``None`` for the bundled ``resources/loaded_language.csv``; a CSV path or a
        DataFrame with columns ``term``, ``category``, ``weight`` (optional ``pos``,
        ``forms`` — extra forms separated by ``|`` — and ``note``).
    errors : {"raise", "warn", "skip"}
        What to do with a bad row (empty term, weight outside 0.5–3, unknown pos, a
        term that another entry already claims): raise ``CorpusError``, warn and
        skip it, or skip it silently. Skipped rows are listed in ``.problems``.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> "violence" in lex.categories
    True
    >>> own = load_lexicon(pd.DataFrame({"term": ["bonkers"], "category": ["emotive"],
    ...                                  "weight": [2]}))
    >>> own.match("a bonkers plan")[0][2]
    'bonkers'
    """
    check_errors_mode(errors)
    if isinstance(lexicon, LoadedLexicon):
        return lexicon
    if lexicon is None:
        lexicon = LEXICON_PATH
    if isinstance(lexicon, (str, Path)):
        path = Path(lexicon).resolve()
        if not path.exists():
            raise CorpusError(f"{lexicon}: lexicon file not found")
        return _load_lexicon_cached(str(path), path.stat().st_mtime, errors)
    if isinstance(lexicon, pd.DataFrame):
        missing = {"term", "category", "weight"} - set(lexicon.columns)
        if missing:
            raise ValueError(
                f"lexicon DataFrame needs columns term, category, weight; missing "
                f"{sorted(missing)}; columns are {list(lexicon.columns)}"
            )
        raw = [
            {k: ("" if pd.isna(v) else str(v)) for k, v in rec.items()}
            for rec in lexicon.to_dict("records")
        ]
        return _compile_rows(raw, "<lexicon DataFrame>", "", errors)
    raise TypeError(
        f"lexicon must be None, a path, a DataFrame or a LoadedLexicon, "
        f"not {type(lexicon).__name__}"
    )


def loaded_language(
    data: pd.DataFrame,
    *,
    text: str = "text",
    lexicon: str | Path | pd.DataFrame | LoadedLexicon | None = None,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Find loaded words in each row of *data*.

    Parameters
    ----------
    data : DataFrame
        Sentences (or documents) with a text column.
    text : str
        Name of the text column.
    lexicon : path, DataFrame, LoadedLexicon or None
        See :func:`load_lexicon`; ``None`` uses the bundled lexicon.
    threshold : float, optional
        Score from which a row counts as ``loaded``; default
        :data:`DEFAULT_THRESHOLD` (2.0: one strong word or two milder ones).

    Returns
    -------
    DataFrame
        Same index as *data*: ``loaded_score`` (sum of the weights of the matched
        terms), ``loaded`` (``loaded_score >= threshold``), ``loaded_terms`` (list of
        the matched words as written), ``n_words`` and one count column
        ``loaded_<category>`` per lexicon category.

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["Officials slammed the so-called regime.",
    ...                             "The meeting was held on Monday."]})
    >>> out = loaded_language(df)
    >>> out.loaded.tolist(), out.loaded_terms[0]
    ([True, False], ['slammed', 'so-called', 'regime'])
    """
    _check_frame(data, text)
    lex = load_lexicon(lexicon)
    thr = DEFAULT_THRESHOLD if threshold is None else float(threshold)
    weights = lex.entries["weight"].to_numpy(dtype=float).tolist()
    cat_pos = {c: i for i, c in enumerate(lex.categories)}
    entry_cat = np.array([cat_pos[c] for c in lex.entries["category"]], dtype=int)
    texts = _texts(data, text)
    n = len(texts)
    joined = JoinedTexts(texts)
    scores = [0.0] * n
    terms: list[list[str]] = [[] for _ in range(n)]
    hit_rows: list[int] = []
    hit_entries: list[int] = []
    if lex._pattern is not None:
        # one pass over all texts (see toolkit._lexmatch); same matches as lex.match(text)
        starts = lex._starts or StartTable([[()]])
        at, _, _, surfaces, _ = joined.scan(lex._pattern, joined.candidates(starts)[0])
        lookup = lex._lookup
        for i, surface in zip(at.tolist(), surfaces, strict=True):
            row = lookup.get(_key(surface))
            if row is not None:
                terms[i].append(surface)
                scores[i] += weights[row]  # left to right, as before: same float sums
                hit_rows.append(i)
                hit_entries.append(row)
    counts = np.zeros((n, len(lex.categories)), dtype=int)
    np.add.at(counts, (hit_rows, entry_cat[hit_entries]), 1)
    score_arr = np.array(scores, dtype=float)
    columns = {
        "loaded_score": score_arr,
        "loaded": score_arr >= thr,
        "loaded_terms": terms,
        "n_words": joined.word_counts().tolist(),  # a list, as before (dtype when empty)
    }
    for j, c in enumerate(lex.categories):
        columns[f"loaded_{c}"] = counts[:, j]
    return pd.DataFrame(columns, index=data.index)


def loaded_rates(
    data: pd.DataFrame,
    *,
    by: str = "source",
    text: str = "text",
    lexicon: str | Path | pd.DataFrame | LoadedLexicon | None = None,
) -> pd.DataFrame:
    """Loaded words per 1,000 words, per group and category.

    Parameters
    ----------
    data : DataFrame
        Sentences or documents with a text column and a *by* column. When it already
        holds the ``n_words`` and ``loaded_<category>`` columns of :func:`loaded_language`
        (and *lexicon* is the bundled one), those counts are summed without re-scoring.
    by : str
        Column to group by (usually ``"source"``).
    text, lexicon
        As in :func:`loaded_language`.

    Returns
    -------
    DataFrame
        ``<by>``, ``category`` (each lexicon category, then ``"all"``), ``n_terms``
        (matched words), ``n_words`` (all words of the group), ``rate_per_1000``.
        Every group gets a row for every category, zero counts included.

    Examples
    --------
    >>> df = pd.DataFrame({"source": ["A", "B"],
    ...                    "text": ["A brutal massacre.", "Talks went on."]})
    >>> r = loaded_rates(df)
    >>> r[(r.category == "all")][["source", "n_terms", "n_words"]].values.tolist()
    [['A', 2, 3], ['B', 0, 3]]
    """
    _check_by(data, by, "data")
    lex = load_lexicon(lexicon)
    cat_cols = [f"loaded_{c}" for c in lex.categories]
    if lexicon is None and {"n_words", *cat_cols} <= set(data.columns):
        scored = data  # already scored by loaded_language (bundled lexicon): reuse the counts
    else:
        _check_frame(data, text)
        scored = loaded_language(data, text=text, lexicon=lex)
    grouped = (
        pd.concat([data[[by]], scored[["n_words", *cat_cols]]], axis=1)
        .groupby(by, sort=False, dropna=False)
        .sum()
    )
    grouped["loaded_all"] = grouped[cat_cols].sum(axis=1)
    rows = []
    for key, g in grouped.iterrows():
        for c in [*lex.categories, "all"]:
            n_terms = int(g[f"loaded_{c}"])
            n_words = int(g["n_words"])
            rate = 1000.0 * n_terms / n_words if n_words else float("nan")
            rows.append((key, c, n_terms, n_words, rate))
    return pd.DataFrame(rows, columns=[by, "category", "n_terms", "n_words", "rate_per_1000"])
