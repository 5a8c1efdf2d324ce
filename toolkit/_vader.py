"""Exact, faster VADER sentence scores.

:func:`scores` and :func:`polarity_scores` give the same numbers, bit for bit, as
``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer().polarity_scores``. They follow
the same rules (emoji descriptions, punctuation stripping, ALL CAPS emphasis, boosters and
dampeners, negation, ``never so``/``without doubt``, ``least``, special-case idioms, ``but``,
``!``/``?`` emphasis) but do each piece of work once per text instead of once per token:

- the text is lower-cased once, and each distinct token's word (punctuation stripped or
  not) is remembered across texts; the library lower-cases the whole token list again for
  every negation and idiom check;
- only tokens found in the lexicon are scored; the others are 0 without a function call;
- the ALL CAPS test splits the original text only when a scored word could be ALL CAPS;
- idiom n-grams are looked up as tuples, and only when one of the four words involved can
  start an idiom at all.

The lexicon, the emoji descriptions and the constant tables (boosters, negations, special
cases, the booster/caps/negation scalars) are read from the installed ``vaderSentiment``
package at run time, never copied here. The few numbers that the library writes inline in
its functions (punctuation weights, window damping, the normalisation alpha) are named below.

Inputs that are not ``str`` are handed to the library itself, and so is everything when the
installed ``vaderSentiment`` is a version this module has not been checked against.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import metadata
from itertools import chain, compress

import numpy as np

__all__ = ["polarity_scores", "scores"]

#: Versions of vaderSentiment whose rules this module reproduces (checked by
#: tests/test_vader_exact.py). Any other version is scored by the library itself.
VERIFIED_VERSIONS = frozenset({"3.3.2"})

# Numbers the library writes inline in its functions (vaderSentiment 3.3.2).
_DAMP_2 = 0.95  # booster two words before a lexicon word
_DAMP_3 = 0.9  # booster three words before
_NEVER_SO = 1.25  # "never so good", "never this good"
_EXCLAIM = 0.292  # per "!", at most _MAX_EXCLAIM of them
_MAX_EXCLAIM = 4
_QUESTION = 0.18  # per "?" when there are 2 or 3
_MANY_QUESTIONS = 0.96  # 4 or more "?"
_ALPHA = 15  # compound = s / sqrt(s*s + alpha)
_BEFORE_BUT = 0.5  # words before the first "but"
_AFTER_BUT = 1.5  # words after it

_PUNCT = string.punctuation
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: Size at which the token -> word memo is emptied (bounds memory on huge corpora).
_MEMO_LIMIT = 500_000
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")
_AT_VERY = ("at", "very")
#: The one character whose lower case depends on its neighbours (final sigma).
_CAPITAL_SIGMA = "\u03a3"
#: Scores of a text with words but no lexicon word: (compound, pos, neu, neg).
_ALL_NEUTRAL = (0.0, 0.0, 1.0, 0.0)


@lru_cache(maxsize=1)
def _analyzer():
    """The library's analyzer (fallback, and the source of the lexicon and emoji tables)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _fast_path_ok() -> bool:
    """True when the installed vaderSentiment is a version whose rules we reproduce."""
    try:
        return metadata.version("vaderSentiment") in VERIFIED_VERSIONS
    except metadata.PackageNotFoundError:  # pragma: no cover - installed from source
        return False


def _word(token: str) -> str:
    """The library's word for a token: punctuation stripped from both ends, unless that
    leaves 2 characters or fewer (so emoticons such as ":)" stay whole)."""
    bare = token.strip(_PUNCT)
    return token if len(bare) <= 2 else bare


def _ngram_table(table: dict) -> dict[tuple[str, ...], object]:
    """Multi-word keys of *table* as word tuples (the library joins words with one space)."""
    return {tuple(key.split(" ")): value for key, value in table.items() if " " in key}


@lru_cache(maxsize=1)
def _build_scorer() -> Callable[[str], tuple]:
    """Build the one-text scorer, closing over the tables read from vaderSentiment.

    Returns a function ``text -> (compound, pos, neu, neg)``.
    """
    from vaderSentiment import vaderSentiment as vs

    analyzer = _analyzer()
    lexicon: dict[str, float] = analyzer.lexicon
    boosters: dict[str, float] = vs.BOOSTER_DICT
    negations = frozenset(vs.NEGATE)
    n_scalar: float = vs.N_SCALAR
    c_incr: float = vs.C_INCR
    special = _ngram_table(vs.SPECIAL_CASES)
    booster_ngrams = _ngram_table(vs.BOOSTER_DICT)
    # An idiom lookup can only hit when one of the words around a lexicon word starts a key.
    idiom_starts = frozenset(key[0] for key in (*special, *booster_ngrams))

    # The library replaces each single-character emoji by its description. Emoji are rare,
    # so the replacement visits every non-ASCII character and keeps the others as they are.
    emojis: dict[str, str] = analyzer.emojis
    emoji_chars = frozenset(key for key in emojis if len(key) == 1)
    # Pre-filter: a class of the BMP emoji plus every astral character (a regex class of all
    # the astral emoji is scanned linearly and is very slow; a range is not).
    bmp_emoji = "".join(re.escape(c) for c in sorted(emoji_chars) if ord(c) < 0x10000)
    maybe_emoji = re.compile(f"[{bmp_emoji}\U00010000-\U0010ffff]").search

    def describe(match: re.Match) -> str:
        char = match.group()
        if char not in emoji_chars:
            return char
        # A space goes before the description unless the emoji starts the text or follows
        # a plain space (an emoji right after another emoji gets one too).
        at = match.start()
        if at == 0 or match.string[at - 1] == " ":
            return emojis[char]
        return " " + emojis[char]

    # Lower-cased token -> its word (punctuation stripped or not), shared by all texts.
    word_of: dict[str, str] = {}

    def lower_words(lowered_tokens: list[str]) -> list[str]:
        try:
            return list(map(word_of.__getitem__, lowered_tokens))
        except KeyError:
            if len(word_of) > _MEMO_LIMIT:
                word_of.clear()
            for tok in lowered_tokens:
                if tok not in word_of:
                    word_of[tok] = _word(tok)
            return list(map(word_of.__getitem__, lowered_tokens))

    def negated(word: str) -> bool:
        return word in negations or "n't" in word

    def valence_at(i: int, lowers: list[str], emphatic: Callable[[int], bool]):
        """Valence of the lexicon word at position *i* (the library's sentiment_valence).

        ``emphatic(j)`` tells whether word *j* gets the ALL CAPS increment.
        """
        n = len(lowers)
        word = lowers[i]
        valence = lexicon[word]
        if word == "no" and i != n - 1 and lowers[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in _OR_NOR)
        ):
            valence = lexicon[word] * n_scalar
        if emphatic(i):
            if valence > 0:
                valence += c_incr
            else:
                valence -= c_incr

        # Up to three preceding words that are not lexicon words: boosters, then negation.
        for back in (1, 2, 3):
            if i < back:
                break
            prev = lowers[i - back]
            if prev in lexicon:
                continue
            scalar = 0.0
            if prev in boosters:
                scalar = boosters[prev]
                if valence < 0:
                    scalar *= -1
                if emphatic(i - back):
                    if valence > 0:
                        scalar += c_incr
                    else:
                        scalar -= c_incr
                if back == 2:
                    scalar = scalar * _DAMP_2
                elif back == 3:
                    scalar = scalar * _DAMP_3
            valence = valence + scalar

            if back == 1:
                if negated(prev):
                    valence = valence * n_scalar
            elif back == 2:
                if prev == "never" and lowers[i - 1] in _SO_THIS:
                    valence = valence * _NEVER_SO
                elif prev == "without" and lowers[i - 1] == "doubt":
                    pass
                elif negated(prev):
                    valence = valence * n_scalar
            else:
                w2, w1 = lowers[i - 2], lowers[i - 1]
                # The library's condition reads "never so|this" OR "so|this" right before.
                if (prev == "never" and w2 in _SO_THIS) or w1 in _SO_THIS:
                    valence = valence * _NEVER_SO
                elif prev == "without" and (w2 == "doubt" or w1 == "doubt"):
                    pass
                elif negated(prev):
                    valence = valence * n_scalar
                if (
                    word in idiom_starts
                    or w1 in idiom_starts
                    or w2 in idiom_starts
                    or prev in idiom_starts
                ):
                    valence = idioms(valence, lowers, i)

        # "least" before the word negates it, except in "at least" and "very least".
        if (
            i > 0
            and lowers[i - 1] == "least"
            and "least" not in lexicon
            and (i == 1 or lowers[i - 2] not in _AT_VERY)
        ):
            valence = valence * n_scalar
        return valence

    def idioms(valence, lowers: list[str], i: int):
        """Special-case idioms around position *i* >= 3, then multi-word boosters before it."""
        n = len(lowers)
        w0, w1, w2, w3 = lowers[i], lowers[i - 1], lowers[i - 2], lowers[i - 3]
        for key in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
            if key in special:
                valence = special[key]
                break
        if n - 1 > i and (w0, lowers[i + 1]) in special:
            valence = special[(w0, lowers[i + 1])]
        if n - 1 > i + 1 and (w0, lowers[i + 1], lowers[i + 2]) in special:
            valence = special[(w0, lowers[i + 1], lowers[i + 2])]
        for key in ((w3, w2, w1), (w3, w2), (w2, w1)):
            if key in booster_ngrams:
                valence = valence + booster_ngrams[key]
        return valence

    def but_rule(lowers: list[str], sentiments: list) -> None:
        """Halve the words before the first "but", add half to those after (in place).

        Reproduces the library's loop literally: for each entry it finds the FIRST equal
        value in the (already modified) list and rescales that one.
        """
        pivot = lowers.index("but")
        for k in range(len(sentiments)):
            value = sentiments[k]
            at = sentiments.index(value)
            if at < pivot:
                sentiments[at] = value * _BEFORE_BUT
            elif at > pivot:
                sentiments[at] = value * _AFTER_BUT

    def eager_emphasis(tokens: list[str]) -> Callable[[int], bool]:
        # ALL CAPS words are emphasised only when some, but not all, words are ALL CAPS.
        # Stripping removes only uncased characters, so a token and its word agree on
        # isupper(): the tokens stand in for the words.
        n_upper = sum(map(str.isupper, tokens))
        if 0 < n_upper < len(tokens):
            return lambda i: tokens[i].isupper()
        return lambda i: False

    def lazy_emphasis(text: str, lowers: list[str]) -> Callable[[int], bool]:
        # For ASCII text: an ALL CAPS word i appears upper-cased in the text, so when
        # lowers[i].upper() does not, the word is not emphasised and the (costly) split
        # and count of ALL CAPS tokens can wait, usually forever.
        decided: list[Callable[[int], bool]] = []

        def emphatic(i: int) -> bool:
            if lowers[i].upper() not in text:
                return False
            if not decided:
                decided.append(eager_emphasis(text.split()))
            return decided[0](i)

        return emphatic

    def score(text: str) -> tuple:
        lowered = text.lower()
        tokens = None
        if not text.isascii():
            if maybe_emoji(text):
                text = _NON_ASCII.sub(describe, text)
                lowered = text.lower()
            tokens = text.split()
            if len(lowered) != len(text) or _CAPITAL_SIGMA in text:
                # Lower-casing is not char by char: lower-case word by word.
                lowers = [_word(tok).lower() for tok in tokens]
            else:
                lowers = lower_words(lowered.split())
        else:
            # text.lower() maps each char to one char, so the words of the lowered text's
            # tokens are the lower-cased words of the tokens.
            lowers = lower_words(lowered.split())
        n = len(lowers)
        if not n:
            return (0.0, 0.0, 0.0, 0.0)

        # Only lexicon words get a valence; all other words score 0 (so do boosters and
        # "kind" in "kind of"). `values` holds the scored words' valences in text order.
        positions = []
        values = []
        emphatic = None
        for i in compress(range(n), map(lexicon.__contains__, lowers)):
            word = lowers[i]
            if word in boosters or (word == "kind" and i < n - 1 and lowers[i + 1] == "of"):
                continue
            if emphatic is None:
                emphatic = lazy_emphasis(text, lowers) if tokens is None else eager_emphasis(tokens)
            positions.append(i)
            values.append(valence_at(i, lowers, emphatic))
        if not values:
            return _ALL_NEUTRAL
        # (A word "but" is also a substring of the lowered text: a cheap test first.)
        if "but" in lowered and "but" in lowers:
            sentiments: list = [0] * n  # int 0, like the library
            for i, value in zip(positions, values, strict=True):
                sentiments[i] = value
            but_rule(lowers, sentiments)
            # The rule only rescales: zeros stay zero and non-zeros stay at `positions`.
            values = [sentiments[i] for i in positions]

        # Punctuation emphasis ("!" and "?") applies to the total and to the bigger side.
        exclaim = text.count("!")
        emphasis = min(exclaim, _MAX_EXCLAIM) * _EXCLAIM
        questions = text.count("?")
        if questions > 1:
            emphasis = emphasis + (questions * _QUESTION if questions <= 3 else _MANY_QUESTIONS)

        # Zeros add nothing to a sum, so summing the scored words alone is exact.
        total = float(sum(values))
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        compound = total / math.sqrt(total * total + _ALPHA)
        if compound < -1.0:
            compound = -1.0
        elif compound > 1.0:
            compound = 1.0

        pos_sum = 0.0
        neg_sum = 0.0
        neutral = n - len(values)
        for value in values:
            if value > 0:
                pos_sum += float(value) + 1
            elif value < 0:
                neg_sum += float(value) - 1
            else:
                neutral += 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += emphasis
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= emphasis
        denominator = pos_sum + math.fabs(neg_sum) + neutral
        # round() is slow; a zero side is 0.0 without it.
        return (
            round(compound, 4),
            round(math.fabs(pos_sum / denominator), 3) if pos_sum else 0.0,
            round(math.fabs(neutral / denominator), 3),
            round(math.fabs(neg_sum / denominator), 3) if neg_sum else 0.0,
        )

    return score


def _library_row(text) -> tuple:
    """(compound, pos, neu, neg) from the library's analyzer itself."""
    d = _analyzer().polarity_scores(text)
    return (d["compound"], d["pos"], d["neu"], d["neg"])


def scores(texts: Sequence[str]) -> np.ndarray:
    """VADER scores of many texts, equal to the library's ``polarity_scores``.

    Parameters
    ----------
    texts : sequence of str
        The texts (sentences). Items that are not ``str`` are passed to the library's
        analyzer unchanged (and fail or succeed exactly as they do there).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(texts), 4)``, float64; columns ``compound``, ``pos``, ``neu``, ``neg``,
        each ``==`` to ``SentimentIntensityAnalyzer().polarity_scores(text)[column]``.

    Examples
    --------
    >>> scores(["What a great day.", ""]).tolist()
    [[0.6249, 0.577, 0.423, 0.0], [0.0, 0.0, 0.0, 0.0]]
    """
    if not _fast_path_ok():
        rows = [_library_row(t) for t in texts]
    else:
        score = _build_scorer()
        rows = [score(t) if isinstance(t, str) else _library_row(t) for t in texts]
    # A flat float iterator converts much faster than numpy's discovery of nested tuples.
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.float64, count=4 * len(rows))
    return flat.reshape(-1, 4)


def polarity_scores(text: str) -> dict[str, float]:
    """VADER scores of one text, the same dict as the library's ``polarity_scores``.

    Parameters
    ----------
    text : str
        The text (a sentence).

    Returns
    -------
    dict
        Keys ``neg``, ``neu``, ``pos``, ``compound`` (in the library's order).

    Examples
    --------
    >>> polarity_scores("The book was not good.")
    {'neg': 0.376, 'neu': 0.624, 'pos': 0.0, 'compound': -0.3412}
    """
    if not isinstance(text, str) or not _fast_path_ok():
        return _analyzer().polarity_scores(text)
    compound, pos, neu, neg = _build_scorer()(text)
    return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}
