"""Execution engines for :func:`toolkit.analyze`: chunks, processes, Dask, and a result cache.

Every measure of the analysis works inside one document (sentences, mentions, quotes, naming,
loaded words, frames), so the corpus is cut into chunks of documents, each chunk is analysed
on its own (:func:`analyze_chunk`), and the per-source tables are computed once, after the
chunks' record-level frames are put back together in corpus order. The result does not depend
on the chunk size, the number of worker processes, or the engine:

* ``engine="local"``: chunks run in this process (``workers=1``) or in a pool of worker
  processes (``workers=None`` uses every core);
* ``engine="dask"``: chunks run as Dask tasks, on a ``distributed`` cluster when a
  ``scheduler`` address (or ``Client``) is given, else on Dask's current scheduler.

Only small per-source inputs are kept for the tables (column subsets of mentions and quotes,
naming hits, per-chunk sums of loaded words and frame counts, word counts for keyness), so with
``keep=False`` the record-level frames go to ``out=`` as partitioned Parquet and memory stays
bounded whatever the corpus size. With ``out=`` a re-run on unchanged input and options loads
the saved result instead of computing it (the key is a hash of the input's bytes).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ENGINES",
    "SENTENCE_SCORES",
    "analyze_chunk",
    "iter_jsonl_chunks",
    "load_analysis",
    "run_cli",
    "show_progress",
]

#: Valid values of ``analyze(engine=...)``.
ENGINES = ("local", "dask")
#: Valid values of ``analyze(sentence_scores=...)``: which sentences get VADER scores.
SENTENCE_SCORES = ("mentions", "all", "none")
#: Documents per chunk when reading a stream, or with one worker (a chunk is the unit of
#: parallel work).
DEFAULT_CHUNK_SIZE = 100
#: Characters of text per chunk when the local engine splits a corpus in memory for its workers.
DEFAULT_CHUNK_CHARS = 1_000_000
#: Record-level frames, written as ``<out>/<name>/part-NNNNN.parquet``.
RECORD_FRAMES = ("documents", "sentences", "mentions", "quotes", "naming")
#: Columns of list values (Parquet returns arrays; they are turned back into lists).
_LIST_COLUMNS = {"sentences": ("loaded_terms",)}
_CACHE_FILE = "_analysis.json"
#: Documents gathered into one Parquet partition of ``out=`` (fewer, larger files read faster).
_DOCS_PER_PART = 1000
_MENTION_COLS = ("source", "actor", "doc_id", "polarity", "role", "violent")
_QUOTE_COLS = ("source", "speaker_actor", "n_words", "kind", "verb_class")
_NAMING_COLS = ("source", "family", "variant")


# --------------------------------------------------------------------------- progress
def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()  # type: ignore[attr-defined]
    except AttributeError:
        return False
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


def show_progress(progress: bool | None = None) -> bool:
    """Whether to draw a progress bar: *progress* if given, else automatic.

    Automatic (``None``) means on when standard error is a terminal or the code runs in a
    Jupyter kernel, and off whenever the ``CI`` environment variable is set.

    Examples
    --------
    >>> show_progress(False)
    False
    """
    if progress is not None:
        return bool(progress)
    if os.environ.get("CI"):
        return False
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty or _in_notebook()


def _bar(total: int | None, enabled: bool, desc: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, disable=not enabled, desc=desc, unit="doc", leave=False)


# --------------------------------------------------------------------------- one chunk
@dataclass(frozen=True)
class _Setup:
    """What every chunk needs: the dictionaries and options (picklable)."""

    actors: Any
    families: Any = None
    sentence_scores: str = "none"


def _attach_source(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Add the documents' ``source`` to a frame keyed by ``doc_id`` (keeping its order)."""
    if "source" in frame.columns or frame.empty and "doc_id" not in frame.columns:
        return frame
    src = documents.set_index("doc_id")["source"]
    out = frame.copy()
    out.insert(1, "source", out["doc_id"].map(src))
    return out


def _sentence_scores(sentences: pd.DataFrame, mentions: pd.DataFrame, how: str) -> pd.DataFrame:
    """``compound`` and ``valence`` of VADER for the sentences *how* asks for (NaN/NA else)."""
    from toolkit import sentiment

    if how == "all":
        return sentiment.sentence_sentiment(sentences, text="text")[["compound", "valence"]]
    compound = np.full(len(sentences), np.nan)
    valence = pd.array([pd.NA] * len(sentences), dtype="Int64")
    if how == "mentions" and len(mentions):
        keys = pd.MultiIndex.from_arrays([sentences["doc_id"], sentences["sent_id"]])
        wanted = pd.MultiIndex.from_arrays([mentions["doc_id"], mentions["sent_id"]])
        mask = keys.isin(wanted)
        if mask.any():
            sc = sentiment.sentence_sentiment(sentences.loc[mask], text="text")
            compound[mask] = sc["compound"].to_numpy()
            valence[mask] = sc["valence"].to_numpy()
    return pd.DataFrame({"compound": compound, "valence": valence}, index=sentences.index)


def analyze_chunk(documents: pd.DataFrame, setup: _Setup) -> dict[str, Any]:
    """Record-level frames of one chunk of documents, and the word counts for keyness.

    Parameters
    ----------
    documents : DataFrame
        Documents with ``doc_id``, ``source`` and ``text`` (a chunk of a corpus).
    setup : _Setup
        Actor dictionary, naming families and which sentences get VADER scores.

    Returns
    -------
    dict
        ``documents``, ``sentences``, ``mentions``, ``quotes``, ``naming`` (frames) and
        ``bags`` (word counts per source).
    """
    from toolkit import agency as agency_mod
    from toolkit import attribution, framing, sentiment
    from toolkit.actors import find_mentions
    from toolkit.compare import _keyness_bags, pack_bags
    from toolkit.text import split_sentences

    adict = setup.actors
    sentences = _attach_source(split_sentences(documents), documents)
    loaded = framing.loaded_language(sentences, text="text")
    fr = framing.frames(sentences, text="text")
    mentions = _attach_source(find_mentions(sentences, adict), documents)
    scores = _sentence_scores(sentences, mentions, setup.sentence_scores)
    cat_cols = [c for c in loaded.columns if _is_loaded_count(c)]
    sentences = pd.concat(
        [
            sentences,
            scores,
            loaded[["loaded_score", "loaded", "loaded_terms"]],
            fr[["frame"]],
            loaded[["n_words", *cat_cols]],
        ],
        axis=1,
    )
    sent_text = sentences.set_index(["doc_id", "sent_id"])["text"]
    keys = pd.MultiIndex.from_arrays([mentions["doc_id"], mentions["sent_id"]])
    mentions["sentence"] = sent_text.reindex(keys).to_numpy()
    ts = sentiment.target_sentiment(mentions, text="sentence", start="start", end="end")
    mentions = pd.concat([mentions, ts], axis=1)
    ag = agency_mod.agency(mentions, sentences, text="text")
    for c in ("role", "action", "violent"):
        mentions[c] = ag[c]
    quotes = _attach_source(attribution.find_quotes(sentences, adict, text="text"), documents)
    naming = pd.DataFrame()
    if setup.families is not None:
        naming = _attach_source(
            framing.find_naming(sentences, setup.families, text="text"), documents
        )
    return {
        "documents": documents,
        "sentences": sentences,
        "mentions": mentions,
        "quotes": quotes,
        "naming": naming,
        "bags": pack_bags(_keyness_bags(documents, by="source", text="text")),
        "compact": _compact(sentences, mentions, quotes, naming),
    }


def _compact(
    sentences: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame, naming: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The small per-chunk inputs of the per-source tables (computed where the chunk ran)."""
    sums = [c for c in sentences.columns if c == "n_words" or _is_loaded_count(c)]
    fc = sentences.groupby(["source", "frame"], dropna=False).size().rename("n").reset_index()
    return {
        "loaded": sentences.groupby("source", sort=False)[sums].sum().reset_index(),
        "frames": fc,
        "mentions": mentions[[c for c in _MENTION_COLS if c in mentions.columns]],
        "quotes": quotes[[c for c in _QUOTE_COLS if c in quotes.columns]],
        "naming": naming[[c for c in _NAMING_COLS if c in naming.columns]],
    }


# --------------------------------------------------------------------------- accumulating
def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate chunk frames as if they had been computed in one go."""
    if not parts:
        return pd.DataFrame()
    full = [p for p in parts if len(p)]
    if not full:
        return parts[0]
    if len(full) == 1:
        return full[0].reset_index(drop=True)
    return pd.concat(full, ignore_index=True)


@dataclass
class _Accumulator:
    """Collects chunk results in corpus order; keeps record frames only when *keep*."""

    keep: bool = True
    writer: _PartitionWriter | None = None
    records: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    compact: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    words: Any = None  # compare.WordCounts, made on first use
    n_chunks: int = 0

    def add(self, part: dict[str, Any]) -> None:
        if self.writer is not None:
            self.writer.write(self.n_chunks, part)
        self.n_chunks += 1
        if self.keep:
            for name in RECORD_FRAMES:
                self.records.setdefault(name, []).append(part[name])
        for name, df in part["compact"].items():
            self.compact.setdefault(name, []).append(df)
        if self.words is None:
            from toolkit.compare import WordCounts

            self.words = WordCounts()
        self.words.add(part["bags"])  # added up as chunks arrive, while the workers run

    def record(self, name: str) -> pd.DataFrame:
        return _concat(self.records.get(name, []))

    def table_input(self, name: str) -> pd.DataFrame:
        return _concat(self.compact.get(name, []))


def _is_loaded_count(col: str) -> bool:
    return col.startswith("loaded_") and col not in ("loaded_score", "loaded_terms")


def _frames_mix_from_counts(counts: pd.DataFrame, by: str = "source") -> pd.DataFrame:
    """:func:`toolkit.framing.frames_mix` from per-chunk counts (same rows and order)."""
    if counts.empty:
        return pd.DataFrame(columns=[by, "frame", "n", "share"])
    out = counts.groupby([by, "frame"], dropna=False)["n"].sum().reset_index()
    out["n"] = out["n"].astype("int64")
    out["share"] = out["n"] / out.groupby(by, dropna=False)["n"].transform("sum")
    out = out.sort_values([by, "n", "frame"], ascending=[True, False, True])
    return out.reset_index(drop=True)


def tables(
    acc: _Accumulator, *, naming: bool, n_boot: int, seed: int, keyness_top: int
) -> dict[str, pd.DataFrame]:
    """Per-source tables from the accumulated inputs (computed after all chunks)."""
    from toolkit import agency as agency_mod
    from toolkit import attribution, framing
    from toolkit.compare import WordCounts, actor_sentiment

    mentions = acc.table_input("mentions")
    quotes = acc.table_input("quotes")
    names = acc.table_input("naming")
    loaded = acc.table_input("loaded")
    out = {
        "actor_sentiment": actor_sentiment(mentions, n_boot=n_boot, seed=seed),
        "naming_shares": framing.naming_shares(names, by="source") if naming else pd.DataFrame(),
        "agency_table": agency_mod.agency_table(mentions, by="source"),
        "voice": attribution.voice(quotes, by="source"),
        "verb_classes": attribution.verb_classes(quotes, by="source"),
        "loaded_rates": framing.loaded_rates(loaded, by="source", text="text")
        if len(loaded)
        else pd.DataFrame(columns=["source", "category", "n_terms", "n_words", "rate_per_1000"]),
        "frames_mix": _frames_mix_from_counts(acc.table_input("frames")),
        "keyness": (acc.words or WordCounts()).table(top=keyness_top),
    }
    return out


# --------------------------------------------------------------------------- running chunks
_WORKER_SETUP: _Setup | None = None


def _init_worker(setup: _Setup) -> None:
    import gc

    global _WORKER_SETUP
    _WORKER_SETUP = setup
    # What the worker inherited (lexicons, models, the parent's objects) lives as long as the
    # worker: keep it out of the garbage collector's full scans.
    gc.freeze()


def _run_in_worker(documents: pd.DataFrame) -> dict[str, Any]:
    assert _WORKER_SETUP is not None
    part = analyze_chunk(documents, _WORKER_SETUP)
    del part["documents"]  # the parent has them: not sent back
    return part


def _collect(pending: list, acc: _Accumulator, tick: Callable[[int], None]) -> None:
    """Add the oldest chunk's result (waiting for it) to *acc*, with its documents."""
    chunk, fut = pending.pop(0)
    part = fut.result()
    part["documents"] = chunk
    acc.add(part)
    tick(len(chunk))


_LAST_WARMED: list = [None]  # a weak reference to the setup warmed last


def _warm(setup: _Setup) -> None:
    """Build the cached lexicons and models once, before worker processes fork."""
    import weakref

    last = _LAST_WARMED[0]
    if last is not None and last() is setup:
        return
    _LAST_WARMED[0] = weakref.ref(setup)
    from toolkit import framing, sentiment

    framing.load_lexicon()
    framing.load_frames()
    sentiment.vader()
    tiny = pd.DataFrame({"doc_id": ["_warm"], "source": ["_"], "text": ["Warm up, said he."]})
    analyze_chunk(tiny, setup)


def _fork_context():
    """The multiprocessing context that forks (None where the platform cannot fork)."""
    import multiprocessing as mp

    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None


def _load_recording(load: Callable[[], pd.DataFrame]) -> tuple[pd.DataFrame, list]:
    """*load*(), and the warnings it gave (to be given again by the parent process)."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        documents = load()
    return documents, [(str(w.message), w.category) for w in caught]


def load_while_warming(load: Callable[[], pd.DataFrame], setup: _Setup) -> pd.DataFrame:
    """*load*() in a forked process while this one builds the lexicons (:func:`_warm`).

    Loading (parsing, cleaning, duplicate search) and building the lexicons and models take
    about a second each and do not depend on each other; side by side they cost the longer
    of the two. Warnings of the load are given again here; errors are raised here. Where
    processes cannot fork, both run one after the other.
    """
    ctx = _fork_context()
    if ctx is None:
        _warm(setup)
        return load()
    import warnings

    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        future = pool.submit(_load_recording, load)
        _warm(setup)
        documents, caught = future.result()
    for message, category in caught:
        warnings.warn(message, category, stacklevel=3)
    return documents


def run_chunks(
    chunks: Iterable[pd.DataFrame],
    setup: _Setup,
    acc: _Accumulator,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: Any = None,
    on_chunk: Callable[[int], None] | None = None,
) -> None:
    """Analyse every chunk and add the results to *acc* in input order."""
    if engine not in ENGINES:
        raise ValueError(f"engine={engine!r} is not valid; choose one of {list(ENGINES)}")
    tick = on_chunk or (lambda n: None)
    if engine == "dask":
        _run_dask(chunks, setup, acc, scheduler=scheduler, tick=tick)
        return
    if scheduler is not None:
        raise ValueError("scheduler= is only used with engine='dask'")
    n = (os.cpu_count() or 1) if workers is None else int(workers)
    if n < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    it = iter(chunks)
    if n == 1:
        for chunk in it:
            acc.add(analyze_chunk(chunk, setup))
            tick(len(chunk))
        return
    first = next(it, None)
    second = next(it, None)
    if second is None:  # one chunk: a pool costs more than it saves
        if first is not None:
            acc.add(analyze_chunk(first, setup))
            tick(len(first))
        return
    import multiprocessing as mp

    _warm(setup)
    ctx = _fork_context() or mp.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=n, mp_context=ctx, initializer=_init_worker, initargs=(setup,)
    ) as pool:
        pending: list = []
        queue = _chain([first, second], it)
        for chunk in queue:  # keep a bounded number of chunks in flight, collect in order
            pending.append((chunk, pool.submit(_run_in_worker, chunk)))
            while len(pending) > 2 * n:
                _collect(pending, acc, tick)
        while pending:
            _collect(pending, acc, tick)


def _chain(head: list, tail: Iterator) -> Iterator:
    yield from head
    yield from tail


def _run_dask(chunks, setup, acc, *, scheduler, tick) -> None:
    import dask

    client = None
    own = False
    if scheduler is not None:
        from distributed import Client

        if isinstance(scheduler, Client):
            client = scheduler
        else:
            client = Client(scheduler)
            own = True
    try:
        batch: list[pd.DataFrame] = []
        for chunk in chunks:  # submit in batches so a streamed corpus is never all in memory
            batch.append(chunk)
            if len(batch) >= 16:
                _dask_batch(batch, setup, acc, client, tick, dask)
                batch = []
        if batch:
            _dask_batch(batch, setup, acc, client, tick, dask)
    finally:
        if own:
            client.close()


def _dask_batch(batch, setup, acc, client, tick, dask) -> None:
    if client is not None:
        [setup_f] = client.scatter([setup], broadcast=True)
        futures = [client.submit(analyze_chunk, c, setup_f, pure=False) for c in batch]
        results = client.gather(futures)
    else:
        tasks = [dask.delayed(analyze_chunk)(c, setup) for c in batch]
        results = dask.compute(*tasks)
    for chunk, res in zip(batch, results, strict=True):
        acc.add(res)
        tick(len(chunk))


# --------------------------------------------------------------------------- input
def balanced_chunks(
    documents: pd.DataFrame, workers: int, chars: int | None = None
) -> Iterator[pd.DataFrame]:
    """Consecutive chunks of about equal text length, in a number *workers* share evenly.

    A chunk's cost grows with its text, plus a fixed cost per chunk (about 40 ms of building
    frames). Chunks of at most about *chars* characters keep the fixed cost small; cutting at
    equal shares of the text, in a multiple of *workers* chunks, lets the workers finish
    together. Under a quarter of *chars* in all, the corpus is one chunk (a pool of processes
    would cost more than it saves).

    Examples
    --------
    >>> docs = pd.DataFrame({"text": ["x" * 500] * 6 + ["x" * 3000]})
    >>> [len(c) for c in balanced_chunks(docs, 2, chars=2000)]  # the long text alone
    [2, 3, 1, 1]
    """
    chars = DEFAULT_CHUNK_CHARS if chars is None else chars
    lengths = documents["text"].str.len().fillna(0).to_numpy(dtype=float) + 1.0
    total = float(lengths.sum())
    if workers <= 1 or total <= chars / 4:  # one chunk: no pool at all
        yield documents
        return
    k = workers * -(-int(total) // (workers * chars))
    cuts = np.searchsorted(np.cumsum(lengths), total * np.arange(1, k) / k, side="right")
    bounds = [0, *sorted(set(cuts.tolist()) - {0, len(documents)}), len(documents)]
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        yield documents.iloc[lo:hi]


def split_documents(documents: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    """Consecutive chunks of *size* documents."""
    for i in range(0, len(documents), size):
        yield documents.iloc[i : i + size]


def _is_jsonl(corpus: Any) -> bool:
    return isinstance(corpus, str | Path) and str(corpus).endswith((".jsonl", ".jsonl.gz"))


def _is_remote(corpus: Any) -> bool:
    return isinstance(corpus, str) and "://" in corpus and not corpus.startswith("http")


def iter_jsonl_chunks(path: str | Path, size: int = 1000) -> Iterator[pd.DataFrame]:
    """Raw records of a JSONL file (local path or fsspec URL), *size* at a time.

    Only one chunk is in memory at a time. Each record gets ``doc_id`` ``"<name>#<line>"``
    unless it has an id of its own.

    Examples
    --------
    >>> import fsspec
    >>> with fsspec.open("memory://docs.jsonl", "w") as f:
    ...     _ = f.write('{"text": "One."}\\n{"text": "Two."}\\n')
    >>> [len(c) for c in iter_jsonl_chunks("memory://docs.jsonl", size=1)]
    [1, 1]
    """
    import fsspec

    name = str(path).rstrip("/").rsplit("/", 1)[-1]
    for suffix in (".gz", ".jsonl"):
        name = name.removesuffix(suffix)
    rows: list[dict] = []
    with fsspec.open(str(path), "rt", encoding="utf-8", compression="infer") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                rec = {"_bad_line": line[:200]}
            if isinstance(rec, dict):
                rec.setdefault("doc_id", f"{name}#{n}")
                rows.append(rec)
            if len(rows) >= size:
                yield pd.DataFrame(rows)
                rows = []
    if rows:
        yield pd.DataFrame(rows)


def _prepare(documents: pd.DataFrame, skip_duplicates: bool) -> pd.DataFrame:
    if skip_duplicates and "duplicate_of" in documents.columns:
        documents = documents[documents["duplicate_of"].isna()]
    if "source" not in documents.columns:
        documents = documents.assign(source="(unknown)")
    return documents.assign(source=documents["source"].fillna("(unknown)").astype(str))


# --------------------------------------------------------------------------- cache and output
def _fs(out: str | Path):
    import fsspec

    fs, root = fsspec.core.url_to_fs(str(out))
    return fs, root.rstrip("/")


def input_hash(corpus: Any) -> str | None:
    """Content hash of a corpus input, or None when it cannot be hashed cheaply (URLs).

    Files are hashed by their bytes (folders: every file's relative path and bytes), frames
    by their values.
    """
    import fsspec

    h = hashlib.sha256()
    if isinstance(corpus, pd.DataFrame):
        h.update(pd.util.hash_pandas_object(corpus.astype(str), index=True).to_numpy().tobytes())
        h.update(json.dumps(list(map(str, corpus.columns))).encode())
        return h.hexdigest()
    if isinstance(corpus, list | tuple):
        for item in corpus:
            sub = input_hash(item)
            if sub is None:
                return None
            h.update(sub.encode())
        return h.hexdigest()
    if not isinstance(corpus, str | Path) or str(corpus).startswith(("http://", "https://")):
        return None
    fs, root = fsspec.core.url_to_fs(str(corpus))
    if not fs.exists(root):
        return None
    files = sorted(fs.find(root)) if fs.isdir(root) else [root]
    for f in files:
        h.update(f[len(root) :].encode())
        with fs.open(f, "rb") as fh:
            for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def cache_key(corpus: Any, params: dict) -> str | None:
    """Key of a result: input hash, options and toolkit version."""
    from toolkit import __version__

    ih = input_hash(corpus)
    if ih is None:
        return None
    blob = json.dumps({"input": ih, "params": params, "version": __version__}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class _PartitionWriter:
    """Writes the chunks' record frames as ``<out>/<frame>/part-NNNNN.parquet``.

    Consecutive chunks are gathered until they hold ``_DOCS_PER_PART`` documents, so a
    partition is big enough to be read back quickly; :meth:`close` writes the rest.
    """

    out: str
    frames: tuple[str, ...] = RECORD_FRAMES

    def __post_init__(self) -> None:
        self.dtypes: dict[str, dict[str, str]] = {}
        self.pending: list[dict[str, Any]] = []
        self.n_docs = 0
        self.n_parts = 0
        fs, root = _fs(self.out)
        self.fs, self.root = fs, root
        for name in self.frames:
            if fs.exists(f"{root}/{name}"):
                fs.rm(f"{root}/{name}", recursive=True)
            fs.makedirs(f"{root}/{name}", exist_ok=True)

    def write(self, n: int, part: dict[str, Any]) -> None:
        self.pending.append({name: part[name] for name in self.frames})
        self.n_docs += len(part["documents"])
        if self.n_docs >= _DOCS_PER_PART:
            self.close()

    def close(self) -> None:
        """Write the gathered chunks as one more partition of each frame."""
        if not self.pending:
            return
        for name in self.frames:
            df = _concat([p[name] for p in self.pending])
            if not len(df.columns):
                continue
            if name not in self.dtypes and len(df):
                self.dtypes[name] = {str(c): str(t) for c, t in df.dtypes.items()}
            df = df.copy()
            df.attrs = {}
            with self.fs.open(f"{self.root}/{name}/part-{self.n_parts:05d}.parquet", "wb") as f:
                df.to_parquet(f, index=False)
        self.n_parts += 1
        self.pending = []
        self.n_docs = 0


def _read_parquet(fs, path: str) -> pd.DataFrame:
    with fs.open(path, "rb") as f:
        return pd.read_parquet(f)


def write_tables(out: str, a: Any, key: str | None, dtypes: dict | None = None) -> None:
    """Per-source tables as ``<out>/<table>.parquet`` and the cache record (written last)."""
    from toolkit.analysis import FRAMES

    fs, root = _fs(out)
    fs.makedirs(root, exist_ok=True)
    for name in FRAMES:
        if name in RECORD_FRAMES:
            continue
        df = getattr(a, name).copy()
        df.attrs = {}
        with fs.open(f"{root}/{name}.parquet", "wb") as f:
            df.to_parquet(f, index=False)
    meta = {
        "key": key,
        "params": a.params,
        "problems": a.problems,
        "records": a.params["keep"],
        "dtypes": dtypes or {},
    }
    with fs.open(f"{root}/{_CACHE_FILE}", "w") as f:
        f.write(json.dumps(meta, default=str))


def cached_key(out: str) -> str | None:
    """The cache key recorded in *out*, or None."""
    fs, root = _fs(out)
    path = f"{root}/{_CACHE_FILE}"
    if not fs.exists(path):
        return None
    with fs.open(path, "r") as f:
        return json.loads(f.read()).get("key")


def load_analysis(out: str | Path, *, records: bool = True, actors: Any = None) -> Any:
    """Read an :class:`~toolkit.analysis.Analysis` saved by ``analyze(..., out=...)``.

    Parameters
    ----------
    out : str or Path
        The folder or fsspec URL given as ``out=``.
    records : bool
        Also read the record-level frames (documents, sentences, mentions, quotes, naming);
        False reads only the per-source tables.
    actors : ActorDictionary, optional
        The dictionary the analysis used, when the caller has it loaded already (else it is
        loaded again from the path the analysis recorded).

    Examples
    --------
    >>> a = load_analysis("results/")  # doctest: +SKIP
    """
    from toolkit.actors import load_actors
    from toolkit.analysis import FRAMES, Analysis

    fs, root = _fs(out)
    with fs.open(f"{root}/{_CACHE_FILE}", "r") as f:
        meta = json.loads(f.read())
    parts = {
        name: sorted(fs.glob(f"{root}/{name}/part-*.parquet")) if records else []
        for name in RECORD_FRAMES
    }
    # pyarrow releases the GIL while it reads: all parts are read in parallel, kept in order.
    with ThreadPoolExecutor(max_workers=4) as pool:
        read = {
            name: pool.map(lambda p: _read_parquet(fs, p), paths) for name, paths in parts.items()
        }
        read = {name: list(dfs) for name, dfs in read.items()}
    frames: dict[str, pd.DataFrame] = {}
    for name in FRAMES:
        if name in RECORD_FRAMES:
            df = _concat(read[name])
            want = meta.get("dtypes", {}).get(name, {})
            for col in df.columns:
                if want.get(col) == "object" and df[col].dtype != object:
                    df[col] = df[col].astype(object)
                if df[col].dtype == object and col not in _LIST_COLUMNS.get(name, ()):
                    # a part whose column was all missing comes back as None
                    df[col] = df[col].where(df[col].notna(), np.nan)
            for col in _LIST_COLUMNS.get(name, ()):
                if col in df.columns:
                    df[col] = [v.tolist() for v in df[col]]
        else:
            df = _read_parquet(fs, f"{root}/{name}.parquet")
        frames[name] = df
    params = meta["params"]
    adict = actors
    if adict is None:
        try:
            adict = load_actors(params["actors"])
        except Exception:  # the dictionary moved: the frames are still usable
            adict = None
    return Analysis(**frames, actors=adict, params=params, problems=meta.get("problems", []))


# --------------------------------------------------------------------------- CLI helper
def run_cli(
    corpus: str,
    *,
    out: str,
    actors: str = "sample",
    naming: str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    **options: Any,
) -> Any:
    """What ``media-toolkit analyze --engine ... --scheduler ... --out ...`` runs.

    Analyses *corpus* with :func:`toolkit.analyze`, writes (or reuses) the result in *out*
    and returns the :class:`~toolkit.analysis.Analysis`.
    """
    from toolkit.analysis import analyze

    return analyze(
        corpus,
        actors=actors,
        naming=naming,
        engine=engine,
        scheduler=scheduler,
        workers=workers,
        out=out,
        **options,
    )
