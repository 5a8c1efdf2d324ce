"""RSS 1.0/2.0 and Atom feeds: safe parsing (no DTD entities, no external reads) and items.

Private helpers of :mod:`toolkit.corpus`. Bytes are vetted with :mod:`defusedxml` and a
scan for entity declarations *before* :mod:`feedparser` sees them; feedparser always
gets a byte stream, never a string it could take for a file name or URL.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
from xml.etree.ElementTree import ParseError

import pandas as pd

from toolkit._clean import clean_text, parse_date
from toolkit._fetch import InputProblem, bom_encoding, declared_encoding, utf16_without_bom

_FEED_ROOT_RE = re.compile(r"<(?:rss|feed|rdf:RDF|RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT_RE = re.compile(r"<(?:html|body|head)[\s>]", re.IGNORECASE)
_ENTITY_RE = re.compile(r"<!ENTITY", re.IGNORECASE)
_INTERNAL_SUBSET_RE = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_DOCTYPE_SYSTEM_RE = re.compile(
    r"<!DOCTYPE[^>]*?(?:SYSTEM|PUBLIC)[^>]*?[\"']([^\"']*)[\"']\s*>", re.IGNORECASE
)


def _loose_text(data: bytes, limit: int | None = None) -> str:
    chunk = data if limit is None else data[:limit]
    enc = bom_encoding(data) or utf16_without_bom(data) or declared_encoding(data) or "utf-8"
    try:
        return chunk.decode(enc, errors="replace")
    except LookupError:
        return chunk.decode("utf-8", errors="replace")


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes open an RSS/RDF/Atom document rather than an HTML page."""
    head = _loose_text(data, 4096)
    feed = _FEED_ROOT_RE.search(head)
    if not feed:
        return False
    page = _HTML_ROOT_RE.search(head)
    return page is None or feed.start() < page.start()


def vet_xml(data: bytes) -> None:
    """Refuse XML that declares entities or an internal DTD subset, or points at external files.

    This blocks "billion laughs" entity expansion and XXE (``file:///etc/passwd``) before
    any parser resolves anything.

    Raises
    ------
    InputProblem
        Naming what was refused.
    """
    text = _loose_text(data)
    if _ENTITY_RE.search(text) or _INTERNAL_SUBSET_RE.search(text):
        raise InputProblem(
            "refused: the feed declares a DTD with entities (<!ENTITY ...>), which can expand "
            "without limit (billion laughs) or read local files (XXE)"
        )
    for m in _DOCTYPE_SYSTEM_RE.finditer(text[:8192]):
        ref = m.group(1).strip().lower()
        # http(s) DTD locations are never fetched; "-//..." is a public identifier
        if ref and not ref.startswith(("http://", "https://", "-//")):
            raise InputProblem(
                f"refused: the feed's DOCTYPE refers to a local resource {m.group(1)!r}"
            )
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:  # second line of defence, e.g. for unusual encodings
        raise InputProblem(
            f"refused: the feed declares a DTD or entities the XML parser may not resolve ({exc!r})"
        ) from None
    except (ParseError, ValueError, UnicodeError):
        pass  # not well-formed: feedparser's lenient parser decides below


_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|pre|figure|figcaption|dd|dt|hr)\b[^>]*>",
    re.IGNORECASE,
)
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (feed content), with paragraph breaks kept.

    Examples
    --------
    >>> html_to_text("<p>One &amp; <b>two</b></p><p>Three</p>")
    'One & two\\n\\nThree'
    """
    if not fragment:
        return ""
    if "<" not in fragment:
        return clean_text(html.unescape(fragment))
    import lxml.html
    from lxml import etree

    frag = _BLOCK_TAG_RE.sub("\n\n", _BR_RE.sub("\n", fragment))
    try:
        root = lxml.html.fragment_fromstring(frag, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return clean_text(root.text_content())


def _struct_to_utc(value) -> _dt.datetime | None:
    if not value:
        return None
    try:
        return _dt.datetime(*value[:6], tzinfo=_dt.UTC)
    except (TypeError, ValueError):
        return None


def parse_feed(data: bytes, *, charset: str | None = None) -> tuple[str, list[dict], str | None]:
    """Parse feed bytes into ``(feed_title, items, warning)``; each item a dict of fields.

    Items carry ``title``, ``text`` (from content:encoded/content, else summary/description,
    HTML stripped; the title when the item has no body), ``published`` (UTC datetime or
    None), ``author``, ``url``, ``guid`` and ``categories``. *warning* is set when the XML
    was broken but items were recovered.

    Raises
    ------
    InputProblem
        For unsafe XML, or a feed with no items.
    """
    import feedparser

    vet_xml(data)
    headers = {"content-type": "application/xml"}
    if charset and not bom_encoding(data) and not declared_encoding(data):
        headers["content-type"] = f"application/xml; charset={charset}"
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser can fail on pathological input; report it
        raise InputProblem(f"broken feed: {exc}") from None
    entries = parsed.get("entries") or []
    exc = parsed.get("bozo_exception")
    if not entries:
        if exc is not None:
            raise InputProblem(f"broken feed, no items could be read: {exc}")
        raise InputProblem("not an RSS/Atom feed, or a feed with no items")
    warning = None
    if exc is not None and not isinstance(
        exc, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType
    ):
        if not any(e.get("title") or e.get("summary") or e.get("content") for e in entries):
            raise InputProblem(f"broken feed, no items could be read: {exc}")
        warning = f"feed is not well-formed ({exc}); {len(entries)} item(s) recovered, some may be missing"
    feed = parsed.get("feed") or {}
    source = html_to_text(feed.get("title") or "").strip()
    items = []
    for e in entries:
        body = ""
        contents = e.get("content") or []
        if contents:
            body = "\n\n".join(html_to_text(c.get("value")) for c in contents)
        if not body.strip():
            body = html_to_text(e.get("summary") or "")
        title = html_to_text(e.get("title") or "")
        published = None  # the raw string keeps milliseconds; feedparser's tuple is the fallback
        for key in ("published", "updated", "created"):
            raw, parsed = dict.get(e, key), dict.get(e, f"{key}_parsed")
            if raw or parsed:
                stamp = parse_date(raw) if raw else pd.NaT
                published = stamp.to_pydatetime() if not pd.isna(stamp) else _struct_to_utc(parsed)
                if published:
                    break
        items.append(
            {
                "title": title,
                "text": body if body.strip() else title,
                "published": published,
                "author": e.get("author") or "",
                "url": e.get("link") or "",
                "guid": e.get("id") or "",
                "categories": "; ".join(t.get("term") or "" for t in (e.get("tags") or [])),
            }
        )
    return source, items, warning
