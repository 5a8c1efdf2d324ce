"""Naming variants: families of competing names for one thing, and who uses which.

``naming/<name>.yaml`` under ``toolkit/resources/`` lists families of competing names
("Nagorno-Karabakh" / "Upper Karabakh" / "Artsakh"), read by :func:`load_naming`;
:func:`find_naming` finds them in sentences and :func:`naming_shares` gives each variant's
share per source. Matching is whole-word; ``docs/lexicons.md`` documents the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from toolkit._lexicon_common import (
    _NAME_RE,
    _SEP_RE,
    NAMING_DIR,
    _bounded,
    _char_re,
    _check_by,
    _check_frame,
    _read_yaml,
    _texts,
)
from toolkit._lexmatch import GAP, SEP, JoinedTexts, StartTable, lead_keys
from toolkit.errors import CorpusError

__all__ = ["NamingFamilies", "bundled_naming", "find_naming", "load_naming", "naming_shares"]

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


def _lead_spec(form: str) -> str:
    """*form* in the lead syntax of :func:`toolkit._lexmatch.lead_keys` (what it starts with)."""
    spec = []
    for tok in form.split():
        if _GAP_RE.match(tok):
            spec.append(GAP)
            break
        spec.append("".join(SEP if ch in "-\u2010\u2011\u2013" else ch for ch in tok))
    return SEP.join(spec)


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
    _starts: StartTable | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Where each family's forms (and excluded phrases) can start, for match_many.
        leads = [
            {
                key
                for form in [*(f for fs in fam.variants.values() for f in fs), *fam.exclude]
                for key in lead_keys(_lead_spec(form))
            }
            for fam in self.families
        ]
        object.__setattr__(self, "_starts", StartTable(leads))
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
        """:meth:`match` of every text in *texts* (same results, one pass over all texts).

        The texts are joined, and each family's pattern is tried only where one of its forms
        can start (see :mod:`toolkit._lexmatch`).
        """
        out: list[list[tuple[str, str, str, int, int]]] = [[] for _ in texts]
        for i, *hit in self._match_flat(texts):
            out[i].append(tuple(hit))
        return out

    def _match_flat(self, texts: Sequence[str]) -> list[tuple[int, str, str, str, int, int]]:
        """The hits of :meth:`match_many` as one list of ``(text index, family, variant,
        label, start, end)``, in the same order (no list per text: cheaper on many texts)."""
        if not any(texts):
            return []
        joined = JoinedTexts(texts)
        starts = self._starts or StartTable([[()] for _ in self.families])
        where = joined.candidates(starts)
        hits: list[tuple[int, str, str, str, int, int]] = []
        add = hits.append
        for f, cand in zip(self.families, where, strict=True):
            if f._pattern is None or not len(cand):
                continue
            at, begin, end, labels, names = joined.scan(f._pattern, cand, groups=True)
            groups = f._groups
            fid = f.id
            for i, b, e, label, name in zip(
                at.tolist(), begin.tolist(), end.tolist(), labels, names, strict=True
            ):
                variant = groups[name]
                if variant is not None:  # None marks an excluded phrase
                    add((i, fid, variant, label, b, e))
        # per text by start, then end; a stable sort keeps the family order on ties
        hits.sort(key=lambda h: (h[0], h[4], h[5]))
        return hits


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
    return _parse_naming(_read_yaml(path), path)


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
    texts = _texts(sentences, text)
    rows = [
        (doc_ids[i], sent_ids[i], fam, variant, label, start, end, sources[i])
        for i, fam, variant, label, start, end in fams._match_flat(texts)
    ]
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
