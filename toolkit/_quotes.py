"""Quotes and attributions in one document: the rules of :func:`toolkit.attribution.find_quotes`.

:func:`_doc_quotes` takes the text of one document (its sentences put back together) and
returns one row per direct quote, partial quote or reported statement, with speaker and verb.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice
from operator import itemgetter

import numpy as np

from toolkit._quote_lexicon import _verb_info
from toolkit._quote_marks import (  # noqa: F401 - _DOUBLE … _word_counts: imported from here
    _DOUBLE,
    _SINGLE_NOT_APOSTROPHE,
    _quote_spans,
    _scan_chunk,
    _scan_docs,
    _word_counts,
)
from toolkit._quote_speakers import _np_after, _speaker_after, _speaker_before
from toolkit.text import _words

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
_SPEAKER_ADJUNCT = re.compile(
    r"\s*(?:(?:in|on|at|to|during|after|before|while|when|as)\b[^,.;:!?]{0,60})?[,.;:!?…]*\s*$"
)
# what _SPEAKER_ADJUNCT can start with after its white space (str.isspace is exactly \s)
_ADJUNCT_FIRST = frozenset(",.;:!?…iotdabw")


def _adjunct_only(s: str) -> bool:
    """``_SPEAKER_ADJUNCT.fullmatch(s)``: nothing but an adjunct (``in Ankara``) and punctuation.

    The pattern is tried only when the first character after white space can start it.
    """
    rest = s.lstrip()
    if rest and rest[0] not in _ADJUNCT_FIRST:
        return False
    return _SPEAKER_ADJUNCT.fullmatch(s) is not None


def _b_gap(gap: str) -> bool:
    """``_B_GAP.fullmatch(gap)``: what may stand between a verb and its quote (``said: “``).

    Without a comma or a colon only the middle alternative can match: white space, or
    "that" (any case) between white space with some after it; the pattern runs only otherwise.
    """
    if "," in gap or ":" in gap:
        return _B_GAP.fullmatch(gap) is not None
    rest = gap.lstrip()
    return not rest or (rest[:4].lower() == "that" and rest[4:5].isspace() and rest[4:].isspace())


def _det_before(text: str, vs: int) -> bool:
    """``_DET_BEFORE.search(text, max(vs - 5, 0), vs)``: a determiner or a possessive right
    before *vs* (``the reported attack``).

    A match ends in white space, after one of e a n A s (the|a|an|The|A|An, ’s) or more white
    space; the pattern runs only when the characters before *vs* allow that.
    """
    if vs < 2 or not text[vs - 1].isspace():
        return False
    c = text[vs - 2]
    if c in "eanAs" or c.isspace():
        return _DET_BEFORE.search(text, max(vs - 5, 0), vs) is not None
    return False


_GAP_PUNCT = re.compile(r"[,;:!?“”\"()\[\]]|\.\s")
_DET_BEFORE = re.compile(r"(?:\b(?:the|a|an|The|A|An)|[’']s)\s+$")
_UPTO_COMMA = re.compile(r"[^,]{0,60},")
_COMMA_GAP = re.compile(r"\s*,?\s*")
_COMMA_ONLY = re.compile(r"\s*,\s*")
_NOT_MARKS = re.compile(r"[^\s“”\"‘’.,]")
_THAT_START = re.compile(r"\s*that\b\s*")
_PREP_START = re.compile(r"\s*(?:to|by|for|of|on|in|at|during|after|before|with|from)\b")
_PARENS = re.compile(r"\s*\([^()]{0,40}\)")
_APPOSITIVE = re.compile(r"([^,;:“”\"]{1,60}),[^;:“”\"]{1,80},")


# --------------------------------------------------------------------------- per document


def _content_span(text: str, a: int, b: int) -> tuple[int, int]:
    """Strip spaces, quote marks left out, and trailing punctuation of text[a:b]."""
    seg = text[a:b]
    left = len(seg) - len(seg.lstrip(" \t\n,:;—–-"))
    seg2 = seg.rstrip()
    seg2 = seg2.rstrip(",;:—–-. ")
    return a + left, a + max(len(seg2), left)


def _doc_quotes(
    text: str,
    s_starts: list[int],
    s_ends: list[int],
    scans: tuple[list[tuple[int, int, str]], list[int], list[int], int],
) -> list[dict]:
    """Quote and attribution rows of one document.

    *s_starts*/*s_ends* are the sentences' offsets in *text*, *scans* the reporting verbs and
    quote marks of *text* (see :func:`_scan_chunk`).
    """
    verb_matches, doubles, singles, shift = scans
    info = _verb_info()[0]

    def sent_of(pos: int) -> int:
        return bisect.bisect_right(s_starts, pos) - 1

    spans = _quote_spans(text, sent_of, doubles, singles)
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

    verbs = []
    bisect_right = bisect.bisect_right
    for vs, ve, written in verb_matches:
        vs -= shift
        ve -= shift
        k = bisect_right(q_open, vs) - 1
        if k >= 0 and q_open[k] < vs < q_close[k]:
            continue  # inside a quote
        # an adjective: "the reported attack" (_det_before, its first test inline)
        if vs > 1 and text[vs - 1].isspace() and _det_before(text, vs):
            continue
        form = written.lower()
        if form not in info:  # "point  out": white space as in the lexicon
            form = " ".join(form.split())
        lemma, cls, comp = info[form]
        verbs.append(
            {
                "vs": vs,
                "ve": ve,
                "verb": written,
                "lemma": lemma,
                "cls": cls,
                "comp": comp,
                "si": bisect_right(s_starts, vs) - 1,
                "speaker": "",
                "sp_pos": -1,
                "used": False,
                "subject_from": -1,
            }
        )
    rows: list[dict] = []

    def subject_of(v: dict) -> None:
        """Fill the speaker of *v* with the subject before it, once (speaker before (b))."""
        lo = v["subject_from"]
        if lo >= 0:
            v["subject_from"] = -1
            sp, off = _speaker_before(text[lo : v["vs"]])
            if sp:
                v.update(speaker=sp, sp_pos=lo + off)

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
            if _adjunct_only(rest):
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
        # the subject is looked for only when a rule or a row needs it (see subject_of)
        v["subject_from"] = lo
        # (b) quote right after the verb: X said: “…”
        k2 = bisect.bisect_left(q_open, ve)
        if k2 < len(quotes) and quotes[k2]["owner"] is None and quotes[k2]["o"] - ve < 90:
            gap2 = text[ve : quotes[k2]["o"]]
            if ("\n" not in gap2 or gap2.strip() == ":") and _b_gap(gap2):
                _attach(quotes[k2], v, "direct", text, quotes, None)
                continue
        # (c) partial quotes in the clause the verb governs
        attached = False
        for kq2 in range(k2, len(quotes)):
            q = quotes[kq2]
            if q["o"] >= sent_b:
                break
            if q["owner"] is None and ";" not in text[ve : q["o"]]:
                _attach(q, v, "partial", text, quotes, None)
                attached = True
        if attached:
            continue
        v["reported_ok"] = False
        # (d) trailing attribution: CONTENT, said X. / CONTENT, he added.
        # left ends with a comma (and white space): _COMMA_END.search(text[sent_a:vs])
        left = text[sent_a:vs].rstrip()
        after = text[ve:sent_b]
        if left.endswith(","):
            sp2, sp_a, sp_b = _speaker_after(text, ve)
            if sp2 and _adjunct_only(text[sp_b:sent_b]):
                v.update(speaker=sp2, sp_pos=sp_a, subject_from=-1)
                lo2 = _after_last_close(q_close, sent_a, vs)
                v["content"] = _content_span(text, lo2, sent_a + len(left) - 1)
                v["reported_ok"] = v["content"][1] > v["content"][0]
                continue
        if _adjunct_only(after) and (subject_of(v) or v["speaker"]):
            pre = text[sent_a : v["sp_pos"]].rstrip()
            if pre.endswith(","):
                lo2 = _after_last_close(q_close, sent_a, vs)
                v["content"] = _content_span(text, lo2, sent_a + len(pre) - 1)
                v["reported_ok"] = v["content"][1] > v["content"][0]
                continue
        # (e) X said (that) CONTENT
        if left and not left.endswith(",") and v["verb"].lower().endswith("ing"):
            continue
        ca = _complement_start(v, after)
        if ca is None:
            continue
        v["content"] = _content_span(text, ve + ca, sent_b)
        v["reported_ok"] = v["content"][1] - v["content"][0] > 3

    # the subjects of the verbs that make a row
    for v in verbs:
        if v["subject_from"] >= 0 and (v["used"] or v.get("reported_ok")):
            subject_of(v)
    # -ing forms (", adding that …"): the speaker of the sentence's other attribution
    needy = [
        v
        for v in verbs
        if not v["speaker"] and v.get("reported_ok") and v["verb"].lower().endswith("ing")
    ]
    by_sent: dict[int, list[dict]] = {}
    if needy:
        sents = {v["si"] for v in needy}
        for v in verbs:
            if v["si"] in sents:
                subject_of(v)
                if v["speaker"]:
                    by_sent.setdefault(v["si"], []).append(v)
    for v in needy:
        if True:
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
    rows.sort(key=itemgetter("a", "verb_pos"))
    return rows


def _after_last_close(q_close: list[int], lo: int, hi: int) -> int:
    k = bisect.bisect_left(q_close, hi) - 1
    if k >= 0 and q_close[k] >= lo:
        return q_close[k] + 1
    return lo


def _complement_start(v: dict, after: str) -> int | None:
    """Offset in *after* where the reported content begins, or None if there is none."""
    comp = v["comp"]
    # _THAT needs "that" (ASCII letters, any case) among the first 64 characters
    m = _THAT.match(after) if "that" in after[:64].lower() else None
    if m:
        return m.end()
    stripped = after.lstrip()
    if stripped.startswith(":"):
        return after.index(":") + 1
    if comp == "clause":
        if _PREP_START.match(after):  # said on his show …: an adjunct, not what was said
            return None
        # at least three words: three pieces between white space that are, or start with,
        # letters and digits have them; else count (and stop looking at the third)
        parts = after.split(None, 3)
        if len(parts) >= 3 and parts[0].isalnum() and parts[1].isalnum() and parts[2][0].isalnum():
            return 0
        return 0 if next(islice(_WORD.finditer(after), 2, None), None) is not None else None
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
