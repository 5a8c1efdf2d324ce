"""The reporting-verb lexicon of :mod:`toolkit.attribution` and the regular expression of its forms."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
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
def _variants() -> frozenset[str]:
    """Every form as written in the lexicon, capitalised, title-cased and upper-cased."""
    info, _ = _verb_info()
    return frozenset(v for f in info for v in (f, f.capitalize(), f.title(), f.upper()))


@lru_cache(maxsize=1)
def _verb_table() -> tuple[re.Pattern, dict[str, tuple[str, str, str]], frozenset[str]]:
    r"""The pattern of every form as a whole word (see :func:`_verb_matches`), info, single forms.

    The pattern matches ``(?<![\w\-’'])(?:FORMS)(?![\w\-])`` in a text with one space put in
    front, as group 1: starting with the character *before* the form (a class, not a
    look-behind) lets ``re`` skip ahead to the next candidate instead of trying every position.
    """
    info, single = _verb_info()
    # explicit case variants: re.IGNORECASE makes this scan five times slower
    alt = trie_regex(_variants())
    pattern = re.compile(rf"[^\w\-’']((?:{alt})(?![\w\-]))")
    return pattern, info, single


def _verb_matches(text: str) -> list[tuple[int, int, str]]:
    r"""``(start, end, form as written)`` of each reporting-verb form in *text*, left to right.

    The same matches as ``finditer`` of ``(?<![\w\-’'])(?:FORMS)(?![\w\-])``.
    """
    return [(a - 1, b - 1, w) for a, b, w in _verb_matches_joined("\x00" + text)]


# --------------------------------------------------------------------------- candidate scan
# The pattern of _verb_table, tried at every character that may stand before a form, costs
# about 40 ns a character. _verb_matches_joined tries it only where a form can start: numpy
# finds, on the text's ASCII bytes, the word starts whose first three letters and whole letter
# run are those of a form (as written, in one of its case variants). Every test is necessary
# (a form is ASCII letters, with white space inside two-word forms), so the pattern, tried at
# the positions left, finds exactly its finditer matches.

_WIDTH = 14  # longer than any first word of a form: its letter run ends inside the window


@lru_cache(maxsize=1)
def _scan_tables() -> tuple[bytes, bytes, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Byte tables (1 or 0) of the characters that may stand before a form (non-ASCII reads as
    "?") and of the first letters of forms, trigram table, letter table, word-key weights,
    sorted word keys."""
    variants = _variants()
    assert all(v.isascii() and len(v.split()[0]) >= 3 for v in variants)
    word_char = re.compile(r"[\w\-’']")
    firsts = {v[0] for v in variants}
    may_precede = bytearray(256)
    first_letter = bytearray(256)
    for c in range(128):
        may_precede[c] = 0 if word_char.match(chr(c)) else 1
        first_letter[c] = 1 if chr(c) in firsts else 0
    trigrams = np.zeros(1 << 21, dtype=bool)
    for v in variants:
        trigrams[(ord(v[0]) << 14) | (ord(v[1]) << 7) | ord(v[2])] = True
    letters = np.zeros(256, dtype=bool)
    for c in range(128):
        letters[c] = chr(c).isalpha()
    weights = np.random.default_rng(0).integers(1, 2**63, _WIDTH, dtype=np.uint64) | np.uint64(1)
    first_words = sorted({v.split()[0] for v in variants})
    window = np.zeros((len(first_words), _WIDTH), dtype=np.uint64)
    for i, w in enumerate(first_words):
        window[i, : len(w)] = [ord(ch) for ch in w]
    keys = np.unique((window * weights).sum(axis=1))
    return bytes(may_precede), bytes(first_letter), trigrams, letters, weights, keys


@lru_cache(maxsize=1)
def _whole_words() -> frozenset[str]:
    """Case variants of the forms that are a whole form and the first word of none other."""
    variants = _variants()
    firsts_of_longer = {v.split()[0] for v in variants if " " in v}
    return frozenset(v for v in variants if " " not in v and v not in firsts_of_longer)


def _verb_matches_joined(text: str) -> list[tuple[int, int, str]]:
    """:func:`_verb_matches` of ``text[1:]`` in *text*'s offsets; *text* starts with ``"\\x00"``.

    Several documents can be scanned at once as ``"\\x00" + "\\x00".join(docs)``: no form
    takes in ``"\\x00"`` (not a word character, not white space), so each document gets the
    matches it gets alone.
    """
    pattern = _verb_table()[0]
    may_precede, first_letter, trigrams, letters, weights, keys = _scan_tables()
    n = len(text)
    raw = text.encode("ascii", "replace") + bytes(_WIDTH)  # one byte a character
    # a character that may precede, then a first letter (boolean arrays: nonzero is fastest)
    before = np.frombuffer(raw.translate(may_precede), dtype=np.bool_)
    first = np.frombuffer(raw.translate(first_letter), dtype=np.bool_)
    starts = np.nonzero(before[: n - 1] & first[1:n])[0] + 1
    b = np.frombuffer(raw, dtype=np.uint8)
    tri = (
        (b[starts].astype(np.uint32) << 14)
        | (b[starts + 1].astype(np.uint32) << 7)
        | b[starts + 2].astype(np.uint32)
    )
    starts = starts[trigrams[tri]]
    # the letter run from each start (zeros after it) must be a form's first word
    window = b[starts[:, None] + np.arange(_WIDTH)]
    run = letters[window].argmin(axis=1)
    window = np.where(np.arange(_WIDTH) < run[:, None], window, 0).astype(np.uint64)
    key = (window * weights).sum(axis=1)
    at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
    found = keys[at] == key
    starts = starts[found]
    runs = run[found]
    # A letter run that is a whole form (and begins no longer one) is a match when the
    # characters around it let the pattern's [^\w\-’'] and (?![\w\-]) through (the byte
    # classes above read a non-ASCII character as "?"); other runs are left to the pattern.
    whole = _whole_words()
    out = []
    last = 0  # finditer: the next match starts after the previous one
    match = pattern.match
    for p, r in zip(starts.tolist(), runs.tolist(), strict=True):
        if p > last:
            word = text[p : p + r]
            if word in whole:
                before = text[p - 1]
                after = text[p + r : p + r + 1]
                if not (before.isalnum() or before in "_-’'") and not (
                    after.isalnum() or after in ("_", "-")
                ):
                    last = p + r
                    out.append((p, last, word))
                continue
            m = match(text, p - 1)
            if m is not None:
                last = m.end(1)
                out.append((p, last, m.group(1)))
    return out


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
