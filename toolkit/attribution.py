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
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.errors import check_errors_mode, make_problem, report_problem
from toolkit.text import _words

__all__ = ["find_quotes", "reporting_verbs", "voice", "verb_classes", "VERB_CLASSES", "QUOTE_KINDS"]

VERB_CLASSES = ("neutral", "doubt", "endorse", "emphasis")
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
_RESOURCE = Path(__file__).resolve().parent / "resources" / "reporting_verbs.csv"

# --------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _lexicon() -> pd.DataFrame:
    lex = pd.read_csv(_RESOURCE, dtype=str, keep_default_na=False)
    bad = sorted(set(lex["verb_class"]) - set(VERB_CLASSES))
    if bad:  # pragma: no cover - guards edits of the resource file
        raise ValueError(f"{_RESOURCE}: unknown verb_class {bad}; valid: {list(VERB_CLASSES)}")
    return lex


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


@lru_cache(maxsize=1)
def _verb_table() -> tuple[re.Pattern, dict[str, tuple[str, str, str]], frozenset[str]]:
    lex = _lexicon()
    info = {
        f: (lemma, cls, comp)
        for f, lemma, cls, comp in zip(
            lex["form"], lex["lemma"], lex["verb_class"], lex["complement"], strict=True
        )
    }
    # explicit case variants: re.IGNORECASE makes this scan five times slower
    variants = {v for f in info for v in (f, f.capitalize(), f.title(), f.upper())}
    alt = trie_regex(variants)
    pattern = re.compile(rf"(?<![\w\-’'])(?:{alt})(?![\w\-])")
    single = frozenset(f for f in info if " " not in f)
    return pattern, info, single


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
    return _verb_table()[2]


# --------------------------------------------------------------------------- speaker words

_PRONOUNS = frozenset({"he", "she", "they", "it"})
_TITLE_WORDS = _words(
    """minister ministry ministries spokesman spokeswoman spokesperson spokespeople spokesmen
    president presidents vice prime deputy foreign defence defense interior secretary general
    chief chiefs head official officials leader leaders commander commanders envoy ambassador
    diplomat diplomats representative representatives aide aides adviser advisers advisor
    advisors government army military office statement report reports sources source senator
    lawmaker lawmakers governor mayor analyst analysts expert experts director chairman
    chairwoman chair member members ombudsman authorities authority service agency press
    department committee council parliament speaker administration presidency ministers forces
    state security national human rights public affairs information counterpart top senior
    former acting colonel major lieutenant presidential spokesperson's media police prosecutor
    prosecutors observers monitors mission delegation premier king queen pope cleric
    organization organisation group coalition alliance secretary-general co-chair co-chairs
    residents witnesses activists campaigners"""
)
_CONNECTORS = frozenset({"of", "for", "the", "a", "an", "and", "de", "von", "van", "al", "bin"})
_DETERMINERS = frozenset({"the", "a", "an"})
_CAP_STOP = _words(
    """In On At But And However Meanwhile Also Earlier Later Then So Yet Still Now Today
    Yesterday Last This That These Those It He She They We I His Her Their Its Our My After
    Before When While As Since If Although Though For From With By To Of Under Over During
    Separately Elsewhere Instead Speaking Asked Asked, Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October
    November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Here There What Why How
    Who Whom Which Where Not No Yes Some Many Most All Both Each Every One Two Three Several
    Such Other Another Any Thus Hence Moreover Furthermore Nevertheless Nonetheless Indeed
    Finally First Second Third Previously Recently Reportedly Allegedly According"""
)
_TOKEN = re.compile(r"[^\W_][\w.’'\-]*|[^\w\s]")
_ADJ_TAIL = re.compile(
    r"(?:\s+(?:(?:on|last|this|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|week|month|year|night|morning|evening|afternoon|weekend)|also|later|earlier|again|"
    r"previously|repeatedly|has|have|had|was|were|is|are|would|will|then|once|recently|further|"
    r"today|yesterday|separately|never|not|did|does|do|[a-z]+ly))+\s*$"
)
_PAREN_TAIL = re.compile(r",\s*[^,;:“”\"\n()]{1,45},\s*$")
_BETWEEN_ADVERBS = _words(
    "also later then earlier again further has had was once quickly promptly simply"
)
_WORD = re.compile(r"[^\W_]+(?:[\-’'][^\W_]+)*")
_CLAUSE_AUX = re.compile(
    r"^\W*(?:\S+\s+){0,4}?(?:is|are|was|were|will|would|can|could|should|must|may|might|has|"
    r"have|had|does|do|did|remains|remain|needs|need|wants|want)\b",
    re.IGNORECASE,
)
_TO_INF = re.compile(r"^[^.;:!?“”\"]{0,70}?\bto\s+[a-z]+", re.IGNORECASE)
_THAT = re.compile(r"^(?:[^.;:!?“”\"]{0,60}?)\bthat\b\s*", re.IGNORECASE)
_B_GAP = re.compile(
    r"\s*(?:(?:[\w’'\-]+\s+){0,6}?[\w’'\-]*\s*[:,]\s*(?:that\s+)?|(?:that\s+)?|:\s*)", re.IGNORECASE
)
_LISTENER = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?:(?:[A-Z][\w’'.\-]*\s*)+|[a-z]+\s+)"
    r"(?:(?:on|in|at|during)\s+(?:a|an|the)?\s*[\w\-]+(?:\s+[A-Z][\w\-]*)*\s*)?,?\s*"
)
_SENT_END_AFTER = re.compile(r"\s*[.!?…]*\s*$")
_SPEAKER_ADJUNCT = re.compile(
    r"\s*(?:(?:in|on|at|to|during|after|before|while|when|as)\b[^,.;:!?]{0,60})?[,.;:!?…]*\s*$"
)


def _is_name(tok: str) -> bool:
    c = tok[0]
    return (c.isupper() or c.isdigit()) and tok not in _CAP_STOP


def _speaker_token(tok: str) -> str:
    """Return 'n' (name/title), 'c' (connector) or '' (stop)."""
    if tok in ("’s", "'s") or tok.lower() in _DETERMINERS:
        return "c"
    if tok[0].isupper() or tok[0].isdigit():
        return "n" if tok.rstrip(".,") not in _CAP_STOP else ""
    low = tok.lower()
    if low in _TITLE_WORDS or low.rstrip("’'s") in _TITLE_WORDS:
        return "n"
    if low in _CONNECTORS:
        return "c"
    return ""


def _trim_phrase(toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    while toks and _speaker_token(toks[-1][0]) == "c":
        toks = toks[:-1]
    while toks and toks[0][0].lower() in _CONNECTORS - _DETERMINERS:
        toks = toks[1:]
    if not any(_speaker_token(t[0]) == "n" for t in toks):
        return []
    return toks


def _speaker_before(window: str) -> tuple[str, int]:
    """Speaker phrase ending at the end of *window* (subject of a reporting verb).

    Returns ``(phrase, start offset in window)`` or ``("", -1)``.
    """
    w = window[-140:]
    for _ in range(3):
        w2 = _ADJ_TAIL.sub("", w)
        w2 = _PAREN_TAIL.sub("", w2) if w2.rstrip().endswith(",") else w2
        if w2 == w:
            break
        w = w2
    w = w.rstrip()
    if not w:
        return "", -1
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(w)]
    if not toks:
        return "", -1
    last = toks[-1][0]
    if last.lower() in _PRONOUNS:
        return last, toks[-1][1]
    i = len(toks)
    while i > 0 and _speaker_token(toks[i - 1][0]):
        i -= 1
    phrase = _trim_phrase(toks[i:])
    if not phrase:
        return "", -1
    start, end = phrase[0][1], phrase[-1][2]
    return w[start:end], start


def _speaker_after(text: str, pos: int) -> tuple[str, int, int]:
    """Speaker phrase starting at *pos* (inverted attribution, ``said X``)."""
    window = text[pos : pos + 160]
    toks = []
    for k, m in enumerate(_TOKEN.finditer(window)):
        tok = m.group()
        if k == 0 and tok.lower() in _PRONOUNS:
            return tok, pos + m.start(), pos + m.end()
        if m.start() > 0 and "\n" in window[toks[-1][2] if toks else 0 : m.start()]:
            break
        kind = _speaker_token(tok.rstrip(".,")) if tok[-1] in ".," and len(tok) > 1 else None
        if kind is None:
            kind = _speaker_token(tok)
        if not kind:
            break
        if tok.endswith(",") or (tok.endswith(".") and len(tok) > 1 and not _ABBREV.match(tok)):
            tok2 = tok.rstrip(".,")
            toks.append((tok2, m.start(), m.start() + len(tok2)))
            break
        toks.append((tok, m.start(), m.end()))
    return _phrase_at(window, pos, _trim_phrase(toks))


def _phrase_at(window: str, pos: int, toks: list[tuple[str, int, int]]) -> tuple[str, int, int]:
    """``(text, start, end)`` of the tokens *toks* of *window* (which starts at *pos*)."""
    if not toks:
        return "", -1, -1
    start, end = toks[0][1], toks[-1][2]
    return window[start:end], pos + start, pos + end


_GAP_PUNCT = re.compile(r"[,;:!?“”\"()\[\]]|\.\s")
_SPACES = re.compile(r"\s+")
_DET_BEFORE = re.compile(r"(?:\b(?:the|a|an|The|A|An)|[’']s)\s+$")
_UPTO_COMMA = re.compile(r"[^,]{0,60},")
_COMMA_GAP = re.compile(r"\s*,?\s*")
_COMMA_ONLY = re.compile(r"\s*,\s*")
_COMMA_END = re.compile(r",\s*$")
_NOT_MARKS = re.compile(r"[^\s“”\"‘’.,]")
_THAT_START = re.compile(r"\s*that\b\s*")
_PREP_START = re.compile(r"\s*(?:to|by|for|of|on|in|at|during|after|before|with|from)\b")
_PARENS = re.compile(r"\s*\([^()]{0,40}\)")
_APPOSITIVE = re.compile(r"([^,;:“”\"]{1,60}),[^;:“”\"]{1,80},")
_NP_STOP = _words(
    """in on at to after before during while when as who which that whose where from with by
    for about and but or because since if than adding saying noting insisting"""
)


def _np_after(text: str, pos: int) -> tuple[str, int, int]:
    """Noun phrase after an inverted verb (“…,” said one official): words up to a stop."""
    window = text[pos : pos + 120]
    toks = []
    for m in _TOKEN.finditer(window):
        tok = m.group()
        low = tok.lower()
        if not tok[0].isalnum() or low in _NP_STOP or (low.endswith("ing") and tok.islower()):
            break
        word = tok.rstrip(".")
        toks.append((word, m.start(), m.start() + len(word)))
        if len(toks) >= 8 or tok.endswith("."):
            break
    return _phrase_at(window, pos, toks)


_ABBREV = re.compile(r"^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Prof|St|Adm|Maj|Capt)\.$")

# --------------------------------------------------------------------------- quote marks

_DOUBLE = re.compile(r"[“”„«»\"]")
_SINGLE = re.compile(r"[‘'’]")
_OPEN_BEFORE = frozenset(" \t\n([{—–-:/")
_MAX_QUOTE = 3000
_MAX_SINGLE = 400


def _mark_ok(text: str, p: int) -> tuple[bool, bool]:
    prev = text[p - 1] if p > 0 else " "
    nxt = text[p + 1] if p + 1 < len(text) else " "
    opener = (prev in _OPEN_BEFORE or prev.isspace()) and not nxt.isspace()
    closer = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    return opener, closer


def _quote_spans(text: str, sent_of) -> list[tuple[int, int]]:
    """Return (open mark position, close mark position) pairs, sorted."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    for m in _DOUBLE.finditer(text):
        p = m.start()
        ch = m.group()
        opener, closer = _mark_ok(text, p)
        if open_at >= 0 and p - open_at > _MAX_QUOTE:
            open_at = -1
        if ch in "“„«":
            kind = "open"
        elif ch in "”»":
            kind = "open" if (opener and not closer and open_at < 0) else "close"
        elif open_at < 0:
            kind = "open" if opener else "skip"
        else:
            kind = "close" if closer else ("open" if opener else "skip")
        if kind == "open":
            if open_at >= 0:
                nl = text.rfind("\n", open_at, p)
                if nl > open_at + 1:  # quote running over a paragraph: closed at its end
                    end = len(text[:nl].rstrip())
                    spans.append((open_at, end))
            open_at = p
        elif kind == "close" and open_at >= 0:
            spans.append((open_at, p))
            open_at = -1
    # single quotes outside double-quoted spans, inside one sentence
    starts = [s for s, _ in spans]
    open_at = -1
    n_text = len(text)
    for m in _SINGLE.finditer(text):
        p = m.start()
        if 0 < p < n_text - 1 and text[p - 1].isalnum() and text[p + 1].isalnum():
            continue  # an apostrophe: Armenia’s, don't
        k = bisect.bisect_right(starts, p) - 1
        if k >= 0 and spans[k][0] <= p <= spans[k][1]:
            continue
        ch = m.group()
        opener, closer = _mark_ok(text, p)
        if ch == "'" or ch == "‘":
            nxt = text[p + 1] if p + 1 < len(text) else " "
            if (open_at < 0 or ch == "‘") and opener and (nxt.isalpha() or ch == "‘"):
                open_at = p
                continue
        if ch in "'’" and open_at >= 0 and closer:
            if p - open_at <= _MAX_SINGLE and sent_of(open_at) == sent_of(p) and p > open_at + 1:
                spans.append((open_at, p))
            open_at = -1
    spans.sort()
    return spans


# --------------------------------------------------------------------------- per document


class _Row(dict):
    pass


def _content_span(text: str, a: int, b: int) -> tuple[int, int]:
    """Strip spaces, quote marks left out, and trailing punctuation of text[a:b]."""
    seg = text[a:b]
    left = len(seg) - len(seg.lstrip(" \t\n,:;—–-"))
    seg2 = seg.rstrip()
    seg2 = seg2.rstrip(",;:—–-. ")
    return a + left, a + max(len(seg2), left)


def _doc_quotes(text: str, s_starts: np.ndarray, s_ends: np.ndarray) -> list[dict]:
    pattern, info, _ = _verb_table()

    def sent_of(pos: int) -> int:
        return bisect.bisect_right(s_starts, pos) - 1

    spans = _quote_spans(text, sent_of)
    # inner spans (without marks), trailing comma trimmed
    quotes = []
    for o, c in spans:
        a, b = o + 1, c
        raw = text[a:b]
        inner_a = a + (len(raw) - len(raw.lstrip()))
        stripped = raw.rstrip()
        inner_b = a + len(stripped)
        ends_comma = stripped.endswith((",", "?", "!", "—", "–", "-", "…"))
        if stripped.endswith(","):
            inner_b -= 1
        if inner_b <= inner_a:
            continue
        quotes.append(
            {
                "o": o,
                "c": c,
                "a": inner_a,
                "b": inner_b,
                "comma": ends_comma or text[c + 1 : c + 2] == ",",
                "owner": None,
                "kind": None,
                "merged": [],
            }
        )
    q_open = [q["o"] for q in quotes]
    q_close = [q["c"] for q in quotes]

    def inside_quote(p: int) -> bool:
        k = bisect.bisect_right(q_open, p) - 1
        return k >= 0 and quotes[k]["o"] < p < quotes[k]["c"]

    verbs = []
    for m in pattern.finditer(text):
        vs, ve = m.start(), m.end()
        if inside_quote(vs) or _DET_BEFORE.search(text, max(vs - 5, 0), vs):
            continue  # inside a quote, or an adjective: "the reported attack"
        form = _SPACES.sub(" ", m.group().lower())
        lemma, cls, comp = info[form]
        verbs.append(
            {
                "vs": vs,
                "ve": ve,
                "verb": m.group(),
                "lemma": lemma,
                "cls": cls,
                "comp": comp,
                "si": sent_of(vs),
                "speaker": "",
                "sp_pos": -1,
                "used": False,
            }
        )
    rows: list[dict] = []

    def add_row(kind, a, b, verb, speaker, sp_pos, text_override=None, merged_end=None):
        end = merged_end if merged_end is not None else b
        rows.append(
            {
                "kind": kind,
                "a": a,
                "b": end,
                "quote": text_override if text_override is not None else text[a:b],
                "verb": verb["verb"] if verb else "",
                "verb_class": verb["cls"] if verb else "",
                "speaker": speaker,
                "sp_pos": sp_pos,
                "verb_pos": verb["vs"] if verb else -1,
            }
        )
        return rows[-1]

    for v in verbs:
        vs, ve, si = v["vs"], v["ve"], v["si"]
        sent_a = s_starts[si]
        sent_b = s_ends[si]
        if v["comp"] == "according":
            sp, sp_a, sp_b = _speaker_after(text, ve)
            if not sp:
                continue
            v.update(speaker=sp, sp_pos=sp_a, used=True)
            rest = text[sp_b:sent_b]
            if _SPEAKER_ADJUNCT.fullmatch(rest):
                ca, cb = _content_span(text, sent_a, vs)  # CONTENT, according to X.
            else:
                m_c = _UPTO_COMMA.match(rest)  # according to X, CONTENT
                start_c = sp_b + (m_c.end() if m_c else 0)
                ca, cb = _content_span(text, start_c, sent_b)
                if text[sent_a:vs].strip(" ,\n"):
                    ca = _content_span(text, sent_a, vs)[0]
                    cb = _content_span(text, start_c, sent_b)[1]
            v["content"] = (ca, cb)
            v["reported_ok"] = cb - ca > 0
            continue
        # (a) attribution right after a quote: “…,” said X / “…,” X said
        k = bisect.bisect_left(q_close, vs) - 1
        if k >= 0 and quotes[k]["owner"] is None and quotes[k]["comma"]:
            q = quotes[k]
            gap = text[q["c"] + 1 : vs]
            if len(gap) < 80 and "\n" not in gap.strip(" ,"):
                if _COMMA_GAP.fullmatch(gap):
                    sp, sp_a, sp_b = _speaker_after(text, ve)
                    if not sp:
                        sp, sp_a, sp_b = _np_after(text, ve)
                    v.update(speaker=sp, sp_pos=sp_a)
                    tail = sp_b if sp else ve
                    _attach(q, v, "direct", text, quotes, tail, q_open)
                    continue
                g = gap.lstrip(" ,")
                words = g.split()
                while words and words[-1].lower() in _BETWEEN_ADVERBS:
                    words.pop()
                core = _PARENS.sub("", " ".join(words)).strip()
                m_app = _APPOSITIVE.fullmatch(core)
                if m_app:  # “…,” Alex Castellanos, one such consultant, said
                    core = m_app.group(1)
                if 0 < len(core.split()) <= 8 and not _GAP_PUNCT.search(core):
                    sp = core
                    v.update(speaker=sp, sp_pos=q["c"] + 1 + max(gap.find(sp), 0))
                    _attach(q, v, "direct", text, quotes, ve, q_open)
                    continue
        # subject before the verb
        lo = max(sent_a, vs - 220)
        kq = bisect.bisect_left(q_close, vs) - 1
        if kq >= 0 and q_close[kq] >= lo:
            lo = q_close[kq] + 1
        sp, off = _speaker_before(text[lo:vs])
        if sp:
            v.update(speaker=sp, sp_pos=lo + off)
        # (b) quote right after the verb: X said: “…”
        k2 = bisect.bisect_left(q_open, ve)
        if k2 < len(quotes) and quotes[k2]["owner"] is None and quotes[k2]["o"] - ve < 90:
            gap2 = text[ve : quotes[k2]["o"]]
            if ("\n" not in gap2 or gap2.strip() == ":") and _B_GAP.fullmatch(gap2):
                _attach(quotes[k2], v, "direct", text, quotes, None)
                continue
        # (c) partial quotes in the clause the verb governs
        attached = False
        for q in quotes[k2:]:
            if q["o"] >= sent_b:
                break
            if q["owner"] is None and ";" not in text[ve : q["o"]]:
                _attach(q, v, "partial", text, quotes, None)
                attached = True
        if attached:
            continue
        v["reported_ok"] = False
        # (d) trailing attribution: CONTENT, said X. / CONTENT, he added.
        left = text[sent_a:vs]
        after = text[ve:sent_b]
        m_sp = _COMMA_END.search(left)
        if m_sp:
            sp2, sp_a, sp_b = _speaker_after(text, ve)
            if sp2 and _SPEAKER_ADJUNCT.fullmatch(text[sp_b:sent_b]):
                v.update(speaker=sp2, sp_pos=sp_a)
                lo2 = _after_last_close(q_close, sent_a, vs)
                v["content"] = _content_span(text, lo2, sent_a + m_sp.start())
                v["reported_ok"] = v["content"][1] > v["content"][0]
                continue
        if v["speaker"] and _SPEAKER_ADJUNCT.fullmatch(after):
            pre = text[sent_a : v["sp_pos"]].rstrip()
            if pre.endswith(","):
                lo2 = _after_last_close(q_close, sent_a, vs)
                v["content"] = _content_span(text, lo2, sent_a + len(pre) - 1)
                v["reported_ok"] = v["content"][1] > v["content"][0]
                continue
        # (e) X said (that) CONTENT
        if v["verb"].lower().endswith("ing"):
            prev = text[sent_a:vs].rstrip()
            if prev and not prev.endswith(","):
                continue
        ca = _complement_start(v, after)
        if ca is None:
            continue
        v["content"] = _content_span(text, ve + ca, sent_b)
        v["reported_ok"] = v["content"][1] - v["content"][0] > 3

    # -ing forms (", adding that …"): the speaker of the sentence's other attribution
    by_sent: dict[int, list[dict]] = {}
    for v in verbs:
        if v["speaker"]:
            by_sent.setdefault(v["si"], []).append(v)
    for v in verbs:
        if not v["speaker"] and v.get("reported_ok") and v["verb"].lower().endswith("ing"):
            cands = by_sent.get(v["si"], [])
            if cands:
                best = min(cands, key=lambda u: abs(u["vs"] - v["vs"]))
                v.update(speaker=best["speaker"], sp_pos=best["sp_pos"])
    for v in verbs:
        if v.get("reported_ok") and v["speaker"] and "content" in v:
            a, b = v["content"]
            add_row("reported", a, b, v, v["speaker"], v["sp_pos"])
    # quotes → rows
    prev_direct = None
    for q in quotes:
        if q.get("consumed"):
            continue
        v = q["owner"]
        kind = q["kind"]
        if v is None:
            kind = _unattached_kind(text, q, s_starts, sent_of)
        text_q = text[q["a"] : q["b"]]
        end = q["b"]
        for q2 in q["merged"]:
            text_q = text_q + " " + text[q2["a"] : q2["b"]]
            end = q2["b"]
        if v is not None:
            r = add_row(kind, q["a"], q["b"], v, v["speaker"], v["sp_pos"], text_q, end)
        elif (
            kind == "direct"
            and prev_direct is not None
            and prev_direct["speaker"]
            and "\n" not in text[prev_direct["b"] : q["o"]]
            and not _NOT_MARKS.search(text[prev_direct["b"] + 1 : q["o"]])
        ):
            # a quote continuing the previous speaker in the same paragraph
            r = add_row(kind, q["a"], q["b"], None, prev_direct["speaker"], prev_direct["sp_pos"])
            r["quote"] = text_q
            r["b"] = end
        else:
            r = add_row(kind, q["a"], q["b"], None, "", -1, text_q, end)
        if kind == "direct":
            prev_direct = r
    rows.sort(key=lambda r: (r["a"], r["verb_pos"]))
    return rows


def _after_last_close(q_close: list[int], lo: int, hi: int) -> int:
    k = bisect.bisect_left(q_close, hi) - 1
    if k >= 0 and q_close[k] >= lo:
        return q_close[k] + 1
    return lo


def _complement_start(v: dict, after: str) -> int | None:
    """Offset in *after* where the reported content begins, or None if there is none."""
    comp = v["comp"]
    m = _THAT.match(after)
    if m and len(after[: m.start()].split()) <= 8:
        return m.end()
    stripped = after.lstrip()
    if stripped.startswith(":"):
        return after.index(":") + 1
    if comp == "clause":
        if _PREP_START.match(after):  # said on his show …: an adjunct, not what was said
            return None
        return 0 if len(_WORD.findall(after)) >= 3 else None
    if comp == "object":
        # told reporters (that) …: skip the listener, then "that" or a clause
        m2 = _LISTENER.match(after)
        if not m2:
            return None
        rest = after[m2.end() :]
        m3 = _THAT_START.match(rest)
        if m3:
            return m2.end() + m3.end()
        if _CLAUSE_AUX.match(rest):
            return m2.end()
        if v["lemma"] == "tell" and _TO_INF.match(after):
            return 0
        return None
    # cue verbs: to-infinitive (urged X to …) or a clause with an auxiliary (adding this was …)
    if v["lemma"] in {"urge", "ask", "demand", "warn", "vow", "call", "tell"} and _TO_INF.match(
        after
    ):
        return 0
    if _CLAUSE_AUX.match(after) and not _PREP_START.match(after):
        return 0
    return None


def _attach(
    q: dict,
    v: dict,
    kind: str,
    text: str,
    quotes: list[dict],
    tail: int | None,
    q_open: list[int] | None = None,
) -> None:
    q["owner"] = v
    q["kind"] = kind
    v["used"] = True
    if tail is None:
        return
    # “A,” he said, “B.”: the second part continues the first quote
    starts = q_open if q_open is not None else [x["o"] for x in quotes]
    k = bisect.bisect_left(starts, tail)
    if k < len(quotes):
        q2 = quotes[k]
        if q2["owner"] is None and _COMMA_ONLY.fullmatch(text[tail : q2["o"]]):
            q2["owner"] = v
            q2["kind"] = kind
            q2["consumed"] = True
            q["merged"].append(q2)


def _unattached_kind(text: str, q: dict, s_starts: np.ndarray, sent_of) -> str:
    si = sent_of(q["o"])
    before = text[s_starts[si] : q["o"]].strip()
    inner = text[q["a"] : q["b"]]
    if before == "" or before.endswith(":"):
        return "direct"
    if inner[:1].isupper() and inner.rstrip()[-1:] in ".?!" and len(inner.split()) >= 4:
        return "direct"
    return "partial"


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
    for d, idx in order.items():
        if has_offsets:
            try:
                idx = sorted(idx, key=lambda i: int(starts[i]))
                offs = [int(starts[i]) for i in idx]
            except (TypeError, ValueError):
                offs = None
            ok = offs is not None and all(
                offs[j] >= offs[j - 1] + len(texts[idx[j - 1]]) for j in range(1, len(idx))
            )
        else:
            ok = False
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
    out: list[dict] = []
    for doc_id, idx, doc, s_st, s_en in _build_docs(sentences, text, problems, errors):
        rows = _doc_quotes(doc, s_st, s_en)
        if not rows:
            continue
        _resolve_speakers(rows, actors, cache)
        for r in rows:
            k0 = bisect.bisect_right(s_st, r["a"]) - 1
            k1 = bisect.bisect_right(s_st, max(r["b"] - 1, r["a"])) - 1
            rec = {
                "doc_id": doc_id,
                "sent_id": sent_ids[idx[k0]],
                "quote": r["quote"],
                "kind": r["kind"],
                "speaker": r["speaker"],
                "speaker_actor": r["actor"],
                "verb": _SPACES.sub(" ", r["verb"]),
                "verb_class": r["verb_class"],
                "quote_start": r["a"] - s_st[k0],
                "quote_end": r["b"] - s_st[k1],
                "end_sent_id": sent_ids[idx[k1]],
                "speaker_resolved": r["resolved"],
            }
            if has_source:
                rec["source"] = sources[idx[k0]]
            out.append(rec)
    cols = QUOTE_COLUMNS + (["source"] if has_source else [])
    df = pd.DataFrame(out, columns=cols)
    if out:
        df["n_words"] = df["quote"].str.count(_WORD.pattern).astype("int64")
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
