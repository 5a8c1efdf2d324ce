"""Charts for the per-source tables: one function per chart, each returning its ``Axes``.

Every function takes a tidy DataFrame first and keyword-only column names whose defaults
follow the frame contracts in ``docs/architecture.md``. ``ax=None`` draws on the current
axes (a figure sized for the chart is created when none is open). No function calls
``show()`` or ``savefig()``, and importing this module changes no global setting: the
shared look (Okabe–Ito colour-blind-safe palette, hatches for grayscale print, DejaVu Sans
for Latin, Cyrillic, Armenian and Azerbaijani letters) is applied inside each call through
a private :func:`matplotlib.rc_context`.

Empty input gives an Axes with a centred "no data" text; missing columns raise
``ValueError`` naming the missing columns and the ones present.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import pandas as pd
>>> from toolkit import plots
>>> table = pd.DataFrame({"source": ["A", "B"], "actor": ["X", "X"],
...                       "sentiment": [0.2, -0.4], "ci_low": [0.0, -0.6], "ci_high": [0.4, -0.2]})
>>> fig, ax = plt.subplots()
>>> ax = plots.actor_sentiment(table, ax=ax)
>>> [t.get_text() for t in ax.get_yticklabels()]
['X']
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

__all__ = [
    "actor_sentiment",
    "agency",
    "attention",
    "coverage",
    "frames_mix",
    "keyness",
    "loaded_rates",
    "naming_shares",
    "sentiment_heatmap",
    "verb_classes",
    "voice",
]

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
        style = {
            "height": height * 0.92,
            "color": colors[j],
            "edgecolor": "#333333",
            "linewidth": 0.4,
            "hatch": HATCHES[j % len(HATCHES)] if n_series > 1 else "",
            "label": _wrap(series),
        }
        style.update(kwargs)
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
    ax.set_yticks(base, [_wrap(r) for r in table.index])
    ax.set_ylim(n_rows - 0.5, -0.5)  # first row on top
    ax.set_xlim(0, top * 1.12 if top > 0 else 1)
    ax.grid(True, axis="x")


def _stacked_hbars(ax: Axes, table: pd.DataFrame, *, annotate: bool = True, **kwargs: Any) -> None:
    """100% stacked horizontal bars: one bar per row, one segment per column."""
    n_rows = table.shape[0]
    y = np.arange(n_rows, dtype=float)
    left = np.zeros(n_rows)
    colors, hatches = _segment_style([str(c) for c in table.columns])
    for j, cat in enumerate(table.columns):
        widths = table[cat].to_numpy(dtype=float)
        style = {
            "height": 0.7,
            "color": colors[j],
            "hatch": hatches[j],
            "edgecolor": "#333333",
            "linewidth": 0.5,
            "label": _wrap(cat),
        }
        style.update(kwargs)
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
    ax.set_yticks(y, [_wrap(r) for r in table.index])
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xlim(0, max(1.0, float(left.max()) if n_rows else 1.0))
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.grid(True, axis="x")


def _stacked_chart(
    data: pd.DataFrame | None,
    *,
    chart: str,
    source: str,
    category: str,
    value: str,
    category_kw: str,
    sources: Sequence[str] | None,
    top: int | None,
    order: Sequence[str] | None,
    empty_label: str,
    title: str,
    xlabel: str,
    legend_title: str,
    ax: Axes | None,
    **kwargs: Any,
) -> Axes:
    """Shared worker for the 100% stacked charts (voice, verb classes, frames, naming)."""
    with _theme():
        if _is_empty(data) and (data is None or data.columns.size == 0):
            return _no_data(_get_ax(ax), title)
        _check_columns(data, {"source": source, category_kw: category, "value": value}, chart)
        if _is_empty(data):
            return _no_data(_get_ax(ax), title)
        frame = pd.DataFrame(
            {
                "s": _labels(data[source], "(unknown)"),
                "c": _labels(data[category], empty_label),
                "v": data[value],
            },
            index=data.index,
        )
        row_order = _select(_unique(frame["s"]), sources, "sources", chart)
        frame = frame[frame["s"].isin(row_order)]
        present = _unique(frame["c"])
        if order is not None:
            known = [c for c in order if c in present]
            present = known + sorted(c for c in present if c not in known)
        table = _table(frame, "s", "c", "v", row_order=row_order, col_order=present)
        if order is None:
            totals = table.sum(axis=0)
            table = table[sorted(table.columns, key=lambda c: (-totals[c], str(c)))]
        table = _top_columns(table, top)
        ax = _get_ax(ax, n_rows=len(row_order) + 2, width=8.0)
        _stacked_hbars(ax, table, **kwargs)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        _legend_outside(ax, legend_title)
        return ax


# --------------------------------------------------------------------------- charts


def actor_sentiment(
    data: pd.DataFrame,
    *,
    source: str = "source",
    actor: str = "actor",
    value: str = "sentiment",
    low: str = "ci_low",
    high: str = "ci_high",
    n: str = "n_mentions",
    actors: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    top: int | None = 15,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Dot plot of mean sentiment towards each actor per source, with 95% CI whiskers.

    Actors are rows (most positive on top, by the mean over sources), one dot per source
    (colour and marker shape per source), a horizontal whisker from ``low`` to ``high`` and
    a zero line; the x axis runs from −1 to +1.

    Parameters
    ----------
    data : DataFrame
        The ``actor_sentiment`` table: one row per source × actor.
    source, actor, value, low, high : str
        Column names.
    n : str
        Column with mention counts used to keep the ``top`` actors (optional column).
    actors, sources : list of str, optional
        Actors (rows, top to bottom) and sources (legend order) to show.
    top : int or None
        Show at most this many actors (most mentioned first); ``None`` shows all.
    ax : Axes, optional
        Axes to draw on; the current axes by default.
    **kwargs
        Passed to the marker ``Axes.plot`` call.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A"], "actor": ["X"], "sentiment": [0.1],
    ...                   "ci_low": [-0.1], "ci_high": [0.3]})
    >>> fig, ax = plt.subplots()
    >>> [float(x) for x in actor_sentiment(t, ax=ax).get_xlim()]
    [-1.05, 1.05]
    """
    chart = "actor_sentiment"
    title = "Sentiment towards actors by source"
    with _theme():
        if _is_empty(data) and (data is None or data.columns.size == 0):
            return _no_data(_get_ax(ax), title)
        _check_columns(
            data,
            {"source": source, "actor": actor, "value": value, "low": low, "high": high},
            chart,
        )
        frame = pd.DataFrame(
            {
                "s": _labels(data[source], "(unknown)"),
                "a": _labels(data[actor], "(unknown)"),
                "v": pd.to_numeric(data[value], errors="coerce"),
                "lo": pd.to_numeric(data[low], errors="coerce"),
                "hi": pd.to_numeric(data[high], errors="coerce"),
                "n": pd.to_numeric(data[n], errors="coerce") if n in data.columns else 1.0,
            },
            index=data.index,
        )
        if frame.empty:
            return _no_data(_get_ax(ax), title)
        src_order = _select(_unique(frame["s"]), sources, "sources", chart)
        frame = frame[frame["s"].isin(src_order)]
        if actors is not None:
            act_order = _select(_unique(frame["a"]), actors, "actors", chart)
        else:
            counts = frame.groupby("a", sort=False)["n"].sum()
            chosen = sorted(counts.index, key=lambda a: (-counts[a], a))
            chosen = chosen[:top] if top is not None else chosen
            means = frame[frame["a"].isin(chosen)].groupby("a")["v"].mean()
            act_order = sorted(
                chosen,
                key=lambda a: (0, -means[a], a) if pd.notna(means.get(a)) else (1, 0.0, a),
            )
        frame = frame[frame["a"].isin(act_order)]
        if frame.empty:
            return _no_data(_get_ax(ax), title)

        ax = _get_ax(ax, n_rows=len(act_order) * max(1, len(src_order)) // 2 + 2)
        ypos = {a: i for i, a in enumerate(act_order)}
        n_src = len(src_order)
        step = 0.6 / n_src if n_src > 1 else 0.0
        colors = _series_colors(n_src)
        extent = [-1.0, 1.0]
        for j, src in enumerate(src_order):
            sub = frame[frame["s"] == src]
            if sub.empty:
                continue
            y = sub["a"].map(ypos).to_numpy(dtype=float) - 0.3 + step * (j + 0.5) * (n_src > 1)
            ax.hlines(y, sub["lo"].to_numpy(), sub["hi"].to_numpy(), color=colors[j], linewidth=1.4)
            style = {
                "linestyle": "none",
                "marker": MARKERS[j % len(MARKERS)],
                "color": colors[j],
                "markeredgecolor": "white",
                "markeredgewidth": 0.7,
                "markersize": 7,
                "label": _wrap(src),
            }
            style.update(kwargs)
            ax.plot(sub["v"].to_numpy(), y, **style)
            finite = sub[["v", "lo", "hi"]].to_numpy(dtype=float)
            finite = finite[np.isfinite(finite)]
            if finite.size:
                extent = [min(extent[0], finite.min()), max(extent[1], finite.max())]
        ax.axvline(0, color="#444444", linewidth=0.9, zorder=0)
        ax.set_xlim(extent[0] - 0.05, extent[1] + 0.05)
        ax.set_yticks(np.arange(len(act_order)), [_wrap(a) for a in act_order])
        ax.set_ylim(len(act_order) - 0.5, -0.5)
        ax.grid(True, axis="x")
        ax.set_xlabel(SENTIMENT_LABEL)
        ax.set_title(title)
        _legend_outside(ax, "Source")
        return ax


def sentiment_heatmap(
    data: pd.DataFrame,
    *,
    source: str = "source",
    actor: str = "actor",
    value: str = "sentiment",
    n: str = "n_mentions",
    actors: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    top: int | None = 15,
    cmap: str = "RdBu",
    annotate: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Actor × source matrix of mean sentiment on a diverging colour scale centred at 0.

    Rows are actors (most mentioned first), columns sources. Each cell shows the value
    and, when the ``n`` column exists, the number of mentions behind it. Missing cells are
    light grey with a dash. A colorbar is added next to the axes.

    Parameters
    ----------
    data : DataFrame
        The ``actor_sentiment`` table.
    source, actor, value, n : str
        Column names (``n`` is optional).
    actors, sources : list of str, optional
        Rows and columns to show, in order.
    top : int or None
        At most this many actors.
    cmap : str
        A diverging matplotlib colormap name.
    annotate : bool
        Write the value (and n) in each cell.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.imshow``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "B"], "actor": ["X", "X"], "sentiment": [0.5, -0.5]})
    >>> fig, ax = plt.subplots()
    >>> ax = sentiment_heatmap(t, ax=ax)
    >>> ax.images[0].get_clim()
    (-1.0, 1.0)
    """
    chart = "sentiment_heatmap"
    title = "Mean sentiment towards actor (−1…+1) by source"
    with _theme():
        if _is_empty(data) and (data is None or data.columns.size == 0):
            return _no_data(_get_ax(ax), title)
        _check_columns(data, {"source": source, "actor": actor, "value": value}, chart)
        if _is_empty(data):
            return _no_data(_get_ax(ax), title)
        has_n = n in data.columns
        frame = pd.DataFrame(
            {
                "s": _labels(data[source], "(unknown)"),
                "a": _labels(data[actor], "(unknown)"),
                "v": pd.to_numeric(data[value], errors="coerce"),
                "n": pd.to_numeric(data[n], errors="coerce") if has_n else 1.0,
            },
            index=data.index,
        )
        src_order = _select(_unique(frame["s"]), sources, "sources", chart)
        frame = frame[frame["s"].isin(src_order)]
        if actors is not None:
            act_order = _select(_unique(frame["a"]), actors, "actors", chart)
        else:
            counts = frame.groupby("a", sort=False)["n"].sum()
            act_order = sorted(counts.index, key=lambda a: (-counts[a], a))
            act_order = act_order[:top] if top is not None else act_order
        frame = frame[frame["a"].isin(act_order)]
        if frame.empty:
            return _no_data(_get_ax(ax), title)
        values = frame.groupby(["a", "s"])["v"].mean().unstack("s")
        values = values.reindex(index=act_order, columns=src_order)
        counts = frame.groupby(["a", "s"])["n"].sum().unstack("s")
        counts = counts.reindex(index=act_order, columns=src_order)

        matrix = values.to_numpy(dtype=float)
        finite = matrix[np.isfinite(matrix)]
        limit = max(1.0, float(np.abs(finite).max()) if finite.size else 1.0)
        colormap = mpl.colormaps[cmap].with_extremes(bad="#EEEEEE")
        ax = _get_ax(ax, n_rows=len(act_order) + 1, width=max(5.0, 2.5 + 1.1 * len(src_order)))
        style = {"cmap": colormap, "vmin": -limit, "vmax": limit, "aspect": "auto"}
        style.update(kwargs)
        image = ax.imshow(np.ma.masked_invalid(matrix), **style)
        if annotate:
            for i in range(matrix.shape[0]):
                for j in range(matrix.shape[1]):
                    v = matrix[i, j]
                    if not np.isfinite(v):
                        ax.text(j, i, "–", ha="center", va="center", fontsize=8, color="#777777")
                        continue
                    label = f"{v:+.2f}"
                    if has_n and np.isfinite(counts.iat[i, j]):
                        label += f"\nn={int(counts.iat[i, j])}"
                    ax.text(
                        j,
                        i,
                        label,
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="white" if abs(v) / limit > 0.55 else "black",
                    )
        ax.set_xticks(np.arange(len(src_order)), [_wrap(s, 14) for s in src_order])
        ax.set_yticks(np.arange(len(act_order)), [_wrap(a) for a in act_order])
        if len(src_order) > 4 or max(len(s) for s in src_order) > 14:
            plt.setp(ax.get_xticklabels(), rotation=30, ha="right", rotation_mode="anchor")
        ax.set_xticks(np.arange(len(src_order) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(act_order) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.figure.colorbar(image, ax=ax, shrink=0.85, label="Mean sentiment (−1…+1)")
        ax.set_title(title)
        ax.set_xlabel("Source")
        return ax


def attention(
    data: pd.DataFrame,
    *,
    source: str = "source",
    actor: str = "actor",
    value: str = "share",
    kind: str = "grouped",
    actors: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    top: int | None = 10,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Share of actor mentions per actor and source.

    ``kind="grouped"``: actors are rows (largest total first, the rest summed as "other"),
    one bar per source. ``kind="stacked"``: one 100% bar per source, a segment per actor.

    Parameters
    ----------
    data : DataFrame
        The ``actor_sentiment`` table (``share`` = the actor's share of the source's mentions).
    source, actor, value : str
        Column names.
    kind : {"grouped", "stacked"}
    actors, sources : list of str, optional
    top : int or None
        Keep this many actors; the rest become "other".
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A"], "actor": ["X", "Y"], "share": [0.7, 0.3]})
    >>> fig, ax = plt.subplots()
    >>> [float(p.get_width()) for p in attention(t, ax=ax).patches]
    [0.7, 0.3]
    """
    chart = "attention"
    title = "Attention: share of actor mentions by source"
    _check_choice(kind, ("grouped", "stacked"), "kind")
    with _theme():
        if _is_empty(data) and (data is None or data.columns.size == 0):
            return _no_data(_get_ax(ax), title)
        _check_columns(data, {"source": source, "actor": actor, "value": value}, chart)
        if _is_empty(data):
            return _no_data(_get_ax(ax), title)
        frame = pd.DataFrame(
            {
                "s": _labels(data[source], "(unknown)"),
                "a": _labels(data[actor], "(unknown)"),
                "v": data[value],
            },
            index=data.index,
        )
        src_order = _select(_unique(frame["s"]), sources, "sources", chart)
        frame = frame[frame["s"].isin(src_order)]
        act_present = _unique(frame["a"])
        act_order = _select(act_present, actors, "actors", chart)
        table = _table(frame, "s", "a", "v", row_order=src_order, col_order=act_present)
        if actors is None:
            totals = table.sum(axis=0)
            table = table[sorted(table.columns, key=lambda c: (-totals[c], c))]
            table = _top_columns(table, top)
        else:
            table = table[act_order]
        xlabel = "Share of the source's actor mentions"
        if kind == "stacked":
            ax = _get_ax(ax, n_rows=len(src_order) + 2, width=8.0)
            _stacked_hbars(ax, table, **kwargs)
            _legend_outside(ax, "Actor")
        else:
            table = table.T
            ax = _get_ax(ax, n_rows=table.shape[0] * max(1, len(src_order)) // 2 + 2)
            _grouped_hbars(ax, table, **kwargs)
            ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
            _legend_outside(ax, "Source")
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        return ax


def naming_shares(
    data: pd.DataFrame,
    *,
    family: str | None = None,
    source: str = "source",
    family_col: str = "family",
    variant: str = "variant",
    value: str = "share",
    sources: Sequence[str] | None = None,
    top: int | None = 6,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Which name each source uses: 100% stacked bars of variant shares for one family.

    Parameters
    ----------
    data : DataFrame
        The ``naming_shares`` table.
    family : str, optional
        The naming family to show; the first one in the data when omitted.
    source, family_col, variant, value : str
        Column names.
    sources : list of str, optional
    top : int or None
        Keep this many variants; the rest become "other".
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A"], "family": ["region"] * 2,
    ...                   "variant": ["north", "south"], "share": [0.25, 0.75]})
    >>> fig, ax = plt.subplots()
    >>> naming_shares(t, ax=ax).get_title()
    'Naming: region — share of each variant by source'
    """
    chart = "naming_shares"
    if not _is_empty(data):
        _check_columns(
            data,
            {"source": source, "family_col": family_col, "variant": variant, "value": value},
            chart,
        )
        families = _unique(_labels(data[family_col], "(none)"))
        if family is None:
            family = families[0]
        elif str(family) not in families:
            raise ValueError(f"{chart}: unknown family {family!r}; valid names are {families}")
        data = data[_labels(data[family_col], "(none)") == str(family)]
    name = f"{family} — " if family is not None else ""
    return _stacked_chart(
        data,
        chart=chart,
        source=source,
        category=variant,
        value=value,
        category_kw="variant",
        sources=sources,
        top=top,
        order=None,
        empty_label="(none)",
        title=f"Naming: {name}share of each variant by source",
        xlabel="Share of the family's mentions that use each name",
        legend_title="Name used",
        ax=ax,
        **kwargs,
    )


def agency(
    data: pd.DataFrame,
    *,
    source: str = "source",
    actor: str = "actor",
    agent_violent: str = "agent_violent",
    patient_violent: str = "patient_violent",
    agent_other: str = "agent_other",
    patient_other: str = "patient_other",
    n: str = "n_mentions",
    normalize: bool = True,
    actors: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    top: int | None = 10,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Who acts and who is acted upon: diverging bars per actor and source.

    Agent roles go to the right, patient roles to the left of zero; violent actions are
    solid, other actions hatched and lighter; colour marks the source. With
    ``normalize=True`` (and an ``n`` column) values are shares of the actor's mentions in
    that source, otherwise counts.

    Parameters
    ----------
    data : DataFrame
        The ``agency_table``.
    source, actor, agent_violent, patient_violent, agent_other, patient_other, n : str
        Column names (``n`` is needed only for ``normalize=True``).
    normalize : bool
    actors, sources : list of str, optional
    top : int or None
        At most this many actors (most mentioned first).
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A"], "actor": ["X"], "agent_violent": [2],
    ...     "patient_violent": [1], "agent_other": [1], "patient_other": [0], "n_mentions": [4]})
    >>> fig, ax = plt.subplots()
    >>> sorted(round(float(p.get_width()), 2) for p in agency(t, ax=ax).patches)
    [-0.25, 0.0, 0.25, 0.5]
    """
    chart = "agency"
    title = "Agency: actor as doer (agent) or receiver (patient) of actions"
    with _theme():
        if _is_empty(data) and (data is None or data.columns.size == 0):
            return _no_data(_get_ax(ax), title)
        cols = {
            "source": source,
            "actor": actor,
            "agent_violent": agent_violent,
            "patient_violent": patient_violent,
            "agent_other": agent_other,
            "patient_other": patient_other,
        }
        if normalize:
            cols["n"] = n
        _check_columns(data, cols, chart)
        if _is_empty(data):
            return _no_data(_get_ax(ax), title)
        frame = pd.DataFrame(
            {
                "s": _labels(data[source], "(unknown)"),
                "a": _labels(data[actor], "(unknown)"),
                **{
                    k: pd.to_numeric(data[c], errors="coerce").fillna(0.0).astype(float)
                    for k, c in cols.items()
                    if k not in ("source", "actor")
                },
            },
            index=data.index,
        )
        parts = ["agent_violent", "agent_other", "patient_violent", "patient_other"]
        if normalize:
            denom = frame["n"].where(frame["n"] > 0)
            for p in parts:
                frame[p] = (frame[p] / denom).fillna(0.0)
        src_order = _select(_unique(frame["s"]), sources, "sources", chart)
        frame = frame[frame["s"].isin(src_order)]
        if actors is not None:
            act_order = _select(_unique(frame["a"]), actors, "actors", chart)
        else:
            weight = frame["n"] if normalize else frame[parts].sum(axis=1)
            totals = weight.groupby(frame["a"], sort=False).sum()
            act_order = sorted(totals.index, key=lambda a: (-totals[a], a))
            act_order = act_order[:top] if top is not None else act_order
        frame = frame[frame["a"].isin(act_order)]
        if frame.empty:
            return _no_data(_get_ax(ax), title)
        summed = frame.groupby(["a", "s"], sort=False)[parts].sum()

        n_src = len(src_order)
        ax = _get_ax(ax, n_rows=len(act_order) * max(1, n_src) // 2 + 2)
        height = 0.8 / max(n_src, 1)
        colors = _series_colors(n_src)
        base = np.arange(len(act_order), dtype=float)
        extent = 0.0
        for j, src in enumerate(src_order):
            idx = pd.MultiIndex.from_product([act_order, [src]])
            vals = summed.reindex(idx, fill_value=0.0)
            y = base - 0.4 + height * (j + 0.5)
            av, ao = vals["agent_violent"].to_numpy(), vals["agent_other"].to_numpy()
            pv, po = vals["patient_violent"].to_numpy(), vals["patient_other"].to_numpy()
            solid = {"height": height * 0.92, "color": colors[j], "edgecolor": "#333333"}
            solid["linewidth"] = 0.4
            light = dict(solid, alpha=0.45, hatch="///")
            solid.update(kwargs)
            light.update(kwargs)
            ax.barh(y, av, label=_wrap(src), **solid)
            ax.barh(y, ao, left=av, **light)
            ax.barh(y, -pv, **solid)
            ax.barh(y, -po, left=-pv, **light)
            extent = max(extent, float(np.max(av + ao)), float(np.max(pv + po)))
        extent = extent * 1.1 if extent > 0 else 1.0
        ax.set_xlim(-extent, extent)
        ax.axvline(0, color="#444444", linewidth=0.9)
        ax.set_yticks(base, [_wrap(a) for a in act_order])
        ax.set_ylim(len(act_order) - 0.5, -0.5)
        ax.grid(True, axis="x")
        if normalize:
            ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda x, _pos: f"{abs(x):.0%}"))
            what = "share of the actor's mentions"
        else:
            ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda x, _pos: f"{abs(x):g}"))
            what = "number of mentions"
        ax.set_xlabel(f"← receives the action (patient)   ·   {what}   ·   does it (agent) →")
        ax.set_title(title)
        handles, labels = ax.get_legend_handles_labels()
        handles += [
            Patch(facecolor="#777777", edgecolor="#333333", linewidth=0.4),
            Patch(facecolor="#777777", alpha=0.45, hatch="///", edgecolor="#333333", linewidth=0.4),
        ]
        labels += ["violent action", "other action"]
        ax.legend(handles, labels, title="Source", loc="upper left", bbox_to_anchor=(1.01, 1.0))
        return ax


def voice(
    data: pd.DataFrame,
    *,
    source: str = "source",
    speaker: str = "speaker_actor",
    value: str = "share",
    sources: Sequence[str] | None = None,
    top: int | None = 8,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Whose voice each source carries: 100% stacked bars of quoted words per speaker.

    Quotes whose speaker is not a known actor appear as "(no actor)".

    Parameters
    ----------
    data : DataFrame
        The ``voice`` table.
    source, speaker, value : str
        Column names.
    sources : list of str, optional
    top : int or None
        Keep this many speakers; the rest become "other".
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A"], "speaker_actor": ["X", ""], "share": [0.6, 0.4]})
    >>> fig, ax = plt.subplots()
    >>> len(voice(t, ax=ax).patches)
    2
    """
    return _stacked_chart(
        data,
        chart="voice",
        source=source,
        category=speaker,
        value=value,
        category_kw="speaker",
        sources=sources,
        top=top,
        order=None,
        empty_label="(no actor)",
        title="Voice: share of quoted words by speaker",
        xlabel="Share of the source's quoted words",
        legend_title="Speaker",
        ax=ax,
        **kwargs,
    )


def loaded_rates(
    data: pd.DataFrame,
    *,
    source: str = "source",
    category: str = "category",
    value: str = "rate_per_1000",
    categories: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Loaded-language rates per 1,000 words: grouped horizontal bars, category × source.

    Parameters
    ----------
    data : DataFrame
        The ``loaded_rates`` table.
    source, category, value : str
        Column names.
    categories, sources : list of str, optional
        Categories (rows, top to bottom; default: highest total first) and sources.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "B"], "category": ["violence"] * 2,
    ...                   "rate_per_1000": [3.0, 1.5]})
    >>> fig, ax = plt.subplots()
    >>> [float(p.get_width()) for p in loaded_rates(t, ax=ax).patches]
    [3.0, 1.5]
    """
    chart = "loaded_rates"
    title = "Loaded language by category and source"
    with _theme():
        if _is_empty(data) and (data is None or data.columns.size == 0):
            return _no_data(_get_ax(ax), title)
        _check_columns(data, {"source": source, "category": category, "value": value}, chart)
        if _is_empty(data):
            return _no_data(_get_ax(ax), title)
        frame = pd.DataFrame(
            {
                "s": _labels(data[source], "(unknown)"),
                "c": _labels(data[category], "(none)"),
                "v": data[value],
            },
            index=data.index,
        )
        src_order = _select(_unique(frame["s"]), sources, "sources", chart)
        frame = frame[frame["s"].isin(src_order)]
        present = _unique(frame["c"])
        cat_order = _select(present, categories, "categories", chart)
        table = _table(frame, "c", "s", "v", row_order=present, col_order=src_order)
        if categories is None:
            totals = table.sum(axis=1)
            cat_order = sorted(present, key=lambda c: (-totals[c], c))
        table = table.loc[cat_order]
        ax = _get_ax(ax, n_rows=len(cat_order) * max(1, len(src_order)) // 2 + 2)
        _grouped_hbars(ax, table, value_fmt=".1f", **kwargs)
        ax.set_xlabel("Loaded terms per 1,000 words")
        ax.set_title(title)
        _legend_outside(ax, "Source")
        return ax


def keyness(
    data: pd.DataFrame,
    *,
    group: str | None = None,
    top: int = 10,
    group_col: str = "group",
    term: str = "term",
    z: str = "z",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """ "Fightin' words": the most distinctive terms of each group (source) by z-score.

    For each group (or only ``group``), its ``top`` terms by z are drawn as horizontal
    bars, blocks one under another, coloured by group; each bar is labelled with its z.
    The dashed line at z = 1.96 marks the usual 5% threshold.

    Parameters
    ----------
    data : DataFrame
        The ``keyness`` table (log-odds with an informative Dirichlet prior).
    group : str, optional
        Show one group only.
    top : int
        Terms per group.
    group_col, term, z : str
        Column names.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["A", "A", "B"], "term": ["x", "y", "z"], "z": [3.0, 2.0, 4.0]})
    >>> fig, ax = plt.subplots()
    >>> [t.get_text() for t in keyness(t, ax=ax).get_yticklabels()]
    ['x', 'y', 'z']
    """
    chart = "keyness"
    title = "Distinctive words by source (fightin' words)"
    if top < 1:
        raise ValueError(f"top={top!r} must be a positive integer")
    with _theme():
        if _is_empty(data) and (data is None or data.columns.size == 0):
            return _no_data(_get_ax(ax), title)
        _check_columns(data, {"group_col": group_col, "term": term, "z": z}, chart)
        if _is_empty(data):
            return _no_data(_get_ax(ax), title)
        frame = pd.DataFrame(
            {
                "g": _labels(data[group_col], "(none)"),
                "t": _labels(data[term], "(empty)"),
                "z": pd.to_numeric(data[z], errors="coerce"),
            },
            index=data.index,
        ).dropna(subset=["z"])
        groups = _unique(frame["g"])
        if group is not None:
            groups = _select(groups, [group], "group", chart)
        blocks = []
        for g in groups:
            sub = frame[frame["g"] == g]
            sub = sub.sort_values(["z", "t"], ascending=[False, True], kind="stable").head(top)
            blocks.append((g, sub))
        n_rows = sum(len(b) for _, b in blocks) + max(0, len(blocks) - 1)
        if n_rows == 0:
            return _no_data(_get_ax(ax), title)
        ax = _get_ax(ax, n_rows=n_rows)
        colors = _series_colors(len(groups))
        ticks, labels = [], []
        pos = 0
        lo, hi = 0.0, 0.0
        for j, (g, sub) in enumerate(blocks):
            if j > 0:
                ax.axhline(pos - 1, color="#CCCCCC", linewidth=0.6)
            y = np.arange(pos, pos + len(sub), dtype=float)
            values = sub["z"].to_numpy(dtype=float)
            style = {
                "height": 0.7,
                "color": colors[j],
                "edgecolor": "#333333",
                "linewidth": 0.4,
                "hatch": HATCHES[j % len(HATCHES)],
                "label": _wrap(g),
            }
            style.update(kwargs)
            ax.barh(y, values, **style)
            for yy, v in zip(y, values, strict=True):
                ax.text(
                    v,
                    yy,
                    f" {v:.1f} " if v >= 0 else f" {v:.1f} ",
                    va="center",
                    ha="left" if v >= 0 else "right",
                    fontsize=7,
                    color="#222222",
                )
            ticks.extend(y.tolist())
            labels.extend(_wrap(t, 28) for t in sub["t"])
            if len(values):
                lo, hi = min(lo, values.min()), max(hi, values.max())
            pos += len(sub) + 1
        ax.set_yticks(ticks, labels)
        ax.set_ylim(pos - 1.5, -0.5)
        span = hi - lo if hi > lo else 1.0
        ax.set_xlim(lo - 0.12 * span * (lo < 0), hi + 0.15 * span)
        if hi > 1.96:
            ax.axvline(1.96, color="#666666", linestyle="--", linewidth=0.8)
        ax.axvline(0, color="#444444", linewidth=0.8)
        ax.grid(True, axis="x")
        ax.set_xlabel("z-score of the log-odds ratio vs. the other sources (1.96 ≈ p < 0.05)")
        ax.set_title(title if group is None else f"Distinctive words: {group}")
        _legend_outside(ax, "Source")
        return ax


_FREQ_ALIASES = {
    "D": ("D", "day"),
    "W": ("W", "week"),
    "M": ("M", "month"),
    "MS": ("M", "month"),
    "ME": ("M", "month"),
    "Q": ("Q", "quarter"),
    "QS": ("Q", "quarter"),
    "QE": ("Q", "quarter"),
    "Y": ("Y", "year"),
    "YS": ("Y", "year"),
    "YE": ("Y", "year"),
    "A": ("Y", "year"),
    "h": ("h", "hour"),
    "H": ("h", "hour"),
}


def coverage(
    documents: pd.DataFrame,
    *,
    date: str = "published",
    source: str = "source",
    freq: str = "D",
    sources: Sequence[str] | None = None,
    top: int | None = 8,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Number of articles per day (week, month…) and source, as lines with markers.

    Periods without articles count as 0; articles without a date are left out and counted
    in the axis label. Beyond ``top`` sources (most articles first), the rest are summed
    into one "other" line.

    Parameters
    ----------
    documents : DataFrame
        The documents frame.
    date, source : str
        Column names; ``date`` may be tz-aware, naive (taken as UTC) or text.
    freq : {"D", "W", "M", "Q", "Y", "h"}
        Period length.
    sources : list of str, optional
        Sources to show (all of them, no "other" line).
    top : int or None
        At most this many source lines plus "other"; ``None`` draws every source.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.plot``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> docs = pd.DataFrame({"source": ["A", "A", "B"],
    ...     "published": pd.to_datetime(["2020-10-01", "2020-10-03", "2020-10-01"], utc=True)})
    >>> fig, ax = plt.subplots()
    >>> [[int(y) for y in line.get_ydata()] for line in coverage(docs, ax=ax).get_lines()]
    [[1, 0, 1], [1, 0, 0]]
    """
    chart = "coverage"
    _check_choice(freq, list(_FREQ_ALIASES), "freq")
    period, unit = _FREQ_ALIASES[freq]
    title = f"Articles per {unit} by source"
    with _theme():
        if _is_empty(documents) and (documents is None or documents.columns.size == 0):
            return _no_data(_get_ax(ax), title)
        _check_columns(documents, {"date": date, "source": source}, chart)
        if _is_empty(documents):
            return _no_data(_get_ax(ax), title)
        when = pd.to_datetime(documents[date], utc=True, errors="coerce")
        frame = pd.DataFrame(
            {"s": _labels(documents[source], "(unknown)"), "t": when}, index=documents.index
        )
        src_order = _select(_unique(frame["s"]), sources, "sources", chart)
        frame = frame[frame["s"].isin(src_order)]
        undated = int(frame["t"].isna().sum())
        frame = frame.dropna(subset=["t"])
        if frame.empty:
            return _no_data(_get_ax(ax), title, "no dated articles")
        periods = frame["t"].dt.tz_localize(None).dt.to_period(period)
        full = pd.period_range(periods.min(), periods.max(), freq=period)
        counts = pd.crosstab(periods, frame["s"]).reindex(
            index=full, columns=src_order, fill_value=0
        )
        if sources is None:
            totals = counts.sum(axis=0)
            counts = counts[sorted(src_order, key=lambda c: (-totals[c], src_order.index(c)))]
            counts = _top_columns(counts, top)
            src_order = list(counts.columns)
        x = full.start_time.to_pydatetime()
        ax = _get_ax(ax, n_rows=8, width=8.0)
        colors = _series_colors(len(src_order))
        linestyles = ("-", "--", "-.", ":")
        for j, src in enumerate(src_order):
            style = {
                "marker": MARKERS[j % len(MARKERS)],
                "color": OTHER_COLOR if src == OTHER and sources is None else colors[j],
                "linestyle": linestyles[j % len(linestyles)],
                "markersize": 5,
                "label": _wrap(src),
            }
            style.update(kwargs)
            ax.plot(x, counts[src].to_numpy(), **style)
        if len(full) == 1:  # a single period: one labelled tick, not an hour-by-hour axis
            pad = pd.Timedelta(hours=1) if period == "h" else pd.Timedelta(days=1)
            pad = pad if period in ("D", "h") else pd.Timedelta(days=15)
            ax.set_xlim(x[0] - pad, x[0] + pad)
            ax.set_xticks([mdates.date2num(x[0])])
            fmt = "%Y-%m-%d %H:00" if period == "h" else "%Y-%m-%d"
            ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))
        else:
            locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0, top=max(1, int(counts.to_numpy().max())) * 1.1)
        ax.grid(True, axis="y")
        ax.set_ylabel(f"Articles per {unit}")
        xlabel = f"Publication date (UTC, by {unit})"
        if undated:
            xlabel += f"; {undated} article{'s' if undated != 1 else ''} without a date not shown"
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        _legend_outside(ax, "Source")
        return ax


def verb_classes(
    data: pd.DataFrame,
    *,
    source: str = "source",
    verb_class: str = "verb_class",
    value: str = "share",
    sources: Sequence[str] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """How sources attribute speech: 100% stacked bars of reporting-verb classes.

    Classes appear in the order neutral, endorse, emphasis, doubt, then any others;
    an empty class is shown as "(no verb)".

    Parameters
    ----------
    data : DataFrame
        The ``verb_classes`` table.
    source, verb_class, value : str
        Column names.
    sources : list of str, optional
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A"], "verb_class": ["doubt", "neutral"],
    ...                   "share": [0.2, 0.8]})
    >>> fig, ax = plt.subplots()
    >>> [round(float(p.get_width()), 2) for p in verb_classes(t, ax=ax).patches]
    [0.8, 0.2]
    """
    return _stacked_chart(
        data,
        chart="verb_classes",
        source=source,
        category=verb_class,
        value=value,
        category_kw="verb_class",
        sources=sources,
        top=None,
        order=["neutral", "endorse", "emphasis", "doubt", "(no verb)"],
        empty_label="(no verb)",
        title="Attribution: reporting-verb classes by source",
        xlabel="Share of the source's reporting verbs",
        legend_title="Verb class",
        ax=ax,
        **kwargs,
    )


def frames_mix(
    data: pd.DataFrame,
    *,
    source: str = "source",
    frame: str = "frame",
    value: str = "share",
    sources: Sequence[str] | None = None,
    top: int | None = 8,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Policy-frame mix per source: 100% stacked bars (largest frames first, rest "other").

    Parameters
    ----------
    data : DataFrame
        The ``frames_mix`` table.
    source, frame, value : str
        Column names.
    sources : list of str, optional
    top : int or None
        Keep this many frames; the rest become "other".
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A"], "frame": ["security", "morality"],
    ...                   "share": [0.3, 0.7]})
    >>> fig, ax = plt.subplots()
    >>> [round(float(p.get_width()), 2) for p in frames_mix(t, ax=ax).patches]
    [0.7, 0.3]
    """
    return _stacked_chart(
        data,
        chart="frames_mix",
        source=source,
        category=frame,
        value=value,
        category_kw="frame",
        sources=sources,
        top=top,
        order=None,
        empty_label="(none)",
        title="Frames: mix of policy frames by source",
        xlabel="Share of the source's frame cues",
        legend_title="Frame",
        ax=ax,
        **kwargs,
    )
