"""The analysis entry point: one call from a corpus to every frame and per-source table.

``analyze`` runs the data flow of DESIGN.md: documents → sentences → mentions → sentence and
mention measures → per-source tables. The result is an :class:`Analysis` holding tidy frames
keyed by ``doc_id``/``sent_id``/``mention_id`` so every number can be traced to its sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["Analysis", "analyze", "FRAMES"]

#: Names of the frames an :class:`Analysis` holds, in the order they are written out.
FRAMES = (
    "documents",
    "sentences",
    "mentions",
    "quotes",
    "naming",
    "actor_sentiment",
    "naming_shares",
    "agency_table",
    "voice",
    "verb_classes",
    "loaded_rates",
    "frames_mix",
    "keyness",
)


@dataclass
class Analysis:
    """Tidy frames from :func:`analyze`; every table joins back on ``doc_id``/``sent_id``.

    Attributes
    ----------
    documents, sentences, mentions, quotes, naming : DataFrame
        Record-level frames (one row per document, sentence, mention, quote, naming hit).
    actor_sentiment, naming_shares, agency_table, voice, verb_classes, loaded_rates,
    frames_mix, keyness : DataFrame
        Per-source tables.
    actors : ActorDictionary
        The dictionary used.
    params : dict
        The options the analysis ran with.
    problems : list of dict
        Input records that could not be used, with the reason.
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    naming: pd.DataFrame = field(default_factory=pd.DataFrame)
    actor_sentiment: pd.DataFrame = field(default_factory=pd.DataFrame)
    naming_shares: pd.DataFrame = field(default_factory=pd.DataFrame)
    agency_table: pd.DataFrame = field(default_factory=pd.DataFrame)
    voice: pd.DataFrame = field(default_factory=pd.DataFrame)
    verb_classes: pd.DataFrame = field(default_factory=pd.DataFrame)
    loaded_rates: pd.DataFrame = field(default_factory=pd.DataFrame)
    frames_mix: pd.DataFrame = field(default_factory=pd.DataFrame)
    keyness: pd.DataFrame = field(default_factory=pd.DataFrame)
    actors: Any = None
    params: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """Outlets in the corpus, sorted."""
        return sorted(self.documents["source"].dropna().astype(str).unique())

    def frames(self) -> dict[str, pd.DataFrame]:
        """All frames by name (see :data:`FRAMES`)."""
        return {name: getattr(self, name) for name in FRAMES}

    def save(self, out: str | Path, *, format: str = "csv") -> list[Path]:
        """Write every frame to *out* as ``<name>.csv`` or ``<name>.parquet``; return the paths."""
        if format not in ("csv", "parquet"):
            raise ValueError(f"format={format!r} is not valid; choose one of ['csv', 'parquet']")
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, df in self.frames().items():
            df = _flatten_for_output(df)
            path = out / f"{name}.{format}"
            if format == "csv":
                df.to_csv(path, index=False)
            else:
                df.to_parquet(path, index=False)
            paths.append(path)
        if self.problems:
            path = out / "problems.csv"
            pd.DataFrame(self.problems).to_csv(path, index=False)
            paths.append(path)
        return paths

    def __repr__(self) -> str:
        parts = [f"{name}={len(getattr(self, name))}" for name in FRAMES]
        return f"Analysis({', '.join(parts)}, problems={len(self.problems)})"


def _flatten_for_output(df: pd.DataFrame) -> pd.DataFrame:
    """Lists become '; '-joined strings so CSV and Parquet can hold them."""
    df = df.copy()
    df.attrs = {}
    for c in df.columns:
        if df[c].dtype == object and df[c].map(lambda v: isinstance(v, list | tuple)).any():
            df[c] = df[c].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    return df


def _attach_source(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Add the documents' ``source`` to a frame keyed by ``doc_id`` (keeping its order)."""
    if "source" in frame.columns or frame.empty and "doc_id" not in frame.columns:
        return frame
    src = documents.set_index("doc_id")["source"]
    out = frame.copy()
    out.insert(1, "source", out["doc_id"].map(src))
    return out


def analyze(
    corpus: Any,
    *,
    actors: Any = "sample",
    naming: Any = None,
    errors: str = "warn",
    n_boot: int = 1000,
    seed: int = 0,
    keyness_top: int = 15,
    skip_duplicates: bool = False,
) -> Analysis:
    """Run every measure on a corpus and return the frames and per-source tables.

    Parameters
    ----------
    corpus : path, URL, list, or DataFrame
        Anything :func:`toolkit.load_corpus` takes, or a documents frame with at least ``text``.
    actors : path, bundled name or ActorDictionary
        The actor dictionary (``"sample"``, ``"karabakh"`` or a YAML path).
    naming : path, bundled name or None
        Naming-variant families (``"sample"``, ``"karabakh"`` or a YAML path). None skips them.
    errors : {"warn", "skip", "raise"}
        What to do with bad input records (see :func:`toolkit.load_corpus`).
    n_boot, seed : int
        Bootstrap replicates and seed for the confidence intervals (runs repeat exactly).
    keyness_top : int
        Distinctive words kept per source.
    skip_duplicates : bool
        Leave out documents flagged as copies of an earlier one (wire copies).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> a = analyze("data/sample", actors="sample", naming="sample")  # doctest: +SKIP
    >>> a.actor_sentiment.head()  # doctest: +SKIP
    """
    from toolkit import actors as actors_mod
    from toolkit import agency as agency_mod
    from toolkit import attribution, framing, sentiment
    from toolkit.compare import actor_sentiment, keyness
    from toolkit.corpus import load_corpus
    from toolkit.text import split_sentences

    documents = load_corpus(corpus, errors=errors)
    problems = list(documents.attrs.get("problems", []))
    if skip_duplicates and "duplicate_of" in documents.columns:
        documents = documents[documents["duplicate_of"].isna()]
    if "source" not in documents.columns:
        documents = documents.assign(source="(unknown)")
    documents = documents.assign(source=documents["source"].fillna("(unknown)").astype(str))

    adict = actors_mod.load_actors(actors)
    sentences = _attach_source(split_sentences(documents), documents)

    loaded = framing.loaded_language(sentences, text="text")
    sent_scores = sentiment.sentence_sentiment(sentences, text="text")
    sentences = pd.concat(
        [
            sentences,
            sent_scores[["compound", "valence"]],
            loaded[["loaded_score", "loaded", "loaded_terms"]],
        ],
        axis=1,
    )
    fr = framing.frames(sentences, text="text")
    sentences["frame"] = fr["frame"]

    mentions = actors_mod.find_mentions(sentences, adict)
    mentions = _attach_source(mentions, documents)
    sent_text = sentences.set_index(["doc_id", "sent_id"])["text"]
    keys = pd.MultiIndex.from_arrays([mentions["doc_id"], mentions["sent_id"]])
    mentions["sentence"] = sent_text.reindex(keys).to_numpy()
    ts = sentiment.target_sentiment(mentions, text="sentence", start="start", end="end")
    mentions = pd.concat([mentions, ts], axis=1)
    ag = agency_mod.agency(mentions, sentences, text="text")
    for c in ("role", "action", "violent"):
        mentions[c] = ag[c]

    quotes = _attach_source(attribution.find_quotes(sentences, adict, text="text"), documents)
    naming_df = pd.DataFrame()
    naming_shares = pd.DataFrame()
    if naming is not None:
        families = framing.load_naming(naming)
        naming_df = _attach_source(framing.find_naming(sentences, families, text="text"), documents)
        naming_shares = framing.naming_shares(naming_df, by="source")

    a = Analysis(
        documents=documents,
        sentences=sentences,
        mentions=mentions,
        quotes=quotes,
        naming=naming_df,
        actor_sentiment=actor_sentiment(mentions, n_boot=n_boot, seed=seed),
        naming_shares=naming_shares,
        agency_table=agency_mod.agency_table(mentions, by="source"),
        voice=attribution.voice(quotes, by="source"),
        verb_classes=attribution.verb_classes(quotes, by="source"),
        loaded_rates=framing.loaded_rates(sentences, by="source", text="text"),
        frames_mix=framing.frames_mix(sentences.assign(frame=fr["frame"]), by="source"),
        keyness=keyness(documents, by="source", top=keyness_top),
        actors=adict,
        params={
            "actors": str(getattr(adict, "path", actors)),
            "naming": None if naming is None else str(naming),
            "n_boot": n_boot,
            "seed": seed,
            "skip_duplicates": skip_duplicates,
        },
        problems=problems,
    )
    return a
