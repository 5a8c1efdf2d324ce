"""Charts about actors: sentiment, attention, naming, agency (re-exported by :mod:`toolkit.plots`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from toolkit._plotting import (
    MARKERS,
    SENTIMENT_LABEL,
    _actor_order,
    _bar_style,
    _by_total,
    _check_choice,
    _check_columns,
    _doc,
    _get_ax,
    _grouped_hbars,
    _is_empty,
    _labels,
    _legend_outside,
    _no_data,
    _nothing_to_draw,
    _row_axis,
    _select,
    _series_colors,
    _source_frame,
    _Stack,
    _stacked_chart,
    _stacked_hbars,
    _table,
    _theme,
    _top_columns,
    _unique,
    _wrap,
)


def _actor_frame(
    data: pd.DataFrame,
    source: str,
    actor: str,
    sources: Sequence[str] | None,
    chart: str,
    *,
    n: str,
    **values: pd.Series,
) -> tuple[pd.DataFrame, list[str]]:
    """Frame ``s``, ``a``, numeric ``values`` and ``n`` (mentions; 1 when no such column)."""
    numeric = {k: pd.to_numeric(v, errors="coerce") for k, v in values.items()}
    numeric["n"] = pd.to_numeric(data[n], errors="coerce") if n in data.columns else 1.0
    a = _labels(data[actor], "(unknown)")
    return _source_frame(data, source, sources, chart, a=a, **numeric)


# --------------------------------------------------------------------------- charts


@_doc
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
    {actors_sources}
    top : int or None
        Show at most this many actors (most mentioned first); ``None`` shows all.
    {ax}
    **kwargs
        Passed to the marker ``Axes.plot`` call.

    {returns}

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
        needed = {"source": source, "actor": actor, "value": value, "low": low, "high": high}
        if _nothing_to_draw(data, needed, chart):
            return _no_data(_get_ax(ax), title)
        frame, src_order = _actor_frame(
            data, source, actor, sources, chart, v=data[value], lo=data[low], hi=data[high], n=n
        )
        act_order = _actor_order(frame, actors, top, frame["n"], chart)
        if actors is None:  # most positive on top
            means = frame[frame["a"].isin(act_order)].groupby("a")["v"].mean()
            act_order = sorted(
                act_order,
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
        _row_axis(ax, act_order)
        ax.set_xlabel(SENTIMENT_LABEL)
        ax.set_title(title)
        _legend_outside(ax, "Source")
        return ax


@_doc
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
    {actors_sources}
    top : int or None
        At most this many actors.
    cmap : str
        A diverging matplotlib colormap name.
    annotate : bool
        Write the value (and n) in each cell.
    {ax}
    **kwargs
        Passed to ``Axes.imshow``.

    {returns}

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
        if _nothing_to_draw(data, {"source": source, "actor": actor, "value": value}, chart):
            return _no_data(_get_ax(ax), title)
        has_n = n in data.columns
        frame, src_order = _actor_frame(data, source, actor, sources, chart, v=data[value], n=n)
        act_order = _actor_order(frame, actors, top, frame["n"], chart)
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


@_doc
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
    {actors_sources}
    {top_other:actors}
    {ax}
    {kwargs_barh}

    {returns}

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
        if _nothing_to_draw(data, {"source": source, "actor": actor, "value": value}, chart):
            return _no_data(_get_ax(ax), title)
        frame, src_order = _source_frame(
            data, source, sources, chart, a=_labels(data[actor], "(unknown)"), v=data[value]
        )
        act_present = _unique(frame["a"])
        act_order = _select(act_present, actors, "actors", chart)
        table = _table(frame, "s", "a", "v", row_order=src_order, col_order=act_present)
        table = _top_columns(_by_total(table), top) if actors is None else table[act_order]
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


@_doc
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
    {sources}
    {top_other:variants}
    {ax}
    {kwargs_barh}

    {returns}

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
    spec = _Stack(
        chart,
        title=f"Naming: {name}share of each variant by source",
        xlabel="Share of the family's mentions that use each name",
        legend="Name used",
    )
    columns = {"source": source, "variant": variant, "value": value}
    return _stacked_chart(data, spec, columns, sources, top, ax, kwargs)


@_doc
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
    {actors_sources}
    top : int or None
        At most this many actors (most mentioned first).
    {ax}
    {kwargs_barh}

    {returns}

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
        roles = {
            "agent_violent": agent_violent,
            "patient_violent": patient_violent,
            "agent_other": agent_other,
            "patient_other": patient_other,
        }
        needed = {"source": source, "actor": actor, **roles, **({"n": n} if normalize else {})}
        if _nothing_to_draw(data, needed, chart):
            return _no_data(_get_ax(ax), title)
        counts = {
            k: pd.to_numeric(data[c], errors="coerce").fillna(0.0).astype(float)
            for k, c in needed.items()
            if k not in ("source", "actor")
        }
        frame, src_order = _source_frame(
            data, source, sources, chart, a=_labels(data[actor], "(unknown)"), **counts
        )
        parts = ["agent_violent", "agent_other", "patient_violent", "patient_other"]
        if normalize:
            denom = frame["n"].where(frame["n"] > 0)
            for p in parts:
                frame[p] = (frame[p] / denom).fillna(0.0)
        weight = frame["n"] if normalize else frame[parts].sum(axis=1)
        act_order = _actor_order(frame, actors, top, weight, chart)
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
            solid = _bar_style(kwargs, height=height * 0.92, color=colors[j])
            light = _bar_style(
                kwargs, height=height * 0.92, color=colors[j], alpha=0.45, hatch="///"
            )
            ax.barh(y, av, label=_wrap(src), **solid)
            ax.barh(y, ao, left=av, **light)
            ax.barh(y, -pv, **solid)
            ax.barh(y, -po, left=-pv, **light)
            extent = max(extent, float(np.max(av + ao)), float(np.max(pv + po)))
        extent = extent * 1.1 if extent > 0 else 1.0
        ax.set_xlim(-extent, extent)
        ax.axvline(0, color="#444444", linewidth=0.9)
        _row_axis(ax, act_order)
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
