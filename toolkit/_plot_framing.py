"""Charts about voice, word choice, frames, keyness and coverage (re-exported by :mod:`toolkit.plots`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt  # noqa: F401  (the doctests use it)
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from toolkit._plotting import (
    HATCHES,
    MARKERS,
    OTHER,
    OTHER_COLOR,
    _bar_style,
    _check_choice,
    _doc,
    _get_ax,
    _grouped_hbars,
    _labels,
    _legend_outside,
    _no_data,
    _nothing_to_draw,
    _select,
    _series_colors,
    _source_frame,
    _Stack,
    _stacked_chart,
    _table,
    _theme,
    _top_columns,
    _unique,
    _wrap,
)

_VOICE = _Stack(
    "voice",
    title="Voice: share of quoted words by speaker",
    xlabel="Share of the source's quoted words",
    legend="Speaker",
    empty="(no actor)",
)
_VERB_CLASSES = _Stack(
    "verb_classes",
    title="Attribution: reporting-verb classes by source",
    xlabel="Share of the source's reporting verbs",
    legend="Verb class",
    empty="(no verb)",
    order=("neutral", "endorse", "emphasis", "doubt", "(no verb)"),
)
_FRAMES_MIX = _Stack(
    "frames_mix",
    title="Frames: mix of policy frames by source",
    xlabel="Share of the source's frame cues",
    legend="Frame",
)


@_doc
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
    {sources}
    {top_other:speakers}
    {ax}
    {kwargs_barh}

    {returns}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A"], "speaker_actor": ["X", ""], "share": [0.6, 0.4]})
    >>> fig, ax = plt.subplots()
    >>> len(voice(t, ax=ax).patches)
    2
    """
    columns = {"source": source, "speaker": speaker, "value": value}
    return _stacked_chart(data, _VOICE, columns, sources, top, ax, kwargs)


@_doc
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
    {ax}
    {kwargs_barh}

    {returns}

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
        if _nothing_to_draw(data, {"source": source, "category": category, "value": value}, chart):
            return _no_data(_get_ax(ax), title)
        frame, src_order = _source_frame(
            data, source, sources, chart, c=_labels(data[category], "(none)"), v=data[value]
        )
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


@_doc
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
    {ax}
    {kwargs_barh}

    {returns}

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
        if _nothing_to_draw(data, {"group_col": group_col, "term": term, "z": z}, chart):
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
            hatch = HATCHES[j % len(HATCHES)]
            style = _bar_style(kwargs, height=0.7, color=colors[j], hatch=hatch, label=_wrap(g))
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


@_doc
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
    {ax}
    **kwargs
        Passed to ``Axes.plot``.

    {returns}

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
        if _nothing_to_draw(documents, {"date": date, "source": source}, chart):
            return _no_data(_get_ax(ax), title)
        when = pd.to_datetime(documents[date], utc=True, errors="coerce")
        frame, src_order = _source_frame(documents, source, sources, chart, t=when)
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


@_doc
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
    {sources}
    {ax}
    {kwargs_barh}

    {returns}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A"], "verb_class": ["doubt", "neutral"],
    ...                   "share": [0.2, 0.8]})
    >>> fig, ax = plt.subplots()
    >>> [round(float(p.get_width()), 2) for p in verb_classes(t, ax=ax).patches]
    [0.8, 0.2]
    """
    columns = {"source": source, "verb_class": verb_class, "value": value}
    return _stacked_chart(data, _VERB_CLASSES, columns, sources, None, ax, kwargs)


@_doc
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
    {sources}
    {top_other:frames}
    {ax}
    {kwargs_barh}

    {returns}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A"], "frame": ["security", "morality"],
    ...                   "share": [0.3, 0.7]})
    >>> fig, ax = plt.subplots()
    >>> [round(float(p.get_width()), 2) for p in frames_mix(t, ax=ax).patches]
    [0.7, 0.3]
    """
    columns = {"source": source, "frame": frame, "value": value}
    return _stacked_chart(data, _FRAMES_MIX, columns, sources, top, ax, kwargs)
