"""Speaker phrases of :mod:`toolkit.attribution`: who is quoted, as written in the text.

:func:`_speaker_before` finds the subject of a reporting verb (``the foreign minister said``),
:func:`_speaker_after` and :func:`_np_after` the speaker of an inverted attribution
(``said Mevlut Cavusoglu``, ``said one official``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from toolkit.text import _words

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
# the words _ADJ_TAIL can end in: it cannot match a text whose last word is not one of them
_ADJ_TAIL_LAST = _words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday week month year night morning
    evening afternoon weekend also later earlier again previously repeatedly has have had was
    were is are would will then once recently further today yesterday separately never not did
    does do"""
)
_LY_WORD = re.compile(r"[a-z]+ly")
# every word an _ADJ_TAIL match can hold (besides [a-z]+ly words)
_ADJ_WORDS = _ADJ_TAIL_LAST | {"on", "last", "this", "late", "early"}
_PAREN_TAIL = re.compile(r",\s*[^,;:“”\"\n()]{1,45},\s*$")


@lru_cache(maxsize=1 << 16)
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


_LEADING_CUT = _CONNECTORS - _DETERMINERS  # connectors a phrase may not start with


def _trim_phrase(toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    while toks and _speaker_token(toks[-1][0]) == "c":
        toks = toks[:-1]
    while toks and toks[0][0].lower() in _LEADING_CUT:
        toks = toks[1:]
    if not any(_speaker_token(t[0]) == "n" for t in toks):
        return []
    return toks


def _strip_adjunct_tail(w: str) -> str:
    """*w* without a trailing adjunct (``… on Monday``, ``… also``): ``_ADJ_TAIL.sub("", w)``.

    The pattern can only match when the last word of *w*, after white space, is one it ends
    in; checking that first spares the scan of *w* for almost every window.
    """
    stripped = w.rstrip()
    parts = stripped.rsplit(None, 1)
    if len(parts) < 2 and len(stripped) == len(parts[-1] if parts else ""):
        return w  # one word or none, with no white space before it
    last = parts[-1]
    if last in _ADJ_TAIL_LAST or _LY_WORD.fullmatch(last):
        # A match is white space and whole words of _ADJ_WORDS up to the end: it starts in
        # the white space before the run of such words that ends w, so the pattern is tried
        # from there only (it looks neither behind nor ahead).
        words = stripped.split()
        k = len(words)
        while k and (words[k - 1] in _ADJ_WORDS or _LY_WORD.fullmatch(words[k - 1])):
            k -= 1
        cut = len(stripped.rsplit(None, len(words) - k)[0]) if k else 0
        return w[:cut] + _ADJ_TAIL.sub("", w[cut:])
    return w


def _speaker_before(window: str) -> tuple[str, int]:
    """Speaker phrase ending at the end of *window* (subject of a reporting verb).

    Returns ``(phrase, start offset in window)`` or ``("", -1)``.
    """
    w = window[-140:]
    stripped = w.rstrip()
    last = stripped.rsplit(None, 1)[-1] if stripped else ""
    if (
        stripped.endswith(",")
        or last in _ADJ_TAIL_LAST
        or (last.endswith("ly") and _LY_WORD.fullmatch(last))
    ):
        # a trailing adjunct (… on Monday, … also) or parenthesis (…, 45, ) to take off; else
        # (the usual case) the loop would leave w as it is
        for _ in range(3):
            w2 = _strip_adjunct_tail(w)
            w2 = _PAREN_TAIL.sub("", w2) if w2.rstrip().endswith(",") else w2
            if w2 == w:
                break
            w = w2
        stripped = w.rstrip()
    w = stripped
    # The phrase is the run of name, title and connector tokens at the end of w (a pronoun
    # when the last token is one). The tokens are read backwards, one space-delimited piece
    # of w at a time: no token holds white space and _TOKEN looks neither behind nor ahead,
    # so the tokens of a piece are those of the whole of w.
    phrase: list[tuple[str, int, int, str]] = []  # (token, start, end, kind), last first
    names = 0  # tokens of kind "n" in phrase
    end = len(w)
    last = True  # the next token read is the last one of w
    while True:
        piece = w.rfind(" ", 0, end) + 1
        word = w[piece:end]
        if word.isalpha():  # letters only (the usual piece): one token
            toks: Any = ((word, piece, end),)
        else:
            toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(w, piece, end)]
            toks.reverse()
        for tok, a, b in toks:
            if last:
                last = False
                if tok.lower() in _PRONOUNS:
                    return tok, a
            kind = _speaker_token(tok)
            if not kind:
                break
            phrase.append((tok, a, b, kind))
            if kind == "n":
                names += 1
        else:
            if piece:
                end = piece - 1
                continue
        break
    # _trim_phrase: no connector at the end, none but a determiner at the start, and a name
    # or title inside (phrase runs backwards: its end is phrase[0])
    i, j = 0, len(phrase)
    while i < j and phrase[i][3] == "c":
        i += 1
    while i < j and phrase[j - 1][0].lower() in _LEADING_CUT:
        j -= 1
        if phrase[j][3] == "n":
            names -= 1
    if not names:
        return "", -1
    start = phrase[j - 1][1]
    return w[start : phrase[i][2]], start


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
