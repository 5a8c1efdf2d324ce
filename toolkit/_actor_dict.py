"""Actor dictionaries: the YAML format, validation, and the compiled alias matcher.

The public names are re-exported by :mod:`toolkit.actors`.

An *actor dictionary* is a YAML file (or a dict) listing the actors a study follows::

    actors:
      - id: turkey                  # unique, used as the key everywhere
        label: Turkey               # display name (defaults to the id)
        kind: country               # optional: country, person, organisation, group, ...
        aliases: [Turkey, Türkiye, Turkish, Ankara]
        exclude: [Turkish delight]  # optional: phrases that contain an alias but are not the actor
        ignore_case: false          # optional, default false
        members:                    # optional: people or bodies speaking or acting for the actor
          - name: Mevlut Cavusoglu
            aliases: [Cavusoglu, Mevlüt Çavuşoğlu]
            role: foreign minister
            from: 2015-11-24        # optional ISO dates of office
            to: 2023-06-04

Matching rules (:meth:`ActorDictionary.match`, :func:`find_mentions`):

* Aliases are literal strings matched as whole words: a match may not touch a Unicode letter,
  digit or underscore on either side (``Türkiye``, ``Արցախ``, ``Карабах``, ``Qarabağ`` all work).
* Longest match first and non-overlapping: at any position the longest alias wins, and the
  scan goes left to right ("Armenian defence ministry" beats "Armenian").
* A space in an alias matches any run of whitespace; an apostrophe matches ``'`` or ``’``.
* Possessives: ``Turkey's`` / ``NATO’s`` match the alias; ``start``/``end`` and the label cover
  the alias only, never the ``'s``.
* Hyphenated compounds: a hyphen is a word boundary, so each part matches on its own:
  "Azerbaijan-Armenia front line" yields Azerbaijan *and* Armenia, "Turkish-made" and
  "pro-Armenian" yield Turkey and Armenia. An alias (or an ``exclude`` phrase) that itself
  contains the hyphen, such as "Nagorno-Karabakh authorities" or "Armenian-American", is
  longer and therefore wins.
* Case-sensitive unless ``ignore_case: true`` on the entry (or on one member), or
  ``load_actors(..., ignore_case=True/False)`` which overrides every entry.
* A member's ``name`` is matched as well as its ``aliases``; such mentions have
  ``via == "member"`` and ``member == name``.
* When ``aliases`` is absent the label is used as the only alias.
* ``exclude`` phrases are matched like aliases but produce no mention: they only stop a
  shorter alias inside them ("Washington Post" is not the United States).
"""

from __future__ import annotations

import datetime as _dt
import importlib.resources
import re
from collections.abc import Iterable, Mapping
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit._alias_starts import MIN_CHARS, OpeningFilter, candidates, scan
from toolkit._casefold import _folded, _openings
from toolkit.errors import CorpusError

_RESOURCE_DIR = "resources/actors"


class ActorDictionaryError(CorpusError):
    """An actor dictionary is malformed; the message names the file, the entry and the problem.

    ``problems`` holds every problem found (one string each), not just the first.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [message])


# --------------------------------------------------------------------------------------
# The dictionary object
# --------------------------------------------------------------------------------------


class _Alias:
    """One matchable phrase: who it points to and how (internal)."""

    __slots__ = ("text", "actor", "label", "via", "member", "start", "end", "ignore_case")

    def __init__(self, text, actor, label, via, member, start, end, ignore_case):
        self.text = text
        self.actor = actor
        self.label = label
        self.via = via  # "alias", "member" or None for an exclude phrase
        self.member = member
        self.start = start
        self.end = end
        self.ignore_case = ignore_case


def _symbols(alias: str, ignore_case: bool) -> list[str]:
    """Alias as matching symbols: characters, ``" "`` for any whitespace run, ``"'"`` for
    either apostrophe; lower-cased when *ignore_case*."""
    out: list[str] = []
    for i, word in enumerate(alias.split()):
        if i:
            out.append(" ")
        for c in word:
            if c in "'’":
                out.append("'")
            elif ignore_case and len(c.lower()) == 1:
                out.append(c.lower())
            else:
                out.append(c)
    return out


def _key(surface: str, ignore_case: bool) -> str:
    """Look-up key of a matched surface form (same normalisation as :func:`_symbols`)."""
    return "".join(_symbols(surface, ignore_case))


@lru_cache(maxsize=64)
def _first_class(heads: tuple[str, ...]) -> str:
    """A plain character class of every character that one of the single-character regexes
    *heads* matches under IGNORECASE (found by trying them on every code point)."""
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    chars = sorted(set(re.findall("(?i:" + "|".join(heads) + ")", every)))
    return "[" + "".join(re.escape(c) for c in chars) + "]"


def _trie_regex(aliases: Iterable[str], ignore_case: bool) -> re.Pattern:
    r"""One compiled regex matching any of *aliases* as whole words, factored as a trie.

    A trie keeps the alternation small at every position and, with greedy optional groups,
    prefers the longest alias (backing off to a shorter one when the longer is not followed
    by a word boundary). Case-sensitive patterns check the left boundary *after* the first
    character (``A(?<!\w.)…``) so that the regex engine can skip quickly to positions holding
    a possible first character; that fast path does not exist with IGNORECASE.
    """
    root: dict = {}
    for alias in aliases:
        node = root
        for sym in _symbols(alias, ignore_case):
            node = node.setdefault(sym, {})
        node[""] = {}

    def head(k: str) -> str:
        return r"\s+" if k == " " else "['’]" if k == "'" else re.escape(k)

    def emit(node: dict) -> str:
        alts = [head(k) + emit(node[k]) for k in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    if ignore_case:
        # IGNORECASE turns the fast path off, so the pattern starts with a plain class of
        # every character IGNORECASE lets through as a first character; a case-insensitive
        # look-behind then sends the match down the branch of the character it consumed.
        firsts = sorted(k for k in root if k)
        branches = "|".join(f"(?<={head(k)})" + emit(root[k]) for k in firsts)
        return re.compile(
            _first_class(tuple(head(k) for k in firsts)) + rf"(?<!\w.)(?i:(?:{branches}))(?!\w)"
        )
    top = [head(k) + r"(?<!\w.)" + emit(root[k]) for k in sorted(k for k in root if k)]
    return re.compile("(?:" + "|".join(top) + r")(?!\w)")


class ActorDictionary:
    """A validated actor dictionary; build it with :func:`load_actors`.

    Parameters
    ----------
    actors : list of dict
        The entries as loaded (unknown keys kept), with defaults filled in by
        :func:`load_actors`.
    path : str, optional
        Where the dictionary came from (a file path, ``"<dict>"`` …), used in messages.
    ignore_case : bool, optional
        Overrides every entry's ``ignore_case`` when not None.

    Attributes
    ----------
    actors : list of dict
    ids : list of str
    path : str or None

    Examples
    --------
    >>> d = load_actors({"actors": [{"id": "tr", "label": "Turkey", "aliases": ["Turkey"]}]})
    >>> d.match("Turkey's move")
    [('tr', 'Turkey', 0, 6, 'alias', '')]
    """

    def __init__(
        self,
        actors: list[dict],
        *,
        path: str | None = None,
        ignore_case: bool | None = None,
    ) -> None:
        self.actors = actors
        self.path = path
        self.ignore_case = ignore_case

    # -- look-ups ---------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        """Actor ids in dictionary order."""
        return [a["id"] for a in self.actors]

    @cached_property
    def _by_id(self) -> dict[str, dict]:
        return {a["id"]: a for a in self.actors}

    def _entry(self, actor_id: str) -> dict:
        try:
            return self._by_id[actor_id]
        except KeyError:
            raise KeyError(f"unknown actor id {actor_id!r}; known ids are {self.ids}") from None

    def label_of(self, actor_id: str) -> str:
        """Display label of *actor_id* (``KeyError`` naming the known ids if unknown)."""
        return self._entry(actor_id).get("label") or actor_id

    def kind_of(self, actor_id: str) -> str | None:
        """``kind`` of *actor_id* (None when the entry has none)."""
        return self._entry(actor_id).get("kind")

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self):
        return iter(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def __repr__(self) -> str:
        return f"ActorDictionary({len(self.actors)} actors, path={self.path!r})"

    # -- compiled matcher (built lazily, once) ---------------------------------------
    @cached_property
    def _aliases(self) -> list[_Alias]:
        """Every matchable phrase (aliases, member names and aliases, exclusions)."""
        out: list[_Alias] = []
        force = self.ignore_case
        for a in self.actors:
            aid, label = a["id"], a.get("label") or a["id"]
            icase = a.get("ignore_case", False) if force is None else force
            for text in a.get("aliases") or []:
                out.append(_Alias(text, aid, label, "alias", "", None, None, icase))
            for m in a.get("members") or []:
                m_icase = m.get("ignore_case", icase) if force is None else force
                start, end = _as_date(m.get("from")), _as_date(m.get("to"))
                for text in [m["name"], *(m.get("aliases") or [])]:
                    out.append(_Alias(text, aid, label, "member", m["name"], start, end, m_icase))
            for text in a.get("exclude") or []:
                out.append(_Alias(text, aid, label, None, "", None, None, icase))
        return out

    @cached_property
    def _matchers(self) -> list[tuple[re.Pattern, dict[str, _Alias], bool]]:
        """One (pattern, key -> alias, ignore_case) per case mode in use."""
        out = []
        for icase in (False, True):
            table: dict[str, _Alias] = {}
            for al in self._aliases:
                if al.ignore_case == icase:
                    table.setdefault(_key(al.text, icase), al)  # first claim wins on repeats
            if table:
                out.append((_trie_regex(table, icase), table, icase))
        return out

    @cached_property
    def _icase_filter(self) -> OpeningFilter | None:
        """The openings of the case-insensitive aliases (see :mod:`toolkit._alias_starts`)."""
        for _, table, icase in self._matchers:
            if icase:
                return OpeningFilter.build(table)
        return None

    @cached_property
    def _icase_openings(self) -> tuple[bytes, ...] | None:
        """Literal openings of the case-insensitive aliases (see :func:`_openings`)."""
        for _, table, icase in self._matchers:
            if icase:
                return _openings(table)
        return None

    def _icase_starts(self, text: str) -> np.ndarray | None:
        """Sorted positions where a case-insensitive alias can start (every match starts at
        one), or None when every position must be tried.

        A long text (a chunk of sentences) goes through the numpy filter of
        :mod:`toolkit._alias_starts`; a short one through ``bytes.find`` of the alias openings
        on its case folding (same offsets).
        """
        if len(text) >= MIN_CHARS and self._icase_filter is not None:
            return candidates(text, self._icase_filter)
        openings = self._icase_openings
        folded = _folded(text) if openings is not None else None
        if folded is None:
            return None
        starts: set[int] = set()
        for head in openings:
            i = folded.find(head)
            while i >= 0:
                starts.add(i)
                i = folded.find(head, i + 1)
        return np.array(sorted(starts), dtype=np.int64)

    @cached_property
    def _surface_memo(self) -> dict[tuple[str, bool], _Alias]:
        """Matched surface form -> alias, filled as texts are scanned (saves re-normalising)."""
        return {}

    def _spans(self, text: str) -> list[tuple[int, int, _Alias]]:
        """Accepted matches ``(start, end, _Alias)`` in text order, exclusions dropped.

        Each case mode is scanned by its own pattern; when both are in use the matches are
        merged leftmost first, then longest, without overlaps.
        """
        found: list[tuple[int, int, _Alias]] = []
        memo = self._surface_memo
        for pattern, table, icase in self._matchers:
            # the case-insensitive regex runs only where an alias can open
            where = self._icase_starts(text) if icase else None
            if where is not None:
                matches = scan(pattern, text, where)
            else:
                matches = ((m.start(), m.end(), m.group()) for m in pattern.finditer(text))
            for start, end, surface in matches:
                al = memo.get((surface, icase))
                if al is None:
                    al = table.get(_key(surface, icase))
                    if al is None:  # only for exotic case foldings (e.g. the Kelvin sign)
                        continue
                    if len(memo) < 100_000:
                        memo[(surface, icase)] = al
                found.append((start, end, al))
        if len(self._matchers) > 1:
            # Merge the two scans: leftmost first, then longest, no overlaps.
            found.sort(key=itemgetter(0))  # stable: case-sensitive matches first on ties
            kept: list[tuple[int, int, _Alias]] = []
            last = -1
            for t in found:
                if t[0] >= last:
                    kept.append(t)
                    last = t[1]
                elif kept and t[0] == kept[-1][0] and t[1] > kept[-1][1]:
                    kept[-1] = t  # same start, longer: it wins
                    last = t[1]
            found = kept
        return [t for t in found if t[2].via is not None]

    def match(self, text: str) -> list[tuple[str, str, int, int, str, str]]:
        """Find actor mentions in one text.

        Returns
        -------
        list of tuple
            ``(actor_id, label, start, end, via, member)`` in text order: *label* is the
            surface form matched (``text[start:end]``), *via* ``"alias"`` or ``"member"``,
            *member* the member's name or ``""``. Matches are whole words, longest first and
            non-overlapping; see the module docstring for possessives and hyphens.

        Examples
        --------
        >>> d = load_actors({"actors": [{"id": "am", "aliases": ["Armenian", "Armenia"],
        ...     "members": [{"name": "Armenian defence ministry"}]}]})
        >>> [m[1] for m in d.match("The Armenian defence ministry and pro-Armenian media")]
        ['Armenian defence ministry', 'Armenian']
        """
        if not isinstance(text, str) or not text:
            return []
        return [(al.actor, text[s:e], s, e, al.via, al.member) for s, e, al in self._spans(text)]

    def to_frame(self) -> pd.DataFrame:
        """One row per matchable phrase: ``actor``, ``alias``, ``via``, ``member``, ``from``,
        ``to``, ``ignore_case`` (``via`` is ``"exclude"`` for exclusion phrases).

        Examples
        --------
        >>> load_actors("karabakh").to_frame().query("alias == 'Cavusoglu'").actor.item()
        'turkey'
        """
        rows = [
            {
                "actor": al.actor,
                "alias": al.text,
                "via": al.via or "exclude",
                "member": al.member,
                "from": al.start,
                "to": al.end,
                "ignore_case": al.ignore_case,
            }
            for al in sorted(self._aliases, key=lambda al: (self.ids.index(al.actor), al.text))
        ]
        return pd.DataFrame(
            rows, columns=["actor", "alias", "via", "member", "from", "to", "ignore_case"]
        )


# --------------------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------------------


def bundled_actor_dictionaries() -> list[str]:
    """Names of the dictionaries shipped in ``toolkit/resources/actors`` (e.g. ``"karabakh"``)."""
    folder = importlib.resources.files("toolkit").joinpath(_RESOURCE_DIR)
    try:
        return sorted(
            p.name.rsplit(".", 1)[0] for p in folder.iterdir() if p.name.endswith(".yaml")
        )
    except (FileNotFoundError, NotADirectoryError):
        return []


def _as_date(value: object) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        return _dt.date.fromisoformat(value.strip())
    raise ValueError(f"not a date: {value!r}")


@lru_cache(maxsize=1)
def _yaml_loader() -> type:
    """A safe YAML loader that leaves dates as strings, so that a bad date ("2020-13-45")
    is reported by the validation with its file and entry instead of crashing the parser."""
    import yaml

    # libyaml's parser when PyYAML was built with it (about 10x faster), same results
    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def _read_source(source: Any) -> tuple[Any, str]:
    """Return (raw data, path label) for a path, bundled name, dict or list."""
    import yaml

    if isinstance(source, Mapping | list):
        return source, "<dict>"
    if not isinstance(source, str | Path):
        raise TypeError(
            "load_actors expects a YAML path, a bundled name "
            f"({bundled_actor_dictionaries()}), a dict or an ActorDictionary, "
            f"not {type(source).__name__}"
        )
    path = Path(source)
    text_src = str(source)
    is_name = (
        isinstance(source, str)
        and not path.suffix
        and "/" not in text_src
        and "\\" not in text_src
        and not path.exists()
    )
    if is_name:
        res = importlib.resources.files("toolkit").joinpath(_RESOURCE_DIR, f"{text_src}.yaml")
        if not res.is_file():
            raise ValueError(
                f"no bundled actor dictionary {text_src!r}; bundled ones are "
                f"{bundled_actor_dictionaries()}; or pass the path of a YAML file"
            )
        label = f"toolkit/{_RESOURCE_DIR}/{text_src}.yaml"
        raw_text = res.read_text(encoding="utf-8")
    else:
        if not path.is_file():
            raise FileNotFoundError(
                f"{path}: actor dictionary not found; bundled ones are {bundled_actor_dictionaries()}"
            )
        label = str(path)
        raw_text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(raw_text, Loader=_yaml_loader()), label
    except yaml.YAMLError as exc:
        raise ActorDictionaryError(f"{label}: not valid YAML: {exc}") from None


def _validate(raw: Any, where: str) -> list[dict]:
    """Check *raw* and return normalised entries; raise one error listing every problem."""
    if isinstance(raw, Mapping):
        if "actors" not in raw:
            raise ActorDictionaryError(
                f"{where}: no top-level 'actors:' list; keys are {sorted(map(str, raw))}"
            )
        entries = raw["actors"]
    else:
        entries = raw
    if not isinstance(entries, list):
        raise ActorDictionaryError(
            f"{where}: 'actors' must be a list of entries, not {type(entries).__name__}"
        )

    problems: list[str] = []
    out: list[dict] = []
    ids: dict[str, int] = {}
    # phrase (whitespace-normalised) -> owner; the same, case-folded; folded -> any ignore_case
    claims: dict[str, str] = {}
    folded: dict[str, str] = {}
    folded_icase: dict[str, bool] = {}

    def claim(text: str, owner: str, icase: bool, who: str) -> None:
        """Record that *owner* (an actor, one of its members, or its exclude list) uses *text*."""
        key = " ".join(text.split())
        prev = claims.get(key)
        if prev is None and (icase or folded_icase.get(key.casefold())):
            prev = folded.get(key.casefold())
        if prev is not None and prev != owner:
            problems.append(
                f"{who}: alias {text!r} is already claimed by {prev}"
                + (" (ignoring case)" if key not in claims else "")
                + "; a phrase must belong to one actor, member or exclude list"
            )
            return
        claims.setdefault(key, owner)
        folded.setdefault(key.casefold(), owner)
        folded_icase[key.casefold()] = folded_icase.get(key.casefold(), False) or icase

    def strings(value: Any, what: str, who: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            problems.append(
                f"{who}: {what} must be a list of strings, not {type(value).__name__} "
                f"({value!r}); write {what}: [..]"
            )
            return []
        good = []
        for k, v in enumerate(value):
            if not isinstance(v, str):
                problems.append(
                    f"{who}: {what}[{k}] is not a string: {v!r} ({type(v).__name__}); quote it"
                )
            elif not v.strip():
                problems.append(f"{who}: {what}[{k}] is empty")
            else:
                good.append(v)
        return good

    for i, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            problems.append(
                f"{where}: actors[{i}]: an entry must be a mapping with id, label, aliases; "
                f"got {type(entry).__name__} {entry!r}"
            )
            continue
        aid = entry.get("id")
        who = f"{where}: actors[{i}] (id {aid!r})"
        if aid is None or (isinstance(aid, str) and not aid.strip()):
            problems.append(
                f"{where}: actors[{i}] (no id): missing 'id'; every actor needs a unique id"
            )
            continue
        if not isinstance(aid, str):
            problems.append(f"{who}: id must be a string, not {type(aid).__name__}; quote it")
            continue
        if aid in ids:
            problems.append(f"{who}: duplicate id {aid!r}, already used by actors[{ids[aid]}]")
            continue
        ids[aid] = i
        new = dict(entry)  # unknown keys kept
        label = entry.get("label")
        if label is None:
            label = aid
        elif not isinstance(label, str):
            problems.append(f"{who}: label must be a string, not {type(label).__name__}")
            label = str(label)
        new["label"] = label
        if entry.get("kind") is not None and not isinstance(entry.get("kind"), str):
            problems.append(f"{who}: kind must be a string, not {type(entry['kind']).__name__}")
        icase = entry.get("ignore_case", False)
        if not isinstance(icase, bool):
            problems.append(f"{who}: ignore_case must be true or false, not {icase!r}")
            icase = False
        new["ignore_case"] = icase
        new.setdefault("kind", None)
        aliases = strings(entry["aliases"], "aliases", who) if "aliases" in entry else [label]
        new["aliases"] = aliases
        for al in aliases:
            claim(al, f"actors[{i}] (id {aid!r})", icase, who)
        new["exclude"] = strings(entry.get("exclude"), "exclude", who)
        for ex in new["exclude"]:
            claim(ex, f"the exclude list of actors[{i}] (id {aid!r})", icase, who)

        members = entry.get("members")
        new_members: list[dict] = []
        if members is not None and not isinstance(members, list):
            problems.append(f"{who}: members must be a list, not {type(members).__name__}")
            members = []
        for j, mem in enumerate(members or []):
            mwho = f"{who} members[{j}]"
            if not isinstance(mem, Mapping):
                problems.append(f"{mwho}: a member must be a mapping with a name, got {mem!r}")
                continue
            name = mem.get("name")
            if not isinstance(name, str) or not name.strip():
                problems.append(f"{mwho}: missing 'name' (a string)")
                continue
            mwho = f"{who} member {name!r}"
            m = dict(mem)
            m["aliases"] = strings(mem.get("aliases"), "aliases", mwho)
            micase = mem.get("ignore_case", icase)
            if not isinstance(micase, bool):
                problems.append(f"{mwho}: ignore_case must be true or false, not {micase!r}")
                micase = icase
            dates = {}
            for key in ("from", "to"):
                try:
                    dates[key] = _as_date(mem.get(key))
                except ValueError:
                    problems.append(f"{mwho}: bad date {key}: {mem.get(key)!r}; use ISO YYYY-MM-DD")
                    dates[key] = None
                m[key] = dates[key]
            if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
                problems.append(f"{mwho}: 'from' {dates['from']} is after 'to' {dates['to']}")
            owner = f"actors[{i}] (id {aid!r}) member {name!r}"
            for al in [name, *m["aliases"]]:
                claim(al, owner, micase, mwho)
            new_members.append(m)
        new["members"] = new_members
        out.append(new)

    if problems:
        head = (
            problems[0]
            if len(problems) == 1
            else f"{len(problems)} problems:\n  " + "\n  ".join(problems)
        )
        raise ActorDictionaryError(head, problems)
    return out


def load_actors(source: Any, *, ignore_case: bool | None = None) -> ActorDictionary:
    """Load and check an actor dictionary.

    Parameters
    ----------
    source : str, Path, dict, list or ActorDictionary
        A YAML file path; the name of a bundled dictionary (``"karabakh"``, ``"sample"``; see
        :func:`bundled_actor_dictionaries`); a dict with an ``actors`` list (or the list itself);
        or an :class:`ActorDictionary`, returned as is unless *ignore_case* is given.
    ignore_case : bool, optional
        None (default) follows each entry's ``ignore_case``; True or False overrides all.

    Returns
    -------
    ActorDictionary

    Raises
    ------
    ActorDictionaryError
        (a ``ValueError``) naming the file, the entry (index and id) and each problem:
        missing or duplicate id, alias not a string, alias claimed by two actors, bad date,
        a field that should be a list …
    FileNotFoundError
        when a path does not exist.

    Examples
    --------
    >>> d = load_actors("karabakh")
    >>> d.label_of("turkey"), d.kind_of("turkey")
    ('Turkey', 'country')
    >>> [m[0] for m in d.match("Cavusoglu met Stoltenberg in Ankara.")]
    ['turkey', 'nato', 'turkey']
    """
    if ignore_case is not None and not isinstance(ignore_case, bool):
        raise ValueError(f"ignore_case must be None, True or False, not {ignore_case!r}")
    if isinstance(source, ActorDictionary):
        if ignore_case is None:
            return source
        return ActorDictionary(
            _validate(source.actors, source.path or "<ActorDictionary>"),
            path=source.path,
            ignore_case=ignore_case,
        )
    raw, where = _read_source(source)
    return ActorDictionary(_validate(raw, where), path=where, ignore_case=ignore_case)
