"""The shared look and private helpers of :mod:`toolkit.plots` (theme, tables, bars)."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any

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
