"""Policy frames: indicator words for the 15 frame dimensions of the Media Frames Corpus.

``frames.yaml`` under ``toolkit/resources/`` holds the indicator words, read by
:func:`load_frames`; :func:`frames` gives each sentence its dominant frame and
:func:`frames_mix` the mix per source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit._lexicon_common import (
    _NAME_RE,
    FRAMES_PATH,
    WEIGHT_MAX,
    _bounded,
    _canonical_form,
    _check_by,
    _check_frame,
    _key,
    _read_yaml,
    _texts,
    _trie_regex,
)
from toolkit._lexmatch import JoinedTexts, StartTable, lead_keys
from toolkit.errors import CorpusError

__all__ = ["FrameLexicon", "frames", "frames_mix", "load_frames"]


# --------------------------------------------------------------------------- frames
@dataclass(frozen=True)
class FrameLexicon:
    """Indicator words for policy frames, as returned by :func:`load_frames`.

    ``frames`` is a list of dicts with ``id``, ``code``, ``label``, ``description`` and
    ``terms`` (list of ``(term, weight)``).
    """

    frames: tuple[dict, ...]
    path: str = ""
    _pattern: re.Pattern | None = field(default=None, repr=False)
    _exact: dict[str, list[tuple[int, float]]] = field(default_factory=dict, repr=False)
    _prefix: dict[str, list[tuple[int, float]]] = field(default_factory=dict, repr=False)
    _credits: dict[str, tuple[tuple[int, float], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _starts: StartTable | None = field(default=None, repr=False, compare=False)

    @property
    def ids(self) -> list[str]:
        """Frame ids in codebook order."""
        return [f["id"] for f in self.frames]

    def label_of(self, frame_id: str) -> str:
        """Codebook label of a frame id."""
        for f in self.frames:
            if f["id"] == frame_id:
                return f["label"]
        raise ValueError(f"no frame {frame_id!r}; frames are {self.ids}")

    def score_vector(self, text: str) -> list[float]:
        """Weighted indicator counts, one per frame in :attr:`ids` order."""
        out = [0.0] * len(self.frames)
        if not text or self._pattern is None:
            return out
        for m in self._pattern.finditer(text):
            for j, w in self._credits_for(m.group(0)):
                out[j] += w
        return out

    def score_matrix(self, texts: list[str]) -> np.ndarray:
        """:meth:`score_vector` of every text as rows of one array (same floats, one pass)."""
        mat = np.zeros((len(texts), len(self.frames)))
        if self._pattern is None or not texts:
            return mat
        joined = JoinedTexts(texts)
        starts = self._starts or StartTable([[()]])
        at, _, _, surfaces, _ = joined.scan(self._pattern, joined.candidates(starts)[0])
        # one (row, frame, weight) per credit, in match order: np.add.at adds them in that
        # order, so every cell is the same left-to-right float sum as in score_vector
        ids_of = {surface: k for k, surface in enumerate(dict.fromkeys(surfaces))}
        ids = np.array([ids_of[s] for s in surfaces], dtype=np.int64)
        counts, first, cols, weights = self._credit_table(list(ids_of))
        n = counts[ids]
        rows = np.repeat(at, n)
        # index of each credit in the flat table: its surface's first credit + 0, 1, ...
        flat = np.repeat(first[ids] - (np.cumsum(n) - n), n) + np.arange(int(n.sum()))
        np.add.at(mat, (rows, cols[flat]), weights[flat])
        return mat

    def _credit_table(
        self, surfaces: list[str]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Credits of *surfaces* as flat arrays: per surface the number of credits and the
        first one's index, then per credit its frame and weight."""
        credits = [self._credits_for(s) for s in surfaces]
        counts = np.array([len(c) for c in credits], dtype=np.int64)
        first = np.cumsum(counts) - counts
        cols = np.array([j for c in credits for j, _ in c], dtype=np.int64)
        weights = np.array([w for c in credits for _, w in c], dtype=float)
        return counts, first, cols, weights

    def _credits_for(self, surface: str) -> tuple[tuple[int, float], ...]:
        credits = self._credits.get(surface)
        if credits is None:
            credits = self._credits[surface] = self._credits_of(surface)
        return credits

    def _credits_of(self, surface: str) -> tuple[tuple[int, float], ...]:
        """(frame, weight) credited for one matched surface form: one per frame, the most
        specific term (exact, then the longest prefix)."""
        k = _key(surface)
        credits = list(self._exact.get(k, ()))
        for i in range(len(k), 0, -1):
            credits += self._prefix.get(k[:i], ())
        seen: set[int] = set()
        out = []
        for j, w in credits:
            if j not in seen:
                seen.add(j)
                out.append((j, w))
        return tuple(out)

    def scores(self, text: str) -> dict[str, float]:
        """Weighted indicator counts per frame id for one text.

        Examples
        --------
        >>> load_frames().scores("New taxes hit the economy")["economic"]
        2.0
        """
        return dict(zip(self.ids, self.score_vector(text), strict=True))


_TERM_W = re.compile(r"^(.*?):(\d+(?:\.\d+)?)$")


def _parse_frames(spec: object, path: str) -> FrameLexicon:
    def fail(frame: str | None, problem: str) -> CorpusError:
        where = f"{path}: frame {frame!r}" if frame else path
        return CorpusError(f"{where}: {problem}")

    if not isinstance(spec, Mapping) or not isinstance(spec.get("frames"), list):
        raise fail(None, "no 'frames:' list at the top level")
    frames_out: list[dict] = []
    seen: set[str] = set()
    all_terms: list[str] = []
    exact: dict[str, list[tuple[int, float]]] = {}
    prefix: dict[str, list[tuple[int, float]]] = {}
    for n, raw in enumerate(spec["frames"], start=1):
        fid = raw.get("id") if isinstance(raw, Mapping) else None
        if not isinstance(fid, str) or not _NAME_RE.match(fid):
            raise fail(None, f"frame number {n}: id {fid!r} must be a lower-case name")
        if fid in seen:
            raise fail(fid, "the id is used twice")
        seen.add(fid)
        terms = raw.get("terms")
        if not isinstance(terms, list):
            raise fail(fid, "'terms' must be a list of indicator words")
        parsed: dict[str, float] = {}
        for t in terms:
            t = str(t).strip()
            m = _TERM_W.match(t)
            term, w = (m.group(1).strip(), float(m.group(2))) if m else (t, 1.0)
            if not term or "*" in term[:-1]:
                raise fail(fid, f"term {t!r}: '*' is allowed only at the end of a term")
            if not (0 < w <= WEIGHT_MAX):
                raise fail(fid, f"term {t!r}: weight must be above 0 and at most {WEIGHT_MAX}")
            key = _canonical_form(term)
            if key in parsed:
                raise fail(fid, f"term {term!r} is listed twice")
            parsed[key] = w
        for term, w in parsed.items():
            all_terms.append(term)
            table = prefix if term.endswith("*") else exact
            table.setdefault(_key(term.rstrip("*")), []).append((n - 1, w))
        frames_out.append(
            {
                "id": fid,
                "code": str(raw.get("code", n)),
                "label": str(raw.get("label") or fid),
                "description": str(raw.get("description") or ""),
                "terms": list(parsed.items()),
            }
        )
    pattern = re.compile(_bounded(_trie_regex(all_terms)), re.IGNORECASE) if all_terms else None
    starts = StartTable([{k for t in all_terms for k in lead_keys(_canonical_form(t))}])
    return FrameLexicon(tuple(frames_out), path, pattern, exact, prefix, _starts=starts)


@lru_cache(maxsize=4)
def _load_frames_cached(path: str, mtime: float) -> FrameLexicon:
    return _parse_frames(_read_yaml(path), path)


def load_frames(path: str | Path | Mapping | FrameLexicon | None = None) -> FrameLexicon:
    """Load frame indicator words (default: the bundled ``resources/frames.yaml``).

    Examples
    --------
    >>> load_frames().ids[:3]
    ['economic', 'capacity_resources', 'morality']
    """
    if isinstance(path, FrameLexicon):
        return path
    if isinstance(path, Mapping):
        return _parse_frames(path, "<frames dict>")
    p = Path(path) if path is not None else FRAMES_PATH
    if not p.exists():
        raise CorpusError(f"{p}: frames file not found")
    p = p.resolve()
    return _load_frames_cached(str(p), p.stat().st_mtime)


def frames(
    data: pd.DataFrame,
    *,
    text: str = "text",
    lexicon: str | Path | Mapping | FrameLexicon | None = None,
) -> pd.DataFrame:
    """Score each row on the 15 policy frame dimensions.

    Parameters
    ----------
    data : DataFrame
        Sentences or documents with a text column.
    text : str
        Name of the text column.
    lexicon : path, dict or FrameLexicon, optional
        Frame indicator words; default the bundled ``resources/frames.yaml``.

    Returns
    -------
    DataFrame
        Same index as *data*: ``frame`` (id of the highest-scoring frame, ties to the
        earlier frame in codebook order, ``"none"`` when nothing matched) and one
        ``frame_<id>`` column per frame with its weighted indicator count.

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["Troops shelled the border town.",
    ...                             "Taxes and wages rose."]})
    >>> frames(df).frame.tolist()
    ['security_defense', 'economic']
    """
    _check_frame(data, text)
    lex = load_frames(lexicon)
    texts = _texts(data, text)
    mat = lex.score_matrix(texts)
    best = mat.argmax(axis=1) if len(texts) else np.array([], dtype=int)
    names = np.array(lex.ids, dtype=object)
    frame_col = np.where(mat.max(axis=1, initial=0) > 0, names[best], "none")
    columns = {"frame": frame_col} | {f"frame_{fid}": mat[:, j] for j, fid in enumerate(lex.ids)}
    return pd.DataFrame(columns, index=data.index)


def frames_mix(
    data: pd.DataFrame,
    *,
    by: str = "source",
    text: str = "text",
    lexicon: str | Path | Mapping | FrameLexicon | None = None,
) -> pd.DataFrame:
    """Share of rows whose dominant frame is each frame, per group.

    Parameters
    ----------
    data : DataFrame
        Rows with a *by* column and either a ``frame`` column (from :func:`frames`)
        or a text column to score.
    by, text, lexicon
        Grouping column; text column and frame lexicon as in :func:`frames`.

    Returns
    -------
    DataFrame
        ``<by>``, ``frame``, ``n``, ``share`` (within the group; ``"none"`` rows
        included, so shares add up to 1 per group).

    Examples
    --------
    >>> df = pd.DataFrame({"source": ["A", "A"], "text": ["Troops attacked.", "Tax cuts."]})
    >>> frames_mix(df)[["frame", "share"]].values.tolist()
    [['economic', 0.5], ['security_defense', 0.5]]
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(data).__name__}")
    _check_by(data, by, "data")
    if "frame" in data.columns:
        fr = data["frame"]
    else:
        fr = frames(data, text=text, lexicon=lexicon)["frame"]
    df = pd.DataFrame({by: data[by].to_numpy(), "frame": fr.to_numpy()})
    out = df.groupby([by, "frame"], dropna=False).size().rename("n").reset_index()
    out["share"] = out["n"] / out.groupby(by, dropna=False)["n"].transform("sum")
    out = out.sort_values([by, "n", "frame"], ascending=[True, False, True])
    return out.reset_index(drop=True)
