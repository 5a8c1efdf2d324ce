"""Tests for toolkit.plots: artists drawn match the data, labels, errors, theme, no side effects."""

from __future__ import annotations

import importlib
import inspect
import re
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from toolkit import _plotting, plots  # noqa: E402

UNICODE_LABEL = "Արցախ / Карабах / Qarabağ"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ----------------------------------------------------------------------------- fixtures


def sentiment_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["S1", "S1", "S1", "S2", "S2", "S2"],
            "actor": ["ARM", "AZE", "TUR", "ARM", "AZE", "TUR"],
            "n_docs": [3, 3, 2, 4, 4, 1],
            "n_mentions": [10, 8, 2, 12, 6, 1],
            "share": [0.5, 0.4, 0.1, 0.6, 0.3, 0.05],
            "sentiment": [-0.5, 0.25, 0.75, -0.25, 0.5, 0.0],
            "ci_low": [-0.7, 0.1, 0.5, -0.4, 0.3, -0.2],
            "ci_high": [-0.3, 0.4, 0.9, -0.1, 0.7, 0.2],
        }
    )


def naming_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["S1", "S1", "S2", "S2", "S1", "S2"],
            "family": ["region", "region", "region", "region", "forces", "forces"],
            "variant": ["Nagorno-Karabakh", "Artsakh", "Nagorno-Karabakh", "Artsakh", "x", "y"],
            "n": [3, 1, 1, 1, 2, 2],
            "share": [0.75, 0.25, 0.5, 0.5, 1.0, 1.0],
        }
    )


def agency_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["S1", "S2", "S1"],
            "actor": ["ARM", "ARM", "AZE"],
            "agent_violent": [4, 1, 0],
            "patient_violent": [2, 3, 1],
            "agent_other": [2, 0, 1],
            "patient_other": [0, 2, 0],
            "n_mentions": [8, 10, 2],
        }
    )


def voice_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["S1", "S1", "S2", "S2"],
            "speaker_actor": ["ARM", "", "AZE", "ARM"],
            "n_quotes": [2, 1, 3, 1],
            "quoted_words": [30, 10, 40, 10],
            "share": [0.75, 0.25, 0.8, 0.2],
        }
    )


def loaded_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["S1", "S1", "S2", "S2"],
            "category": ["violence", "illegitimacy", "violence", "illegitimacy"],
            "n_terms": [3, 1, 1, 4],
            "n_words": [1000, 1000, 500, 500],
            "rate_per_1000": [3.0, 1.0, 2.0, 8.0],
        }
    )


def keyness_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": ["S1", "S1", "S1", "S2", "S2"],
            "term": ["occupied", "regime", "said", "artsakh", "shelling"],
            "count": [5, 4, 9, 6, 3],
            "log_odds": [1.0, 0.8, 0.1, 1.2, 0.5],
            "z": [3.5, 2.25, 0.5, 4.0, 1.5],
        }
    )


def verb_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["S1", "S1", "S1", "S2"],
            "verb_class": ["doubt", "neutral", "", "neutral"],
            "n": [2, 6, 2, 4],
            "share": [0.2, 0.6, 0.2, 1.0],
        }
    )


def frames_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["S1"] * 4,
            "frame": ["security", "morality", "legality", "economic"],
            "n": [5, 3, 1, 1],
            "share": [0.5, 0.3, 0.1, 0.1],
        }
    )


def documents() -> pd.DataFrame:
    when = pd.to_datetime(
        ["2020-10-01 08:00", "2020-10-03 23:59", "2020-10-01 12:00", None, "2020-10-03 01:00"],
        utc=True,
    )
    return pd.DataFrame(
        {
            "doc_id": list("abcde"),
            "source": ["S1", "S1", "S2", "S2", "S2"],
            "published": when,
        }
    )


CHARTS = {
    "actor_sentiment": (plots.actor_sentiment, sentiment_table),
    "sentiment_heatmap": (plots.sentiment_heatmap, sentiment_table),
    "attention": (plots.attention, sentiment_table),
    "naming_shares": (plots.naming_shares, naming_table),
    "agency": (plots.agency, agency_table),
    "voice": (plots.voice, voice_table),
    "loaded_rates": (plots.loaded_rates, loaded_table),
    "keyness": (plots.keyness, keyness_table),
    "coverage": (plots.coverage, documents),
    "verb_classes": (plots.verb_classes, verb_table),
    "frames_mix": (plots.frames_mix, frames_table),
}
#: one required column per chart, to drop in the missing-column test
REQUIRED = {
    "actor_sentiment": "ci_high",
    "sentiment_heatmap": "sentiment",
    "attention": "share",
    "naming_shares": "variant",
    "agency": "patient_other",
    "voice": "speaker_actor",
    "loaded_rates": "rate_per_1000",
    "keyness": "z",
    "coverage": "published",
    "verb_classes": "verb_class",
    "frames_mix": "frame",
}


def yticks(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def legend_texts(ax) -> list[str]:
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


# ----------------------------------------------------------------------------- all charts


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_returns_the_given_ax(name):
    func, make = CHARTS[name]
    fig, ax = plt.subplots()
    assert func(make(), ax=ax) is ax


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_ax_none_uses_current_axes(name):
    func, make = CHARTS[name]
    fig, ax = plt.subplots()
    assert func(make()) is ax


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_empty_input_gives_no_data_text(name):
    func, make = CHARTS[name]
    empty_same_columns = make().iloc[0:0]
    for data in (empty_same_columns, pd.DataFrame()):
        fig, ax = plt.subplots()
        out = func(data, ax=ax)
        assert out is ax
        assert "no data" in texts(ax)
        assert not ax.patches and not ax.get_lines()
        fig.canvas.draw()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_missing_column_names_missing_and_present(name):
    func, make = CHARTS[name]
    data = make().drop(columns=[REQUIRED[name]])
    with pytest.raises(ValueError) as info:
        func(data)
    message = str(info.value)
    assert repr(REQUIRED[name]) in message
    assert "source" in message or "group" in message  # a present column is listed
    assert name in message


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_never_shows_or_saves_and_keeps_rcparams(name, monkeypatch):
    func, make = CHARTS[name]

    def forbidden(*args, **kwargs):
        raise AssertionError("plot functions must not call show() or savefig()")

    monkeypatch.setattr(plt, "show", forbidden)
    monkeypatch.setattr(plt, "savefig", forbidden)
    monkeypatch.setattr(Figure, "savefig", forbidden)
    before = dict(matplotlib.rcParams)
    fig, ax = plt.subplots()
    func(make(), ax=ax)
    fig.canvas.draw()
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("name", plots.__all__)
def test_docstrings_are_filled_and_describe_every_parameter(name):
    func = getattr(plots, name)
    doc = func.__doc__
    assert not re.search(r"^\s*\{\w+(:\w+)?\}\s*$", doc, re.MULTILINE), "unfilled snippet"
    params = doc.split("Parameters\n    ----------\n")[1].split("Returns\n")[0]
    described = re.findall(r"^    (\*\*kwargs|\w[\w, ]*?)(?: : |$)", params, re.MULTILINE)
    names = {n.strip() for line in described for n in line.split(",")}
    signature = inspect.signature(func).parameters.values()
    wanted = {("**" if p.kind is p.VAR_KEYWORD else "") + p.name for p in signature}
    assert wanted <= names, wanted - names
    assert "ax : Axes, optional\n        Axes to draw on" in doc
    assert "\n    Examples\n    --------\n    >>> " in doc


def test_doc_snippet_takes_the_indent_and_word_of_its_placeholder():
    def chart():
        """Draw.

        Parameters
        ----------
        {top_other:frames}
        """

    text = _plotting._doc(chart).__doc__
    assert (
        '        top : int or None\n            Keep this many frames; the rest become "other".'
        in text
    )


def test_import_changes_no_rcparams():
    before = dict(matplotlib.rcParams)
    importlib.reload(plots)
    assert dict(matplotlib.rcParams) == before


def test_unicode_labels_draw_without_missing_glyph_warnings():
    table = sentiment_table().replace({"actor": {"ARM": UNICODE_LABEL}})
    fig, axes = plt.subplots(1, 3, figsize=(14, 4))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plots.actor_sentiment(table, ax=axes[0])
        plots.sentiment_heatmap(table, ax=axes[1])
        plots.attention(table, kind="stacked", ax=axes[2])
        axes[2].set_title(UNICODE_LABEL)
        fig.canvas.draw()
    glyph = [str(w.message) for w in caught if "glyph" in str(w.message).lower()]
    assert glyph == []
    assert UNICODE_LABEL in [t.replace("\n", " ") for t in yticks(axes[0])]
    assert UNICODE_LABEL in [t.replace("\n", " ") for t in legend_texts(axes[2])]


def test_missing_glyph_detection_works():
    """Control for the test above: a glyph DejaVu Sans lacks (CJK) does warn."""
    fig, ax = plt.subplots()
    plots.voice(voice_table().replace({"speaker_actor": {"ARM": "中"}}), ax=ax)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert any("glyph" in str(w.message).lower() for w in caught)


def test_long_labels_are_wrapped():
    long = "Ministry of Defence of the Republic of Somewhere Far Away"
    table = sentiment_table().replace({"actor": {"TUR": long}})
    ax = plots.actor_sentiment(table)
    wrapped = [t for t in yticks(ax) if "Ministry" in t][0]
    assert "\n" in wrapped
    assert wrapped.replace("\n", " ") == long


# ----------------------------------------------------------------------------- per chart


def test_actor_sentiment_dots_whiskers_order_and_axis():
    table = sentiment_table()
    fig, ax = plt.subplots()
    plots.actor_sentiment(table, ax=ax)
    # mean over sources: TUR 0.375, AZE 0.375 -> tie broken by name; ARM -0.375
    assert yticks(ax) == ["AZE", "TUR", "ARM"]
    assert ax.get_xlim() == (-1.05, 1.05)
    assert legend_texts(ax) == ["S1", "S2"]
    lines = [ln for ln in ax.get_lines() if ln.get_label() in ("S1", "S2")]
    assert [ln.get_label() for ln in lines] == ["S1", "S2"]
    np.testing.assert_allclose(lines[0].get_xdata(), [-0.5, 0.25, 0.75])
    whiskers = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(whiskers) == 2
    for coll, src in zip(whiskers, ["S1", "S2"], strict=True):
        sub = table[table.source == src]
        segs = coll.get_segments()
        np.testing.assert_allclose([s[0][0] for s in segs], sub.ci_low)
        np.testing.assert_allclose([s[1][0] for s in segs], sub.ci_high)
        # whisker and dot share the same y
        dot = [ln for ln in lines if ln.get_label() == src][0]
        np.testing.assert_allclose([s[0][1] for s in segs], dot.get_ydata())
    # zero line
    assert any(list(ln.get_xdata()) == [0, 0] for ln in ax.get_lines())
    assert "95% CI" in ax.get_xlabel() and "−1" in ax.get_xlabel()


def test_actor_sentiment_filters_and_top():
    table = sentiment_table()
    ax = plots.actor_sentiment(table, actors=["ARM", "TUR"], sources=["S2"])
    assert yticks(ax) == ["ARM", "TUR"]
    assert legend_texts(ax) == ["S2"]
    plt.close("all")
    ax = plots.actor_sentiment(table, top=2)  # TUR has the fewest mentions
    assert sorted(yticks(ax)) == ["ARM", "AZE"]
    with pytest.raises(ValueError, match="unknown actors \\['XYZ'\\]; valid names"):
        plots.actor_sentiment(table, actors=["XYZ"])


def test_sentiment_heatmap_cells_annotation_colorbar():
    table = sentiment_table().iloc[:5]  # S2 × TUR missing
    fig, ax = plt.subplots()
    plots.sentiment_heatmap(table, ax=ax)
    image = ax.images[0]
    assert image.colorbar is not None
    assert len(fig.axes) == 2
    assert image.get_clim() == (-1.0, 1.0)
    matrix = image.get_array()
    assert yticks(ax) == ["ARM", "AZE", "TUR"]  # most mentioned first
    assert [t.get_text() for t in ax.get_xticklabels()] == ["S1", "S2"]
    assert matrix[0, 0] == -0.5 and matrix[1, 1] == 0.5
    assert np.ma.is_masked(matrix[2, 1])
    labels = texts(ax)
    assert "-0.50\nn=10" in labels and "+0.75\nn=2" in labels and "–" in labels
    assert matplotlib.colors.Normalize(-1, 1)(0.0) == 0.5  # centred at zero


def test_sentiment_heatmap_symmetric_limits_beyond_one():
    table = sentiment_table().assign(sentiment=[-2.0, 0.5, 0.1, 0.2, 0.3, 0.4])
    ax = plots.sentiment_heatmap(table)
    assert ax.images[0].get_clim() == (-2.0, 2.0)


def test_attention_grouped_widths_and_other_bucket():
    table = sentiment_table()
    fig, ax = plt.subplots()
    plots.attention(table, ax=ax)
    assert yticks(ax) == ["ARM", "AZE", "TUR"]
    widths = [p.get_width() for p in ax.patches]
    # first source S1 for each actor, then S2
    np.testing.assert_allclose(widths, [0.5, 0.4, 0.1, 0.6, 0.3, 0.05])
    assert legend_texts(ax) == ["S1", "S2"]
    plt.close(fig)
    ax = plots.attention(table, top=1)
    assert yticks(ax) == ["ARM", "other"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [0.5, 0.5, 0.6, 0.35])


def test_attention_stacked_segments():
    ax = plots.attention(sentiment_table(), kind="stacked")
    assert yticks(ax) == ["S1", "S2"]
    assert legend_texts(ax) == ["ARM", "AZE", "TUR"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [0.5, 0.6, 0.4, 0.3, 0.1, 0.05])
    np.testing.assert_allclose([p.get_x() for p in ax.patches], [0, 0, 0.5, 0.6, 0.9, 0.9])
    hatches = {p.get_hatch() or "" for p in ax.patches}
    assert len(hatches) == 3  # grayscale distinction
    with pytest.raises(ValueError, match="grouped"):
        plots.attention(sentiment_table(), kind="pie")


def test_naming_shares_family_selection():
    ax = plots.naming_shares(naming_table())  # first family: region
    assert "region" in ax.get_title()
    assert yticks(ax) == ["S1", "S2"]
    assert legend_texts(ax) == ["Nagorno-Karabakh", "Artsakh"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [0.75, 0.5, 0.25, 0.5])
    assert "75%" in texts(ax)
    plt.close("all")
    ax = plots.naming_shares(naming_table(), family="forces")
    assert legend_texts(ax) == ["x", "y"]
    with pytest.raises(ValueError, match="valid names are \\['region', 'forces'\\]"):
        plots.naming_shares(naming_table(), family="nope")


def test_agency_diverging_bars():
    fig, ax = plt.subplots()
    plots.agency(agency_table(), ax=ax)
    assert yticks(ax) == ["ARM", "AZE"]  # 18 vs 2 mentions
    widths = [round(p.get_width(), 6) for p in ax.patches]
    # S1: ARM, AZE for agent_violent, agent_other, patient_violent, patient_other
    s1 = widths[:8]
    assert s1 == [0.5, 0.0, 0.25, 0.5, -0.25, -0.5, -0.0, -0.0]
    s2 = widths[8:]
    assert s2 == [0.1, 0.0, 0.0, 0.0, -0.3, -0.0, -0.2, -0.0]
    # patient_other starts where patient_violent ends (stacked leftwards)
    assert ax.patches[14].get_x() == pytest.approx(-0.3)
    lo, hi = ax.get_xlim()
    assert lo == -hi and hi > 0.75
    assert "agent" in ax.get_xlabel() and "patient" in ax.get_xlabel()
    assert legend_texts(ax) == ["S1", "S2", "violent action", "other action"]


def test_agency_counts_without_normalize():
    ax = plots.agency(agency_table().drop(columns="n_mentions"), normalize=False, sources=["S2"])
    assert [p.get_width() for p in ax.patches[:1]] == [1.0]
    assert "number of mentions" in ax.get_xlabel()


def test_voice_stacked_with_unattributed():
    ax = plots.voice(voice_table())
    assert yticks(ax) == ["S1", "S2"]
    # ordered by total share: ARM 0.95, AZE 0.8, (no actor) 0.25
    assert legend_texts(ax) == ["ARM", "AZE", "(no actor)"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [0.75, 0.2, 0, 0.8, 0.25, 0])


def test_loaded_rates_grouped():
    ax = plots.loaded_rates(loaded_table())
    assert yticks(ax) == ["illegitimacy", "violence"]  # total 9 vs 5
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [1.0, 3.0, 8.0, 2.0])
    assert "8.0" in texts(ax)
    assert "1,000 words" in ax.get_xlabel()
    plt.close("all")
    ax = plots.loaded_rates(loaded_table(), categories=["violence"], sources=["S2"])
    assert yticks(ax) == ["violence"]
    assert [p.get_width() for p in ax.patches] == [2.0]


def test_keyness_blocks_and_labels():
    ax = plots.keyness(keyness_table(), top=2)
    assert yticks(ax) == ["occupied", "regime", "artsakh", "shelling"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [3.5, 2.25, 4.0, 1.5])
    assert {" 3.5 ", " 2.2 ", " 4.0 ", " 1.5 "} <= set(texts(ax))
    assert legend_texts(ax) == ["S1", "S2"]
    plt.close("all")
    ax = plots.keyness(keyness_table(), group="S2")
    assert yticks(ax) == ["artsakh", "shelling"]
    with pytest.raises(ValueError, match="valid names"):
        plots.keyness(keyness_table(), group="S9")


def test_coverage_counts_fill_zero_and_undated():
    ax = plots.coverage(documents())
    lines = ax.get_lines()
    assert [ln.get_label() for ln in lines] == ["S1", "S2"]
    assert list(lines[0].get_ydata()) == [1, 0, 1]
    assert list(lines[1].get_ydata()) == [1, 0, 1]
    assert "1 article without a date" in ax.get_xlabel()
    assert ax.get_ylim()[0] == 0


def test_coverage_single_day_naive_and_all_nat():
    docs = pd.DataFrame({"source": ["A", "A", "B"], "published": ["2020-10-01"] * 3})
    fig, ax = plt.subplots()
    plots.coverage(docs, ax=ax)
    fig.canvas.draw()
    assert [list(ln.get_ydata()) for ln in ax.get_lines()] == [[2], [1]]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020-10-01"]
    plt.close(fig)
    ax = plots.coverage(docs.assign(published=pd.NaT))
    assert "no dated articles" in texts(ax)
    with pytest.raises(ValueError, match="choose one of"):
        plots.coverage(docs, freq="fortnight")


def test_coverage_weekly():
    ax = plots.coverage(documents(), freq="W")
    assert [list(ln.get_ydata()) for ln in ax.get_lines()] == [[2], [2]]
    assert ax.get_ylabel() == "Articles per week"


def test_verb_classes_fixed_order():
    ax = plots.verb_classes(verb_table())
    assert legend_texts(ax) == ["neutral", "doubt", "(no verb)"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [0.6, 1.0, 0.2, 0, 0.2, 0])


def test_frames_mix_other_bucket():
    ax = plots.frames_mix(frames_table(), top=2)
    assert legend_texts(ax) == ["security", "morality", "other"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [0.5, 0.3, 0.2])
    assert ax.patches[-1].get_facecolor()[:3] == pytest.approx(
        matplotlib.colors.to_rgb(_plotting.OTHER_COLOR)
    )


def test_input_not_mutated():
    table = sentiment_table()
    copy = table.copy()
    plots.actor_sentiment(table)
    plots.attention(table, kind="stacked")
    pd.testing.assert_frame_equal(table, copy)


def test_coverage_top_sources_and_other():
    docs = pd.DataFrame(
        {
            "source": ["A", "A", "A", "B", "B", "C", "D"],
            "published": pd.to_datetime(["2020-10-01"] * 7, utc=True),
        }
    )
    ax = plots.coverage(docs, top=2)
    assert [ln.get_label() for ln in ax.get_lines()] == ["A", "B", "other"]
    assert [list(ln.get_ydata()) for ln in ax.get_lines()] == [[3], [2], [2]]
    plt.close("all")
    ax = plots.coverage(docs, sources=["D", "A"], top=1)  # explicit sources: no bucket
    assert [ln.get_label() for ln in ax.get_lines()] == ["D", "A"]


SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ALLSIDES = SHARED / "data" / "allsides" / "topic_turkey_russia_caucasus.jsonl"


def test_coverage_on_real_articles():
    if not ALLSIDES.exists():
        pytest.skip("../shared/data not present")
    raw = pd.read_json(ALLSIDES, lines=True, dtype=False)
    docs = pd.DataFrame({"source": raw["source"], "published": raw["date"]})
    dated = pd.to_datetime(docs["published"], utc=True, errors="coerce").notna().sum()
    fig, ax = plt.subplots(figsize=(9, 4))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plots.coverage(docs, freq="Y", top=5, ax=ax)
        fig.tight_layout()
        fig.canvas.draw()
    assert [str(w.message) for w in caught if "glyph" in str(w.message).lower()] == []
    lines = ax.get_lines()
    assert len(lines) == 6 and lines[-1].get_label() == "other"
    assert sum(int(np.sum(ln.get_ydata())) for ln in lines) == dated
    per_source = raw.loc[pd.to_datetime(raw["date"], utc=True, errors="coerce").notna(), "source"]
    assert int(np.sum(lines[0].get_ydata())) == per_source.value_counts().max()
