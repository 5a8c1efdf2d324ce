"""Speakers of :func:`toolkit.attribution.find_quotes` resolved to actors.

:func:`_fill_actor_cache` matches every speaker phrase of a chunk against the actor dictionary
at once; :func:`_resolve_speakers` then gives each quote of a document its actor, a pronoun
the most recent named speaker of the document.
"""

from __future__ import annotations

import bisect
import weakref
from operator import itemgetter
from typing import Any

import numpy as np

from toolkit._actor_dict import ActorDictionary
from toolkit._quote_speakers import _PRONOUNS

# ActorDictionary → whether a "\x00" separates texts for its matcher (no alias holds one)
_JOINABLE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _actor_of(phrase: str, actors: Any, cache: dict[str, str]) -> str:
    """The actor of *phrase*: its first match through a member, else its first match, or ""."""
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


def _joinable(actors: Any) -> bool:
    """Whether *actors* matches texts joined with ``"\\x00"`` as it matches each alone.

    True for an :class:`ActorDictionary` (its own ``match``) without ``"\\x00"`` in an alias:
    its matches are whole words (no letter, digit or underscore may touch them) and a space in
    an alias matches white space only, so no match takes in or crosses the separator, which
    stands to each text where its start or end would.
    """
    if type(actors).match is not ActorDictionary.match:
        return False
    ok = _JOINABLE.get(actors)
    if ok is None:
        ok = not any("\x00" in a for a in actors.to_frame()["alias"].tolist())
        _JOINABLE[actors] = ok
    return ok


def _fill_actor_cache(phrases: list[str], actors: Any, cache: dict[str, str]) -> None:
    """Put :func:`_actor_of` of every phrase in *cache*, with one ``actors.match`` call over the
    phrases joined by ``"\\x00"`` when the dictionary allows it (see :func:`_joinable`)."""
    if actors is None:
        return
    todo = [p for p in dict.fromkeys(phrases) if p and p not in cache]
    if not todo:
        return
    if not _joinable(actors):
        for p in todo:
            _actor_of(p, actors, cache)
        return
    try:
        matches = actors.match("\x00".join(todo))
    except Exception:  # noqa: BLE001 - then one phrase at a time, as _actor_of does
        for p in todo:
            _actor_of(p, actors, cache)
        return
    lengths = np.fromiter(map(len, todo), dtype=np.int64, count=len(todo))
    firsts = np.cumsum(lengths + 1) - lengths - 1  # offset of each phrase in the joined text
    which = (np.searchsorted(firsts, [m[2] for m in matches], side="right") - 1).tolist()
    first_any: dict[int, Any] = {}
    first_member: dict[int, Any] = {}
    for k, m in zip(which, matches, strict=True):
        first_any.setdefault(k, m[0])
        if m[4] == "member":
            first_member.setdefault(k, m[0])
    for k, p in enumerate(todo):
        if k in first_member:
            cache[p] = str(first_member[k])
        elif k in first_any:
            cache[p] = str(first_any[k])
        else:
            cache[p] = ""


def _resolve_speakers(rows: list[dict], actors: Any, cache: dict[str, str]) -> None:
    """Fill ``resolved`` and ``actor``; pronouns take the most recent named speaker."""
    named: list[tuple[int, str, str]] = []  # (position, phrase, actor)
    actor_by_last: dict[str, str] = {}  # last word of a named speaker → latest actor
    for r in sorted(rows, key=itemgetter("sp_pos")):
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
