"""Loaded language, naming variants and policy frames.

Three plain-text lexicons under ``toolkit/resources/`` drive this module:

* ``loaded_language.csv`` — a categorised, weighted lexicon of loaded words
  (violence, illegitimacy, victimhood, …), read by :func:`loaded_language` and
  :func:`loaded_rates`;
* ``naming/<name>.yaml`` — families of competing names for the same thing
  ("Nagorno-Karabakh" / "Upper Karabakh" / "Artsakh"), read by :func:`load_naming`,
  :func:`find_naming` and :func:`naming_shares`;
* ``frames.yaml`` — indicator words for the 15 policy frame dimensions of the
  Media Frames Corpus codebook, read by :func:`frames` and :func:`frames_mix`.

All matching is whole-word and case-insensitive; a space in a lexicon entry also
matches a hyphen or no separator ("self defense" finds "self-defense" and
"selfdefense"). ``docs/lexicons.md`` explains how each file is organised and
how to extend it; ``scripts/check_lexicons.py`` validates and normalises them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from toolkit.errors import (
    CorpusError,
    ErrorMode,
    check_errors_mode,
    make_problem,
    report_problem,
)

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

RESOURCES = Path(__file__).resolve().parent / "resources"
LEXICON_PATH = RESOURCES / "loaded_language.csv"
FRAMES_PATH = RESOURCES / "frames.yaml"
NAMING_DIR = RESOURCES / "naming"

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
WEIGHT_MIN, WEIGHT_MAX = 0.5, 3.0
POS_VALUES = ("verb", "noun", "adj", "adv", "phrase")
LEXICON_COLUMNS = ("term", "category", "weight", "pos", "forms", "note")

_SEP_CHARS = " -\u2010\u2011\u2013"
_SEP_RE = r"(?:\s+|\s*[-\u2010\u2011\u2013]\s*)?"
_APOS_RE = "['\u2019]"
_WORD_RE = re.compile(r"\w+(?:['\u2019\-]\w+)*")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_VOWELS = set("aeiou")


# --------------------------------------------------------------------------- shared helpers
@lru_cache(maxsize=1 << 16)
def _key(surface: str) -> str:
    """Lookup key of a surface form: lower case, curly apostrophe straightened, no separators."""
    s = surface.lower().replace("\u2019", "'")
    return "".join(ch for ch in s if ch not in _SEP_CHARS and not ch.isspace())


def _char_re(ch: str) -> str:
    if ch == " ":
        return _SEP_RE
    if ch == "'":
        return _APOS_RE
    if ch == "*":
        return r"\w*"
    return re.escape(ch)


def _canonical_form(form: str) -> str:
    """Collapse runs of separators to one space so equivalent spellings share a trie path."""
    form = form.strip().lower().replace("\u2019", "'")
    return re.sub(r"[\s\-\u2010\u2011\u2013]+", " ", form)


def _trie_regex(forms: Iterable[str]) -> str:
    """One regex alternation for many forms, built as a character trie.

    The trie makes the alternation fast (no re-trying of shared prefixes) and,
    because every optional continuation is greedy, the longest form wins.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in _canonical_form(form):
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        alts = [_char_re(ch) + emit(child) for ch, child in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _bounded(body: str) -> str:
    """Whole-word match; a word right after ``non-`` is not counted (non-violent)."""
    return rf"(?<!\w)(?<!non-)(?:{body})(?!\w)"


def _check_frame(data: object, text: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"expected a pandas DataFrame with a {text!r} column, got {type(data).__name__}; "
            "wrap plain strings as pd.DataFrame({'text': [...]})"
        )
    if text not in data.columns:
        raise ValueError(
            f"no {text!r} column; columns are {list(data.columns)}; pass text= to name it"
        )
    return data


def _texts(data: pd.DataFrame, text: str) -> list[str]:
    return [t if isinstance(t, str) else "" for t in data[text].tolist()]


def _check_by(data: pd.DataFrame, by: str, what: str) -> None:
    if by not in data.columns:
        hint = ""
        if by == "source" and "doc_id" in data.columns:
            hint = (
                "; add it from the documents first: "
                "data.merge(documents[['doc_id', 'source']], on='doc_id')"
            )
        raise ValueError(
            f"{what} has no {by!r} column to group by; columns are {list(data.columns)}{hint}"
        )


def _word_count(text: str) -> int:
    """Number of words (letters/digits, with inner apostrophes and hyphens) in *text*."""
    return len(_WORD_RE.findall(text)) if isinstance(text, str) else 0


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


@lru_cache(maxsize=8)
def _load_lexicon_cached(path: str, mtime: float, errors: str) -> LoadedLexicon:
    rows, problems = _validate_lexicon_rows(read_lexicon_rows(path), path)
    kept: list[dict] = []
    for p in problems:
        report_problem(p, errors, kept)  # type: ignore[arg-type]
    return _build_lexicon(rows, path, kept, errors)  # type: ignore[arg-type]


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
        rows, problems = _validate_lexicon_rows(raw, "<lexicon DataFrame>")
        kept: list[dict] = []
        for p in problems:
            report_problem(p, errors, kept)
        return _build_lexicon(rows, "", kept, errors)
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
    weights = lex.entries["weight"].to_numpy(dtype=float)
    cat_pos = {c: i for i, c in enumerate(lex.categories)}
    entry_cat = np.array([cat_pos[c] for c in lex.entries["category"]], dtype=int)
    texts = _texts(data, text)
    n = len(texts)
    scores = np.zeros(n)
    counts = np.zeros((n, len(lex.categories)), dtype=int)
    terms: list[list[str]] = []
    for i, t in enumerate(texts):
        found = lex.match(t)
        terms.append([m[2] for m in found])
        for *_, row in found:
            scores[i] += weights[row]
            counts[i, entry_cat[row]] += 1
    out = pd.DataFrame(
        {
            "loaded_score": scores,
            "loaded": scores >= thr,
            "loaded_terms": terms,
            "n_words": [_word_count(t) for t in texts],
        },
        index=data.index,
    )
    for j, c in enumerate(lex.categories):
        out[f"loaded_{c}"] = counts[:, j]
    return out


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


# --------------------------------------------------------------------------- naming variants
_GAP_RE = re.compile(r"^\*(\d)?$")


def _naming_form_regex(form: str) -> str:
    """Regex for one surface form of a naming family (see module docs for the syntax)."""
    tokens = form.split()
    if not tokens:
        raise ValueError("empty form")
    if _GAP_RE.match(tokens[0]) or _GAP_RE.match(tokens[-1]):
        raise ValueError(f"form {form!r}: a gap '*' must stand between two words")
    parts: list[str] = []
    for i, tok in enumerate(tokens):
        gap = _GAP_RE.match(tok)
        if gap:
            if _GAP_RE.match(tokens[i - 1]):
                raise ValueError(f"form {form!r}: two gaps in a row")
            n = int(gap.group(1) or 2)
            if not 1 <= n <= 5:
                raise ValueError(f"form {form!r}: a gap allows 1 to 5 words, not {n}")
            parts.append(rf"\s+(?:[\w'\u2019.\-]+\s+){{0,{n}}}")
            continue
        if "*" in tok:
            raise ValueError(f"form {form!r}: '*' must be a word of its own (a gap)")
        if parts and not parts[-1].startswith(r"\s+(?:"):
            parts.append(_SEP_RE)
        parts.append("".join(_char_re(" " if ch in "-\u2010\u2011\u2013" else ch) for ch in tok))
    return "".join(parts)


def _form_rank(form: str) -> tuple[int, str]:
    """Sort key: forms that can match longer text come first."""
    size = 0
    for tok in form.split():
        gap = _GAP_RE.match(tok)
        size += 10 * int(gap.group(1) or 2) if gap else len(tok) + 1
    return (-size, form.lower())


@dataclass(frozen=True)
class NamingFamily:
    """One family of competing names; ``variants`` maps canonical names to surface forms."""

    id: str
    label: str
    variants: dict[str, list[str]]
    ignore_case: bool = True
    exclude: tuple[str, ...] = ()
    _pattern: re.Pattern | None = field(default=None, repr=False)
    _groups: dict[str, str | None] = field(default_factory=dict, repr=False)
    _needles: tuple[str, ...] | None = field(default=None, repr=False)

    def could_match(self, text: str, folded: str | None = None) -> bool:
        """False when *text* holds none of the words every form starts with (a fast pre-check).

        *folded* is ``_fold(text)``, passed in when several families check one text.
        """
        if self._needles is None:
            return True
        if self.ignore_case:
            text = _fold(text) if folded is None else folded
        return any(n in text for n in self._needles)

    def match(self, text: str) -> list[tuple[str, str, int, int]]:
        """Matches in *text* as ``(variant, label, start, end)``, left to right."""
        if not text or self._pattern is None or not self.could_match(text):
            return []
        return self._scan(text)

    def _scan(self, text: str) -> list[tuple[str, str, int, int]]:
        out = []
        for m in self._pattern.finditer(text):
            variant = self._groups[m.lastgroup]
            if variant is not None:  # None marks an excluded phrase
                out.append((variant, m.group(0), m.start(), m.end()))
        return out


def _compile_family(fam: NamingFamily) -> NamingFamily:
    items: list[tuple[str, str | None]] = [
        (form, variant) for variant, forms in fam.variants.items() for form in forms
    ]
    items += [(form, None) for form in fam.exclude]
    items.sort(key=lambda it: _form_rank(it[0]))
    groups: dict[str, str | None] = {}
    alts = []
    for i, (form, variant) in enumerate(items):
        groups[f"v{i}"] = variant
        alts.append(f"(?P<v{i}>{_naming_form_regex(form)})")
    flags = re.IGNORECASE if fam.ignore_case else 0
    pattern = re.compile(_bounded("|".join(alts)), flags) if alts else None
    return NamingFamily(
        fam.id,
        fam.label,
        fam.variants,
        fam.ignore_case,
        fam.exclude,
        pattern,
        groups,
        _family_needles(fam),
    )


# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not turn into
# that one letter (sre's case-folding fixes: dotless i, long s, Kelvin sign, dotted capital I).
_FOLD_PAIRS = (("\u0131", "i"), ("\u0130", "i"), ("\u017f", "s"), ("\u212a", "k"))
_FOLD_TABLE = str.maketrans(dict(_FOLD_PAIRS))


def _fold(text: str) -> str:
    """Lower-case *text* so that an ASCII needle is found wherever re.IGNORECASE would match."""
    return text.translate(_FOLD_TABLE).lower() if not text.isascii() else text.lower()


def _family_needles(fam: NamingFamily) -> tuple[str, ...] | None:
    """Literal starts of every variant form (a sentence without any of them cannot match).

    None (no pre-check) when a form does not start with plain ASCII letters or digits.
    """
    needles: set[str] = set()
    for forms in fam.variants.values():
        for form in forms:
            first = form.split()[0]
            lead = ""
            for ch in first:
                if not (ch.isascii() and ch.isalnum()):
                    break
                lead += ch
            if not lead:
                return None
            needles.add(lead.lower() if fam.ignore_case else lead)
    # a needle that contains another is redundant
    kept = sorted(needles, key=len)
    out: list[str] = []
    for n in kept:
        if not any(k in n for k in out):
            out.append(n)
    return tuple(out)


@dataclass(frozen=True)
class NamingFamilies:
    """Families of competing names, as returned by :func:`load_naming`."""

    families: tuple[NamingFamily, ...]
    path: str = ""
    _any: re.Pattern | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One search for the needles of every family: most sentences name none of them.
        needles: set[str] = set()
        for f in self.families:
            if f._needles is None or not f.ignore_case:
                return
            needles.update(f._needles)
        if needles:
            alts = "|".join(re.escape(n) for n in sorted(needles, key=lambda n: (-len(n), n)))
            object.__setattr__(self, "_any", re.compile(alts))

    @property
    def ids(self) -> list[str]:
        """Family ids in file order."""
        return [f.id for f in self.families]

    def __iter__(self) -> Iterator[NamingFamily]:
        return iter(self.families)

    def __len__(self) -> int:
        return len(self.families)

    def __getitem__(self, family_id: str) -> NamingFamily:
        for f in self.families:
            if f.id == family_id:
                return f
        raise KeyError(f"no naming family {family_id!r}; families are {self.ids}")

    def match(self, text: str) -> list[tuple[str, str, str, int, int]]:
        """All matches in *text* as ``(family, variant, label, start, end)``."""
        if not text:
            return []
        folded = _fold(text)
        if self._any is not None and not self._any.search(folded):
            return []
        out = [
            (f.id, *m)
            for f in self.families
            if f._pattern is not None and f.could_match(text, folded)
            for m in f._scan(text)
        ]
        return sorted(out, key=lambda r: (r[3], r[4]))

    def match_many(self, texts: Sequence[str]) -> list[list[tuple[str, str, str, int, int]]]:
        """:meth:`match` of every text in *texts* (same results, a few passes over all texts).

        The texts are joined by NUL characters (no form can match across one). A family whose
        forms all start with ASCII letters or digits (its needles) is only scanned in the texts
        where a word starts with one of its needles (a form can only start at a word start); one
        search finds the words of every family. Other families are scanned over the joined text.
        """
        out: list[list[tuple[str, str, str, int, int]]] = [[] for _ in texts]
        if not any(texts):
            return out
        joined = "\x00".join(texts)
        starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
        folded = joined
        for ch, to in _FOLD_PAIRS:  # = _fold(joined), faster than str.translate on long text
            if ch in folded:
                folded = folded.replace(ch, to)
        folded = folded.lower()
        if len(folded) != len(joined):  # cannot happen with str.lower; keep the exact path
            return [self.match(t) for t in texts]
        cand = self._candidates(folded, starts, len(texts))
        for f in self.families:
            if f._pattern is None:
                continue
            if cand.get(f.id) is None:  # no needles: one scan of the joined text
                ms = list(f._pattern.finditer(joined))
                if not ms:
                    continue
                where = np.searchsorted(starts, [m.start() for m in ms], side="right") - 1
                for m, k in zip(ms, where.tolist(), strict=True):
                    variant = f._groups[m.lastgroup]
                    if variant is not None:
                        base = int(starts[k])
                        out[k].append((f.id, variant, m.group(0), m.start() - base, m.end() - base))
                continue
            for i in cand[f.id]:
                found = f._scan(texts[i])
                if found:
                    out[i].extend((f.id, *m) for m in found)
        for hits in out:
            if len(hits) > 1:
                hits.sort(key=lambda r: (r[3], r[4]))
        return out

    def _candidates(self, folded: str, starts: np.ndarray, n: int) -> dict[str, list[int] | None]:
        """Per family, the texts (indices) holding a word that starts with one of its needles."""
        fams = [f for f in self.families if f._pattern is not None]
        with_needles = [f for f in fams if f._needles is not None]
        out: dict[str, list[int] | None] = {f.id: None for f in fams}
        if not with_needles:
            return out
        # case-sensitive families keep None (one scan of the joined text)
        icase = [f for f in with_needles if f.ignore_case]
        if not icase:
            return out
        rx = _word_start_regex(tuple(sorted({nd for f in icase for nd in f._needles})))
        hits = [(m.start(), m.group(0)) for m in rx.finditer(folded)]
        sets: dict[str, set[int]] = {f.id: set() for f in icase}
        if hits:
            where = np.searchsorted(starts, [h[0] for h in hits], side="right") - 1
            memo: dict[str, tuple[str, ...]] = {}
            for (_, word), k in zip(hits, where.tolist(), strict=True):
                ids = memo.get(word)
                if ids is None:
                    ids = tuple(f.id for f in icase if word.startswith(f._needles))
                    memo[word] = ids
                for fid in ids:
                    sets[fid].add(k)
        for f in icase:
            out[f.id] = sorted(sets[f.id])
        return out


@lru_cache(maxsize=64)
def _word_start_regex(needles: tuple[str, ...]) -> re.Pattern:
    """A word (in folded text) that starts with one of *needles*, through to its end."""
    alts = "|".join(re.escape(nd) for nd in sorted(needles, key=lambda nd: (-len(nd), nd)))
    return re.compile(rf"(?<!\w)(?:{alts})\w*")


def _parse_naming(spec: object, path: str) -> NamingFamilies:
    def fail(family: str | None, problem: str) -> CorpusError:
        where = f"{path}: family {family!r}" if family else path
        return CorpusError(f"{where}: {problem}")

    if isinstance(spec, Mapping):
        spec = spec.get("families")
        if spec is None:
            raise fail(None, "no 'families:' list at the top level")
    if not isinstance(spec, Sequence) or isinstance(spec, str):
        raise fail(None, "'families' must be a list of families (id, label, variants)")
    seen: set[str] = set()
    fams: list[NamingFamily] = []
    for n, raw in enumerate(spec, start=1):
        if not isinstance(raw, Mapping):
            raise fail(None, f"family number {n} is not a mapping with id, label, variants")
        fid = raw.get("id")
        if not isinstance(fid, str) or not _NAME_RE.match(fid):
            raise fail(None, f"family number {n}: id {fid!r} must be a lower-case name")
        if fid in seen:
            raise fail(fid, "the id is used twice")
        seen.add(fid)
        unknown = set(raw) - {"id", "label", "variants", "ignore_case", "exclude", "note"}
        if unknown:
            raise fail(fid, f"unknown keys {sorted(unknown)}")
        variants = raw.get("variants")
        if not isinstance(variants, Mapping) or not variants:
            raise fail(fid, "'variants' must map each canonical name to a list of surface forms")
        clean: dict[str, list[str]] = {}
        seen_forms: dict[str, str] = {}
        for canon, forms in variants.items():
            if isinstance(forms, str):
                forms = [forms]
            if not isinstance(forms, Sequence) or not forms:
                raise fail(fid, f"variant {canon!r} needs a non-empty list of surface forms")
            for form in forms:
                if not isinstance(form, str) or not form.strip():
                    raise fail(fid, f"variant {canon!r}: form {form!r} is not text")
                k = form.strip().lower()
                if k in seen_forms:
                    raise fail(
                        fid, f"form {form!r} is listed under {seen_forms[k]!r} and {canon!r}"
                    )
                seen_forms[k] = str(canon)
            clean[str(canon)] = [f.strip() for f in forms]
        exclude = raw.get("exclude") or []
        if isinstance(exclude, str):
            exclude = [exclude]
        ignore_case = raw.get("ignore_case", True)
        if not isinstance(ignore_case, bool):
            raise fail(fid, f"ignore_case must be true or false, not {ignore_case!r}")
        fam = NamingFamily(
            fid, str(raw.get("label") or fid), clean, ignore_case, tuple(map(str, exclude))
        )
        try:
            fams.append(_compile_family(fam))
        except (ValueError, re.error) as exc:
            raise fail(fid, str(exc)) from None
    return NamingFamilies(tuple(fams), path)


@lru_cache(maxsize=16)
def _load_naming_cached(path: str, mtime: float) -> NamingFamilies:
    try:
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML: {exc}") from None
    return _parse_naming(spec, path)


def bundled_naming() -> list[str]:
    """Names of the naming files bundled under ``resources/naming/``."""
    return sorted(p.stem for p in NAMING_DIR.glob("*.yaml"))


def load_naming(path_or_name: str | Path | Mapping | Sequence | NamingFamilies) -> NamingFamilies:
    """Load families of competing names.

    Parameters
    ----------
    path_or_name : str, Path, dict or list
        A bundled name (``"karabakh"``, ``"sample"`` → ``resources/naming/<name>.yaml``),
        a path to a YAML file, or the parsed content (``{"families": [...]}``).
        Each family has ``id``, ``label``, ``variants`` (canonical name → list of
        surface forms) and optional ``ignore_case`` (default true) and ``exclude``
        (phrases that contain a form but are not a use of the family). In a form,
        ``*`` is a gap of 0–2 words (``*3``: 0–3): ``"occupied * territories"``.

    Returns
    -------
    NamingFamilies

    Raises
    ------
    CorpusError
        Naming the file, the family and the problem.

    Examples
    --------
    >>> fams = load_naming("karabakh")
    >>> fams["region"].match("talks on Upper Karabakh")
    [('Upper Karabakh', 'Upper Karabakh', 9, 23)]
    """
    if isinstance(path_or_name, NamingFamilies):
        return path_or_name
    if isinstance(path_or_name, (Mapping, list, tuple)):
        return _parse_naming(path_or_name, "<naming dict>")
    p = Path(path_or_name)
    if not p.suffix and not p.exists() and (NAMING_DIR / f"{p.name}.yaml").exists():
        p = NAMING_DIR / f"{p.name}.yaml"
    if not p.exists():
        raise CorpusError(
            f"{path_or_name}: naming file not found; bundled names are {bundled_naming()}"
        )
    p = p.resolve()
    return _load_naming_cached(str(p), p.stat().st_mtime)


def find_naming(
    sentences: pd.DataFrame,
    families: str | Path | Mapping | Sequence | NamingFamilies,
    *,
    text: str = "text",
) -> pd.DataFrame:
    """Find every use of a naming variant.

    Parameters
    ----------
    sentences : DataFrame
        Usually the sentences frame (``doc_id``, ``sent_id``, ``text``). Without
        ``doc_id`` the row index is used; without ``sent_id`` it is 0.
    families : NamingFamilies, bundled name, path or dict
        See :func:`load_naming`.
    text : str
        Name of the text column.

    Returns
    -------
    DataFrame
        One row per match: ``doc_id``, ``sent_id``, ``family``, ``variant`` (canonical
        name), ``label`` (surface form exactly as written), ``start``, ``end``
        (offsets into the text), plus ``source`` when *sentences* has one. Within a
        family matches never overlap and the longest form wins; different
        families may match the same words.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d1"], "sent_id": [0],
    ...                   "text": ["Leave the occupied Azerbaijani territories."]})
    >>> find_naming(s, "karabakh")[["family", "variant", "label"]].values.tolist()
    [['territory_status', 'occupied', 'occupied Azerbaijani territories']]
    """
    _check_frame(sentences, text)
    fams = load_naming(families)
    doc_ids = (
        sentences["doc_id"].tolist() if "doc_id" in sentences.columns else list(sentences.index)
    )
    sent_ids = (
        sentences["sent_id"].tolist() if "sent_id" in sentences.columns else [0] * len(sentences)
    )
    has_source = "source" in sentences.columns
    sources = sentences["source"].tolist() if has_source else [None] * len(sentences)
    rows = []
    texts = _texts(sentences, text)
    found = fams.match_many(texts)
    for doc, sent, src, hits in zip(doc_ids, sent_ids, sources, found, strict=True):
        for fam, variant, label, start, end in hits:
            rows.append((doc, sent, fam, variant, label, start, end, src))
    cols = ["doc_id", "sent_id", "family", "variant", "label", "start", "end", "source"]
    out = pd.DataFrame(rows, columns=cols)
    out[["start", "end"]] = out[["start", "end"]].astype(int)
    if not has_source:
        out = out.drop(columns="source")
    return out


def naming_shares(naming: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Share of each naming variant within each group and family.

    Parameters
    ----------
    naming : DataFrame
        Output of :func:`find_naming` with a *by* column.
    by : str
        Column to group by (usually ``"source"``).

    Returns
    -------
    DataFrame
        ``<by>``, ``family``, ``variant``, ``n``, ``share``; shares add up to 1
        within each ``<by>`` × ``family``. Sorted by group, family, then most used.

    Examples
    --------
    >>> nm = pd.DataFrame({"source": ["A", "A", "B"], "family": ["region"] * 3,
    ...                    "variant": ["Artsakh", "Karabakh", "Karabakh"]})
    >>> naming_shares(nm).share.tolist()
    [0.5, 0.5, 1.0]
    """
    if not isinstance(naming, pd.DataFrame):
        raise TypeError(f"expected the DataFrame of find_naming, got {type(naming).__name__}")
    _check_by(naming, by, "naming")
    missing = {"family", "variant"} - set(naming.columns)
    if missing:
        raise ValueError(
            f"naming needs the columns of find_naming; missing {sorted(missing)}; "
            f"columns are {list(naming.columns)}"
        )
    counts = naming.groupby([by, "family", "variant"], dropna=False).size().rename("n")
    out = counts.reset_index()
    out["share"] = out["n"] / out.groupby([by, "family"], dropna=False)["n"].transform("sum")
    out = out.sort_values([by, "family", "n", "variant"], ascending=[True, True, False, True])
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- frames
@dataclass(frozen=True)
class FrameLexicon:
    """Indicator words for policy frames, as returned by :func:`load_frames`.

    ``frames`` is a list of dicts with ``id``, ``code``, ``label``, ``description`` and
    ``terms`` (list of ``(term, weight)``).
    """

    frames: tuple[dict, ...]
    path: str = ""
    _pattern: re.Pattern | None = field(default=None, repr=False)
    _exact: dict[str, list[tuple[int, float]]] = field(default_factory=dict, repr=False)
    _prefix: dict[str, list[tuple[int, float]]] = field(default_factory=dict, repr=False)
    _credits: dict[str, tuple[tuple[int, float], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def ids(self) -> list[str]:
        """Frame ids in codebook order."""
        return [f["id"] for f in self.frames]

    def label_of(self, frame_id: str) -> str:
        """Codebook label of a frame id."""
        for f in self.frames:
            if f["id"] == frame_id:
                return f["label"]
        raise ValueError(f"no frame {frame_id!r}; frames are {self.ids}")

    def score_vector(self, text: str) -> list[float]:
        """Weighted indicator counts, one per frame in :attr:`ids` order."""
        out = [0.0] * len(self.frames)
        if not text or self._pattern is None:
            return out
        cache = self._credits
        for m in self._pattern.finditer(text):
            surface = m.group(0)
            credits = cache.get(surface)
            if credits is None:
                credits = cache[surface] = self._credits_of(surface)
            for j, w in credits:
                out[j] += w
        return out

    def _credits_of(self, surface: str) -> tuple[tuple[int, float], ...]:
        """(frame, weight) credited for one matched surface form: one per frame, the most
        specific term (exact, then the longest prefix)."""
        k = _key(surface)
        credits = list(self._exact.get(k, ()))
        for i in range(len(k), 0, -1):
            credits += self._prefix.get(k[:i], ())
        seen: set[int] = set()
        out = []
        for j, w in credits:
            if j not in seen:
                seen.add(j)
                out.append((j, w))
        return tuple(out)

    def scores(self, text: str) -> dict[str, float]:
        """Weighted indicator counts per frame id for one text.

        Examples
        --------
        >>> load_frames().scores("New taxes hit the economy")["economic"]
        2.0
        """
        return dict(zip(self.ids, self.score_vector(text), strict=True))


_TERM_W = re.compile(r"^(.*?):(\d+(?:\.\d+)?)$")


def _parse_frames(spec: object, path: str) -> FrameLexicon:
    def fail(frame: str | None, problem: str) -> CorpusError:
        where = f"{path}: frame {frame!r}" if frame else path
        return CorpusError(f"{where}: {problem}")

    if not isinstance(spec, Mapping) or not isinstance(spec.get("frames"), list):
        raise fail(None, "no 'frames:' list at the top level")
    frames_out: list[dict] = []
    seen: set[str] = set()
    all_terms: list[str] = []
    exact: dict[str, list[tuple[int, float]]] = {}
    prefix: dict[str, list[tuple[int, float]]] = {}
    for n, raw in enumerate(spec["frames"], start=1):
        fid = raw.get("id") if isinstance(raw, Mapping) else None
        if not isinstance(fid, str) or not _NAME_RE.match(fid):
            raise fail(None, f"frame number {n}: id {fid!r} must be a lower-case name")
        if fid in seen:
            raise fail(fid, "the id is used twice")
        seen.add(fid)
        terms = raw.get("terms")
        if not isinstance(terms, list):
            raise fail(fid, "'terms' must be a list of indicator words")
        parsed: dict[str, float] = {}
        for t in terms:
            t = str(t).strip()
            m = _TERM_W.match(t)
            term, w = (m.group(1).strip(), float(m.group(2))) if m else (t, 1.0)
            if not term or "*" in term[:-1]:
                raise fail(fid, f"term {t!r}: '*' is allowed only at the end of a term")
            if not (0 < w <= WEIGHT_MAX):
                raise fail(fid, f"term {t!r}: weight must be above 0 and at most {WEIGHT_MAX}")
            key = _canonical_form(term)
            if key in parsed:
                raise fail(fid, f"term {term!r} is listed twice")
            parsed[key] = w
        for term, w in parsed.items():
            all_terms.append(term)
            table = prefix if term.endswith("*") else exact
            table.setdefault(_key(term.rstrip("*")), []).append((n - 1, w))
        frames_out.append(
            {
                "id": fid,
                "code": str(raw.get("code", n)),
                "label": str(raw.get("label") or fid),
                "description": str(raw.get("description") or ""),
                "terms": list(parsed.items()),
            }
        )
    pattern = re.compile(_bounded(_trie_regex(all_terms)), re.IGNORECASE) if all_terms else None
    return FrameLexicon(tuple(frames_out), path, pattern, exact, prefix)


@lru_cache(maxsize=4)
def _load_frames_cached(path: str, mtime: float) -> FrameLexicon:
    try:
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML: {exc}") from None
    return _parse_frames(spec, path)


def load_frames(path: str | Path | Mapping | FrameLexicon | None = None) -> FrameLexicon:
    """Load frame indicator words (default: the bundled ``resources/frames.yaml``).

    Examples
    --------
    >>> load_frames().ids[:3]
    ['economic', 'capacity_resources', 'morality']
    """
    if isinstance(path, FrameLexicon):
        return path
    if isinstance(path, Mapping):
        return _parse_frames(path, "<frames dict>")
    p = Path(path) if path is not None else FRAMES_PATH
    if not p.exists():
        raise CorpusError(f"{p}: frames file not found")
    p = p.resolve()
    return _load_frames_cached(str(p), p.stat().st_mtime)


def frames(
    data: pd.DataFrame,
    *,
    text: str = "text",
    lexicon: str | Path | Mapping | FrameLexicon | None = None,
) -> pd.DataFrame:
    """Score each row on the 15 policy frame dimensions.

    Parameters
    ----------
    data : DataFrame
        Sentences or documents with a text column.
    text : str
        Name of the text column.
    lexicon : path, dict or FrameLexicon, optional
        Frame indicator words; default the bundled ``resources/frames.yaml``.

    Returns
    -------
    DataFrame
        Same index as *data*: ``frame`` (id of the highest-scoring frame, ties to the
        earlier frame in codebook order, ``"none"`` when nothing matched) and one
        ``frame_<id>`` column per frame with its weighted indicator count.

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["Troops shelled the border town.",
    ...                             "Taxes and wages rose."]})
    >>> frames(df).frame.tolist()
    ['security_defense', 'economic']
    """
    _check_frame(data, text)
    lex = load_frames(lexicon)
    texts = _texts(data, text)
    mat = np.array([lex.score_vector(t) for t in texts], dtype=float).reshape(
        len(texts), len(lex.ids)
    )
    best = mat.argmax(axis=1) if len(texts) else np.array([], dtype=int)
    names = np.array(lex.ids, dtype=object)
    frame_col = np.where(mat.max(axis=1, initial=0) > 0, names[best], "none")
    out = pd.DataFrame({"frame": frame_col}, index=data.index)
    for j, fid in enumerate(lex.ids):
        out[f"frame_{fid}"] = mat[:, j]
    return out


def frames_mix(
    data: pd.DataFrame,
    *,
    by: str = "source",
    text: str = "text",
    lexicon: str | Path | Mapping | FrameLexicon | None = None,
) -> pd.DataFrame:
    """Share of rows whose dominant frame is each frame, per group.

    Parameters
    ----------
    data : DataFrame
        Rows with a *by* column and either a ``frame`` column (from :func:`frames`)
        or a text column to score.
    by, text, lexicon
        Grouping column; text column and frame lexicon as in :func:`frames`.

    Returns
    -------
    DataFrame
        ``<by>``, ``frame``, ``n``, ``share`` (within the group; ``"none"`` rows
        included, so shares add up to 1 per group).

    Examples
    --------
    >>> df = pd.DataFrame({"source": ["A", "A"], "text": ["Troops attacked.", "Tax cuts."]})
    >>> frames_mix(df)[["frame", "share"]].values.tolist()
    [['economic', 0.5], ['security_defense', 0.5]]
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(data).__name__}")
    _check_by(data, by, "data")
    if "frame" in data.columns:
        fr = data["frame"]
    else:
        fr = frames(data, text=text, lexicon=lexicon)["frame"]
    df = pd.DataFrame({by: data[by].to_numpy(), "frame": fr.to_numpy()})
    out = df.groupby([by, "frame"], dropna=False).size().rename("n").reset_index()
    out["share"] = out["n"] / out.groupby(by, dropna=False)["n"].transform("sum")
    out = out.sort_values([by, "n", "frame"], ascending=[True, False, True])
    return out.reset_index(drop=True)
