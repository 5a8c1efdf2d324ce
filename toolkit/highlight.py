"""Show one article with its actors, loaded terms, names, quotes and roles marked.

:func:`highlight` returns a :class:`Highlighted` object that Jupyter displays as an
annotated, self-contained HTML snippet (inline styles, a legend, a tooltip on every mark)
and that also exposes the marks as a DataFrame. All article text and labels are escaped,
so an article containing markup is shown as text, never run.

Examples
--------
>>> h = highlight('Officials said "the <talks> failed".', quotes=True, loaded=False)
>>> h.spans[["start", "end", "kind"]].values.tolist()
[[15, 35, 'quote']]
>>> "&lt;talks&gt;" in h.html
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from toolkit._lexicon_common import _word_count

__all__ = ["KINDS", "Highlighted", "highlight"]

#: Kinds of marks, outermost first when two marks cover the same text.
KINDS: tuple[str, ...] = ("quote", "agency", "naming", "actor", "loaded")
SPAN_COLUMNS = ["start", "end", "kind", "label", "detail", "text"]

# Okabe–Ito colours (strong) and light tints for actor backgrounds.
_ACTOR_COLORS = (
    ("#0072B2", "#CCE3F2"),
    ("#E69F00", "#FBE7BF"),
    ("#009E73", "#C6EBDF"),
    ("#D55E00", "#F6D5BF"),
    ("#56B4E9", "#DDF0FB"),
    ("#CC79A7", "#F3DDEA"),
    ("#F0E442", "#FBF7CF"),
    ("#555555", "#E3E3E3"),
)
_STYLE = {
    "quote": "background:#EEF5EF;font-style:italic;",
    "naming": "border-bottom:2px dashed #CC79A7;padding-bottom:1px;",
    "loaded": (
        "font-weight:700;color:#8A2B00;text-decoration:underline wavy #D55E00;"
        "text-decoration-thickness:1px;text-underline-offset:3px;"
    ),
    "agency": "",
    "other": "border-bottom:2px dotted #777777;",
}
_BADGE = {
    "agent": "background:#0072B2;color:#FFFFFF;",
    "patient": "background:#D55E00;color:#FFFFFF;",
    "other": "background:#777777;color:#FFFFFF;",
}
_BADGE_BASE = (
    "font-size:0.68em;font-style:normal;font-weight:600;letter-spacing:0.03em;"
    "border-radius:3px;padding:0 3px;margin-left:2px;vertical-align:super;line-height:1;"
)
_LEGEND_TEXT = {
    "actor": "actor mention (hover for the actor id)",
    "naming": "contested name (hover for family and variant)",
    "loaded": "loaded term (hover for its category)",
    "quote": "direct quote",
    "agency": "role in the action",
}
_CONTAINER = (
    "font-family:'DejaVu Sans','Noto Sans',Arial,sans-serif;font-size:14px;line-height:1.65;"
    "color:#222222;background:#FFFFFF;max-width:52em;padding:12px 16px;"
    "border:1px solid #DDDDDD;border-radius:6px;"
)


# Quotation marks: straight, English curly, German low-high, guillemets. A quote starts
# and ends with a non-space character inside the marks and does not cross a blank line.
def _quote_pattern(open_: str, close: str, inner: str) -> str:
    body = rf"(?:(?!\n[ \t]*\n)[^{inner}])"
    return rf"{open_}(?=[^\s{inner}]){body}{{1,2000}}?(?<=[^\s{inner}]){close}"


_QUOTE_RE = re.compile(
    "|".join(
        [
            _quote_pattern('"', '"', '"'),
            _quote_pattern("\u201c", "\u201d", "\u201c\u201d"),
            _quote_pattern("\u201e", "[\u201c\u201d]", "\u201c\u201d\u201e"),
            _quote_pattern("\u00ab", "\u00bb", "\u00ab\u00bb"),
        ]
    )
)
_PARA_RE = re.compile(r"\r?\n[ \t]*(?:\r?\n[ \t]*)+")
_LINE_RE = re.compile(r"\r?\n")
_SLUG_RE = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str
    label: str
    detail: str
    tooltip: str
    style: str
    badge: str = ""


@dataclass(frozen=True)
class Highlighted:
    """An article with marks; Jupyter shows it as HTML.

    Attributes
    ----------
    text : str
        The article text the offsets refer to.
    html : str
        Self-contained HTML snippet (inline styles, legend, escaped text).
    spans : DataFrame
        One row per mark: ``start``, ``end`` (offsets into ``text``), ``kind``
        (``actor``, ``loaded``, ``naming``, ``quote``, ``agency`` or a custom kind),
        ``label`` (actor id, category, family, role …), ``detail`` and ``text`` (the
        marked characters).
    title : str or None
    notes : tuple of str
        What could not be marked and why (e.g. a lexicon that is not available).
    """

    text: str
    html: str
    spans: pd.DataFrame
    title: str | None = None
    notes: tuple[str, ...] = field(default=())

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        lines = [self.title] if self.title else []
        if self.spans.empty:
            lines.append("(no marks)")
        for row in self.spans.itertuples(index=False):
            extra = f" ({row.detail})" if row.detail else ""
            lines.append(
                f"{row.start:>6}-{row.end:<6} {row.kind:<7} {row.label}: {row.text!r}{extra}"
            )
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)

    def __repr__(self) -> str:
        counts = self.spans["kind"].value_counts(sort=False).to_dict() if len(self.spans) else {}
        what = ", ".join(f"{n} {k}" for k, n in counts.items()) or "no marks"
        return f"<Highlighted: {len(self.text)} characters; {what}>"


# --------------------------------------------------------------------------- input


def _document(doc: Any) -> tuple[str, dict[str, str]]:
    """The text and header fields of a str, Series/Mapping row or one-row DataFrame."""
    if isinstance(doc, str):
        return doc, {}
    if isinstance(doc, pd.DataFrame):
        if len(doc) != 1:
            raise ValueError(
                f"highlight() shows one document; the DataFrame has {len(doc)} rows. "
                "Pass one row, e.g. documents.iloc[0] or documents[documents.doc_id == 'x']"
            )
        doc = doc.iloc[0]
    if isinstance(doc, (pd.Series, Mapping)):
        if "text" not in doc:
            keys = list(doc.index) if isinstance(doc, pd.Series) else list(doc)
            raise ValueError(f"highlight(): the row has no 'text' field; its fields are {keys}")
        text = doc["text"]
        if not isinstance(text, str):
            raise ValueError(f"highlight(): the document text is {text!r}, not a string")
        meta = {}
        for key in ("title", "source", "published", "doc_id", "url"):
            value = doc.get(key)
            if value is not None and not (not isinstance(value, str) and pd.isna(value)):
                meta[key] = str(value)
        return text, meta
    raise TypeError(
        "highlight() takes a str, a documents row (Series) or a one-row DataFrame, "
        f"not {type(doc).__name__}"
    )


def _rows(items: Any, what: str) -> list[tuple]:
    """Spans given as a DataFrame, dicts or tuples → list of tuples (columns as given)."""
    if items is None:
        return []
    if isinstance(items, pd.DataFrame):
        return [tuple(r) for r in items.itertuples(index=False)]
    out = []
    for item in items:
        if isinstance(item, Mapping):
            out.append(item)
        elif isinstance(item, (tuple, list)):
            out.append(tuple(item))
        else:
            raise TypeError(f"{what}: each span must be a tuple or a dict, not {item!r}")
    return out


def _frame_or_rows(items: Any, columns: list[str], what: str) -> list[dict]:
    """Normalise spans to dicts with ``columns`` (tuples positional, extra columns optional)."""
    if isinstance(items, pd.DataFrame):
        missing = [c for c in columns[:2] if c not in items.columns]
        if missing:
            raise ValueError(
                f"{what}: the DataFrame needs columns {columns[:3]}; missing {missing}; "
                f"columns are {list(items.columns)}"
            )
        return [{c: rec.get(c, "") for c in columns} for rec in items.to_dict(orient="records")]
    out = []
    for item in _rows(items, what):
        if isinstance(item, Mapping):
            out.append({c: item.get(c, "") for c in columns})
        else:
            if len(item) < 2:
                raise ValueError(f"{what}: span {item!r} needs at least (start, end)")
            out.append({c: (item[i] if i < len(item) else "") for i, c in enumerate(columns)})
    return out


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


# --------------------------------------------------------------------------- marks


def _actor_mark(
    start: int, end: int, actor_id: str, surface: str, detail: str, name: str, colors: dict
) -> _Mark:
    strong, tint = _ACTOR_COLORS[colors.setdefault(actor_id, len(colors)) % len(_ACTOR_COLORS)]
    tooltip = f"actor: {actor_id}" + (f" ({name})" if name and name != actor_id else "")
    tooltip += f" · matched “{surface}”" + (f" · {detail}" if detail else "")
    style = f"background:{tint};border-bottom:2px solid {strong};border-radius:3px;padding:0 2px;"
    return _Mark(start, end, "actor", actor_id, detail, tooltip, style)


def _loaded_mark(start: int, end: int, category: str, detail: str) -> _Mark:
    category = category or "loaded"
    tooltip = f"loaded term · category: {category}" + (f" · {detail}" if detail else "")
    return _Mark(start, end, "loaded", category, detail, tooltip, _STYLE["loaded"])


def _naming_mark(start: int, end: int, family: str, variant: str, name: str = "") -> _Mark:
    tooltip = f"naming · family: {family}" + (f" ({name})" if name and name != family else "")
    tooltip += f" · variant: {variant}" if variant else ""
    return _Mark(start, end, "naming", family, variant, tooltip, _STYLE["naming"])


def _quote_mark(text: str, start: int, end: int, speaker: str) -> _Mark:
    n_words = _word_count(text[start:end])
    detail = f"{n_words} word{'s' if n_words != 1 else ''}"
    tooltip = "direct quote · " + detail + (f" · speaker: {speaker}" if speaker else "")
    return _Mark(start, end, "quote", speaker or "direct quote", detail, tooltip, _STYLE["quote"])


def _agency_mark(start: int, end: int, role: str, detail: str) -> _Mark:
    role = role or "role"
    what = {"agent": "agent: does the action", "patient": "patient: receives the action"}
    tooltip = what.get(role, role) + (f" · {detail}" if detail else "")
    return _Mark(start, end, "agency", role, detail, tooltip, _STYLE["agency"], badge=role)


def _actor_marks(text: str, actors: Any, colors: dict, notes: list[str]) -> list[_Mark]:
    if actors is None or actors is False:
        return []
    if not hasattr(actors, "match"):
        try:
            from toolkit.actors import load_actors
        except ImportError as exc:
            notes.append(f"actors not marked: toolkit.actors is not available ({exc})")
            return []
        actors = load_actors(actors)
    marks = []
    for found in actors.match(text):
        actor_id, surface, start, end, via, member = (list(found) + ["", ""])[:6]
        actor_id, via, member = _text(actor_id), _text(via), _text(member)
        detail = f"member: {member}" if via == "member" and member else via
        marks.append(
            _actor_mark(
                int(start),
                int(end),
                actor_id,
                _text(surface),
                detail,
                _name_of(actors, actor_id),
                colors,
            )
        )
    return marks


def _name_of(actors: Any, actor_id: str) -> str:
    label_of = getattr(actors, "label_of", None)
    if not callable(label_of):
        return actor_id
    try:
        return _text(label_of(actor_id)) or actor_id
    except (KeyError, ValueError):
        return actor_id


def _loaded_marks(text: str, loaded: Any, notes: list[str]) -> list[_Mark]:
    if loaded is None or loaded is False:
        return []
    as_spans = isinstance(loaded, pd.DataFrame) and "start" in loaded.columns
    if not as_spans and (
        loaded is True or isinstance(loaded, (str, pd.DataFrame)) or hasattr(loaded, "entries")
    ):
        try:
            from toolkit.framing import load_lexicon
        except ImportError as exc:
            notes.append(
                "loaded terms not marked: no lexicon matcher is available "
                f"(toolkit.framing: {exc}); pass loaded=[(start, end, category), ...]"
            )
            return []
        lexicon = load_lexicon(None if loaded is True else loaded)
        entries = lexicon.entries
        return [
            _loaded_mark(
                int(start),
                int(end),
                _text(entries["category"].iloc[row]),
                f"entry: {entries['term'].iloc[row]}",
            )
            for start, end, _surface, row in lexicon.match(text)
        ]
    spans = loaded(text) if callable(loaded) else loaded
    rows = _frame_or_rows(spans, ["start", "end", "category", "detail"], "loaded")
    return [
        _loaded_mark(int(r["start"]), int(r["end"]), _text(r["category"]), _text(r["detail"]))
        for r in rows
    ]


def _naming_marks(text: str, naming: Any, notes: list[str]) -> list[_Mark]:
    if naming is None or naming is False:
        return []
    columns = ["start", "end", "family", "variant"]
    if callable(naming) and not hasattr(naming, "match"):
        rows = _frame_or_rows(naming(text), columns, "naming")
        return [
            _naming_mark(int(r["start"]), int(r["end"]), _text(r["family"]), _text(r["variant"]))
            for r in rows
        ]
    is_spec = isinstance(naming, Mapping) or (
        isinstance(naming, (list, tuple))
        and naming
        and isinstance(naming[0], Mapping)
        and "variants" in naming[0]
    )
    if isinstance(naming, (list, tuple, pd.DataFrame)) and not is_spec:
        rows = _frame_or_rows(naming, columns, "naming")
        return [
            _naming_mark(int(r["start"]), int(r["end"]), _text(r["family"]), _text(r["variant"]))
            for r in rows
        ]
    if naming is True:
        try:
            from toolkit.framing import bundled_naming

            names = bundled_naming()
        except ImportError:
            names = []
        raise ValueError(
            f"naming=True: name the naming families to use, e.g. one of {names}, "
            "a YAML path, or the result of toolkit.framing.load_naming(...)"
        )
    if not hasattr(naming, "match"):
        try:
            from toolkit.framing import load_naming
        except ImportError as exc:
            notes.append(f"names not marked: toolkit.framing is not available ({exc})")
            return []
        naming = load_naming(naming)
    labels = {f.id: getattr(f, "label", f.id) for f in getattr(naming, "families", ())}
    return [
        _naming_mark(int(start), int(end), _text(family), _text(variant), labels.get(family, ""))
        for family, variant, _surface, start, end in naming.match(text)
    ]


def _quote_marks(text: str, quotes: Any) -> list[_Mark]:
    if quotes is None or quotes is False:
        return []
    if quotes is True:
        return [_quote_mark(text, m.start(), m.end(), "") for m in _QUOTE_RE.finditer(text)]
    rows = _frame_or_rows(quotes, ["start", "end", "speaker"], "quotes")
    return [_quote_mark(text, int(r["start"]), int(r["end"]), _text(r["speaker"])) for r in rows]


def _agency_marks(agency: Any) -> list[_Mark]:
    if agency is None or agency is False or agency is True:
        return []
    rows = _frame_or_rows(agency, ["start", "end", "role", "action"], "agency")
    return [
        _agency_mark(int(r["start"]), int(r["end"]), _text(r["role"]), _text(r["action"]))
        for r in rows
    ]


def _generic_marks(
    text: str, spans: Any, *, agency: bool, actors: Any, colors: dict
) -> list[_Mark]:
    """Marks from ``spans=``: known kinds look as if their own option had found them."""
    marks = []
    for r in _frame_or_rows(spans, ["start", "end", "kind", "label", "detail"], "spans"):
        kind = _text(r["kind"]) or "other"
        label, detail = _text(r["label"]), _text(r["detail"])
        start, end = int(r["start"]), int(r["end"])
        if kind in ("agent", "patient"):
            kind, label = "agency", kind
        if kind == "agency":
            if agency:
                marks.append(_agency_mark(start, end, label, detail))
        elif kind == "actor":
            name = _name_of(actors, label) if actors is not None else label
            surface = text[start:end] if 0 <= start < end <= len(text) else ""
            marks.append(_actor_mark(start, end, label, surface, detail, name, colors))
        elif kind == "loaded":
            marks.append(_loaded_mark(start, end, label, detail))
        elif kind == "naming":
            marks.append(_naming_mark(start, end, label, detail))
        elif kind == "quote":
            marks.append(_quote_mark(text, start, end, label))
        else:
            tooltip = kind + (f": {label}" if label else "") + (f" · {detail}" if detail else "")
            marks.append(_Mark(start, end, kind, label, detail, tooltip, _STYLE["other"]))
    return marks


def _check_marks(marks: list[_Mark], length: int) -> None:
    for m in marks:
        if not 0 <= m.start < m.end <= length:
            raise ValueError(
                f"highlight(): {m.kind} mark ({m.start}, {m.end}) {m.label!r} is outside the "
                f"text (0–{length}) or empty; offsets must be character offsets into the "
                "document text"
            )


def _rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


# --------------------------------------------------------------------------- render


def _slug(kind: str) -> str:
    return _SLUG_RE.sub("-", kind.lower()).strip("-") or "other"


def _open_tag(m: _Mark) -> str:
    tag = "mark" if m.kind in ("actor", "loaded") else "span"
    style = m.style + ("color:inherit;" if tag == "mark" and "color:" not in m.style else "")
    if tag == "mark" and "background" not in style:
        style += "background:transparent;"
    classes = f"mt-mark mt-{_slug(m.kind)}"
    if m.kind == "agency":
        classes += f" mt-{_slug(m.label)}"
    return (
        f'<{tag} class="{classes}" style="{html.escape(style)}" '
        f'title="{html.escape(m.tooltip, quote=True)}">'
    )


def _close_tag(m: _Mark) -> str:
    return "</mark>" if m.kind in ("actor", "loaded") else "</span>"


def _badge(role: str) -> str:
    colors = _BADGE.get(role, _BADGE["other"])
    return (
        f'<span class="mt-badge mt-badge-{_slug(role)}" style="{_BADGE_BASE}{colors}">'
        f"{html.escape(role)}</span>"
    )


def _render_body(text: str, marks: list[_Mark]) -> str:
    """Paragraphs of escaped text with nested marks; crossing marks are split in pieces."""
    starts: dict[int, list[_Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    points = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = ["<p>"]
    stack: list[_Mark] = []

    def emit(segment: str) -> None:
        pieces = _PARA_RE.split(segment)
        for i, piece in enumerate(pieces):
            if i:
                out.extend(_close_tag(m) for m in reversed(stack))
                out.append("</p>\n<p>")
                out.extend(_open_tag(m) for m in stack)
            lines = _LINE_RE.split(piece)
            out.append("<br>\n".join(html.escape(line, quote=True) for line in lines))

    pos = 0
    for p in points:
        emit(text[pos:p])
        pos = p
        ending = [i for i, m in enumerate(stack) if m.end == p]
        reopen: list[_Mark] = []
        if ending:
            first = ending[0]
            for m in reversed(stack[first:]):
                out.append(_close_tag(m))
                if m.end == p and m.badge:
                    out.append(_badge(m.badge))
            reopen = [m for m in stack[first:] if m.end != p]
            del stack[first:]
        for m in sorted(reopen + starts.get(p, []), key=lambda m: (-m.end, _rank(m.kind), m.label)):
            out.append(_open_tag(m))
            stack.append(m)
    out.append("</p>")
    return "".join(out)


def _legend(marks: list[_Mark], actor_names: dict[str, str]) -> str:
    kinds = sorted({m.kind for m in marks}, key=lambda k: (_rank(k), k))
    if not kinds:
        return ""
    items = []
    for kind in kinds:
        if kind == "actor":
            seen: dict[str, _Mark] = {}
            for m in marks:
                if m.kind == "actor":
                    seen.setdefault(m.label, m)
            chips = "".join(
                _open_tag(_Mark(0, 1, "actor", a, "", f"actor: {a}", m.style))
                + html.escape(actor_names.get(a, a))
                + "</mark> "
                for a, m in seen.items()
            )
            items.append(
                f'<span class="mt-legend-item mt-legend-actor">{chips}'
                f"<small>{html.escape(_LEGEND_TEXT['actor'])}</small></span>"
            )
        elif kind == "agency":
            roles = list(dict.fromkeys(m.label for m in marks if m.kind == "agency"))
            badges = "".join(_badge(r) for r in roles)
            items.append(
                f'<span class="mt-legend-item mt-legend-agency">{badges} '
                f"<small>{html.escape(_LEGEND_TEXT['agency'])}</small></span>"
            )
        else:
            sample = _Mark(0, 1, kind, kind, "", kind, _STYLE.get(kind, _STYLE["other"]))
            text = _LEGEND_TEXT.get(kind, kind)
            items.append(
                f'<span class="mt-legend-item mt-legend-{_slug(kind)}">'
                f"{_open_tag(sample)}{html.escape(kind)}{_close_tag(sample)} "
                f"<small>{html.escape(text)}</small></span>"
            )
    sep = '<span style="display:inline-block;width:1.2em"></span>'
    return (
        '<div class="mt-legend" style="font-size:12px;line-height:2;margin:4px 0 10px 0;'
        'padding:4px 8px;background:#F7F7F7;border-radius:4px;">'
        "<strong>Legend:</strong> " + sep.join(items) + "</div>"
    )


def _header(title: str | None, meta: dict[str, str]) -> str:
    parts = []
    if title:
        parts.append(
            '<div class="mt-title" style="font-weight:700;font-size:1.2em;margin-bottom:2px;">'
            f"{html.escape(title)}</div>"
        )
    info = [meta[k] for k in ("source", "published", "doc_id", "url") if meta.get(k)]
    if info:
        parts.append(
            '<div class="mt-meta" style="color:#555555;font-size:12px;">'
            + " · ".join(html.escape(v) for v in info)
            + "</div>"
        )
    return "".join(parts)


def highlight(
    document_or_text: str | pd.Series | pd.DataFrame | Mapping,
    *,
    actors: Any = None,
    loaded: Any = True,
    naming: Any = None,
    quotes: Any = True,
    agency: Any = True,
    spans: Any = None,
    title: str | None = None,
) -> Highlighted:
    """Mark actors, loaded terms, contested names, quotes and roles in one article.

    Parameters
    ----------
    document_or_text : str, Series, dict or one-row DataFrame
        The article: plain text, or a documents row with ``text`` (and optionally
        ``title``, ``source``, ``published``, ``doc_id``, ``url`` shown in the header).
    actors : ActorDictionary, object with ``.match(text)``, name, path or dict, optional
        Actor matcher; ``.match(text)`` returns ``(actor_id, label, start, end, via,
        member)`` tuples. Names, paths and dicts go through ``toolkit.actors.load_actors``.
    loaded : bool, callable, list or DataFrame
        ``True`` uses the bundled loaded-language lexicon (``toolkit.framing``); a lexicon
        path, DataFrame or loaded lexicon is used instead; a callable ``f(text)`` or a list
        of ``(start, end, category[, detail])`` gives the spans directly; ``False`` skips.
    naming : NamingFamilies, name, path, callable or list, optional
        Naming families (``toolkit.framing.load_naming``; e.g. ``"karabakh"``), a
        callable ``f(text)`` or a list of ``(start, end, family, variant)``.
    quotes : bool or list
        ``True`` marks text between quotation marks ("…", “…”, „…“, «…»); a list of
        ``(start, end[, speaker])`` gives them directly.
    agency : bool or list
        A list/DataFrame of ``(start, end, role[, action])`` (role ``agent`` or
        ``patient``) adds a badge after each span; ``True`` shows agency spans passed in
        ``spans=``; ``False`` hides them.
    spans : list or DataFrame, optional
        Extra marks ``(start, end, kind[, label[, detail]])`` of any kind (``actor``,
        ``loaded``, ``naming``, ``quote``, ``agent``, ``patient`` or your own).
    title : str, optional
        Heading; defaults to the row's ``title``.

    Returns
    -------
    Highlighted
        ``.html``, ``.spans`` (start, end, kind, label, detail, text), ``.notes``;
        Jupyter displays it as HTML.

    Raises
    ------
    ValueError
        For a mark outside the text, a DataFrame with several rows, a row without text.

    Notes
    -----
    Marks that cover the same text nest (quote outermost, then agency, naming, actor,
    loaded); marks that cross are split into pieces so every mark is kept. Offsets are
    Python string offsets into the document text (the ``documents.text`` column).

    Examples
    --------
    >>> h = highlight("Shelling hit Stepanakert.", loaded=[(0, 8, "violence")], quotes=False)
    >>> str(h)
    "     0-8      loaded  violence: 'Shelling'"
    """
    text, meta = _document(document_or_text)
    if title is None:
        title = meta.get("title")
    notes: list[str] = []
    colors: dict[str, int] = {}  # actor id -> colour index, in order of first mark
    marks: list[_Mark] = []
    marks += _quote_marks(text, quotes)
    marks += _naming_marks(text, naming, notes)
    marks += _actor_marks(text, actors, colors, notes)
    if agency is not False:
        marks += _agency_marks(agency)
    marks += _loaded_marks(text, loaded, notes)
    if spans is not None:
        marks += _generic_marks(
            text, spans, agency=agency is not False, actors=actors, colors=colors
        )
    _check_marks(marks, len(text))

    # exact duplicates (same place, kind and label) are shown once
    unique: dict[tuple, _Mark] = {}
    for m in marks:
        unique.setdefault((m.start, m.end, m.kind, m.label), m)
    marks = sorted(unique.values(), key=lambda m: (m.start, -m.end, _rank(m.kind), m.kind, m.label))

    actor_names = {m.label: _name_of(actors, m.label) for m in marks if m.kind == "actor"}
    body = _render_body(text, marks)
    notes_html = ""
    if notes:
        notes_html = (
            '<div class="mt-notes" style="color:#777777;font-size:11px;margin-top:8px;">'
            + "<br>".join(html.escape(n) for n in notes)
            + "</div>"
        )
    snippet = (
        f'<div class="mt-highlight" style="{_CONTAINER}">'
        + _header(title, meta)
        + _legend(marks, actor_names)
        + f'<div class="mt-body">{body}</div>'
        + notes_html
        + "</div>"
    )
    frame = pd.DataFrame(
        [
            {
                "start": m.start,
                "end": m.end,
                "kind": m.kind,
                "label": m.label,
                "detail": m.detail,
                "text": text[m.start : m.end],
            }
            for m in marks
        ],
        columns=SPAN_COLUMNS,
    ).astype({"start": "int64", "end": "int64"})
    return Highlighted(text=text, html=snippet, spans=frame, title=title, notes=tuple(notes))
