"""Tables (CSV, TSV, JSON, JSON Lines, Parquet, DataFrames) to document records.

Private helpers of :mod:`toolkit.corpus`: reading the formats, and guessing which
column holds the text, outlet, date, title, URL, author and id.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence

import pandas as pd

from toolkit._fetch import InputProblem

STANDARD = ("doc_id", "source", "title", "published", "author", "url", "text", "duplicate_of")

#: Column names recognised for each field, case-insensitively and ignoring ``_``/``-``/spaces;
#: the first one present wins (``content_original`` before ``content``: in AllSides exports
#: ``content`` is a tokenised copy).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "content_original",
        "text",
        "body",
        "article_text",
        "article_body",
        "article",
        "content",
        "full_text",
        "maintext",
        "story",
    ),
    "source": (
        "outlet",
        "source_name",
        "publisher",
        "source",
        "site_name",
        "site",
        "media_outlet",
        "newspaper",
        "media",
    ),
    "published": (
        "published",
        "publish_date",
        "published_at",
        "pubdate",
        "publication_date",
        "date_published",
        "date",
        "datetime",
        "isodate",
        "timestamp",
        "created_at",
    ),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "article_url", "permalink", "href"),
    "author": ("author", "authors", "byline", "by_line", "creator", "writer"),
    "doc_id": ("doc_id", "id", "article_id", "docid", "uid", "guid"),
}
_LIST_KEYS = (
    "articles",
    "items",
    "data",
    "records",
    "documents",
    "docs",
    "results",
    "entries",
    "rows",
)


def _key(name: object) -> str:
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def map_columns(columns: Sequence, overrides: Mapping[str, str | None]) -> dict[str, list]:
    """Map each field to the columns that hold it: *overrides* first, then the aliases.

    Each field maps to a list: the column used, then (for guessed fields) the other
    matching columns, used row by row where the first is empty (mixed-schema JSON Lines).

    Raises
    ------
    InputProblem
        When an override names a column that does not exist.
    """
    by_key: dict[str, object] = {}
    for col in columns:
        by_key.setdefault(_key(col), col)
    found: dict[str, list] = {}
    used: set = set()
    for field, col in overrides.items():
        if col is None:
            continue
        if col in columns:
            found[field] = [col]
        elif _key(col) in by_key:
            found[field] = [by_key[_key(col)]]
        else:
            name = "id" if field == "doc_id" else "date" if field == "published" else field
            raise InputProblem(
                f"no column {col!r} (given as {name}_col=); columns are {list(map(str, columns))}"
            )
        used.add(found[field][0])
    for field, aliases in FIELD_ALIASES.items():
        if field in found:
            continue
        cols = []
        for alias in aliases:
            col = by_key.get(_key(alias))
            if col is not None and col not in used and col not in cols:
                cols.append(col)
        if cols:
            found[field] = cols
            used.add(cols[0])
    return found


def _json_records(obj: object) -> list:
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        lower = {_key(k): k for k in obj}
        for name in _LIST_KEYS:
            k = lower.get(name)
            if k is not None and isinstance(obj[k], list):
                return obj[k]
        lists = [v for v in obj.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if len(lists) == 1:
            return lists[0]
        if any(_key(k) in map(_key, FIELD_ALIASES["text"]) for k in obj):
            return [obj]
    raise InputProblem(
        "JSON holds no list of records: expected a list of objects or an object like "
        '{"articles": [...]}'
    )


def read_table(
    data: bytes | str, fmt: str
) -> tuple[pd.DataFrame, list[int], list[tuple[int, str]]]:
    """Read *data* in format *fmt* (``csv``, ``tsv``, ``json``, ``jsonl``, ``parquet``).

    Returns the raw frame, the 1-based record number of each row, and
    ``(record, reason)`` pairs for records that could not be read.
    """
    bad: list[tuple[int, str]] = []
    if fmt == "parquet":
        try:
            df = pd.read_parquet(io.BytesIO(data))
        except Exception as exc:  # pyarrow raises many types for broken files
            raise InputProblem(f"cannot read Parquet file: {exc}") from None
        return df.reset_index(drop=True), list(range(1, len(df) + 1)), bad
    if fmt in ("csv", "tsv"):
        sep = "\t" if fmt == "tsv" else ","
        try:  # the fast path, for well-formed tables
            with warnings.catch_warnings():
                warnings.simplefilter("error", pd.errors.ParserWarning)
                df = pd.read_csv(
                    io.StringIO(data), sep=sep, dtype=str, keep_default_na=False, index_col=False
                )
        except pd.errors.EmptyDataError:
            raise InputProblem("empty table: no header and no rows") from None
        except (pd.errors.ParserError, pd.errors.ParserWarning, csv.Error, ValueError):
            return _read_ragged(data, sep)
        return df, list(range(1, len(df) + 1)), bad
    if fmt == "json":
        try:
            obj = json.loads(data)
        except json.JSONDecodeError as exc:
            raise InputProblem(f"invalid JSON: {exc}") from None
        return _object_rows(enumerate(_json_records(obj), 1), "record", bad)
    if fmt == "jsonl":
        return _object_rows(_jsonl_items(data, bad), "line {n}", bad)
    raise ValueError(f"unknown table format {fmt!r}")


def _jsonl_items(data: str, bad: list[tuple[int, str]]) -> Iterator[tuple[int, object]]:
    """Yield ``(line number, value)`` for each non-blank JSON line; bad lines go to *bad*."""
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append((n, f"invalid JSON on line {n}: {exc.msg}"))
            continue
        yield n, item


def _object_rows(
    numbered: Iterable[tuple[int, object]], what: str, bad: list[tuple[int, str]]
) -> tuple[pd.DataFrame, list[int], list[tuple[int, str]]]:
    """Keep the JSON objects of *numbered* as rows; anything else becomes a problem in *bad*.

    *what* names a record in the problem (``"line {n}"`` is formatted with its number).
    """
    rows, numbers = [], []
    for n, item in numbered:
        if isinstance(item, dict):
            rows.append(item)
            numbers.append(n)
        else:
            bad.append((n, f"{what.format(n=n)} is a {type(item).__name__}, not an object"))
    return pd.DataFrame.from_records(rows) if rows else pd.DataFrame(), numbers, bad


def _read_ragged(data: str, sep: str) -> tuple[pd.DataFrame, list[int], list[tuple[int, str]]]:
    """Read a CSV/TSV row by row, keeping the record number of every row.

    Rows shorter than the header are padded with empty fields; rows with more fields
    than the header (beyond empty trailing ones) become problems naming the record.
    Nothing is inferred as an index and no field is too large.
    """
    limit = csv.field_size_limit()
    if limit < len(data) + 1:
        csv.field_size_limit(min(len(data) + 1, 2**31 - 1))
    reader = csv.reader(io.StringIO(data, newline=""), delimiter=sep)
    try:
        header = next((r for r in reader if r), None)
        if header is None:
            raise InputProblem("empty table: no header and no rows")
        width = len(header)
        rows: list[list[str]] = []
        numbers: list[int] = []
        bad: list[tuple[int, str]] = []
        n = 0
        for row in reader:
            if not row:  # a blank line is not a record
                continue
            n += 1
            if len(row) > width and not any(f.strip() for f in row[width:]):
                row = row[:width]
            if len(row) > width:
                preview = sep.join(row)[:60]
                bad.append(
                    (
                        n,
                        f"malformed row skipped: {len(row)} fields, the header has {width}: {preview!r}",
                    )
                )
                continue
            rows.append(row + [""] * (width - len(row)))
            numbers.append(n)
    except csv.Error as exc:
        raise InputProblem(f"cannot parse the table: {exc}") from None
    names: list[str] = []
    for i, name in enumerate(header):
        name = name.strip() or f"Unnamed: {i}"
        base, k = name, 1
        while name in names:  # duplicate column names: a, a.1, a.2 (as pandas does)
            name = f"{base}.{k}"
            k += 1
        names.append(name)
    return pd.DataFrame(rows, columns=names, dtype=object), numbers, bad


def _present(value: object) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return False
    if isinstance(value, float) and value != value:
        return False
    return not (isinstance(value, str) and not value.strip())


def _as_str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_as_str(v) for v in value if _as_str(v))
    if isinstance(value, float) and value != value:
        return ""
    if value is pd.NaT or value is pd.NA:
        return ""
    return str(value)


def table_records(
    df: pd.DataFrame,
    *,
    default_ids: Sequence[str],
    overrides: Mapping[str, str | None],
    rename: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Turn a raw table into a chunk with the standard columns plus the other columns.

    Raises
    ------
    InputProblem
        When no text column is found or an override names a missing column.
    """
    cols = list(df.columns)
    found = map_columns(cols, overrides)
    if "text" not in found:
        raise InputProblem(
            f"no text column; columns are {[str(c) for c in cols]}; pass text_col= to name it"
        )
    out = pd.DataFrame(index=df.index)
    for field in ("source", "title", "author", "url", "text", "doc_id"):
        values = pd.Series("", index=df.index, dtype=object)
        for col in found.get(field, []):
            more = df[col].map(_as_str)
            values = values.where(values.str.strip() != "", more)
        out[field] = values
    out["published"] = None
    for col in found.get("published", []):
        more = df[col].astype(object)
        out["published"] = out["published"].where(out["published"].map(_present), more)
    out["doc_id"] = [g.strip() or d for g, d in zip(out["doc_id"], default_ids, strict=True)]
    used = {cols[0] for cols in found.values()}
    rename = dict(rename or {})
    for col in cols:
        if col in used:
            continue
        name = rename.get(str(col), str(col))
        if name in STANDARD or name.startswith("_"):
            name = f"input_{name.lstrip('_')}"
        out[name] = df[col]
    return out
