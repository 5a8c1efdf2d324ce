"""Sentence sentiment (VADER) and target (actor) sentiment.

Two measures live here:

- :func:`sentence_sentiment` scores whole sentences with VADER and reports *valence*
  (which way: -1, 0, 1) apart from *polarity* (how charged: ``|compound|``).
- :func:`target_sentiment` estimates the sentiment of a sentence *towards one span*
  in it (an actor mention), with :class:`TargetSentimentModel`: hand-written,
  target-aware features and a linear model whose weights ship as plain JSON in
  ``toolkit/resources/target_sentiment/model.json`` (rebuilt by
  ``scripts/build_target_model.py`` from NewsMTSC's training split).

Examples
--------
>>> import pandas as pd
>>> from toolkit.sentiment import sentence_sentiment, target_sentiment
>>> s = sentence_sentiment(pd.DataFrame({"text": ["What a great day.", "It rained."]}))
>>> s["valence"].tolist()
[1, 0]
>>> m = pd.DataFrame({"sentence": ["NATO praised Turkey's efforts."], "start": [13], "end": [19]})
>>> int(target_sentiment(m)["polarity"].iloc[0])
1
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from toolkit import _target_features as _tf
from toolkit import _vader
from toolkit._target_features import DEFAULT_CONFIG, NUMERIC_FEATURES  # noqa: F401

__all__ = [
    "TargetSentimentModel",
    "load_target_model",
    "news_lexicon",
    "sentence_sentiment",
    "target_sentiment",
    "vader",
]

RESOURCES = Path(__file__).resolve().parent / "resources" / "target_sentiment"
MODEL_PATH = RESOURCES / "model.json"
LEXICON_PATH = RESOURCES / "news_lexicon.csv"
MODEL_FORMAT = "media-toolkit/target-sentiment/1"
CLASSES = (-1, 0, 1)
PROBA_COLUMNS = ("p_negative", "p_neutral", "p_positive")


# --------------------------------------------------------------------------- sentence level


@lru_cache(maxsize=1)
def vader():
    """Return the one cached VADER ``SentimentIntensityAnalyzer`` (built on first use).

    Examples
    --------
    >>> vader() is vader()
    True
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_sentiment(data: pd.DataFrame, *, text: str = "text") -> pd.DataFrame:
    """VADER sentiment of each sentence.

    Parameters
    ----------
    data : DataFrame
        One sentence per row (e.g. the *sentences* frame).
    text : str, default "text"
        Column holding the sentence text. Missing values score as empty text.

    Returns
    -------
    DataFrame
        Same index as *data*, columns ``compound`` (VADER compound, -1..1), ``valence``
        (1 if compound >= 0.05, -1 if <= -0.05, else 0), ``polarity`` (``|compound|``:
        how charged, whichever way), ``pos``, ``neu``, ``neg``.

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["A wonderful, kind gesture.", "They killed him."]})
    >>> sentence_sentiment(df)["valence"].tolist()
    [1, -1]
    """
    _check_columns(data, [text])
    values = ["" if _isna(v) else str(v) for v in data[text].tolist()]
    # each distinct sentence once (wire copies repeat); toolkit._vader gives the library's
    # numbers bit for bit, faster
    first: dict[str, int] = {}
    where = [first.setdefault(v, len(first)) for v in values]
    arr = _vader.scores(list(first))[np.asarray(where, dtype=np.intp)].reshape(-1, 4)
    compound = arr[:, 0]
    valence = np.where(compound >= 0.05, 1, np.where(compound <= -0.05, -1, 0)).astype(int)
    return pd.DataFrame(
        {
            "compound": compound,
            "valence": valence,
            "polarity": np.abs(compound),
            "pos": arr[:, 1],
            "neu": arr[:, 2],
            "neg": arr[:, 3],
        },
        index=data.index,
    )


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def news_lexicon() -> pd.DataFrame:
    """The project-written news lexicon (``resources/target_sentiment/news_lexicon.csv``).

    Columns: ``word`` (lower case, one inflected form per row), ``valence`` (VADER's
    -4..4 scale), ``role`` (``negative_action``, ``positive_action`` or empty: verbs whose
    doer and receiver matter) and ``category``. It adds the news words VADER lacks
    (*shelled, invaded, occupied, regime, genocide*, ...) and overrides a few VADER entries.

    Examples
    --------
    >>> lex = news_lexicon()
    >>> float(lex.set_index("word").loc["shelled", "valence"]) < 0
    True
    """
    return pd.read_csv(LEXICON_PATH, keep_default_na=False, dtype={"word": str, "role": str})


@lru_cache(maxsize=1)
def _lexicons() -> tuple[dict[str, float], frozenset[str], frozenset[str]]:
    """Merged valence lexicon (VADER, then news lexicon on top) and the action-verb sets."""
    merged = {w.lower(): float(v) for w, v in vader().lexicon.items()}
    lex = news_lexicon()
    merged.update(zip(lex["word"], lex["valence"].astype(float), strict=True))
    neg = frozenset(lex.loc[lex["role"] == "negative_action", "word"])
    pos = frozenset(lex.loc[lex["role"] == "positive_action", "word"])
    return merged, neg, pos


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- inputs


def _isna(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check_columns(data: pd.DataFrame, columns: Iterable[str]) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(
            f"column(s) {missing} not found; columns are {list(data.columns)}; "
            "pass the right names with text=, start=, end="
        )


def _rows(X: pd.DataFrame, text: str, start: str, end: str) -> list[tuple[str, int, int]]:
    _check_columns(X, [text, start, end])
    texts = X[text].tolist()
    starts, ends = X[start].to_numpy(), X[end].to_numpy()
    # fast path: str texts, integer offsets, all spans inside their text
    if (
        starts.dtype.kind in "iu"
        and ends.dtype.kind in "iu"
        and all(type(t) is str for t in texts)
        and bool(np.all((starts >= 0) & (starts <= ends)))
        and bool(np.all(ends <= np.fromiter(map(len, texts), np.int64, len(texts))))
    ):
        return list(zip(texts, starts.tolist(), ends.tolist(), strict=True))
    out = []
    for i, (t, s, e) in enumerate(
        zip(X[text].tolist(), X[start].tolist(), X[end].tolist(), strict=True)
    ):
        t = "" if _isna(t) else str(t)
        if _isna(s) or _isna(e):
            raise ValueError(f"row {i} (index {X.index[i]!r}): start/end is missing")
        s, e = int(s), int(e)
        if not 0 <= s <= e <= len(t):
            raise ValueError(
                f"row {i} (index {X.index[i]!r}): span {s}:{e} is outside the text "
                f"of length {len(t)}"
            )
        out.append((t, s, e))
    return out


def _extract(
    rows: Sequence[tuple[str, int, int]],
    config: dict[str, Any],
    vocabulary: _tf.VocabularyIndex | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """Bag and dense features of the targets (see :func:`toolkit._target_features.extract`)."""
    analyzer = _vader if config["vader_sentence"] else None  # exact, faster VADER
    return _tf.extract(rows, config, vocabulary, _lexicons(), analyzer)


# --------------------------------------------------------------------------- estimator


class TargetSentimentModel:
    """Sentiment towards a span of a sentence: target-aware features + logistic regression.

    A scikit-learn-style estimator: ``__init__`` only stores parameters, :meth:`fit`
    returns ``self``, learned attributes end in ``_``. ``X`` is a DataFrame with the
    sentence, and the span's character offsets (``text``, ``start``, ``end`` columns);
    ``y`` holds -1 (negative), 0 (neutral) or 1 (positive).

    Parameters
    ----------
    C : float
        Inverse L2 regularisation strength of the logistic regression.
    window : int
        Words each side of the target that count as its left/right context.
    min_df : int
        Keep a bag feature only if it occurs in at least this many training targets.
    sentence_words, sentence_bigrams, clause_words, window_bigrams, vader_sentence : bool
        Feature groups to use (see ``docs/target-sentiment.md``).
    class_weight : "balanced" or None
        Passed to the logistic regression.
    text, start, end : str
        Column names in ``X``.

    Examples
    --------
    >>> X = pd.DataFrame({"sentence": ["Good Bob.", "Bad Bob.", "Bob."] * 3,
    ...                   "start": [5, 4, 0] * 3, "end": [8, 7, 3] * 3})
    >>> m = TargetSentimentModel(min_df=1, vader_sentence=False).fit(X, [1, -1, 0] * 3)
    >>> m.predict(X)[:3].tolist()
    [1, -1, 0]
    """

    def __init__(
        self,
        *,
        C: float = 0.1,
        window: int = 5,
        min_df: int = 2,
        sentence_words: bool = True,
        sentence_bigrams: bool = False,
        clause_words: bool = True,
        window_bigrams: bool = True,
        vader_sentence: bool = False,
        side_words: bool = False,
        polarity_tokens: bool = True,
        class_weight: str | None = "balanced",
        text: str = "sentence",
        start: str = "start",
        end: str = "end",
    ) -> None:
        self.C = C
        self.window = window
        self.min_df = min_df
        self.sentence_words = sentence_words
        self.sentence_bigrams = sentence_bigrams
        self.clause_words = clause_words
        self.window_bigrams = window_bigrams
        self.vader_sentence = vader_sentence
        self.side_words = side_words
        self.polarity_tokens = polarity_tokens
        self.class_weight = class_weight
        self.text = text
        self.start = start
        self.end = end

    # scikit-learn protocol -------------------------------------------------------------
    _PARAMS = (
        "C",
        "window",
        "min_df",
        "sentence_words",
        "sentence_bigrams",
        "clause_words",
        "window_bigrams",
        "vader_sentence",
        "side_words",
        "polarity_tokens",
        "class_weight",
        "text",
        "start",
        "end",
    )

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Parameters as a dict (scikit-learn protocol)."""
        return {p: getattr(self, p) for p in self._PARAMS}

    def set_params(self, **params: Any) -> TargetSentimentModel:
        """Set parameters by name; unknown names raise ``ValueError`` listing valid ones."""
        for key, value in params.items():
            if key not in self._PARAMS:
                raise ValueError(f"unknown parameter {key!r}; valid names are {list(self._PARAMS)}")
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        return f"TargetSentimentModel(C={self.C}, window={self.window}, min_df={self.min_df})"

    def _config(self) -> dict[str, Any]:
        return {
            "window": int(self.window),
            "sentence_words": bool(self.sentence_words),
            "sentence_bigrams": bool(self.sentence_bigrams),
            "clause_words": bool(self.clause_words),
            "window_bigrams": bool(self.window_bigrams),
            "vader_sentence": bool(self.vader_sentence),
            "side_words": bool(self.side_words),
            "polarity_tokens": bool(self.polarity_tokens),
        }

    def fit(self, X: pd.DataFrame, y: Sequence[int]) -> TargetSentimentModel:
        """Learn vocabulary and weights from targets ``X`` and labels ``y`` in {-1, 0, 1}."""
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y)
        bad = sorted(set(y.tolist()) - set(CLASSES))
        if bad:
            raise ValueError(f"labels must be -1, 0 or 1; got {bad}")
        config = self._config()
        # features get provisional ids in an open vocabulary; the kept ones are then renumbered
        owner, ids, numeric, open_vocab = _extract(
            _rows(X, self.text, self.start, self.end), config, None
        )
        size = open_vocab.size
        seen, df = _tf._unique(_tf._unique(owner * size + ids)[0] % size)  # targets per feature
        frequent = seen[df >= self.min_df]
        names = open_vocab.names(frequent.tolist())
        kept = sorted(names)
        vocab = {name: i for i, name in enumerate(NUMERIC_FEATURES)}
        for name in kept:
            vocab[name] = len(vocab)
        remap = np.full(open_vocab.size, -1, dtype=np.int64)
        remap[frequent] = [vocab[name] for name in names]
        column = remap[ids]
        known = column >= 0
        Xm = _tf.matrix(owner[known], column[known], numeric, len(vocab))
        clf = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000, tol=1e-6)
        clf.fit(Xm, y)
        order = [list(clf.classes_).index(c) for c in CLASSES if c in clf.classes_]
        coef = np.zeros((len(CLASSES), len(vocab)))
        intercept = np.full(len(CLASSES), -1e9)
        for row, c in zip(order, [c for c in CLASSES if c in clf.classes_], strict=True):
            ci = CLASSES.index(c)
            if clf.coef_.shape[0] == 1:  # binary problem: sklearn keeps one row
                sign = 1.0 if row == 1 else -1.0
                coef[ci] = sign * clf.coef_[0] / 2
                intercept[ci] = sign * clf.intercept_[0] / 2
            else:
                coef[ci] = clf.coef_[row]
                intercept[ci] = clf.intercept_[row]
        self.config_ = config
        self.vocabulary_ = vocab
        self.coef_ = coef
        self.intercept_ = intercept
        self.classes_ = np.array(CLASSES)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise ValueError(
                "this TargetSentimentModel is not fitted yet; call fit() or load one with "
                "TargetSentimentModel.from_json()"
            )

    def transform(self, X: pd.DataFrame) -> sp.csr_matrix:
        """Feature matrix (sparse) of targets ``X``; columns follow :meth:`get_feature_names_out`."""
        return self._matrix_rows(_rows(X, self.text, self.start, self.end))

    def _matrix_rows(self, rows: Sequence[tuple[str, int, int]]) -> sp.csr_matrix:
        self._check_fitted()
        owner, ids, numeric, _ = _extract(rows, self.config_, self._vocabulary_index())
        return _tf.matrix(owner, ids, numeric, len(self.vocabulary_), mostly_sorted=True)

    def _vocabulary_index(self) -> _tf.VocabularyIndex:
        """``vocabulary_`` split for look-ups, cached while ``vocabulary_`` is the same dict."""
        cached = getattr(self, "_index_cache", None)
        if cached is None or cached[0] is not self.vocabulary_:
            cached = self._index_cache = (self.vocabulary_, _tf.VocabularyIndex(self.vocabulary_))
        return cached[1]

    def _scores_rows(self, rows: Sequence[tuple[str, int, int]]) -> np.ndarray:
        return np.asarray(self._matrix_rows(rows) @ self.coef_.T) + self.intercept_

    def _proba_rows(self, rows: Sequence[tuple[str, int, int]]) -> np.ndarray:
        scores = self._scores_rows(rows)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Linear scores, one column per class in ``classes_`` (-1, 0, 1)."""
        return self._scores_rows(_rows(X, self.text, self.start, self.end))

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Class probabilities (softmax of the scores), columns ordered as ``classes_``."""
        return self._proba_rows(_rows(X, self.text, self.start, self.end))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Most likely polarity (-1, 0 or 1) of each target."""
        self._check_fitted()
        return self.classes_[self.decision_function(X).argmax(axis=1)]

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Names of the model's features, in column order (``x:`` dense, others bag)."""
        self._check_fitted()
        names = np.empty(len(self.vocabulary_), dtype=object)
        for name, j in self.vocabulary_.items():
            names[j] = name
        return names

    # plain-text export -----------------------------------------------------------------
    def to_dict(self, *, digits: int = 6) -> dict[str, Any]:
        """The fitted model as plain JSON-ready data (no texts, only feature names and weights)."""
        self._check_fitted()
        names = self.get_feature_names_out()
        coef = np.round(self.coef_, digits)
        return {
            "format": MODEL_FORMAT,
            "classes": list(CLASSES),
            "params": {
                k: v for k, v in self.get_params().items() if k not in ("text", "start", "end")
            },
            "config": self.config_,
            "lexicon_sha256": _file_sha256(LEXICON_PATH),
            "intercept": [round(float(v), digits) for v in self.intercept_],
            "features": [
                [str(name)] + [float(v) for v in coef[:, j]] for j, name in enumerate(names)
            ],
        }

    def to_json(self, path: str | Path, *, digits: int = 6) -> Path:
        """Write the model as JSON (stable bytes: same model, same file)."""
        path = Path(path)
        payload = self.to_dict(digits=digits)
        lines = ["{"]
        head = {k: v for k, v in payload.items() if k != "features"}
        for key, value in head.items():
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, sort_keys=True)},")
        lines.append('  "features": [')
        feats = payload["features"]
        for i, row in enumerate(feats):
            sep = "," if i < len(feats) - 1 else ""
            lines.append("    " + json.dumps(row, ensure_ascii=False) + sep)
        lines.append("  ]")
        lines.append("}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    @classmethod
    def from_dict(cls, payload: dict[str, Any]) -> TargetSentimentModel:
        """Rebuild a fitted model from :meth:`to_dict` data."""
        if payload.get("format") != MODEL_FORMAT:
            raise ValueError(
                f"not a target-sentiment model file: format is {payload.get('format')!r}, "
                f"expected {MODEL_FORMAT!r}"
            )
        model = cls(**payload.get("params", {}))
        config = dict(DEFAULT_CONFIG)
        config.update(payload["config"])
        feats = payload["features"]
        model.config_ = config
        model.vocabulary_ = {row[0]: j for j, row in enumerate(feats)}
        model.coef_ = np.asarray([row[1:] for row in feats], dtype=float).T.copy()
        model.intercept_ = np.asarray(payload["intercept"], dtype=float)
        model.classes_ = np.array(payload["classes"])
        if list(model.vocabulary_)[: len(NUMERIC_FEATURES)] != list(NUMERIC_FEATURES):
            raise ValueError("model file's dense features do not match this toolkit version")
        return model

    @classmethod
    def from_json(cls, path: str | Path) -> TargetSentimentModel:
        """Load a model written by :meth:`to_json` (plain JSON; nothing is unpickled)."""
        with open(path, encoding="utf-8") as fh:
            return cls.from_dict(json.load(fh))


@lru_cache(maxsize=1)
def load_target_model() -> TargetSentimentModel:
    """The bundled target-sentiment model (``resources/target_sentiment/model.json``), cached.

    Examples
    --------
    >>> load_target_model().classes_.tolist()
    [-1, 0, 1]
    """
    if not MODEL_PATH.exists():
        raise FileNotFoundError(
            f"{MODEL_PATH} is missing; rebuild it with `python scripts/build_target_model.py`"
        )
    return TargetSentimentModel.from_json(MODEL_PATH)


def target_sentiment(
    data: pd.DataFrame,
    *,
    text: str = "sentence",
    start: str = "start",
    end: str = "end",
    model: TargetSentimentModel | None = None,
) -> pd.DataFrame:
    """Sentiment of each sentence towards the span ``data[text][start:end]``.

    Parameters
    ----------
    data : DataFrame
        One target per row, e.g. the *mentions* frame with a ``sentence`` column.
    text, start, end : str
        Columns with the sentence and the span's character offsets into it.
    model : TargetSentimentModel, optional
        A fitted model; default the bundled one (:func:`load_target_model`).

    Returns
    -------
    DataFrame
        Same index as *data*: ``polarity`` (-1, 0, 1), ``p_negative``, ``p_neutral``,
        ``p_positive`` (sum to 1).

    Examples
    --------
    >>> df = pd.DataFrame({"sentence": ["Armenia shelled civilians."], "start": [0], "end": [7]})
    >>> int(target_sentiment(df)["polarity"].iloc[0])
    -1
    """
    _check_columns(data, [text, start, end])
    if model is None:
        model = load_target_model()
    columns = ["polarity", *PROBA_COLUMNS]
    if len(data) == 0:
        out = pd.DataFrame({c: pd.Series(dtype=float) for c in columns}, index=data.index)
        return out.astype({"polarity": int})
    proba = model._proba_rows(_rows(data, text, start, end))
    out = pd.DataFrame(proba, columns=list(PROBA_COLUMNS), index=data.index)
    out.insert(0, "polarity", np.asarray(CLASSES)[proba.argmax(axis=1)].astype(int))
    return out
