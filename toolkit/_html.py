"""HTML pages: main text and metadata with trafilatura.

Private helper of :mod:`toolkit.corpus`.

Settings (see ``benchmarks/extraction.py``): on the article-extraction benchmark pages in
``../shared/data/extraction`` the combinations scored (mean token F1):
default 0.944, ``favor_precision`` 0.952, ``include_comments=False`` 0.950,
``include_comments=False, fast=True`` 0.955 and
``include_comments=False, favor_recall=True, fast=True`` 0.961 — the one used here. Comments
are never article text; ``fast`` skips the readability/justext fallbacks, which on news
pages more often add boilerplate than rescue text; ``favor_recall`` keeps short paragraphs.
Tables are kept (``include_tables=True``): dropping them cost recall (0.937 F1).
"""

from __future__ import annotations

import json
import re

import pandas as pd

from toolkit._clean import parse_date
from toolkit._fetch import InputProblem

EXTRACT_OPTIONS: dict = {
    "include_comments": False,
    "favor_recall": True,
    "fast": True,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
}
#: Publication date (not last modification), with the time of day when the page gives one.
DATE_OPTIONS: dict = {
    "original_date": True,
    "extensive_search": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


# Publication-time fields, in order of trust: Open Graph / article meta, schema.org microdata,
# Dublin Core, then common CMS names. Keys are compared lower-cased.
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "parsely-pub-date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
)
_TAG_RE = re.compile(r"<(?:meta|time)\s[^<>]{0,2000}>", re.IGNORECASE)
_ATTR_RE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_LDJSON_RE = re.compile(r"<script\b[^<>]{0,300}?application/ld\+json[^<>]{0,300}>", re.IGNORECASE)
_SCRIPT_END_RE = re.compile(r"</script", re.IGNORECASE)
_TIME_OF_DAY_RE = re.compile(r"\d{1,2}:\d{2}")
_LDJSON_LIMIT = 1_000_000  # characters of one JSON-LD block; larger blocks are not read


def _meta_dates(page: str) -> list[str]:
    """Publication dates the page states in meta tags, ``<time itemprop>`` and JSON-LD, in trust order."""
    found: dict[str, str] = {}
    for tag in _TAG_RE.finditer(page):
        attrs = {k.lower(): v.strip("\"'").strip() for k, v in _ATTR_RE.findall(tag.group(0))}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = attrs.get("content") or attrs.get("datetime") or ""
        if key in _DATE_KEYS and value:
            found.setdefault(key, value)
    out = [found[k] for k in _DATE_KEYS if k in found]
    pos = 0
    while (opening := _LDJSON_RE.search(page, pos)) is not None:
        closing = _SCRIPT_END_RE.search(page, opening.end())
        if closing is None:  # unclosed: stop (never rescan the rest of the page per opening tag)
            break
        raw, pos = page[opening.end() : closing.start()], closing.start()
        if len(raw) > _LDJSON_LIMIT:
            continue
        try:
            stack = [json.loads(raw)]
        except (ValueError, RecursionError):
            continue
        seen = 0
        while stack and seen < 10_000:  # breadth bound: hostile JSON cannot keep us here
            node = stack.pop(0)
            seen += 1
            if isinstance(node, dict):
                value = node.get("datePublished")
                if isinstance(value, str) and value.strip():
                    out.append(value.strip())
                stack.extend(v for v in node.values() if isinstance(v, dict | list))
            elif isinstance(node, list):
                stack.extend(v for v in node if isinstance(v, dict | list))
    return out


def published_time(page: str, found: str = "") -> str:
    """The publication time a page states about itself, as an ISO string in UTC.

    trafilatura's date search can prefer a date-only candidate (for example a date in the
    URL) and so lose the time of day; the page's own ``article:published_time`` /
    ``og:published_time`` / ``itemprop="datePublished"`` / JSON-LD ``datePublished``
    keeps it. A stated time (with its offset, converted to UTC) wins; a stated date
    without a time is used only when *found* (trafilatura's date) is empty. Naive
    times are taken to be UTC.

    Examples
    --------
    >>> published_time('<meta property="article:published_time" content="2024-03-14T08:30:00+01:00">')
    '2024-03-14T07:30:00+00:00'
    """
    date_only = ""
    for value in _meta_dates(page):
        stamp = parse_date(value)
        if pd.isna(stamp):  # NaT
            continue
        if _TIME_OF_DAY_RE.search(value):
            return stamp.isoformat()
        date_only = date_only or stamp.isoformat()
    return found or date_only


def extract_html(page: str, *, url: str | None = None) -> dict:
    """Main text and metadata of an HTML page.

    Returns a dict with ``title``, ``author``, ``published`` (string as found, or ``""``),
    ``url``, ``source`` (site name, else host name), ``description`` and ``text``
    (one paragraph per line, without the headline when it opens the text).

    Raises
    ------
    InputProblem
        When no article text is found.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            date_extraction_params=DATE_OPTIONS,
            **EXTRACT_OPTIONS,
        )
    except Exception as exc:  # trafilatura/lxml may fail on pathological markup
        raise InputProblem(f"cannot extract text from the HTML page: {exc}") from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise InputProblem("no article text found in the HTML page")
    first, _, rest = text.strip().partition("\n")
    if doc.title and rest.strip() and " ".join(first.split()) == " ".join(doc.title.split()):
        text = rest  # the headline repeated as the first paragraph
    return {
        "title": doc.title or "",
        "author": doc.author or "",
        "published": published_time(page, doc.date or ""),
        "url": doc.url or url or "",
        "source": doc.sitename or doc.hostname or "",
        "description": doc.description or "",
        "text": text,
    }
