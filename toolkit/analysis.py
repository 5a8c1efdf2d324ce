"""The analysis entry point: one call from a corpus to every frame and per-source table.

``analyze`` runs the data flow of DESIGN.md: documents → sentences → mentions → sentence and
mention measures → per-source tables. The result is an :class:`Analysis` holding tidy frames
keyed by ``doc_id``/``sent_id``/``mention_id`` so every number can be traced to its sentences.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.errors import CorpusError

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


def _nothing_to_analyse(corpus: Any, problems: list) -> str:
    where = corpus if isinstance(corpus, str | Path) else "the corpus"
    first = "; ".join(f"{p.get('path')}: {p.get('reason')}" for p in problems[:3])
    more = f" ({len(problems)} problems: {first}{'; ...' if len(problems) > 3 else ''})"
    return f"{where}: no documents to analyse" + (more if problems else "")


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
    sentence_scores: str = "none",
    engine: str = "local",
    workers: int | None = None,
    scheduler: Any = None,
    chunk_size: int | None = None,
    out: str | Path | None = None,
    keep: bool = True,
    progress: bool | None = None,
) -> Analysis:
    """Run every measure on a corpus and return the frames and per-source tables.

    Parameters
    ----------
    corpus : path, URL, list, or DataFrame
        Anything :func:`toolkit.load_corpus` takes, or a documents frame with at least ``text``.
        A ``.jsonl`` file may also be an fsspec URL (``s3://…``, ``memory://…``).
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
    sentence_scores : {"none", "mentions", "all"}
        Which sentences get VADER ``compound``/``valence`` values: none (default; the columns
        are there, NaN / <NA>), those with an actor mention, or every sentence (VADER is then
        about a fifth of the run). No per-source table uses them: actor sentiment comes from
        the target-sentiment model, so only what the measures need is scored by default.
    engine : {"local", "dask"}
        Where the document chunks run: this machine's processes, or Dask.
    workers : int, optional
        Worker processes of the local engine (default: every core; 1 runs in this process).
    scheduler : str or distributed.Client, optional
        With ``engine="dask"``: a scheduler address (``"tcp://host:8786"``) or a Client. None
        uses Dask's current scheduler.
    chunk_size : int, optional
        Documents per chunk. By default the local engine with several workers cuts the corpus
        into chunks of about equal text length (at most about 1M characters), in a number the
        workers share evenly (a corpus under 250,000 characters is one chunk); otherwise
        chunks hold 100 documents. Results do not depend on it.
    out : path or fsspec URL, optional
        Write the result there: record-level frames as partitioned Parquet
        (``<out>/<frame>/part-NNNNN.parquet``), per-source tables as ``<out>/<table>.parquet``.
        A re-run on the same input bytes and options reuses it instead of computing again.
    keep : bool
        Keep the record-level frames in memory. ``keep=False`` (needs *out*) keeps only the
        per-source tables and reads a JSONL corpus chunk by chunk, so memory stays bounded for
        corpora of any size; duplicates are then only detected within a chunk.
    progress : bool, optional
        Progress bar; None shows it in terminals and notebooks, not in CI or piped runs.

    Returns
    -------
    Analysis

    Examples
    --------
    >>> a = analyze("data/sample", actors="sample", naming="sample")  # doctest: +SKIP
    >>> a.actor_sentiment.head()  # doctest: +SKIP
    """
    from toolkit import actors as actors_mod
    from toolkit import engine as eng
    from toolkit import framing
    from toolkit.corpus import load_corpus

    if sentence_scores not in eng.SENTENCE_SCORES:
        raise ValueError(
            f"sentence_scores={sentence_scores!r} is not valid; "
            f"choose one of {list(eng.SENTENCE_SCORES)}"
        )
    if engine not in eng.ENGINES:
        raise ValueError(f"engine={engine!r} is not valid; choose one of {list(eng.ENGINES)}")
    if not keep and out is None:
        raise ValueError("keep=False needs out= (the record-level frames are written there)")
    size = eng.DEFAULT_CHUNK_SIZE if chunk_size is None else int(chunk_size)
    if size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")

    adict = actors_mod.load_actors(actors)
    families = framing.load_naming(naming) if naming is not None else None
    params = {
        "actors": str(getattr(adict, "path", actors)),
        "naming": None if naming is None else str(naming),
        "n_boot": n_boot,
        "seed": seed,
        "skip_duplicates": skip_duplicates,
        "keyness_top": keyness_top,
        "sentence_scores": sentence_scores,
        "errors": errors,
    }
    key = None
    if out is not None:
        key = eng.cache_key(corpus, {**params, "keep": keep})
        if key is not None and eng.cached_key(str(out)) == key:
            return eng.load_analysis(str(out), records=keep, actors=adict)

    setup = eng._Setup(adict, families, sentence_scores)
    writer = eng._PartitionWriter(str(out)) if out is not None else None
    acc = eng._Accumulator(keep=keep, writer=writer)
    problems: list = []
    streaming = not keep and (eng._is_jsonl(corpus) or eng._is_remote(corpus))
    if streaming:
        total = None

        def chunks():
            for raw in eng.iter_jsonl_chunks(corpus, size=max(size, 1000)):
                docs = load_corpus(raw, errors=errors)
                problems.extend(docs.attrs.get("problems", []))
                yield from eng.split_documents(eng._prepare(docs, skip_duplicates), size)

        chunk_iter = chunks()
        documents = pd.DataFrame()
    else:
        if eng._is_remote(corpus) and eng._is_jsonl(corpus):
            corpus = pd.concat(list(eng.iter_jsonl_chunks(corpus)), ignore_index=True)
        n_workers = max(1, (os.cpu_count() or 1) if workers is None else int(workers))
        if engine == "local" and n_workers > 1 and isinstance(corpus, str | Path):
            # parse and clean the files in another process while this one builds lexicons
            documents = eng.load_while_warming(
                functools.partial(load_corpus, corpus, errors=errors), setup
            )
        else:
            documents = load_corpus(corpus, errors=errors)
        problems = list(documents.attrs.get("problems", []))
        if documents.empty:
            raise CorpusError(_nothing_to_analyse(corpus, problems))
        documents = eng._prepare(documents, skip_duplicates)
        total = len(documents)
        if chunk_size is None and engine == "local" and n_workers > 1:
            chunk_iter = eng.balanced_chunks(documents, n_workers)
        else:
            chunk_iter = eng.split_documents(documents, size)

    with eng._bar(total, eng.show_progress(progress), "analyze") as bar:
        eng.run_chunks(
            chunk_iter,
            setup,
            acc,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            on_chunk=bar.update,
        )
    if writer is not None:
        writer.close()
    if acc.n_chunks == 0:
        raise CorpusError(_nothing_to_analyse(corpus, problems))
    record = {name: acc.record(name) if keep else pd.DataFrame() for name in eng.RECORD_FRAMES}
    if keep:
        record["documents"] = documents
    tables = eng.tables(
        acc, naming=families is not None, n_boot=n_boot, seed=seed, keyness_top=keyness_top
    )
    a = Analysis(
        **record,
        **tables,
        actors=adict,
        params={**params, "keep": keep, "engine": engine},
        problems=problems,
    )
    if out is not None:
        eng.write_tables(str(out), a, key, writer.dtypes if writer is not None else None)
    return a
