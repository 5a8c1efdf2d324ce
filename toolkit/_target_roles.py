"""Speaker and agent/patient features of the target-sentiment model, for all targets at once.

Private to :mod:`toolkit._target_features`. The rules, for a target ``first..last`` in the
sentence ``s0:s1`` (token positions):

- *speaker*: "X said", "X, also, said" (skipping ``_SPEAKER_SKIP`` words after the target),
  or "said X", "said the former president X" (skipping determiners before it; the speech
  verb opens the sentence or follows ``,`` ``”`` ``"``), or "according to X";
- *agent / patient of a negative or positive action verb*: up to 4 auxiliaries after the
  target, then the verb ("X shelled": agent; "X was shelled": patient with a passive
  auxiliary; "X's" is never a doer), or up to 4 determiners / "by" / "of" before it, then the
  verb ("shelled X": patient; "shelled by X": agent).

Each word list becomes a table over the batch's word codes; the scans become "next / previous position that is not a skipped
word" (running minimum / maximum) or at most four vectorised steps.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from toolkit._target_tokens import Words


def _substrings(text: str) -> set[str]:
    return {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)}


def speaker_and_roles(
    code: Words | dict[str, int],
    codes: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
    s0: np.ndarray,
    s1: np.ndarray,
    words: dict[str, frozenset[str]],
    neg_verbs: frozenset[str],
    pos_verbs: frozenset[str],
) -> np.ndarray:
    """Speaker flag and agent/patient of a negative/positive action verb, for every target.

    Parameters
    ----------
    code : Words or dict
        The batch's distinct words (:class:`toolkit._target_tokens.Words`), or a dict word ->
        word code.
    codes : ndarray
        Word code of every token of the batch.
    first, last, s0, s1 : ndarray
        Per target: its token range ``first..last`` and its sentence ``s0:s1``.
    words : dict
        The word lists ``speaker_skip``, ``speech_verbs``, ``determiners``, ``aux`` and
        ``passive_aux``.
    neg_verbs, pos_verbs : frozenset of str
        Negative and positive action verbs.

    Returns
    -------
    ndarray, shape (n_targets, 5)
        Columns speaker, agent_negative, patient_negative, agent_positive, patient_positive
        (0.0 or 1.0).
    """
    n = len(codes)
    codes = np.append(codes, len(code))  # position n: a sentinel code in no list

    def table(members: Iterable[str]) -> np.ndarray:
        """Per word code: is the word one of *members*."""
        out = np.zeros(len(code) + 1, dtype=bool)
        if isinstance(code, Words):
            out[code.codes_of(members)] = True
        else:
            out[[c for c in map(code.get, members) if c is not None]] = True
        return out

    skip = table(words["speaker_skip"])
    det = table(words["determiners"])
    speech = table(words["speech_verbs"])
    after_quote = table(_substrings(',”"'))  # "w in ',”\"'" is a substring test
    is_to = table(["to"])
    is_according = table(["according"])
    possessive = table(["'s", "'"])
    aux = table(words["aux"])
    passive_aux = table(words["passive_aux"])
    negative = table(neg_verbs)
    positive = table(pos_verbs)
    is_by = table(["by"])
    by_of = table(["by", "of"])

    positions = np.arange(n + 1)
    # first position >= i that is not a skipped word (n + 1 if none)
    not_skip = np.minimum.accumulate(np.where(skip[codes], n + 1, positions)[::-1])[::-1]
    # last position <= i that is not a determiner (-1 if none)
    not_det = np.maximum.accumulate(np.where(det[codes], -1, positions))

    def at(values: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """Word test *values* (per code) at token positions *pos*, False out of 0..n."""
        return values[codes[np.where((pos >= 0) & (pos <= n), pos, n)]]

    # "X said", "X, also, said"
    j = not_skip[last + 1]
    speaker = (j < s1) & at(speech, j)
    # "said X", "said the former president X", "according to X"
    k = np.where(first > s0, not_det[np.maximum(first - 1, 0)], -1)
    k = np.where(k >= s0, k, s0 - 1)  # the scan stops before the sentence
    said = (k >= s0) & at(speech, k) & ((k == s0) | at(after_quote, k - 1))
    according = (k >= s0 + 1) & at(is_to, k) & at(is_according, k - 1)
    speaker |= (first > s0) & (said | according)

    # after the target: auxiliaries (a passive one?), then the verb; "X's" is no doer
    j = last + 1
    j = np.where((j < s1) & at(possessive, j), s1, j)
    passive = np.zeros(len(first), dtype=bool)
    for _ in range(4):
        step = (j < s1) & (j <= last + 4) & at(aux, j)
        passive |= step & at(passive_aux, j)
        j = j + step
    verb = (j < s1) & (j <= last + 4)
    neg_after = verb & at(negative, j)
    pos_after = verb & ~at(negative, j) & at(positive, j)
    # before the target: determiners, "by" or "of", then the verb
    k = first - 1
    by = np.zeros(len(first), dtype=bool)
    for _ in range(4):
        step = (k >= s0) & (k >= first - 4) & (at(det, k) | at(by_of, k))
        by |= step & at(is_by, k)
        k = k - step
    verb = (k >= s0) & (k >= first - 4)
    neg_before = verb & at(negative, k)
    pos_before = verb & ~at(negative, k) & at(positive, k)

    out = np.column_stack(
        [
            speaker,
            (neg_after & ~passive) | (neg_before & by),
            (neg_after & passive) | (neg_before & ~by),
            (pos_after & ~passive) | (pos_before & by),
            (pos_after & passive) | (pos_before & ~by),
        ]
    )
    return out.astype(float)
