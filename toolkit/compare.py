"""Compare sources: per source × actor tables with bootstrap CIs, keyness, evidence.

These functions take the tidy frames of the earlier stages (documents, sentences, mentions)
and return per-source tables. Every number can be traced back with :func:`evidence`.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit._wordcount import _WORD as _WORD_RE  # the keyness word, defined once
from toolkit._wordcount import count_words

__all__ = ["actor_sentiment", "bootstrap_mean_ci", "keyness", "evidence"]


def _stable_seed(seed: int, *keys: object) -> int:
    """A seed for one table cell that does not depend on the order cells are visited in."""
    key = "\x1f".join(str(k) for k in keys).encode("utf-8")
    return (seed * 1_000_003 + zlib.crc32(key)) % (2**32)


def bootstrap_mean_ci(
    sums: np.ndarray,
    counts: np.ndarray,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap CI of a ratio mean ``sum(sums) / sum(counts)`` over clusters.

    Clusters (articles) are resampled with replacement, so mentions of one article move
    together: the interval reflects how much the estimate depends on which articles a source
    happened to publish.

    Parameters
    ----------
    sums, counts : arrays of equal length
        Per article: the sum of the values and the number of values.
    n_boot : int
        Bootstrap replicates.
    level : float
        Coverage of the interval.
    seed : int
        Seed of the random generator; the same inputs and seed give the same interval.

    Returns
    -------
    (low, high) : tuple of float
        NaN for no clusters; the point value twice for a single cluster.

    Examples
    --------
    >>> lo, hi = bootstrap_mean_ci(np.array([1.0, -1.0, 0.0]), np.array([1, 1, 1]))
    >>> -1 <= lo <= hi <= 1
    True
    """
    sums = np.asarray(sums, dtype=float)
    counts = np.asarray(counts, dtype=float)
    n = len(sums)
    if n == 0 or counts.sum() == 0:
        return (float("nan"), float("nan"))
    if n == 1:
        v = float(sums[0] / counts[0])
        return (v, v)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    num = sums[idx].sum(axis=1)
    den = counts[idx].sum(axis=1)
    means = num / den
    alpha = (1 - level) / 2
    lo, hi = np.quantile(means, [alpha, 1 - alpha])
    return (float(lo), float(hi))


def actor_sentiment(
    mentions: pd.DataFrame,
    *,
    by: str = "source",
    actor: str = "actor",
    value: str = "polarity",
    doc: str = "doc_id",
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Attention and sentiment towards each actor per source, with a bootstrap CI over articles.

    Parameters
    ----------
    mentions : DataFrame
        One row per mention with columns *by*, *actor*, *value* and *doc*.
    by, actor, value, doc : str
        Column names: the group (outlet), the actor id, the per-mention value
        (target polarity in -1..1) and the article id (the bootstrap's cluster).
    n_boot, level, seed : see :func:`bootstrap_mean_ci`.

    Returns
    -------
    DataFrame
        One row per *by* × *actor*: ``n_docs``, ``n_mentions``, ``share`` (of the source's
        mentions), ``sentiment`` (mean of *value*), ``ci_low``, ``ci_high``; sorted by source,
        then by ``n_mentions`` descending.

    Examples
    --------
    >>> m = pd.DataFrame({"source": ["A"] * 3, "actor": ["x", "x", "y"],
    ...                   "doc_id": ["1", "2", "2"], "polarity": [-1, 0, 1]})
    >>> actor_sentiment(m)[["actor", "n_mentions", "sentiment"]].values.tolist()
    [['x', 2, -0.5], ['y', 1, 1.0]]
    """
    missing = [c for c in (by, actor, value, doc) if c not in mentions.columns]
    if missing:
        raise ValueError(
            f"actor_sentiment: missing columns {missing}; columns are {list(mentions.columns)}"
        )
    cols = [by, actor, "n_docs", "n_mentions", "share", "sentiment", "ci_low", "ci_high"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    m = mentions[[by, actor, doc, value]].copy()
    m[value] = pd.to_numeric(m[value], errors="coerce")
    per_doc = (
        m.groupby([by, actor, doc], sort=True, dropna=False)[value]
        .agg(["sum", "count"])
        .reset_index()
    )
    rows = []
    totals = m.groupby(by, dropna=False).size()
    for (src, act), g in per_doc.groupby([by, actor], sort=True, dropna=False):
        n_mentions = int(g["count"].sum())
        mean = float(g["sum"].sum() / n_mentions) if n_mentions else float("nan")
        lo, hi = bootstrap_mean_ci(
            g["sum"].to_numpy(),
            g["count"].to_numpy(),
            n_boot=n_boot,
            level=level,
            seed=_stable_seed(seed, src, act),
        )
        rows.append(
            {
                by: src,
                actor: act,
                "n_docs": int(len(g)),
                "n_mentions": n_mentions,
                "share": n_mentions / float(totals.loc[src]),
                "sentiment": mean,
                "ci_low": lo,
                "ci_high": hi,
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values([by, "n_mentions", actor], ascending=[True, False, True])
    return out.reset_index(drop=True)


def _context_windows(text: str, spans: Sequence[tuple[int, int]], window: int) -> list[str]:
    """Tokens within *window* words either side of each span, the span itself excluded."""
    if not spans:
        return []
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD_RE.finditer(text)]
    starts = np.array([w[0] for w in words]) if words else np.array([], dtype=int)
    out: list[str] = []
    for s, e in spans:
        i = int(np.searchsorted(starts, s, side="left"))
        j = int(np.searchsorted(starts, e, side="left"))
        left = words[max(0, i - window) : i]
        right = words[j : j + window]
        out.extend(w[2] for w in left)
        out.extend(w[2] for w in right)
    return out


def keyness(
    documents: pd.DataFrame,
    *,
    by: str = "source",
    text: str = "text",
    around: str | Sequence[str] | None = None,
    actors: object = None,
    window: int = 8,
    prior: float = 1.0,
    min_count: int = 2,
    top: int | None = 20,
    stopwords: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Distinctive words of each group against all other groups.

    Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
    "Fightin' Words"), with z-scores, for any number of groups: each group is compared with
    the pooled rest, and the prior is the corpus-wide word distribution scaled to *prior*
    × the corpus size.

    Parameters
    ----------
    documents : DataFrame
        Rows with a *by* column and a *text* column (documents or sentences).
    by : str
        Column to group by (an outlet, a political leaning, a period).
    around : str or list of str, optional
        Restrict to words near mentions of these actor ids: how each source describes an
        actor. Needs *actors* (an actor dictionary or anything :func:`toolkit.actors.load_actors`
        accepts).
    window : int
        Words either side of each mention when *around* is given.
    prior : float
        Strength of the prior: each word's prior count is *prior* × its count in the whole
        corpus (1.0, the usual choice, shrinks rare words hard).
    min_count : int
        Words seen fewer times in the whole corpus are left out.
    top : int or None
        Keep the *top* words per group by z-score (None keeps all).
    stopwords : list of str, optional
        Words to leave out (lowercase).

    Returns
    -------
    DataFrame
        ``group``, ``term``, ``count`` (in the group), ``count_rest``, ``log_odds``, ``z``;
        sorted by group then z descending.

    Examples
    --------
    >>> docs = pd.DataFrame({"source": ["A", "A", "B", "B"],
    ...     "text": ["occupied land occupied", "occupied zone", "disputed land", "disputed zone"]})
    >>> k = keyness(docs, min_count=1)
    >>> k[k.group == "A"].iloc[0].term
    'occupied'
    """
    for c in (by, text):
        if c not in documents.columns:
            raise ValueError(f"keyness: no column {c!r}; columns are {list(documents.columns)}")
    stop = {w.lower() for w in (stopwords or ())}
    if around is None:
        bags = _keyness_bags(documents, by=by, text=text, stopwords=stop)
        return _keyness_table(bags, prior=prior, min_count=min_count, top=top)
    from toolkit.actors import load_actors

    if actors is None:
        raise ValueError("keyness(around=...) needs actors= (a dictionary or its path)")
    adict = load_actors(actors)
    wanted = {around} if isinstance(around, str) else set(around)
    unknown = wanted - set(adict.ids)
    if unknown:
        raise ValueError(f"keyness: unknown actor ids {sorted(unknown)}; known are {adict.ids}")
    bags = {}
    for grp, txt in zip(documents[by], documents[text], strict=True):
        if not isinstance(txt, str) or not txt:
            continue
        spans = [(m[2], m[3]) for m in adict.match(txt) if m[0] in wanted]
        bag = bags.setdefault(grp, Counter())
        bag.update(t for t in _context_windows(txt, spans, window) if t not in stop)
    return _keyness_table(bags, prior=prior, min_count=min_count, top=top)


def _keyness_bags(
    documents: pd.DataFrame, *, by: str = "source", text: str = "text", stopwords=()
) -> dict[object, Counter]:
    """Word counts per group: the input of :func:`_keyness_table`; bags of document chunks
    can be added up (``Counter.update``) before the table is computed."""
    stop = set(stopwords or ())
    texts: dict[object, list[str]] = {}
    for grp, txt in zip(documents[by], documents[text], strict=True):
        if isinstance(txt, str) and txt:
            texts.setdefault(grp, []).append(txt)
    # all texts of a group at once (the counts of _WORD_RE, lower-cased word by word)
    bags: dict[object, Counter] = {grp: count_words(group) for grp, group in texts.items()}
    for bag in bags.values():
        for w in stop & bag.keys():
            del bag[w]
    return bags


def pack_bags(bags: dict[object, Counter]) -> dict[object, tuple[str, np.ndarray]]:
    """Word-count bags in a compact form to send between processes: per group, the words
    joined by ``"\\n"`` (never inside a word) and their counts as one array."""
    return {
        g: ("\n".join(bag), np.fromiter(bag.values(), dtype=np.int64, count=len(bag)))
        for g, bag in bags.items()
    }


class WordCounts:
    """Word counts per group, added up bag by bag (chunk by chunk); :meth:`table` gives keyness.

    Every word gets a column number the first time it is seen; a group's counts are kept as
    (column numbers, counts) arrays and added up with ``numpy.bincount`` every
    :attr:`PENDING` bags, so memory holds one count per word and group.

    Examples
    --------
    >>> wc = WordCounts()
    >>> wc.add({"A": Counter(war=3, talks=1), "B": Counter(talks=4)})
    >>> wc.add(pack_bags({"A": Counter(war=1)}))
    >>> wc.table(min_count=1, top=1)[["group", "term", "count", "count_rest"]].values.tolist()
    [['A', 'war', 4, 0], ['B', 'talks', 4, 1]]
    """

    PENDING = 32

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._dense: dict[object, np.ndarray] = {}
        self._pending: dict[object, list[tuple[np.ndarray, np.ndarray]]] = {}

    def add(self, bags: dict) -> None:
        """Add one ``{group: Counter}``, or its :func:`pack_bags` form."""
        index = self._index
        for g, bag in bags.items():
            if isinstance(bag, tuple):
                words, counts = bag[0].split("\n") if bag[0] else [], bag[1]
            else:
                words = list(bag)
                counts = np.fromiter(bag.values(), dtype=np.int64, count=len(bag))
            new = [w for w in words if w not in index]
            index.update(zip(new, range(len(index), len(index) + len(new)), strict=True))
            ids = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
            pending = self._pending.setdefault(g, [])
            pending.append((ids, counts))
            if len(pending) >= self.PENDING:
                self._fold(g)

    def _fold(self, g: object) -> np.ndarray:
        """The group's counts as one array over every word seen so far."""
        n = len(self._index)
        dense = self._dense.get(g, np.zeros(0, dtype=np.int64))
        pending = self._pending.pop(g, [])
        if pending:
            ids = np.concatenate([i for i, _ in pending])
            counts = np.concatenate([c for _, c in pending])
            added = np.bincount(ids, weights=counts, minlength=n).astype(np.int64)
            added[: len(dense)] += dense
            dense = added
        else:
            dense = np.concatenate([dense, np.zeros(n - len(dense), dtype=np.int64)])
        self._dense[g] = dense
        return dense

    def table(
        self, *, prior: float = 1.0, min_count: int = 2, top: int | None = 20
    ) -> pd.DataFrame:
        """Keyness of every group against the rest (see :func:`keyness`)."""
        groups = sorted({*self._dense, *self._pending}, key=str)
        if len(groups) < 2:
            return pd.DataFrame(columns=_KEYNESS_COLS)
        words = list(self._index)
        order = np.array(sorted(range(len(words)), key=words.__getitem__), dtype=np.int64)
        counts = np.vstack([self._fold(g) for g in groups]).astype(float)[:, order]
        return _keyness_from_counts(
            groups, [words[i] for i in order], counts, prior, min_count, top
        )


_KEYNESS_COLS = ["group", "term", "count", "count_rest", "log_odds", "z"]


def _keyness_table(
    bags: dict | list[dict],
    *,
    prior: float = 1.0,
    min_count: int = 2,
    top: int | None = 20,
) -> pd.DataFrame:
    """Keyness from word counts per group: one ``{group: Counter}`` or a list of them (the
    bags of document chunks, added up here)."""
    wc = WordCounts()
    for part in [bags] if isinstance(bags, dict) else bags:
        wc.add(part)
    return wc.table(prior=prior, min_count=min_count, top=top)


def _keyness_from_counts(
    groups: list,
    vocab: list[str],
    counts: np.ndarray,
    prior: float,
    min_count: int,
    top: int | None,
) -> pd.DataFrame:
    """Keyness table from a groups × words count matrix (*vocab* sorted)."""
    cols = _KEYNESS_COLS
    total = counts.sum(axis=0)
    keep = total >= min_count
    counts, total = counts[:, keep], total[keep]
    vocab = [w for w, k in zip(vocab, keep, strict=True) if k]
    if not vocab:
        return pd.DataFrame(columns=cols)
    a0 = prior * total.sum()
    alpha = a0 * total / total.sum()
    frames = []
    for gi, g in enumerate(groups):
        yi = counts[gi]
        yj = total - yi
        ni, nj = yi.sum(), yj.sum()
        # only the group's own words are reported: compute on them alone (element-wise, so
        # the values are those of the full arrays)
        own = np.flatnonzero(yi > 0)
        yi, yj, al = yi[own], yj[own], alpha[own]
        li = np.log((yi + al) / (ni + a0 - yi - al))
        lj = np.log((yj + al) / (nj + a0 - yj - al))
        delta = li - lj
        z = delta / np.sqrt(1.0 / (yi + al) + 1.0 / (yj + al))
        # z descending, then term ascending (vocab is sorted, so its index orders terms)
        order = np.lexsort((own, -z))
        if top:
            order = order[:top]
        frames.append(
            pd.DataFrame(
                {
                    "group": g,
                    "term": [vocab[i] for i in own[order]],
                    "count": yi[order].astype(int),
                    "count_rest": yj[order].astype(int),
                    "log_odds": delta[order],
                    "z": z[order],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[cols]


def evidence(
    analysis: object,
    *,
    source: str | None = None,
    actor: str | None = None,
    n: int | None = 10,
    direction: str = "extreme",
) -> pd.DataFrame:
    """The sentences behind one cell of the source × actor table, most telling first.

    Parameters
    ----------
    analysis : Analysis or DataFrame
        An :class:`~toolkit.analysis.Analysis` (its ``mentions``) or a mentions frame with
        ``sentence`` and target-sentiment columns.
    source, actor : str, optional
        The cell; None means any.
    n : int or None
        How many rows to return (None: all).
    direction : {"extreme", "negative", "positive"}
        Order: by strength of sentiment either way, most negative first, or most positive first.

    Returns
    -------
    DataFrame
        ``source``, ``actor``, ``doc_id``, ``sent_id``, ``label``, ``polarity``, ``score``
        (p_positive − p_negative) and ``sentence``.

    Examples
    --------
    >>> m = pd.DataFrame({"source": ["A", "A"], "actor": ["x", "x"], "doc_id": ["1", "2"],
    ...     "sent_id": [0, 0], "label": ["X", "X"], "sentence": ["X is bad.", "X met Y."],
    ...     "polarity": [-1, 0], "p_negative": [0.9, 0.2], "p_positive": [0.05, 0.2]})
    >>> evidence(m, source="A", actor="x").sentence.tolist()
    ['X is bad.', 'X met Y.']
    """
    valid = ("extreme", "negative", "positive")
    if direction not in valid:
        raise ValueError(f"direction={direction!r} is not valid; choose one of {list(valid)}")
    mentions = analysis if isinstance(analysis, pd.DataFrame) else analysis.mentions
    m = mentions
    if source is not None:
        m = m[m["source"] == source]
    if actor is not None:
        m = m[m["actor"] == actor]
    m = m.copy()
    if "p_positive" in m.columns and "p_negative" in m.columns:
        m["score"] = m["p_positive"] - m["p_negative"]
    else:
        m["score"] = pd.to_numeric(m.get("polarity", 0), errors="coerce")
    key = {"extreme": m["score"].abs(), "negative": m["score"], "positive": -m["score"]}[direction]
    ascending = direction != "extreme"
    m = m.assign(_key=key).sort_values(
        ["_key", "doc_id", "sent_id"], ascending=[ascending, True, True]
    )
    cols = [
        c
        for c in ("source", "actor", "doc_id", "sent_id", "label", "polarity", "score", "sentence")
        if c in m.columns
    ]
    m = m.drop_duplicates(["doc_id", "sent_id", "actor"])[cols].reset_index(drop=True)
    return m.head(n) if n else m
