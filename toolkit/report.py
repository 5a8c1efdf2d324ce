"""One-command reports: run the report notebook on a corpus and convert it to PDF or HTML.

The template notebook (``toolkit/resources/report/report.ipynb``) is thin: each cell calls one
section function of this module. Parameters reach the notebook as data (a JSON file named by
an environment variable), never as code pasted into a cell, and every string the sections show
is escaped for LaTeX and HTML (:mod:`toolkit._render`).
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from toolkit._render import Bullets, Heading, Paragraph, Quote, RawPage, Table

__all__ = ["build_report", "load_context", "summary_sentences", "ReportContext"]

PARAMS_ENV = "MEDIA_TOOLKIT_REPORT_PARAMS"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "raw"


@dataclass
class ReportContext:
    """What the report sections need: the analysis and the parameters it ran with."""

    analysis: Any
    title: str
    corpus: str
    params: dict


def _display(*objs: Any) -> None:
    from IPython.display import display

    for o in objs:
        display(o)


def load_context(params: dict | None = None) -> ReportContext:
    """Read the report parameters (from *params* or the JSON file in ``$MEDIA_TOOLKIT_REPORT_PARAMS``) and run the analysis."""
    from toolkit.analysis import analyze

    if params is None:
        path = os.environ.get(PARAMS_ENV)
        params = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    corpus = params.get("corpus") or str(SAMPLE)
    actors = params.get("actors") or "sample"
    naming = params.get("naming")
    if naming is None and actors == "sample":
        naming = "sample"
    with warnings.catch_warnings():
        # Bad records are listed in the report's appendix, not printed into it.
        warnings.simplefilter("ignore")
        analysis = analyze(
            corpus,
            actors=actors,
            naming=naming,
            errors="skip",
            progress=False,  # a progress bar would be printed into the report
            n_boot=int(params.get("n_boot", 1000)),
            seed=int(params.get("seed", 0)),
        )
    if analysis.documents.empty:
        from toolkit.errors import CorpusError, format_problem

        reasons = "; ".join(format_problem(p) for p in analysis.problems[:5]) or "no records"
        raise CorpusError(f"{corpus}: no documents to report on ({reasons})")
    sources = params.get("sources")
    n_all = len(analysis.sources)
    if not sources:
        max_sources = int(params.get("max_sources") or 8)
        counts = analysis.documents["source"].value_counts()
        counts = counts.sort_index().sort_values(ascending=False, kind="stable")
        sources = list(counts.index[:max_sources]) if len(counts) > max_sources else None
    if sources:
        analysis = _restrict_sources(analysis, list(sources))
        params = {**params, "shown_sources": list(sources), "n_sources_all": n_all}
    title = params.get("title") or "How the sources frame the actors"
    return ReportContext(analysis=analysis, title=title, corpus=str(corpus), params=params)


def _restrict_sources(analysis: Any, sources: list[str]) -> Any:
    for name in analysis.frames():
        df = getattr(analysis, name)
        col = "group" if name == "keyness" else "source"
        if col in df.columns:
            setattr(analysis, name, df[df[col].isin(sources)].reset_index(drop=True))
    return analysis


# --------------------------------------------------------------------------- sections


def _fmt_ci(row: pd.Series) -> str:
    return f"{row['sentiment']:+.2f} (95% CI {row['ci_low']:+.2f} to {row['ci_high']:+.2f})"


def title_page(ctx: ReportContext) -> None:
    """Title, corpus facts (sources, dates, counts) and a page break."""
    a = ctx.analysis
    docs = a.documents
    dates = pd.to_datetime(docs.get("published"), errors="coerce", utc=True).dropna()
    span = f"{dates.min():%d %B %Y} to {dates.max():%d %B %Y}" if len(dates) else "dates unknown"
    n_dup = int(docs["duplicate_of"].notna().sum()) if "duplicate_of" in docs else 0
    shown = ctx.params.get("shown_sources")
    n_all = ctx.params.get("n_sources_all", len(a.sources))
    facts = [
        f"Corpus: {ctx.corpus}",
        f"Sources ({len(a.sources)}): {', '.join(a.sources)}"
        + (
            f" (the {len(shown)} with most articles of {n_all}; pass sources= to choose others)"
            if shown and n_all > len(shown)
            else ""
        ),
        f"Period: {span}",
        f"{len(docs)} articles, {len(a.sentences)} sentences, "
        f"{len(a.mentions)} actor mentions, {len(a.quotes)} quotes and attributions",
        f"Near-duplicate articles (wire copies) flagged: {n_dup}",
        f"Input records that could not be used: {len(a.problems)}",
        f"Actor dictionary: {a.params.get('actors')}; naming families: {a.params.get('naming')}",
    ]
    _display(Heading(ctx.title, 1), Bullets(facts))


def summary_sentences(analysis: Any, *, max_actors: int = 3) -> list[str]:
    """The executive summary: plain sentences generated from the numbers."""
    a = analysis
    out: list[str] = []
    s = a.actor_sentiment
    if not s.empty:
        s = s[s["n_mentions"] >= 3]
        for src, g in s.groupby("source", sort=True):
            g = g.sort_values("sentiment")
            lo, hi = g.iloc[0], g.iloc[-1]
            top = g.sort_values("n_mentions", ascending=False).head(max_actors)
            label = a.actors.label_of if a.actors is not None else str
            att = ", ".join(f"{label(r.actor)} ({r.share:.0%})" for r in top.itertuples())
            text = f"{src} gives most attention to {att}."
            if lo["actor"] != hi["actor"]:
                text += (
                    f" It is most negative towards {label(lo['actor'])} {_fmt_ci(lo)} and most "
                    f"positive towards {label(hi['actor'])} {_fmt_ci(hi)}."
                )
            out.append(text)
    ns = a.naming_shares
    if not ns.empty:
        for fam, g in ns.groupby("family", sort=True):
            top = g.sort_values("share", ascending=False).drop_duplicates("source")
            if top["variant"].nunique() > 1:
                parts = "; ".join(
                    f"{r.source} mostly '{r.variant}' ({r.share:.0%})" for r in top.itertuples()
                )
                out.append(f"Names differ for {fam.replace('_', ' ')}: {parts}.")
    ag = a.agency_table
    if not ag.empty and ag["agent_violent"].sum() > 0:
        parts = []
        for src, g in ag.groupby("source", sort=True):
            g = g.sort_values("agent_violent", ascending=False)
            if g.iloc[0]["agent_violent"] > 0:
                r = g.iloc[0]
                parts.append(
                    f"{src} shows {a.actors.label_of(r['actor'])} as the doer of violence most often "
                    f"({int(r['agent_violent'])} times)"
                )
        if parts:
            out.append("; ".join(parts) + ".")
    v = a.voice
    if not v.empty:
        v = v[v["speaker_actor"].astype(str) != ""]
        parts = []
        for src, g in v.groupby("source", sort=True):
            r = g.sort_values("share", ascending=False).iloc[0]
            parts.append(f"{src}: {a.actors.label_of(r['speaker_actor'])} ({r['share']:.0%})")
        if parts:
            out.append(
                "Whose voice is quoted most (share of quoted words): " + "; ".join(parts) + "."
            )
    lr = a.loaded_rates
    if not lr.empty:
        allr = lr[lr["category"] == "all"].sort_values("rate_per_1000", ascending=False)
        if len(allr) > 1:
            parts = ", ".join(f"{r.source} {r.rate_per_1000:.1f}" for r in allr.itertuples())
            out.append(f"Loaded words per 1,000 words, highest first: {parts}.")
    return out


def summary(ctx: ReportContext) -> None:
    """The executive summary section."""
    _display(
        Heading("Summary", 1),
        Paragraph(
            "What the numbers say, in words. Sentiment is towards each actor, from -1 "
            "(negative) to +1 (positive), with a 95% bootstrap interval over articles; "
            "actors with fewer than three mentions in a source are left out."
        ),
        Bullets(summary_sentences(ctx.analysis)),
    )


_CHARTS = {
    "coverage": (
        "Coverage over time",
        "Articles per day and source.",
    ),
    "attention": (
        "Attention",
        "Share of each source's actor mentions that go to each actor.",
    ),
    "actor_sentiment": (
        "Sentiment towards actors",
        "Mean sentiment towards each actor per source (-1 to +1) with 95% bootstrap intervals "
        "over articles. Wide intervals mean few articles: read them as uncertain.",
    ),
    "sentiment_heatmap": (
        "Sentiment map",
        "The same means as a source × actor grid; blue is positive, red negative.",
    ),
    "naming_shares": (
        "Names chosen",
        "Share of each competing name within a family of names, per source.",
    ),
    "agency": (
        "Who does harm, who suffers it",
        "How often each actor is the doer (agent, right) or the receiver (patient, left) of an "
        "action, as a share of its mentions, per source: solid bars are violent actions "
        "(shelling, killing, attacking), hatched bars other actions (meeting, urging, selling).",
    ),
    "voice": (
        "Whose voice is heard",
        "Share of quoted words per speaker's actor, per source; '(no actor)' is speech by people "
        "the dictionary does not place (witnesses, experts, unnamed officials).",
    ),
    "verb_classes": (
        "How speech is introduced",
        "Reporting verbs by class: neutral (said), doubting (claimed), endorsing (noted), "
        "emphatic (stressed).",
    ),
    "loaded_rates": (
        "Loaded language",
        "Loaded terms per 1,000 words, by category and source.",
    ),
    "frames_mix": (
        "Frames",
        "Share of sentences whose dominant policy frame (Boydstun et al.) is each frame.",
    ),
    "keyness": (
        "Distinctive words",
        "Words that set each source apart from the others (log-odds ratio with an informative "
        "Dirichlet prior, z-scores).",
    ),
}

#: Charts drawn from a frame of another name (the others use the frame of their own name).
_CHART_DATA = {
    "coverage": "documents",
    "attention": "actor_sentiment",
    "sentiment_heatmap": "actor_sentiment",
    "agency": "agency_table",
}


def _with_actor_labels(data: pd.DataFrame, actors: Any) -> pd.DataFrame:
    """Readable names in charts: actor labels ("Kestria", not "kestria"), frames with spaces."""
    if data.empty:
        return data
    out = data.copy()
    if "frame" in out.columns:
        out["frame"] = out["frame"].astype(str).str.replace("_", " ", regex=False)
    for col in ("actor", "speaker_actor"):
        if actors is not None and col in out.columns:
            out[col] = out[col].map(
                lambda v: actors.label_of(v) if isinstance(v, str) and v in actors.ids else v
            )
    return out


def _coverage_freq(documents: pd.DataFrame) -> str:
    """Days for a few weeks of coverage, weeks for a few months, months beyond."""
    dates = pd.to_datetime(documents.get("published"), errors="coerce", utc=True).dropna()
    if dates.empty:
        return "D"
    days = (dates.max() - dates.min()).days
    return "D" if days <= 21 else "W" if days <= 180 else "MS"


def chart(ctx: ReportContext, name: str, **kwargs: Any) -> None:
    """Draw one chart with its heading and caption (see ``_CHARTS`` for the names)."""
    from toolkit import plots

    if name not in _CHARTS:
        raise ValueError(f"chart {name!r} is not known; choose one of {sorted(_CHARTS)}")
    heading, caption = _CHARTS[name]
    data = getattr(ctx.analysis, _CHART_DATA.get(name, name))
    func = getattr(plots, name)
    if name == "naming_shares" and not data.empty:
        one = [f for f, g in data.groupby("family") if g["variant"].nunique() < 2]
        if one:
            _display(
                Heading(heading, 2),
                Paragraph(
                    "Families where every source used the same single name are not charted: "
                    + ", ".join(f.replace("_", " ") for f in sorted(one))
                    + ".",
                    "small",
                ),
            )
        for fam in sorted(set(data["family"]) - set(one)):
            fig, ax = plt.subplots(figsize=(7.5, 0.5 + 0.45 * data["source"].nunique() + 1))
            func(data, family=fam, ax=ax, **kwargs)
            fig.tight_layout()
            _display(
                Heading(f"{heading}: {fam.replace('_', ' ')}", 2),
                fig,
                Paragraph(caption, "caption"),
            )
            plt.close(fig)
        return
    size = {"keyness": (7.5, 8.5), "sentiment_heatmap": (7.5, 4.8)}.get(name, (7.5, 4.6))
    data = _with_actor_labels(data, ctx.analysis.actors)
    if name == "coverage":
        kwargs.setdefault("freq", _coverage_freq(data))
    fig, ax = plt.subplots(figsize=size)
    func(data, ax=ax, **kwargs)
    fig.tight_layout()
    _display(Heading(heading, 2), fig, Paragraph(caption, "caption"))
    plt.close(fig)


def table(ctx: ReportContext, name: str = "actor_sentiment", *, top: int = 40) -> None:
    """Show a per-source table that fits the page."""
    a = ctx.analysis
    if name == "actor_sentiment":
        df = a.actor_sentiment.copy()
        if a.actors is not None:
            df["actor"] = df["actor"].map(a.actors.label_of)
        df["share"] = (100 * df["share"]).round().astype(int).astype(str) + "%"
        df = df.rename(
            columns={
                "n_docs": "articles",
                "n_mentions": "mentions",
                "sentiment": "mean",
                "ci_low": "CI low",
                "ci_high": "CI high",
            }
        )[["source", "actor", "articles", "mentions", "share", "mean", "CI low", "CI high"]]
        cap = "Sentiment towards each actor per source (mean of -1/0/+1 per mention) with 95% bootstrap intervals over articles."
    else:
        df = getattr(a, name)
        cap = name.replace("_", " ")
    _display(Table(df.head(top), caption=cap))


_MAX_QUOTE = 400


def _excerpt(sentence: str, label: str, width: int = _MAX_QUOTE) -> str:
    """The sentence, or for a very long one the part around the actor's label, with ellipses."""
    if len(sentence) <= width:
        return sentence
    at = max(0, sentence.find(label)) if label else 0
    lo = max(0, at - width // 2)
    hi = min(len(sentence), lo + width)
    lo = max(0, hi - width)
    return ("…" if lo else "") + sentence[lo:hi].strip() + ("…" if hi < len(sentence) else "")


def evidence_section(ctx: ReportContext, *, per_cell: int = 2, min_mentions: int = 3) -> None:
    """Quote the most telling sentences behind each source × actor cell."""
    from toolkit.compare import evidence

    a = ctx.analysis
    _display(
        RawPage(),
        Heading("Evidence", 1),
        Paragraph(
            "The sentences behind the numbers: for each source and each of its most mentioned "
            "actors, the sentences with the strongest sentiment towards that actor."
        ),
    )
    s = a.actor_sentiment
    if s.empty:
        _display(Paragraph("No actor was mentioned."))
        return
    for src, g in s[s["n_mentions"] >= min_mentions].groupby("source", sort=True):
        _display(Heading(str(src), 2))
        for r in g.sort_values("n_mentions", ascending=False).head(3).itertuples():
            label = a.actors.label_of(r.actor)
            ev = evidence(a, source=src, actor=r.actor, n=None)
            # Very long "sentences" are mostly scraped page furniture (tickers, country lists):
            # quote ordinary sentences first, and only an excerpt of a long one.
            ev = ev.assign(_long=ev["sentence"].str.len() > _MAX_QUOTE)
            ev = ev.sort_values("_long", kind="stable").head(per_cell)
            _display(
                Paragraph(f"{label}: mean {r.sentiment:+.2f}, {r.n_mentions} mentions", "small")
            )
            for e in ev.itertuples():
                _display(
                    Quote(
                        _excerpt(e.sentence, e.label),
                        f"{e.doc_id}, sentence {e.sent_id}, score {e.score:+.2f}",
                    )
                )


def methods(ctx: ReportContext) -> None:
    """The methods and limits appendix."""
    a = ctx.analysis
    _display(
        RawPage(),
        Heading("Methods and limits", 1),
        Bullets(
            [
                "Articles are split into sentences; actors are found with the dictionary's "
                "aliases and members (office-holders, ministries), longest match first. The "
                "surface form of every mention is kept.",
                "Sentiment towards an actor comes from a linear model trained on human-labelled "
                "news sentences (NewsMTSC) with target-aware features including VADER's lexicon; "
                "it reaches a macro-F1 of about two thirds on unseen news sentences, so single "
                "sentences are often wrong: read means over many mentions, with their intervals.",
                "Intervals are 95% percentile bootstrap intervals over articles (mentions of one "
                f"article move together), {a.params.get('n_boot')} replicates, seed {a.params.get('seed')}.",
                "Loaded language uses a lexicon written for this toolkit in categories; rates are "
                "per 1,000 words. A hit is a word choice, not proof of bias: quoted speech counts too.",
                "Agent and patient roles come from rules over words (active and passive voice, "
                "'by' phrases, possessives), not a parser: long sentences with several clauses "
                "are the main source of errors.",
                "Quotes are found by quotation marks and reporting verbs; pronoun speakers are "
                "resolved to the most recent named speaker.",
                "Frames use an indicator lexicon for the 15 policy frame dimensions of the Media "
                "Frames Corpus codebook; a sentence takes the frame with most indicator words.",
                "Distinctive words: log-odds ratio with an informative Dirichlet prior "
                "(Monroe, Colaresi & Quinn 2008), each source against all others.",
            ]
        ),
    )
    if a.problems:
        from toolkit.errors import format_problem

        _display(
            Heading("Input records left out", 2),
            Paragraph(f"{len(a.problems)} input records could not be used:"),
            Bullets([format_problem(p) for p in a.problems[:50]]),
        )


# --------------------------------------------------------------------------- building

_FORMATS = ("pdf", "html")


def template_path() -> Path:
    """The report template notebook shipped with the package."""
    return Path(str(resources.files("toolkit") / "resources" / "report" / "report.ipynb"))


def build_report(
    source: str | os.PathLike | None = None,
    *,
    out: str | os.PathLike,
    actors: str = "sample",
    naming: str | None = "sample",
    title: str = "How the sources frame the actors",
    sources: list[str] | None = None,
    max_sources: int = 8,
    format: str | None = None,
    timeout: int = 900,
) -> Path:
    """Execute the report notebook on a corpus and write a PDF (or HTML) without code cells.

    Parameters
    ----------
    source : path or URL, optional
        The corpus (default: the bundled sample).
    out : path
        The output file; its suffix sets the format unless *format* is given.
    actors, naming : str
        Actor dictionary and naming families (bundled names or YAML paths).
    title : str
        The report's title (escaped; any text is safe).
    sources : list of str, optional
        Only these outlets.
    max_sources : int
        Without *sources*, show the outlets with most articles, at most this many (charts of
        dozens of outlets cannot be read).
    format : {"pdf", "html"}, optional
    timeout : int
        Seconds allowed per notebook cell.

    Returns
    -------
    Path of the written report.

    Examples
    --------
    >>> build_report(out="reports/sample-report.pdf")  # doctest: +SKIP
    """
    import nbformat
    from nbclient import NotebookClient

    out = Path(out)
    fmt = format or out.suffix.lstrip(".").lower()
    if fmt not in _FORMATS:
        raise ValueError(f"format {fmt!r} is not valid; choose one of {list(_FORMATS)}")
    params = {
        "corpus": _absolute(source) if source is not None else str(SAMPLE),
        "actors": _absolute(actors),
        "naming": _absolute(naming),
        "title": title,
        "sources": sources,
        "max_sources": max_sources,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(template_path(), as_version=4)
    nb.metadata["title"] = title
    with tempfile.TemporaryDirectory(prefix="media-toolkit-report-") as tmp:
        ppath = Path(tmp) / "params.json"
        ppath.write_text(json.dumps(params), encoding="utf-8")
        env_before = os.environ.get(PARAMS_ENV)
        os.environ[PARAMS_ENV] = str(ppath)
        try:
            NotebookClient(
                nb,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": tmp}},
            ).execute()
        finally:
            if env_before is None:
                os.environ.pop(PARAMS_ENV, None)
            else:
                os.environ[PARAMS_ENV] = env_before
        body = _convert(nb, fmt, title)
    if isinstance(body, str):
        out.write_text(body, encoding="utf-8")
    else:
        out.write_bytes(body)
    return out


def _absolute(value: Any) -> Any:
    """Local paths become absolute (the notebook runs in a temporary folder); names and URLs stay."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [_absolute(v) for v in value]
    text = str(value)
    if "://" not in text and Path(text).exists():
        return str(Path(text).resolve())
    return text


def _convert(nb: Any, fmt: str, title: str) -> bytes | str:
    from nbconvert import HTMLExporter, PDFExporter
    from traitlets.config import Config

    c = Config()
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.TemplateExporter.exclude_markdown = True
    tdir = str(resources.files("toolkit") / "resources" / "report" / "templates")
    if fmt == "html":
        exporter = HTMLExporter(config=c)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        return body
    c.PDFExporter.latex_count = 2
    exporter = PDFExporter(config=c, extra_template_basedirs=[tdir], template_name="mediareport")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "report"}})
    return body
