"""Agency: is an actor the doer (agent) or the receiver (patient) of an action?

:func:`agency` adds ``role`` (``agent`` | ``patient`` | ``other``), ``action`` (the verb lemma)
and ``violent`` to a mentions frame, with rules over tokens (no parser model): an action lexicon
(``toolkit/resources/agency_verbs.csv``: violent and non-violent verbs with their forms, and a
few action nouns), voice (``was/were/been/being/got`` + participle = passive), ``by`` phrases,
possessives and compounds. :func:`agency_table` counts roles per source and actor.

The rules, in the order they are tried for each mention (details and measured accuracy in
``docs/attribution-and-agency.md``):

1. ``by`` agent: ``… shelled by [the Armenian forces]`` / ``attack by X`` → agent;
2. compound: ``Russian-brokered``, ``Turkish-backed`` → agent;
3. subject: the mention's noun phrase is followed (adverbs and auxiliaries allowed) by an
   action verb → agent (active) or patient (passive, ``came under fire``); a bare participle
   or noun right after it (``Armenian shelling``) makes it the agent unless rule 4 applies;
4. object: an action verb or noun stands before the mention's noun phrase, possibly through
   a preposition (``targeted civilian Azerbaijani settlements``, ``attack on X``) → patient;
5. otherwise ``other``, with no action.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress

import numpy as np
import pandas as pd

from toolkit import _agency_parse as _parse
from toolkit.attribution import reporting_forms
from toolkit.errors import check_errors_mode, make_problem, report_problem
from toolkit.text import _words

__all__ = ["agency", "agency_table", "action_lexicon", "ROLES"]

ROLES = ("agent", "patient", "other")


def action_lexicon() -> pd.DataFrame:
    """Return the action lexicon, one row per word form.

    Columns: ``form``, ``lemma``, ``tense`` (``base``, ``s``, ``past``, ``pp``, ``past_pp``,
    ``base_past_pp``, ``ing``, ``noun``), ``pos`` (``verb`` | ``noun``), ``violent`` (0/1),
    ``requires_next`` (the form is an action only if one of these words follows within three
    tokens: *fired on*), ``violent_if_next`` (violent only then: *launched an attack*),
    ``exclude_prev`` (not an action after this word: *cease-fire*, *so-called*) and
    ``particles`` (joined to the lemma when they follow: *call on*, *shoot down*).

    Examples
    --------
    >>> lex = action_lexicon()
    >>> lex.set_index("form").loc["shelled", ["lemma", "violent"]].tolist()
    ['shell', '1']
    """
    return _lexicon_frame().copy()


_forms = _parse.forms
_lexicon_frame = _parse.lexicon_frame
_BE = _words("be is are was were been being am get gets got gotten getting")
_AUX = _BE | _words(
    """has have had having will would shall should can could may might must do does did
    'll ’ll 've ’ve 'd ’d"""
)
_ADVERBS = _words(
    """not never also still already again reportedly allegedly then just even later once soon
    now n't 't ’t yet further deliberately directly repeatedly reportedly apparently
    intentionally heavily indiscriminately"""
)
_CLAUSE = _words(
    """that which who whom whose while when whereas where because although though if after
    before since but as until unless so whether"""
)
_RELATIVE = frozenset({"which", "who", "that"})
_BOUNDARY = frozenset(list(',;:()[]{}—–“”"!?.…') + ["--"])
_PREPS = _words(
    """on against at upon into in of for with to from near inside across toward towards over
    along around within onto throughout outside"""
)
_LOCATIVE = _words("in at near inside across over along around within throughout outside during")
_LEFT_OK = frozenset({"including", "during", "following", "regarding", "concerning"})
_PARTICLES = frozenset({"down", "out", "up", "off", "back"})
_REDUCED_PASSIVE_NEXT = frozenset({"by", "in", "during", "near", "inside"})
_COME = _parse.COME
_UNDER_NOUNS = {
    "attack": "attack",
    "attacks": "attack",
    "fire": "fire",
    "shelling": "shell",
    "bombardment": "bombard",
    "assault": "assault",
    "bombing": "bomb",
    "siege": "besiege",
    "strikes": "strike",
}
# frequent verbs outside the lexicon that end a subject noun phrase (Azerbaijan denied …)
_OTHER_VERBS = _words(
    """denied denies deny rejects expressed expresses remained remains remain wanted wants
    want hoped hopes hope believed believes believe thought thinks think feared fears fear
    argued argues seemed seems appeared appears continued continues plans planned tried tries
    sought seeks intended intends refused refuses needed needs expected expects knew knows
    considered considers regarded regards described describes labelled labeled labels
    insisted insists maintained maintains received receives lost loses faces faced became
    becomes went goes made makes took takes gave gives found finds kept keeps held holds
    began begins started starts stopped stops ended ends promised promises decided decides
    failed fails attempted attempts managed manages prepared prepares"""
)
_ED_NOUNS = _words(
    """armed united self-proclaimed unrecognized unrecognised red bed speed need shed seed
    hundred breed creed"""
)


@lru_cache(maxsize=1)
def _blockers() -> frozenset[str]:
    return (reporting_forms() | _OTHER_VERBS) - frozenset(_forms())


_Sentence = _parse.Sentence


def _passive_before(s: _Sentence, i: int) -> bool:
    """Is there a be/get form before token *i* (adverbs and auxiliaries between)?"""
    low = s.low
    j = i - 1
    while j >= 0 and (low[j] in _ADVERBS or low[j].endswith("ly")):
        j -= 1
    while j >= 0 and low[j] in _AUX:
        if low[j] in _BE:
            return True
        j -= 1
        while j >= 0 and low[j] in _ADVERBS:
            j -= 1
    return False


def _is_adverb(t: str) -> bool:
    return t in _ADVERBS or (len(t) > 4 and t.endswith("ly") and t.isalpha())


def _come_under(s: _Sentence, i: int) -> tuple[str, bool] | None:
    """``came under (heavy) attack/fire`` at token *i* → (lemma, violent)."""
    if s.low[i] in _COME and i + 1 < len(s.low) and s.low[i + 1] == "under":
        for t in s.low[i + 2 : i + 5]:
            if t in _UNDER_NOUNS:
                return _UNDER_NOUNS[t], True
    return None


def _subject(s: _Sentence, last: int):
    """Rule 3: an action after the mention's noun phrase.

    Returns (role, lemma, violent, weak) or None; *weak* marks a reading that rule 4 may
    override: a participle or noun right after the phrase without an auxiliary
    (``Armenian targets``), or a path through ``and`` (``condemned X and Y criticised``).
    """
    low, n = s.low, len(s.low)
    i = last + 1
    steps = 0
    crossed = False
    blockers = _blockers()
    # compound: Russian-brokered, Turkish-backed (rule 2)
    if i + 1 < n and low[i] == "-" and s.act[i + 1] is not None and s.act[i + 1][2].participle:
        lemma, violent, _ = s.act[i + 1]
        return "agent", lemma, violent, False

    def weak(r, bare=False):
        return None if r is None else (r[0], r[1], r[2], r[3] or bare or crossed)

    listing = False  # "France, Russia and the US mediate": a comma list needs its "and"
    while i < n:
        t = low[i]
        if t == "," and i + 1 < n and low[i + 1] in ("which", "who"):
            return weak(_verb_group(s, i + 2))
        if t in _RELATIVE and steps <= 3:
            return weak(_verb_group(s, i + 1))
        if t == "," and i + 1 < n and s.toks[i + 1][:1].isupper() and steps <= 1:
            listing = crossed = True
            i += 1
            continue
        if t in blockers and i + 2 < n and low[i + 1] == "to" and not listing:
            return weak(_verb_group(s, i + 2))  # vowed to support, plans to attack
        if t in _BOUNDARY or t in _CLAUSE or t in blockers:
            return None
        cu = _come_under(s, i)
        if cu:
            return None if listing else weak(("patient", cu[0], cu[1], False))
        if s.act[i] is not None:
            if listing:
                return None
            lemma, violent, f = s.act[i]
            nxt = low[i + 1] if i + 1 < n else ""
            if f.participle and (nxt in _REDUCED_PASSIVE_NEXT or nxt in _BOUNDARY or nxt == ""):
                if f.tense != "pp" and nxt in _BOUNDARY:
                    return weak(("agent", lemma, violent, True))
                return weak(("patient", lemma, violent, False))  # soldiers killed in …
            bare = f.tense in ("ing", "noun", "base", "s", "base_past_pp") and steps <= 2
            return weak(("agent", lemma, violent, bare))
        if t in _AUX or _is_adverb(t):
            return None if listing else weak(_verb_group(s, i))
        if t in ("and", "or", "&"):
            j = i + 2 if i + 2 < n and low[i + 1] == "the" else i + 1
            if j < n and s.toks[j][:1].isupper():
                i = j
                steps += 1
                crossed = True
                listing = False
                continue
            return None
        if t.endswith("ed") and t not in _ED_NOUNS and t.isalpha() and t.islower():
            return None
        steps += 1
        if steps > 5:
            return None
        i += 1
    return None


def _verb_group(s: _Sentence, i: int):
    low, n = s.low, len(s.low)
    seen_be = False
    while i < n:
        t = low[i]
        cu = _come_under(s, i)
        if cu:
            return "patient", cu[0], cu[1], False
        if s.act[i] is not None:
            lemma, violent, f = s.act[i]
            passive = seen_be and f.participle
            return ("patient" if passive else "agent"), lemma, violent, False
        if t in _BE:
            seen_be = True
        elif t in _AUX or _is_adverb(t):
            pass
        else:
            return None
        i += 1
    return None


def _by_agent(s: _Sentence, first: int):
    """Rule 1: ``… shelled by [NP with the mention]`` → agent."""
    low = s.low
    j = first - 1
    steps = 0
    while j >= 0 and steps <= 3:
        t = low[j]
        if t == "by":
            k = j - 1
            while k >= 0 and (_is_adverb(low[k]) or low[k] in _PARTICLES):
                k -= 1
            if k >= 0 and s.act[k] is not None:
                lemma, violent, _ = s.act[k]
                return "agent", lemma, violent
            return None
        if t in _BOUNDARY or t in _CLAUSE or s.act[j] is not None or t in _PREPS:
            return None
        steps += 1
        j -= 1
    return None


def _object(s: _Sentence, first: int):
    """Rule 4: an action before the mention's noun phrase → patient.

    Returns (role, lemma, violent, crossed_and) or None.
    """
    low = s.low
    j = first - 1
    steps = 0
    prep = ""
    crossed_and = False
    blockers = _blockers()
    while j >= 0 and steps <= 8:
        t = low[j]
        if s.act[j] is not None:
            lemma, violent, f = s.act[j]
            passive = f.participle and _passive_before(s, j)
            if passive:
                return None  # killed in X: a place or time, not a participant
            if prep and prep in _LOCATIVE and f.tense not in ("noun",) and steps > 3:
                return None
            return "patient", lemma, violent, crossed_and
        if t in _BOUNDARY or t in _CLAUSE or t in blockers or t == "by":
            return None
        if t in _AUX:
            return None
        if (
            t.isalpha()
            and t.islower()
            and t not in _LEFT_OK
            and (t.endswith("ing") or (t.endswith("ed") and t not in _ED_NOUNS))
        ):
            return None  # a bridge linking X, aid sent from X: another verb's phrase
        if t in _PREPS:
            prep = t
        if t in ("and", "or"):
            crossed_and = True
        steps += 1
        j -= 1
    return None


def _may_have_role(s: _Sentence) -> bool:
    """Can a mention in *s* get a role: has it an action, or a form of *come* and "under"?

    Every rule returns a role only through an action or :func:`_come_under`.
    """
    return any(s.act) or ("under" in s.low and not _COME.isdisjoint(s.low))


def _role(s: _Sentence, first: int, last: int) -> tuple[str, str, bool]:
    r = _by_agent(s, first)
    if r:
        return r
    sub = _subject(s, last)
    if sub and not sub[3]:
        return sub[0], sub[1], sub[2]
    obj = _object(s, first)
    if sub and obj and not obj[3]:
        return obj[0], obj[1], obj[2]  # Azerbaijan struck Armenian targets
    if sub:
        return sub[0], sub[1], sub[2]
    if obj:
        return obj[0], obj[1], obj[2]
    return "other", "", False


def _sentence_rows(mentions: pd.DataFrame, sentences: pd.DataFrame) -> np.ndarray | None:
    """Row of *sentences* with each mention's (doc_id, sent_id), -1 if none, with numpy.

    A repeated key takes its last row, as a dict of the sentences would. None when the key
    columns are not string ids and integer sentence numbers (then :func:`_mention_sentences`
    looks the keys up in a dict).
    """
    sd, md = sentences["doc_id"], mentions["doc_id"]
    ss, ms = sentences["sent_id"].to_numpy(), mentions["sent_id"].to_numpy()
    if not (
        isinstance(sd.dtype, pd.StringDtype)
        and isinstance(md.dtype, pd.StringDtype)
        and ss.dtype.kind in "iu"
        and ms.dtype.kind in "iu"
        and len(ss)
        and len(ms)
        and not sd.isna().any()
        and not md.isna().any()
    ):
        return None
    low = min(int(ss.min()), int(ms.min()))
    span = max(int(ss.max()), int(ms.max())) - low + 1
    codes, distinct = pd.factorize(pd.concat([sd, md], ignore_index=True))
    if span * (len(distinct) + 1) >= 2**62:
        return None
    codes = codes.astype(np.int64)
    skey = codes[: len(ss)] * span + (ss.astype(np.int64) - low)
    mkey = codes[len(ss) :] * span + (ms.astype(np.int64) - low)
    order = np.argsort(skey, kind="stable")  # equal keys keep their order: the last wins
    sorted_keys = skey[order]
    at = np.maximum(np.searchsorted(sorted_keys, mkey, "right") - 1, 0)
    return np.where(sorted_keys[at] == mkey, order[at], -1)


def _mention_sentences(
    mentions: pd.DataFrame, sentences: pd.DataFrame, text: str
) -> tuple[list[str], list[int]]:
    """The distinct sentence texts the mentions are in, and per mention the number of its text.

    The number is -1 when no sentence has the mention's (doc_id, sent_id) or its text is not
    a string. Only the texts of mentioned sentences are read from the frame.
    """
    rows = _sentence_rows(mentions, sentences)
    if rows is None:
        by_key = dict(
            zip(
                zip(sentences["doc_id"].tolist(), sentences["sent_id"].tolist(), strict=True),
                sentences[text].tolist(),
                strict=True,
            )
        )
        texts: list[str] = []
        number: dict = {}
        slot = []
        for key in zip(mentions["doc_id"].tolist(), mentions["sent_id"].tolist(), strict=True):
            k = number.get(key)
            if k is None:
                t = by_key.get(key)
                k = number[key] = len(texts) if isinstance(t, str) else -1
                if k >= 0:
                    texts.append(t)
            slot.append(k)
        return texts, slot
    found = rows >= 0
    distinct, first_at = np.unique(rows[found], return_index=True)
    distinct = distinct[np.argsort(first_at)]  # in the order of the mentions
    values = sentences[text].iloc[distinct].tolist()
    if set(map(type, values)) <= {str}:
        good = np.ones(len(values), dtype=bool)
    else:
        good = np.fromiter((isinstance(v, str) for v in values), bool, len(values))
    numbers = np.full(len(sentences), -1, dtype=np.int64)
    numbers[distinct[good]] = np.arange(int(good.sum()))
    slot_array = np.where(found, numbers[np.maximum(rows, 0)], -1)
    return list(compress(values, good.tolist())), slot_array.tolist()


def agency(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    text: str = "text",
    errors: str = "warn",
) -> pd.DataFrame:
    """Add the role each mentioned actor plays in its sentence's action.

    Parameters
    ----------
    mentions : DataFrame
        A mentions frame (``doc_id``, ``sent_id``, ``start``, ``end`` offsets into the
        sentence text), as from :func:`toolkit.actors.find_mentions`.
    sentences : DataFrame
        The sentences frame the mentions were found in (``doc_id``, ``sent_id``, *text*).
    text : str
        Name of the text column of *sentences*.
    errors : {"warn", "skip", "raise"}
        What to do with a mention whose sentence is missing (it gets role ``other``).

    Returns
    -------
    DataFrame
        A copy of *mentions* (same index) with ``role`` (``agent`` | ``patient`` |
        ``other``), ``action`` (verb lemma, ``""`` when none) and ``violent`` (bool).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0],
    ...                   "text": ["Civilians were shelled by Armenian forces."]})
    >>> m = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "actor": ["armenia"],
    ...                   "start": [26], "end": [34]})
    >>> agency(m, s)[["role", "action", "violent"]].values.tolist()
    [['agent', 'shell', True]]
    """
    check_errors_mode(errors)
    for name, df, cols in (
        ("mentions", mentions, ("doc_id", "sent_id", "start", "end")),
        ("sentences", sentences, ("doc_id", "sent_id", text)),
    ):
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"agency expects a {name} DataFrame, got {type(df).__name__}")
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise ValueError(
                f"agency: {name} frame has no column(s) {missing}; columns are {list(df.columns)}"
            )
    texts, slot = _mention_sentences(mentions, sentences, text)
    batch = _parse.parse_batch(texts)  # None: no action word, every role is "other"
    # a sentence without an action or "come under" gives every mention role "other" too
    parsed = [s if s is not None and _may_have_role(s) else None for s in batch.sentences]
    n = len(mentions)
    roles, actions, violents = ["other"] * n, [""] * n, [False] * n
    problems: list[dict] = []
    keys = None
    rows, which, starts, ends = [], [], [], []  # the mentions that need the rules
    for i, (k, a, b) in enumerate(
        zip(slot, mentions["start"].tolist(), mentions["end"].tolist(), strict=True)
    ):
        if k < 0:
            if keys is None:
                keys = (mentions["doc_id"].tolist(), mentions["sent_id"].tolist())
            report_problem(
                make_problem(
                    None,
                    mentions.index[i],
                    f"no sentence text for doc_id={keys[0][i]!r}, sent_id={keys[1][i]!r}",
                ),
                errors,
                problems,
            )
            continue
        try:
            a, b = int(a), int(b)
        except (TypeError, ValueError):
            report_problem(
                make_problem(None, mentions.index[i], f"bad mention offsets {a!r}, {b!r}"),
                errors,
                problems,
            )
            continue
        s = parsed[k]
        if s is not None and a < len(s.text):
            rows.append(i)
            which.append(k)
            starts.append(a)
            ends.append(b)
    if rows:
        a_, b_ = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        spans = batch.token_spans(np.array(which, dtype=np.int64), a_, b_)
        for i, k, a, b, first, last, ok in zip(
            rows, which, starts, ends, *(x.tolist() for x in spans), strict=True
        ):
            s = parsed[k]
            if not ok:
                first, last = s.token_span(a, b)
            role, action, violent = _role(s, first, last)
            roles[i] = role
            actions[i] = action
            violents[i] = bool(violent)
    out = mentions.copy(deep=False)  # (copy-on-write: the new columns never reach mentions)
    out["role"] = pd.Series(roles, index=mentions.index, dtype=object)
    out["action"] = pd.Series(actions, index=mentions.index, dtype=object)
    out["violent"] = pd.Series(violents, index=mentions.index, dtype=bool)
    out.attrs["problems"] = list(mentions.attrs.get("problems", [])) + problems
    return out


def agency_table(
    mentions: pd.DataFrame, *, by: str = "source", actor: str = "actor"
) -> pd.DataFrame:
    """Count each actor's roles per source.

    Parameters
    ----------
    mentions : DataFrame
        Output of :func:`agency` with a *by* column (merge ``source`` from the documents).
    by : str
        Column to group by.
    actor : str
        Column with the actor id.

    Returns
    -------
    DataFrame
        ``source`` (named after *by*), ``actor``, ``agent_violent``, ``patient_violent``,
        ``agent_other`` (agent of a non-violent action), ``patient_other``, ``n_mentions``
        (all mentions, with role ``other`` too).

    Examples
    --------
    >>> m = pd.DataFrame({"source": ["a", "a"], "actor": ["x", "x"],
    ...                   "role": ["agent", "other"], "violent": [True, False]})
    >>> agency_table(m)[["agent_violent", "n_mentions"]].values.tolist()
    [[1, 2]]
    """
    if not isinstance(mentions, pd.DataFrame):
        raise TypeError("agency_table expects the mentions DataFrame returned by agency()")
    missing = [c for c in (by, actor, "role", "violent") if c not in mentions.columns]
    if missing:
        raise ValueError(
            f"agency_table: column(s) {missing} missing; columns are {list(mentions.columns)}. "
            "Run agency() first and add the source column from the documents (or pass by=)"
        )
    cols = [
        by,
        "actor",
        "agent_violent",
        "patient_violent",
        "agent_other",
        "patient_other",
        "n_mentions",
    ]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    role = mentions["role"].astype(str)
    violent = mentions["violent"].fillna(False).astype(bool)
    flags = pd.DataFrame(
        {
            by: mentions[by].to_numpy(),
            "actor": mentions[actor].to_numpy(),
            "agent_violent": ((role == "agent") & violent).to_numpy(),
            "patient_violent": ((role == "patient") & violent).to_numpy(),
            "agent_other": ((role == "agent") & ~violent).to_numpy(),
            "patient_other": ((role == "patient") & ~violent).to_numpy(),
            "n_mentions": 1,
        }
    )
    g = flags.groupby([by, "actor"], sort=True).sum().reset_index()
    for c in cols[2:]:
        g[c] = g[c].astype("int64")
    return g[cols]
