"""Helpers shared by the lexicon-based measures (loaded language, naming, frames):
resource paths, trie regexes, whole-word bounds, input checks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from toolkit.errors import CorpusError

RESOURCES = Path(__file__).resolve().parent / "resources"
LEXICON_PATH = RESOURCES / "loaded_language.csv"
FRAMES_PATH = RESOURCES / "frames.yaml"
NAMING_DIR = RESOURCES / "naming"

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


@lru_cache(maxsize=1 << 16)
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


def _read_yaml(path: str) -> object:
    """Parsed content of the YAML file at *path*; CorpusError naming the file when invalid."""
    try:
        # libyaml's parser when PyYAML was built with it (about 10x faster), same results
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML: {exc}") from None


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


WEIGHT_MIN, WEIGHT_MAX = 0.5, 3.0
