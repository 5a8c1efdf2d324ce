"""Load news articles from files, folders, URLs, feeds and tables into a documents frame.

The documents frame has one row per article with the columns ``doc_id``, ``source``,
``title``, ``published`` (UTC), ``author``, ``url``, ``text`` and ``duplicate_of``, plus
any other metadata the input had. Bad input is never dropped silently: each unreadable
file or record becomes a problem in ``df.attrs["problems"]`` (and a warning, or a
:class:`~toolkit.errors.CorpusError`, depending on ``errors``).

Examples
--------
>>> from toolkit.corpus import load_corpus
>>> docs = load_corpus("data/sample")                     # doctest: +SKIP
>>> docs[["doc_id", "source", "published", "title"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from toolkit._clean import clean_lines, clean_text, clean_texts, find_duplicates, parse_dates
from toolkit._feeds import looks_like_feed, parse_feed
from toolkit._fetch import InputProblem, decode_bytes, fetch_url, gunzip
from toolkit._html import extract_html
from toolkit._tabular import STANDARD, read_table, table_records
from toolkit.errors import check_errors_mode, make_problem, report_problem

__all__ = ["load_corpus", "corpus_info", "parse_txt", "FORMATS"]

#: File extensions read, and the reader each one uses (``.gz`` may wrap any of them).
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_GZ_LIMIT = 512 * 1024 * 1024
_NAME_DATE_RE = re.compile(r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:(?!\\)")  # scheme: (not a drive letter C:\)
_OPTIONS = ("encoding", "dedup", "dedup_threshold")


# --------------------------------------------------------------------------- plain text
_BY_RE = re.compile(r"^by\s+(?P<value>\S.{0,100})$", re.IGNORECASE)
_HEADER_RE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z _\-]{0,24}?)\s*:\s*(?P<value>\S.*)$")
_HEADER_KEYS = {
    "date": "published",
    "published": "published",
    "publishdate": "published",
    "publicationdate": "published",
    "pubdate": "published",
    "dateline": "published",
    "url": "url",
    "link": "url",
    "sourceurl": "url",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "writtenby": "author",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "title": "title",
    "headline": "title",
}
_SOCIAL = r"(facebook|twitter|x|whatsapp|linkedin|pinterest|telegram|reddit|email|e-mail|print|tweet|copy link)"
# Lines dropped wherever they stand alone.
_NOISE_RE = re.compile(
    r"^(advertisement|sponsored( content)?|skip to (main )?content|share( this)?|"
    + _SOCIAL
    + r"|click to (share|email|print) .{0,60})[\s:.!]*$",
    re.IGNORECASE,
)
# Cookie notices (short lines only): "We use cookies ...", "... accept our cookie policy".
_COOKIE_RE = re.compile(
    r"^(we|this (web)?site|our (web)?site|this page)\b.{0,60}\bcookies?\b"
    r"|\bcookie (policy|settings|preferences|notice|consent)\b|\baccept (all )?cookies\b",
    re.IGNORECASE,
)
# Lines after which the rest of a scraped page is site furniture, not the article.
_END_RE = re.compile(
    r"^(you (may|might) (also )?like|leave a (comment|reply)|\d* ?comments?|post a comment|"
    r"related( articles?| stories| posts| news| content| coverage| topics| links| reading)?|"
    r"read (more|also|next)\b.{0,120}|see also|more (stories|news|from .{1,40}|on this (story|topic))|"
    r"recommended( for you| stories| articles| reading)?|most (read|popular|viewed|shared)|"
    r"share( this( article| story| post| page)?)?( on .{1,30})?|"
    r"(subscribe|sign up)( now| today| here| for| to)\b.{0,120}|.{0,60}\bnewsletter\b.{0,60}|"
    r"follow us\b.{0,60}|tags?\s*:.*|topics?\s*:.*|about the author|"
    r"(©|\(c\)|copyright)\s*(©\s*)?\d{4}\b.{0,160}|©.{0,160}|all rights reserved.{0,60}|"
    r"trending( now)?|editor'?s picks?|popular (posts|stories)|don'?t miss|post navigation|"
    r"(previous|next) (article|post|story)|report an error|" + _SOCIAL + r")[\s:.!»›>…-]*$",
    re.IGNORECASE,
)


def _is_noise(line: str) -> bool:
    return bool(_NOISE_RE.match(line) or (len(line) <= 300 and _COOKIE_RE.search(line)))


def _header(line: str) -> tuple[str, str] | None:
    m = _BY_RE.match(line)
    if m and ":" not in line[:4]:
        return "source", m.group("value").strip()
    m = _HEADER_RE.match(line)
    if m:
        field = _HEADER_KEYS.get(re.sub(r"[^a-z]", "", m.group("key").lower()))
        if field:
            return field, m.group("value").strip()
    return None


def _strip_boilerplate(lines: list[str]) -> list[str]:
    kept = [ln for ln in lines if not (ln.strip() and _is_noise(ln.strip()))]
    content = [i for i, ln in enumerate(kept) if ln.strip()]
    total = sum(len(kept[i]) for i in content) or 1
    done = 0
    for pos, i in enumerate(content):
        line = kept[i].strip()
        if pos > 0 and len(line) <= 160 and _END_RE.match(line):
            tail = [kept[j].strip() for j in content[pos + 1 :]]
            if done >= 0.5 * total or all(len(t) <= 200 for t in tail):
                return kept[:i]
        done += len(line)
    return kept


def parse_txt(raw: str) -> dict:
    """Parse a scraped plain-text article: title line, optional headers, body, boilerplate.

    The first line is the title; then, before the body, a ``by <Outlet>`` line and
    header lines such as ``Date:``/``Published:``, ``URL:``, ``Author:``/``By-line:`` and
    ``Source:`` are read. Site furniture at the end ("You may also like", "Leave a Comment",
    share/subscribe/related blocks, cookie notices, ...) is removed.

    Examples
    --------
    >>> parse_txt("A title\\n\\nby Some Outlet\\nPublished: 2023-05-14\\n\\nBody.\\n\\nLeave a Comment")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'title': 'A title', 'source': 'Some Outlet', 'published': '2023-05-14', 'text': 'Body.'}
    """
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: dict = {}
    i = 0
    n = len(lines)
    while i < n and (not lines[i].strip() or _is_noise(lines[i].strip())):
        i += 1
    if i < n and _header(lines[i].strip()) is None and len(lines[i].strip()) <= 300:
        out["title"] = lines[i].strip()
        i += 1
    while i < n:
        line = lines[i].strip()
        if line:
            head = _header(line)
            if head is None:
                break
            out.setdefault(head[0], head[1])
        i += 1
    body = _strip_boilerplate(lines[i:])
    out["text"] = clean_text("\n".join(body))
    return out


# --------------------------------------------------------------------------- inputs
def _split_name(name: str) -> tuple[str, str | None, bool]:
    """``(stem, format or None, gzipped)`` of a file name: ``a.html.gz`` → ``("a", "html", True)``."""
    gz = name.lower().endswith(".gz")
    base = name[:-3] if gz else name
    ext = os.path.splitext(base)[1].lower()
    fmt = FORMATS.get(ext)
    stem = base[: -len(ext)] if fmt else base
    return stem, fmt, gz


_DOC_EXTS = (".md", ".rst", ".yaml", ".yml")
_DOC_NAMES = ("readme", "license", "licence", "source", "copying", "notice")


def _is_not_an_article(name: str) -> bool:
    """Hidden/private files and a folder's documentation are not articles."""
    low = name.lower()
    return (
        low.startswith((".", "_"))
        or low.endswith(_DOC_EXTS)
        or os.path.splitext(low)[0] in _DOC_NAMES
    )


def _walk(folder: Path) -> Iterator[tuple[Path, str]]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if _is_not_an_article(name):
                continue
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            yield path, _split_name(rel)[0]


def _url_id(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    stem = _split_name(path)[0] if path else ""
    return f"{parts.netloc}{stem}" or url


def _sniff(data: bytes, fmt: str | None) -> str | None:
    if fmt in ("html", "txt", None) and looks_like_feed(data):
        return "feed"
    return fmt


class _Loader:
    """Collects chunks of records and problems for one :func:`load_corpus` call."""

    def __init__(self, errors: str, overrides: dict, rename: dict, encoding: str | None, **fetch):
        self.errors = errors
        self.overrides = overrides
        self.rename = rename
        self.encoding = encoding
        self.fetch = fetch
        self.chunks: list[pd.DataFrame] = []
        self.problems: list[dict] = []

    def problem(self, path: object, record: object, reason: str) -> None:
        report_problem(make_problem(path, record, reason), self.errors, self.problems)

    def add(self, records: list[dict], path: str) -> None:
        if records:
            chunk = pd.DataFrame.from_records(records)
            chunk["_path"] = path
            self.chunks.append(chunk)

    # -- sources
    def source(self, source: object) -> None:
        if isinstance(source, pd.DataFrame):
            self.frame(source)
        elif isinstance(source, str | os.PathLike):
            text = os.fspath(source)
            if _URL_RE.match(text) and not Path(text).exists():
                self.url(text)  # refuses schemes other than http(s)
            else:
                self.path(Path(text))
        elif isinstance(source, Iterable) and not isinstance(source, bytes | dict):
            for item in source:
                self.source(item)
        else:
            raise TypeError(
                "source must be a path, a folder, an http(s) URL, a DataFrame or a list of "
                f"them, not {type(source).__name__}"
            )

    def path(self, path: Path) -> None:
        if path.is_dir():
            found = False
            for file, doc_id in _walk(path):
                found = True
                self.file(file, doc_id)
            if not found:
                self.problem(path, None, "folder holds no files")
        elif path.exists():
            self.file(path, _split_name(path.name)[0])
        else:
            self.problem(path, None, "no such file or folder")

    def file(self, path: Path, doc_id: str) -> None:
        stem, fmt, gz = _split_name(path.name)
        if fmt is None:
            ext = os.path.splitext(stem)[1] or "(none)"
            self.problem(
                path,
                None,
                f"unsupported file type {ext}; supported: {', '.join(FORMATS)} (also .gz)",
            )
            return
        try:
            data = path.read_bytes()
            if gz:
                data = gunzip(data, limit=_GZ_LIMIT)
            if not data.strip():
                raise InputProblem("empty file")
            self.content(data, _sniff(data, fmt), str(path), doc_id)
        except InputProblem as exc:
            self.problem(path, None, str(exc))
        except OSError as exc:
            self.problem(path, None, f"cannot read file: {exc.strerror or exc}")

    def url(self, url: str) -> None:
        try:
            got = fetch_url(url, **self.fetch)
            if not got.data.strip():
                raise InputProblem("empty response")
            ctype = got.content_type
            _, fmt, _ = _split_name(urlsplit(got.url).path)
            if looks_like_feed(got.data) or any(k in ctype for k in ("rss", "atom")):
                fmt = "feed"
            elif "html" in ctype:
                fmt = "html"
            elif "json" in ctype:
                fmt = fmt if fmt in ("json", "jsonl") else "json"
            elif "csv" in ctype or "tab-separated" in ctype:
                fmt = "tsv" if "tab" in ctype else "csv"
            elif fmt is None and got.data.lstrip()[:1] == b"<":
                fmt = "html"
            elif fmt is None and ctype.startswith("text/"):
                fmt = "txt"
            if fmt is None:
                raise InputProblem(f"unsupported content type {ctype!r}")
            self.content(got.data, fmt, url, _url_id(url), charset=got.charset, page_url=got.url)
        except InputProblem as exc:
            self.problem(url, None, str(exc))

    def content(
        self,
        data: bytes,
        fmt: str,
        path: str,
        doc_id: str,
        *,
        charset: str | None = None,
        page_url: str | None = None,
    ) -> None:
        if fmt == "feed":
            source, items, warning = parse_feed(data, charset=self.encoding or charset)
            if warning:
                self.problem(path, None, warning)
            for n, item in enumerate(items, 1):
                item.update(doc_id=f"{doc_id}#{n}", source=source, _record=n)
            self.add(items, path)
            return
        if fmt == "parquet":
            self.table(data, fmt, path, doc_id)
            return
        text = decode_bytes(data, declared=charset, forced=self.encoding)
        if fmt == "html":
            rec = extract_html(text, url=page_url)
            rec["text"] = clean_text(rec["text"], lines="paragraph")
            self.add([{**rec, "doc_id": doc_id, "_record": None}], path)
        elif fmt == "txt":
            rec = parse_txt(text)
            if page_url:
                rec["url"] = page_url
            if not rec.get("published"):  # a date in the file name: anadolu-2020-10-05-...
                m = _NAME_DATE_RE.search(doc_id.rsplit("/", 1)[-1])
                rec["published"] = m.group(0) if m else None
            self.add([{**rec, "doc_id": doc_id, "_record": None}], path)
        else:
            self.table(text, fmt, path, doc_id)

    def table(self, data: bytes | str, fmt: str, path: str, doc_id: str) -> None:
        df, numbers, bad = read_table(data, fmt)
        for record, reason in bad:
            self.problem(path, record, reason)
        if df.empty and not bad:
            raise InputProblem("no records" if not len(df.columns) else "table has no rows")
        if df.empty:
            return
        chunk = table_records(
            df,
            default_ids=[f"{doc_id}#{n}" for n in numbers],
            overrides=self.overrides,
            rename=self.rename,
        )
        chunk["_record"] = numbers
        chunk["_path"] = path
        self.chunks.append(chunk)

    def frame(self, df: pd.DataFrame) -> None:
        try:
            chunk = table_records(
                df.reset_index(drop=True),
                default_ids=[str(i) for i in df.index],
                overrides=self.overrides,
                rename=self.rename,
            )
        except InputProblem as exc:
            self.problem("<DataFrame>", None, str(exc))
            return
        chunk["_record"] = [str(i) for i in df.index]
        chunk["_path"] = "<DataFrame>"
        self.chunks.append(chunk)


# --------------------------------------------------------------------------- assembly
def _unique_ids(ids: list[str]) -> list[str]:
    taken = set(ids)
    seen: set[str] = set()
    out = []
    for doc_id in ids:
        if doc_id in seen:
            k = 2
            while f"{doc_id}-{k}" in taken:
                k += 1
            doc_id = f"{doc_id}-{k}"
            taken.add(doc_id)
        seen.add(doc_id)
        out.append(doc_id)
    return out


def _empty_frame() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype=object) for c in STANDARD})
    df["published"] = pd.Series(dtype="datetime64[ns, UTC]")
    return df


def _assemble(loader: _Loader, *, dedup: bool, threshold: float) -> pd.DataFrame:
    if not loader.chunks:
        return _empty_frame()
    df = pd.concat(loader.chunks, ignore_index=True, sort=False)
    for col in ("source", "title", "author", "url", "text", "published"):
        if col not in df:
            df[col] = ""
    text = clean_texts(df["text"].tolist())
    empty = [i for i, t in enumerate(text) if not t]
    for i in empty:
        rec = df.at[i, "_record"]
        rec = None if rec is None or (isinstance(rec, float) and np.isnan(rec)) else rec
        if isinstance(rec, np.integer | float):  # plain int: problems are JSON-able
            rec = int(rec)
        what = "record has no text" if rec is not None else "no text found"
        loader.problem(df.at[i, "_path"], rec, what)
    df["text"] = text
    if empty:
        df = df.drop(index=empty).reset_index(drop=True)
    for col in ("source", "title", "author", "url"):
        df[col] = clean_lines(df[col].tolist())
    df["published"] = parse_dates(df["published"].tolist()).set_axis(df.index)
    df["doc_id"] = _unique_ids([str(v) for v in df["doc_id"].tolist()])
    if dedup:
        dups = find_duplicates(
            df["text"].tolist(), df["doc_id"].tolist(), threshold=threshold, cleaned=True
        )
        df["duplicate_of"] = pd.Series(dups, dtype=object).where(pd.notna(dups), np.nan)
    else:
        df["duplicate_of"] = np.nan
    extras = [c for c in df.columns if c not in STANDARD and not c.startswith("_")]
    return df[list(STANDARD) + extras].reset_index(drop=True)


def load_corpus(
    source,
    *,
    errors: str = "warn",
    text_col: str | None = None,
    source_col: str | None = None,
    title_col: str | None = None,
    date_col: str | None = None,
    id_col: str | None = None,
    url_col: str | None = None,
    author_col: str | None = None,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
    **extra,
) -> pd.DataFrame:
    """Load articles into a documents frame.

    Parameters
    ----------
    source : path, folder, URL, DataFrame, or a list of them
        Files: ``.txt`` (scraped article: title line, ``by Outlet``, optional ``Date:``/
        ``Published:``/``URL:``/``Author:`` lines, body; else a ``YYYY-MM-DD`` date in the
        file name is the publication date), ``.html``/``.htm`` (main text and
        metadata by trafilatura), ``.csv``/``.tsv``/``.json``/``.jsonl``/``.parquet``
        (columns guessed case-insensitively), ``.xml``/``.rss``/``.atom`` feeds (also
        sniffed from content), and ``.gz`` of any of these. Folders are read recursively,
        hidden files (``.``/``_`` prefix) and documentation (README, LICENSE, ``*.md``, ``*.yaml``) skipped. URLs must be http(s); pages and feeds are recognised.
    errors : {"warn", "skip", "raise"}
        Bad input (unreadable or empty file, undecodable bytes, record without text,
        broken or unsafe feed, unsupported file type): ``"warn"`` lists it in
        ``df.attrs["problems"]`` and warns (:class:`~toolkit.errors.ToolkitWarning`),
        ``"skip"`` only lists it, ``"raise"`` raises :class:`~toolkit.errors.CorpusError`.
    text_col, source_col, title_col, date_col, id_col, url_col, author_col : str, optional
        Column names for tables, when the guess is wrong or fails.
    timeout : float
        Connect/read timeout in seconds for URLs; a whole body must arrive within
        ``3 * timeout``.
    max_bytes : int
        Largest response accepted from a URL (also after gzip decoding). URLs are fetched
        with at most 5 redirects, never to a scheme other than http(s); each refusal or
        failure is a problem record.
    **extra
        ``encoding=`` forces a text encoding; ``dedup=False`` skips duplicate detection;
        ``dedup_threshold=`` (default 0.8) is the word 5-shingle Jaccard similarity from
        which two texts are copies; ``<name>_col="Column"`` renames an extra column to
        ``<name>``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (unique), ``source``, ``title``, ``published`` (UTC, NaT if unknown),
        ``author``, ``url``, ``text`` (NFC, paragraphs separated by ``"\\n\\n"``),
        ``duplicate_of`` (``doc_id`` of the earliest copy, or NaN), then other metadata.
        ``attrs["problems"]`` lists ``{"path", "record", "reason"}`` dicts.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"Content": ["Text one.", "Text two."], "Outlet": ["A", "B"]})
    >>> load_corpus(df)[["doc_id", "source", "text"]]
      doc_id source       text
    0      0      A  Text one.
    1      1      B  Text two.
    """
    check_errors_mode(errors)
    rename = {}
    options = {}
    for key, value in extra.items():
        if key in _OPTIONS:
            options[key] = value
        elif key.endswith("_col") and isinstance(value, str):
            rename[value] = key[: -len("_col")]
        else:
            raise TypeError(
                f"load_corpus() got an unexpected keyword argument {key!r}; options are "
                f"{list(_OPTIONS)} and <name>_col="
            )
    overrides = {
        "text": text_col,
        "source": source_col,
        "title": title_col,
        "published": date_col,
        "doc_id": id_col,
        "url": url_col,
        "author": author_col,
    }
    loader = _Loader(
        errors,
        overrides,
        rename,
        options.get("encoding"),
        timeout=timeout,
        max_bytes=max_bytes,
    )
    loader.source(source)
    df = _assemble(
        loader,
        dedup=bool(options.get("dedup", True)),
        threshold=float(options.get("dedup_threshold", 0.8)),
    )
    df.attrs["problems"] = loader.problems
    return df


def corpus_info(documents: pd.DataFrame) -> dict:
    """Summarise a documents frame: counts per source, date range, duplicates, problems.

    Returns
    -------
    dict
        ``n_documents``, ``n_sources``, ``first``/``last`` (Timestamps or NaT),
        ``n_undated``, ``n_duplicates``, ``n_words``, ``n_problems``, ``problems`` (list)
        and ``sources``: a DataFrame with ``source``, ``n_documents``, ``n_duplicates``,
        ``first``, ``last``, ``mean_words`` (most documents first).

    Examples
    --------
    >>> import pandas as pd
    >>> info = corpus_info(load_corpus(pd.DataFrame({"text": ["a b", "c"], "source": "X"})))
    >>> info["n_documents"], info["sources"]["n_documents"].tolist()
    (2, [2])
    """
    df = documents
    published = pd.to_datetime(df["published"], utc=True) if "published" in df else None
    words = (
        df["text"].fillna("").str.count(r"\w+") if "text" in df else pd.Series(0, index=df.index)
    )
    dup = df["duplicate_of"].notna() if "duplicate_of" in df else pd.Series(False, index=df.index)
    src = df["source"].fillna("").replace("", "(unknown)") if "source" in df else "(unknown)"
    table = pd.DataFrame({"source": src, "dup": dup, "words": words, "published": published})
    per = (
        table.groupby("source", sort=False)
        .agg(
            n_documents=("dup", "size"),
            n_duplicates=("dup", "sum"),
            first=("published", "min"),
            last=("published", "max"),
            mean_words=("words", "mean"),
        )
        .reset_index()
        .sort_values(["n_documents", "source"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    problems = list(df.attrs.get("problems", []))
    return {
        "n_documents": len(df),
        "n_sources": int(per.shape[0]),
        "first": published.min() if published is not None and len(df) else pd.NaT,
        "last": published.max() if published is not None and len(df) else pd.NaT,
        "n_undated": int(published.isna().sum()) if published is not None else len(df),
        "n_duplicates": int(dup.sum()),
        "n_words": int(words.sum()),
        "n_problems": len(problems),
        "problems": problems,
        "sources": per,
    }
