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
        "published": doc.date or "",
        "url": doc.url or url or "",
        "source": doc.sitename or doc.hostname or "",
        "description": doc.description or "",
        "text": text,
    }
