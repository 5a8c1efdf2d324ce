"""Sentences with character offsets, word tokens and keyword-in-context.

Everything here is a pure function. The sentence splitter is rule-based and fast: one
compiled regular expression finds every *candidate* boundary in a document (a run of
terminal punctuation with its closing quotes and the following whitespace, or a line
break), and a few set look-ups decide whether a candidate really ends a sentence
(abbreviations such as ``Sept. 27``, ``U.S.``, ``Mr.``, initials ``J. R. Smith``,
``e.g.``; a lowercase next word; list markers). A blank line always ends a sentence, so
headlines and subheads become sentences of their own.

Offsets are Python string indices (code points) into the document text, and
``document_text[start:end] == sentence_text`` always holds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import pandas as pd

from toolkit.errors import check_errors_mode, make_problem, merge_problems, report_problem

__all__ = [
    "split_sentences",
    "sentence_spans",
    "tokenize",
    "token_spans",
    "word_count",
    "kwic",
]

# --------------------------------------------------------------------------------------
# Abbreviations
# --------------------------------------------------------------------------------------


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Never end a sentence: titles before a name, and Latin/list abbreviations mid-sentence.
_STRONG = _words(
    """
    Mr Mrs Ms Messrs Mmes Dr Drs Prof Gen Lt Col Maj Capt Cpt Sgt Cpl Pvt Adm Cmdr Cmdt Brig
    Sen Sens Rep Reps Gov Govt Pres Rev Hon Fr Msgr Supt Insp Det Atty Amb Mt Ft Gens
    vs Vs v e.g E.g i.e I.e cf Cf viz approx Approx ca
    """
)

#: End a sentence only before a digit-free common sentence opener ("Apple Inc. The ...").
_WEAK = _words(
    """
    Inc Ltd Co Corp Bros Jr Sr St Ave Blvd Rd etc Dept Univ Assn Intl Natl Gov't al
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo
    Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo
    """
)

#: Before a number they never end a sentence ("No. 5", "Art. 3", "pp. 10").
_NUMBER_PREFIX = _words("No Nos no nos Art Vol vol Fig fig pp p Ch ch Sec sec Para para")

#: Capitalised words that commonly open a sentence; after a *weak* abbreviation such a
#: word means the abbreviation ended the sentence ("... in the U.S. The move ...").
_STARTERS = _words(
    """
    The A An He She It They We I You This That These Those There Here His Her Its Their Our My
    But And Or So Yet Still Also Then Now Thus Hence However Meanwhile Moreover Furthermore
    In On At For From With Without By As If When While Where After Before Since Until Although
    Though Because During Despite According Last Next Earlier Later Some Many Most All Both
    Several Each Every No Not Other Such What Which Who Why How Asked Instead Overall Officials
    """
)

_OPEN_CLOSE = "\"'“”‘’«»()[]{}"
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z")
_ROMAN_OR_NUMBER = re.compile(r"(?:\d{1,3}|[ivxIVX]{1,4}|[a-zA-Z])\Z")
_NEXT_WORD = re.compile(r"[\"'“‘«(\[{]*(\w*)")
_BULLET = frozenset("•·*-–—▪◦►")
_LIST_ITEM = re.compile(r"(?:\d{1,3}|[a-zA-Z])[.)]\s")
#: A line ending in one of these words continues on the next line (hard-wrapped text).
_JOINERS = _words(
    "the a an of and or nor to in on at for with by from that as than into over under "
    "about between against its his her their our your my this these those is are was were "
    "be been has have had will would can could should may might must not"
)

# One pass over the text finds every candidate boundary. The pattern starts with a single
# character class so the regex engine skips quickly to the next candidate character.
#   "c": the first character, a terminal punctuation mark or a line break;
#   "\n" + following whitespace: a line break ("\n\n" = paragraph break);
#   "more": further punctuation, "q": closing quotes/brackets, "ws": whitespace after;
#   no whitespace but a capitalised word right after: 'was.They', 'ask."On' (glued).
_TERMINALS = ".!?…։؟۔।‼⁇"
_CANDIDATE = re.compile(
    rf"(?P<c>[{_TERMINALS}\n])"
    r"(?:(?<=\n)\s*"
    rf"|(?P<more>[{_TERMINALS}]*)(?:(?P<q>[\"'”’»)\]]*)(?P<ws>\s+)|[\"”’]?(?=[A-Z][a-z])))"
)
_TERMINAL_END = re.compile(rf"[{_TERMINALS}][\"'”’»)\]]*\Z")


def _is_title_like(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 20:
        return False
    caps = 0
    for w in words:
        w = w.lstrip(_OPEN_CLOSE)
        if w and (w[0].isupper() or w[0].isdigit()):
            caps += 1
    return caps / len(words) >= 0.6


def _period_ends_sentence(text: str, p_start: int, next_word: str) -> bool:
    """Decide for a single '.' at *p_start* followed by whitespace and *next_word*."""
    chunk = text[max(0, p_start - 40) : p_start]
    if not chunk or chunk[-1].isspace():
        return True
    tok = chunk.split()[-1].strip(_OPEN_CLOSE)
    if not tok:
        return True
    if tok in _STRONG:
        return False
    first = next_word[:1]
    if tok in _NUMBER_PREFIX:
        return not first.isdigit()
    if len(tok) == 1 and tok.isupper():  # initial: "J. R. Smith"
        return False
    if tok in _WEAK or _ACRONYM.match(tok):
        return next_word in _STARTERS
    # list marker at the start of a line: "1. First item", "a. option"
    if _ROMAN_OR_NUMBER.match(tok):
        line_start = text.rfind("\n", 0, p_start) + 1
        if text[line_start:p_start].strip() == tok and (len(tok) <= 3):
            return False
    return True


def _period_ends(text: str, p_start: int, after: int) -> bool:
    """:func:`_period_ends_sentence` for the '.' at *p_start*, the next word at *after*.

    The same decision, with the cheap tests first: the next word is only read (one
    regex match) when the word before the period is an abbreviation that needs it.
    """
    chunk = text[p_start - 40 if p_start > 40 else 0 : p_start]
    if not chunk or chunk[-1].isspace():
        return True
    tok = chunk.rsplit(None, 1)[-1].strip(_OPEN_CLOSE)
    if not tok:
        return True
    if tok in _STRONG:
        return False
    if tok in _NUMBER_PREFIX:
        return not _NEXT_WORD.match(text, after).group(1)[:1].isdigit()
    if len(tok) == 1 and tok.isupper():  # initial: "J. R. Smith"
        return False
    if tok in _WEAK or ("." in tok and _ACRONYM.match(tok)):
        return _NEXT_WORD.match(text, after).group(1) in _STARTERS
    # list marker at the start of a line: "1. First item", "a. option"
    if len(tok) <= 4 and _ROMAN_OR_NUMBER.match(tok):
        line_start = text.rfind("\n", 0, p_start) + 1
        if text[line_start:p_start].strip() == tok and (len(tok) <= 3):
            return False
    return True


def _line_break_cuts(text: str, m: re.Match) -> bool:
    """Whether the single line break matched by *m* (not at the end) ends a sentence."""
    end = m.end()
    line_start = text.rfind("\n", 0, m.start()) + 1
    line = text[line_start : m.start()].rstrip()
    if not line or _TERMINAL_END.search(line):
        return False
    first = text[end]
    if first in _BULLET or _LIST_ITEM.match(text, end):  # a list item starts
        return True
    if line[-1] in ",;:-–—&/(":
        return False
    if first.islower():
        return False
    head = line.lstrip(_OPEN_CLOSE)[:1]
    if not (head.isupper() or head.isdigit()):
        return False
    if line.rsplit(None, 1)[-1].lower() in _JOINERS:
        return False
    return len(line) < 60 or _is_title_like(line)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character offsets of the sentences of *text*.

    Sentences are stripped of surrounding whitespace and never empty; ``text[start:end]``
    is the sentence. Non-string input (None, NaN) gives an empty list.

    Examples
    --------
    >>> t = "Fighting began on Sept. 27. “It is a war crime.” He left."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Fighting began on Sept. 27.', '“It is a war crime.”', 'He left.']
    """
    if not isinstance(text, str) or not text:
        return []
    size = len(text)
    cuts = []  # (end of sentence, start of next)
    for m in _CANDIDATE.finditer(text):
        c, more, q, ws = m.groups()
        if c == "\n":
            end = m.end()
            paragraph = end - m.start() > 1 and m.group().count("\n") >= 2
            if paragraph or (end < size and _line_break_cuts(text, m)):
                cuts.append((m.start(), end))
            continue
        if ws is None:  # glued: 'was.They', 'ask."On'
            p = m.start()
            two = text[p - 2 : p] if p >= 2 else ""
            glued = not more and c in ".!?" and two.isascii()
            if glued and two.isalpha() and two.islower():
                cuts.append((m.end(), m.end()))
            continue
        end = m.end()
        cut = end - len(ws)  # the white space ends the match
        if ws != " " and ws.count("\n") >= 2:
            cuts.append((cut, end))
            continue
        # the next word (after opening quotes/brackets) starting lowercase: no boundary
        first = text[end : end + 1]
        if first.isalnum():  # no opening mark: the next word starts with this character
            if first.islower():
                continue
        else:
            nxt = _NEXT_WORD.match(text, end).group(1)
            if nxt and nxt[0].islower():
                continue
        # m.start() is the "." itself when nothing but quotes follows it
        if c == "." and not more and not _period_ends(text, cut - len(q) - 1, end):
            continue
        cuts.append((cut, end))

    spans: list[tuple[int, int]] = []
    pos = 0
    cuts.append((size, size))
    for cut, nxt in cuts:
        if cut > pos:
            # strip the piece by moving its ends (the cuts rarely leave whitespace there)
            a, b = pos, cut
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                spans.append((a, b))
        if nxt > pos:
            pos = nxt
    return spans


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _check_text_frame(frame: object, text: str, what: str) -> None:
    """Raise TypeError unless *frame* is a DataFrame, ValueError unless it has column *text*."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a DataFrame, not {type(frame).__name__}")
    if text not in frame.columns:
        raise ValueError(
            f"{what} has no text column {text!r}; columns are {list(frame.columns)}; pass text="
        )


def split_sentences(
    documents: pd.DataFrame,
    *,
    text: str = "text",
    id_col: str = "doc_id",
    keep: Sequence[str] = ("source",),
    errors: str = "warn",
) -> pd.DataFrame:
    """Split every document into sentences with character offsets.

    Parameters
    ----------
    documents : DataFrame
        One row per document (the *documents* frame of :func:`toolkit.corpus.load_corpus`).
    text : str, default "text"
        Column holding the document text.
    id_col : str, default "doc_id"
        Column holding the document id; when absent, the index is used.
    keep : sequence of str, default ("source",)
        Document columns copied onto each sentence row when present (missing ones are ignored).
    errors : {"warn", "skip", "raise"}, default "warn"
        What to do with a document whose text is missing or not a string: it yields no
        rows and is listed in ``result.attrs["problems"]`` (with a warning for "warn").
        Empty or whitespace-only texts simply yield no rows.

    Returns
    -------
    DataFrame
        Columns ``doc_id``, ``sent_id`` (0-based within each document), ``start``, ``end``,
        ``text``, then the *keep* columns; ``document_text[start:end] == text``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Mr. Smith left. He came back."]})
    >>> split_sentences(docs)[["sent_id", "start", "end", "text"]].to_dict("records")[1]
    {'sent_id': 1, 'start': 16, 'end': 29, 'text': 'He came back.'}
    """
    check_errors_mode(errors)
    _check_text_frame(documents, text, "documents")
    ids = documents[id_col].tolist() if id_col in documents.columns else list(documents.index)
    texts = documents[text].tolist()
    kept = [c for c in keep if c in documents.columns and c not in ("doc_id", "sent_id")]
    kept_values = [documents[c].tolist() for c in kept]

    out_doc: list = []
    out_sid: list[int] = []
    out_start: list[int] = []
    out_end: list[int] = []
    out_text: list[str] = []
    out_rows: list[int] = []
    problems: list[dict] = []
    for row, (doc_id, doc) in enumerate(zip(ids, texts, strict=True)):
        if not isinstance(doc, str):
            reason = (
                f"document {doc_id!r} has no text (missing value); it yields no sentences"
                if _missing(doc)
                else f"document {doc_id!r}: text is a {type(doc).__name__}, not a string; "
                "it yields no sentences"
            )
            report_problem(make_problem("", doc_id, reason), errors, problems)
            continue
        spans = sentence_spans(doc)
        n = len(spans)
        if not n:
            continue
        out_doc.extend([doc_id] * n)
        out_sid.extend(range(n))
        out_rows.extend([row] * n)
        starts, ends = zip(*spans, strict=True)
        out_start.extend(starts)
        out_end.extend(ends)
        out_text.extend([doc[a:b] for a, b in spans])

    data = {
        "doc_id": out_doc,
        "sent_id": pd.array(out_sid, dtype="int64"),
        "start": pd.array(out_start, dtype="int64"),
        "end": pd.array(out_end, dtype="int64"),
        "text": out_text,
    }
    for col, values in zip(kept, kept_values, strict=True):
        data[col] = [values[r] for r in out_rows]
    result = pd.DataFrame(data)
    if id_col in documents.columns:
        result["doc_id"] = result["doc_id"].astype(documents[id_col].dtype)
    result.attrs["problems"] = merge_problems(documents.attrs.get("problems", []), problems)
    return result


# --------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------

# A word: dotted acronym ("U.S.", "e.g."), or letters/digits with internal hyphens or
# apostrophes ("cease-fire", "Turkey's", "S-400") and digit groups ("3.5", "1,000").
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’][^\W_]+|(?<=\d)[.,]\d+)*")


def tokenize(text: str) -> list[str]:
    """Split *text* into word tokens.

    A token is a run of Unicode letters/digits that may contain internal hyphens and
    apostrophes (``cease-fire``, ``Turkey's``), digit groups (``3.5``, ``1,000``) or be a
    dotted acronym (``U.S.``). Punctuation is dropped. Non-string input gives ``[]``.

    Examples
    --------
    >>> tokenize("Turkey's call for a cease-fire, U.S. says (3.5%).")
    ["Turkey's", 'call', 'for', 'a', 'cease-fire', 'U.S.', 'says', '3.5']
    """
    if not isinstance(text, str):
        return []
    return _WORD.findall(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the tokens of :func:`tokenize`.

    Examples
    --------
    >>> token_spans("Hi, Ani!")
    [(0, 2), (4, 7)]
    """
    if not isinstance(text, str):
        return []
    return [m.span() for m in _WORD.finditer(text)]


def word_count(text: str) -> int:
    """Number of word tokens in *text* (same definition as :func:`tokenize`); 0 for non-strings.

    Examples
    --------
    >>> word_count("A cease-fire was agreed upon in 1994.")
    7
    """
    if not isinstance(text, str):
        return 0
    return len(_WORD.findall(text))


# --------------------------------------------------------------------------------------
# Keyword in context
# --------------------------------------------------------------------------------------


def _term_pattern(terms: Iterable[str], *, case: bool, regex: bool) -> re.Pattern:
    parts = []
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise ValueError(f"kwic terms must be non-empty strings, got {term!r}")
        if regex:
            parts.append(f"(?:{term.strip()})")
        else:
            parts.append(r"\s+".join(re.escape(w) for w in term.split()))
    # longest first so phrases win over their own first word
    parts.sort(key=len, reverse=True)
    # whole words: no letter/digit (or hyphen-joined word) directly before or after;
    # a possessive "'s" after the term is allowed ("Turkey" matches in "Turkey's").
    body = "|".join(parts)
    flags = 0 if case else re.IGNORECASE
    try:
        return re.compile(rf"(?<!\w)(?<!\w-)(?:{body})(?!\w)(?!-\w)", flags)
    except re.error as exc:
        raise ValueError(f"kwic: bad regular expression in {list(terms)!r}: {exc}") from exc


def kwic(
    sentences: pd.DataFrame,
    term: str | Sequence[str],
    *,
    window: int = 40,
    text: str = "text",
    case: bool = False,
    regex: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every whole-word match of *term* with the words around it.

    Parameters
    ----------
    sentences : DataFrame
        The *sentences* frame of :func:`split_sentences` (any frame with a text column;
        ``doc_id``/``sent_id`` are copied when present, and ``source`` too).
    term : str or list of str
        Word(s) or phrase(s) to find; the whitespace inside a phrase matches any whitespace.
    window : int, default 40
        Characters of context kept on each side (within the sentence).
    text : str, default "text"
        Column holding the sentence text.
    case : bool, default False
        Match case exactly.
    regex : bool, default False
        Treat each term as a regular expression (still matched as whole words).

    Returns
    -------
    DataFrame
        One row per match, in input order: ``doc_id``, ``sent_id``, ``left``, ``match``,
        ``right``, ``start``, ``end`` (offsets of the match in the sentence text), plus
        ``source`` when the input has it.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["A cease-fire was agreed."]})
    >>> kwic(s, "cease-fire", window=2)[["left", "match", "right", "start"]].to_dict("records")
    [{'left': 'A ', 'match': 'cease-fire', 'right': ' w', 'start': 2}]
    """
    _check_text_frame(sentences, text, "sentences")
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be a non-negative int, got {window!r}")
    terms = [term] if isinstance(term, str) else list(term)
    if not terms:
        raise ValueError("kwic needs at least one term")
    pattern = _term_pattern(terms, case=case, regex=regex)

    n = len(sentences)
    doc_ids = sentences["doc_id"].tolist() if "doc_id" in sentences.columns else [None] * n
    sent_ids = sentences["sent_id"].tolist() if "sent_id" in sentences.columns else [None] * n
    has_source = "source" in sentences.columns
    sources = sentences["source"].tolist() if has_source else None

    rows: dict[str, list] = {
        k: [] for k in ("doc_id", "sent_id", "left", "match", "right", "start", "end")
    }
    src_out: list = []
    for i, s in enumerate(sentences[text].tolist()):
        if not isinstance(s, str):
            continue
        for m in pattern.finditer(s):
            a, b = m.span()
            rows["doc_id"].append(doc_ids[i])
            rows["sent_id"].append(sent_ids[i])
            rows["left"].append(s[max(0, a - window) : a])
            rows["match"].append(m.group(0))
            rows["right"].append(s[b : b + window])
            rows["start"].append(a)
            rows["end"].append(b)
            if has_source:
                src_out.append(sources[i])
    result = pd.DataFrame(rows)
    for col in ("start", "end"):
        result[col] = result[col].astype("int64")
    if "sent_id" in sentences.columns and len(result):
        result["sent_id"] = result["sent_id"].astype(sentences["sent_id"].dtype)
    if has_source:
        result["source"] = src_out
    return result
