"""The shared look and private helpers of :mod:`toolkit.plots` (theme, tables, bars)."""

from __future__ import annotations

import contextlib
import re
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

#: Okabe & Ito (2008) colour-blind-safe palette, ordered for contrast on white.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Hatches that keep stacked segments apart when printed in grayscale.
HATCHES: tuple[str, ...] = ("", "///", "...", "xxx", "\\\\\\", "ooo", "+++", "---")
#: Marker shapes that keep sources apart in grayscale.
MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X", "*")
OTHER = "other"
OTHER_COLOR = "#BBBBBB"
NO_DATA = "no data"
SENTIMENT_LABEL = "Mean sentiment towards actor (−1 negative … +1 positive), 95% CI"

_RC: dict[str, Any] = {
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Noto Sans", "Arial", "Liberation Sans"],
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.labelcolor": "#222222",
    "axes.edgecolor": "#444444",
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.unicode_minus": True,
    "axes.prop_cycle": mpl.cycler(color=list(OKABE_ITO)),
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "legend.title_fontsize": 8.5,
    "hatch.linewidth": 0.6,
    "lines.linewidth": 1.6,
    "lines.markersize": 6,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "none",
}


@contextlib.contextmanager
def _theme() -> Iterator[None]:
    """Apply the toolkit look for the duration of one chart (no global change).

    ``rc_context`` restores ``interactive`` on exit; in Jupyter the inline backend switches it
    on when the first figure is made, so keep that switch or later charts never show.
    """
    with mpl.rc_context(_RC):
        yield
        interactive = mpl.is_interactive()
    mpl.interactive(interactive)


# --------------------------------------------------------------------------- docstrings

#: Parameter descriptions shared by the chart docstrings. A docstring line ``{name}`` is
#: replaced by the entry, indented like the placeholder; ``{name:word}`` also puts ``word``
#: where the entry says ``<what>`` (see :func:`_doc`).
_DOCS: dict[str, str] = {
    "ax": "ax : Axes, optional\n"
    "    Axes to draw on; the current axes by default (a new figure sized for the chart\n"
    "    when none is open).",
    "sources": "sources : list of str, optional\n"
    "    Sources to show, in this order; every source by default.",
    "actors_sources": "actors, sources : list of str, optional\n"
    "    Actors and sources to show, in this order; by default the ``top`` actors and\n"
    "    every source.",
    "top_other": 'top : int or None\n    Keep this many <what>; the rest become "other".',
    "kwargs_barh": "**kwargs\n    Passed to ``Axes.barh``.",
    "returns": "Returns\n-------\nAxes\n    The axes drawn on.",
}
_PLACEHOLDER = re.compile(r"^( *)\{(\w+)(?::(\w+))?\}$", re.MULTILINE)
_F = TypeVar("_F", bound=Callable[..., Any])


def _fill(match: re.Match[str]) -> str:
    indent, name, word = match.groups()
    return textwrap.indent(_DOCS[name].replace("<what>", word or ""), indent)


def _doc(func: _F) -> _F:
    """Fill the placeholder lines of ``func.__doc__`` from :data:`_DOCS`.

    Examples
    --------
    >>> def chart(data, *, top=None): ...
    >>> chart.__doc__ = "{top_other:frames}"
    >>> print(_doc(chart).__doc__)
    top : int or None
        Keep this many frames; the rest become "other".
    """
    if func.__doc__:
        func.__doc__ = _PLACEHOLDER.sub(_fill, func.__doc__)
    return func


# --------------------------------------------------------------------------- helpers


def _check_columns(data: pd.DataFrame, needed: dict[str, str], chart: str) -> None:
    """Raise ``ValueError`` naming the missing columns, the present ones and the keyword."""
    missing = {kw: col for kw, col in needed.items() if col not in data.columns}
    if missing:
        hint = ", ".join(f"{kw}=" for kw in missing)
        raise ValueError(
            f"{chart}: column(s) {list(missing.values())} not found; the data has columns "
            f"{[str(c) for c in data.columns]}. Name the right columns with {hint}"
        )


def _is_empty(data: pd.DataFrame | None) -> bool:
    return data is None or len(data) == 0


def _nothing_to_draw(data: pd.DataFrame | None, needed: dict[str, str], chart: str) -> bool:
    """True when there are no rows; missing columns raise first unless there are no columns."""
    if _is_empty(data) and (data is None or data.columns.size == 0):
        return True
    _check_columns(data, needed, chart)
    return _is_empty(data)


def _source_frame(
    data: pd.DataFrame, source: str, sources: Sequence[str] | None, chart: str, **columns: Any
) -> tuple[pd.DataFrame, list[str]]:
    """Frame ``s`` (source labels) + ``columns``, keeping the chosen ``sources``, and their order."""
    frame = pd.DataFrame({"s": _labels(data[source], "(unknown)"), **columns}, index=data.index)
    order = _select(_unique(frame["s"]), sources, "sources", chart)
    return frame[frame["s"].isin(order)], order


def _actor_order(
    frame: pd.DataFrame,
    actors: Sequence[str] | None,
    top: int | None,
    weight: pd.Series,
    chart: str,
) -> list[str]:
    """``actors`` as given (checked), else the ``top`` actors of column ``a`` by summed weight."""
    if actors is not None:
        return _select(_unique(frame["a"]), actors, "actors", chart)
    totals = weight.groupby(frame["a"], sort=False).sum()
    order = sorted(totals.index, key=lambda a: (-totals[a], a))
    return order[:top] if top is not None else order


def _by_total(table: pd.DataFrame) -> pd.DataFrame:
    """Columns of ``table`` reordered by total, largest first (ties by name)."""
    totals = table.sum(axis=0)
    return table[sorted(table.columns, key=lambda c: (-totals[c], str(c)))]


def _wrap(label: object, width: int = 22) -> str:
    """Wrap a long label onto several lines so tick labels never overlap."""
    text = str(label)
    if len(text) <= width:
        return text
    return textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=True)


def _labels(values: pd.Series, empty: str = "(none)") -> pd.Series:
    """Category labels as plain strings; NaN and empty strings get a readable name."""
    out = values.astype(object).where(values.notna(), None)
    return out.map(lambda v: empty if v is None or str(v).strip() == "" else str(v))


def _unique(values: pd.Series) -> list[str]:
    """Distinct values in order of first appearance."""
    return list(dict.fromkeys(values.tolist()))


def _select(present: list[str], wanted: Sequence[str] | None, what: str, chart: str) -> list[str]:
    """Keep ``wanted`` (in its order) after checking every name exists."""
    if wanted is None:
        return present
    if isinstance(wanted, str):
        wanted = [wanted]
    wanted = [str(w) for w in wanted]
    unknown = [w for w in wanted if w not in present]
    if unknown:
        raise ValueError(f"{chart}: unknown {what} {unknown}; valid names are {present}")
    return list(wanted)


def _check_choice(value: str, valid: Sequence[str], name: str) -> None:
    if value not in valid:
        raise ValueError(f"{name}={value!r} is not valid; choose one of {list(valid)}")


def _get_ax(ax: Axes | None, n_rows: int = 6, width: float = 7.5) -> Axes:
    """The given axes, or the current one; a new figure sized for ``n_rows`` when none is open."""
    if ax is not None:
        return ax
    if not plt.get_fignums():
        height = float(np.clip(1.4 + 0.32 * n_rows, 2.6, 11.0))
        plt.figure(figsize=(width, height))
    return plt.gca()


def _row_axis(ax: Axes, rows: Sequence[object], grid: bool = True) -> None:
    """One tick per row (wrapped labels), first row on top, vertical grid lines."""
    ax.set_yticks(np.arange(len(rows), dtype=float), [_wrap(r) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    if grid:
        ax.grid(True, axis="x")


def _bar_style(kwargs: dict[str, Any], **style: Any) -> dict[str, Any]:
    """``Axes.barh`` options: thin dark edges, then ``style``, then the caller's ``kwargs``."""
    return {"edgecolor": "#333333", "linewidth": 0.4, **style, **kwargs}


def _no_data(ax: Axes, title: str, message: str = NO_DATA) -> Axes:
    """Draw a centred message on an otherwise empty Axes."""
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=11,
        color="#666666",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)
    return ax


def _top_columns(table: pd.DataFrame, top: int | None, other: str = OTHER) -> pd.DataFrame:
    """Keep the ``top`` columns with the largest totals; sum the rest into ``other``."""
    if top is None or table.shape[1] <= top + 1:
        return table
    if top < 1:
        raise ValueError(f"top={top!r} must be a positive integer or None")
    totals = table.sum(axis=0)
    keep = sorted(table.columns, key=lambda c: (-totals[c], str(c)))[:top]
    keep = [c for c in table.columns if c in keep]
    rest = [c for c in table.columns if c not in keep]
    out = table[keep].copy()
    out[other] = table[rest].sum(axis=1)
    return out


def _table(
    data: pd.DataFrame,
    rows: str,
    cols: str,
    value: str,
    *,
    row_order: list[str],
    col_order: list[str],
) -> pd.DataFrame:
    """Sum ``value`` into a rows × cols table (missing cells 0) in the given orders."""
    values = pd.to_numeric(data[value], errors="coerce").fillna(0.0)
    frame = pd.DataFrame({"r": data[rows].to_numpy(), "c": data[cols].to_numpy(), "v": values})
    table = frame.groupby(["r", "c"], sort=False)["v"].sum().unstack("c", fill_value=0.0)
    return table.reindex(index=row_order, columns=col_order, fill_value=0.0).astype(float)


def _series_colors(n: int) -> list[str]:
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def _segment_style(categories: Sequence[str]) -> tuple[list[str], list[str]]:
    """Colour and hatch per stacked segment; the ``other`` bucket is plain grey."""
    colors, hatches = [], []
    k = 0
    for cat in categories:
        if cat == OTHER:
            colors.append(OTHER_COLOR)
            hatches.append("")
        else:
            colors.append(OKABE_ITO[k % len(OKABE_ITO)])
            hatches.append(HATCHES[k % len(HATCHES)])
            k += 1
    return colors, hatches


def _legend_outside(ax: Axes, title: str | None = None, **kwargs: Any) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(
            handles,
            labels,
            title=title,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            borderaxespad=0.0,
            **kwargs,
        )


def _grouped_hbars(
    ax: Axes,
    table: pd.DataFrame,
    *,
    value_fmt: str | None = None,
    **kwargs: Any,
) -> None:
    """Horizontal bars: one group per row of ``table``, one bar per column (series)."""
    n_rows, n_series = table.shape
    height = 0.8 / max(n_series, 1)
    colors = _series_colors(n_series)
    base = np.arange(n_rows, dtype=float)
    top = float(np.nanmax(table.to_numpy())) if table.size else 0.0
    for j, series in enumerate(table.columns):
        y = base - 0.4 + height * (j + 0.5)
        widths = table[series].to_numpy(dtype=float)
        hatch = HATCHES[j % len(HATCHES)] if n_series > 1 else ""
        style = _bar_style(
            kwargs, height=height * 0.92, color=colors[j], hatch=hatch, label=_wrap(series)
        )
        ax.barh(y, widths, **style)
        if value_fmt is not None:
            for yy, w in zip(y, widths, strict=True):
                if np.isfinite(w) and w > 0:
                    ax.text(
                        w + top * 0.01,
                        yy,
                        format(w, value_fmt),
                        va="center",
                        ha="left",
                        fontsize=7,
                        color="#333333",
                    )
    _row_axis(ax, table.index)
    ax.set_xlim(0, top * 1.12 if top > 0 else 1)


def _stacked_hbars(ax: Axes, table: pd.DataFrame, *, annotate: bool = True, **kwargs: Any) -> None:
    """100% stacked horizontal bars: one bar per row, one segment per column."""
    n_rows = table.shape[0]
    y = np.arange(n_rows, dtype=float)
    left = np.zeros(n_rows)
    colors, hatches = _segment_style([str(c) for c in table.columns])
    for j, cat in enumerate(table.columns):
        widths = table[cat].to_numpy(dtype=float)
        style = _bar_style(
            kwargs, height=0.7, color=colors[j], hatch=hatches[j], linewidth=0.5, label=_wrap(cat)
        )
        ax.barh(y, widths, left=left, **style)
        if annotate:
            for yy, lft, w in zip(y, left, widths, strict=True):
                if w >= 0.07:
                    ax.text(
                        lft + w / 2,
                        yy,
                        f"{w:.0%}",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="black",
                        bbox={
                            "boxstyle": "round,pad=0.15",
                            "fc": "white",
                            "ec": "none",
                            "alpha": 0.8,
                        },
                    )
        left = left + widths
    _row_axis(ax, table.index)
    ax.set_xlim(0, max(1.0, float(left.max()) if n_rows else 1.0))
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))


@dataclass(frozen=True)
class _Stack:
    """What sets one 100% stacked chart apart: its name, texts and category order."""

    chart: str
    title: str
    xlabel: str
    legend: str
    empty: str = "(none)"
    order: tuple[str, ...] | None = None


def _stacked_chart(
    data: pd.DataFrame | None,
    spec: _Stack,
    columns: dict[str, str],
    sources: Sequence[str] | None,
    top: int | None,
    ax: Axes | None,
    kwargs: dict[str, Any],
) -> Axes:
    """Shared worker for the 100% stacked charts (voice, verb classes, frames, naming).

    ``columns`` maps the keywords ``source``, the category keyword and ``value`` (in this
    order) to column names.
    """
    source, category, value = columns.values()
    with _theme():
        if _nothing_to_draw(data, columns, spec.chart):
            return _no_data(_get_ax(ax), spec.title)
        frame, row_order = _source_frame(
            data, source, sources, spec.chart, c=_labels(data[category], spec.empty), v=data[value]
        )
        present = _unique(frame["c"])
        if spec.order is not None:
            known = [c for c in spec.order if c in present]
            present = known + sorted(c for c in present if c not in known)
        table = _table(frame, "s", "c", "v", row_order=row_order, col_order=present)
        if spec.order is None:
            table = _by_total(table)
        table = _top_columns(table, top)
        ax = _get_ax(ax, n_rows=len(row_order) + 2, width=8.0)
        _stacked_hbars(ax, table, **kwargs)
        ax.set_title(spec.title)
        ax.set_xlabel(spec.xlabel)
        _legend_outside(ax, spec.legend)
        return ax
