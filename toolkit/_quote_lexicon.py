"""The reporting-verb lexicon of :mod:`toolkit.attribution` and the regular expression of its forms."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

VERB_CLASSES = ("neutral", "doubt", "endorse", "emphasis")
_RESOURCE = Path(__file__).resolve().parent / "resources" / "reporting_verbs.csv"

# --------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _lexicon() -> pd.DataFrame:
    lex = pd.read_csv(_RESOURCE, dtype=str, keep_default_na=False)
    bad = sorted(set(lex["verb_class"]) - set(VERB_CLASSES))
    if bad:  # pragma: no cover - guards edits of the resource file
        raise ValueError(f"{_RESOURCE}: unknown verb_class {bad}; valid: {list(VERB_CLASSES)}")
    return lex


@lru_cache(maxsize=1)
def _verb_info() -> tuple[dict[str, tuple[str, str, str]], frozenset[str]]:
    """Form → (lemma, verb_class, complement), and the single-word forms."""
    lex = _lexicon()
    info = {
        f: (lemma, cls, comp)
        for f, lemma, cls, comp in zip(
            lex["form"], lex["lemma"], lex["verb_class"], lex["complement"], strict=True
        )
    }
    single = frozenset(f for f in info if " " not in f)
    return info, single


@lru_cache(maxsize=1)
def _verb_table() -> tuple[re.Pattern, dict[str, tuple[str, str, str]], frozenset[str]]:
    r"""The pattern of every form as a whole word (see :func:`_verb_matches`), info, single forms.

    The pattern matches ``(?<![\w\-’'])(?:FORMS)(?![\w\-])`` in a text with one space put in
    front, as group 1: starting with the character *before* the form (a class, not a
    look-behind) lets ``re`` skip ahead to the next candidate instead of trying every position.
    """
    info, single = _verb_info()
    # explicit case variants: re.IGNORECASE makes this scan five times slower
    variants = {v for f in info for v in (f, f.capitalize(), f.title(), f.upper())}
    alt = trie_regex(variants)
    pattern = re.compile(rf"[^\w\-’']((?:{alt})(?![\w\-]))")
    return pattern, info, single


def _verb_matches(text: str) -> list[tuple[int, int, str]]:
    r"""``(start, end, form as written)`` of each reporting-verb form in *text*, left to right.

    The same matches as ``finditer`` of ``(?<![\w\-’'])(?:FORMS)(?![\w\-])``: the character
    before a form is matched instead of looked at, which needs a space before the text (the
    start of the text); a match never ends in a character that could come before the next one.
    """
    pattern = _verb_table()[0]
    return [(m.start(1) - 1, m.end(1) - 1, m.group(1)) for m in pattern.finditer(" " + text)]


def trie_regex(words) -> str:
    """A regular expression matching any of *words*, built as a character trie (fast in ``re``).

    A space in a word matches any run of white space.

    Examples
    --------
    >>> re.fullmatch(trie_regex(["said", "says", "point out"]), "point  out") is not None
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def reporting_forms() -> frozenset[str]:
    """Single-word reporting verb forms (lower case); used by :mod:`toolkit.agency`."""
    return _verb_info()[1]
