"""Reading bytes safely: decoding with charset detection, and fetching http(s) URLs.

Private helpers of :mod:`toolkit.corpus`. Failures raise :class:`InputProblem`, whose
message is the human-readable reason that ends up in ``df.attrs["problems"]``.
"""

from __future__ import annotations

import codecs
import gzip
import http.client
import io
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

USER_AGENT = "media-toolkit/0.1 (+https://pypi.org/project/media-toolkit/)"
MAX_REDIRECTS = 5
ALLOWED_SCHEMES = ("http", "https")


class InputProblem(Exception):
    """A problem with one input (file, URL or record); the message is the reason."""


# --------------------------------------------------------------------------- decoding
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL_RE = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)[\"']")
_META_CHARSET_RE = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding announced by a byte-order mark, or ``None``."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def declared_encoding(data: bytes) -> str | None:
    """The encoding declared inside the document (XML declaration or HTML meta), if valid."""
    head = data[:4096]
    m = _XML_DECL_RE.search(head) or _META_CHARSET_RE.search(head)
    if not m:
        return None
    return valid_encoding(m.group(1).decode("ascii", "replace"))


def valid_encoding(name: str | None) -> str | None:
    """*name* if Python knows the codec, else ``None``."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess; among equally clean single-byte guesses, prefer cp1252.

    On short texts several legacy code pages decode without any oddity (cp1250, cp1252,
    cp1257, ...); cp1252 is the web's default for undeclared pages (WHATWG), so it wins ties.
    """
    try:
        from charset_normalizer import from_bytes

        results = list(from_bytes(data))
    except Exception:  # charset-normalizer failing is the same as no guess
        return None
    if not results:
        return None
    best = results[0]
    tied = [r for r in results if r.chaos <= best.chaos + 0.01]
    for r in tied:
        if r.encoding in _WESTERN or any(c in _WESTERN for c in r.could_be_from_charset):
            return "cp1252" if r.encoding != "latin_1" else "latin_1"
    return best.encoding


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NUL bytes sit in the pattern of UTF-16 text.

    Text in Latin, Cyrillic, Armenian ... script has a zero high byte in many code units:
    NULs at odd offsets only (little-endian) or at even offsets only (big-endian).
    """
    head = data[:8192]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= 0.3 * half and even * 4 <= odd:
        return "utf-16-le"
    if even >= 0.3 * half and odd * 4 <= even:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, declared: str | None = None, forced: str | None = None) -> str:
    """Decode *data* to ``str``: BOM, then *forced*, *declared* (HTTP header), in-document
    declaration, UTF-8, and finally charset-normalizer's best guess.

    Raises
    ------
    InputProblem
        When the bytes look binary or no encoding decodes them.

    Examples
    --------
    >>> decode_bytes("café".encode("latin-1"), declared="iso-8859-1")
    'café'
    """
    bom = bom_encoding(data)
    if bom:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as exc:
            raise InputProblem(
                f"bytes do not match their {bom} byte-order mark ({exc.reason})"
            ) from None
    candidates = [forced, valid_encoding(declared), declared_encoding(data), "utf-8"]
    binary = b"\x00" in data[:8192]
    if not binary:
        for enc in candidates:
            if enc:
                try:
                    return data.decode(enc)
                except (UnicodeDecodeError, LookupError):
                    continue
    if binary:
        utf16 = utf16_without_bom(data)
        if utf16:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                pass
    enc = _guess_encoding(data[:200_000])
    if enc and (not binary or enc.startswith(("utf_16", "utf_32"))):
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
    if binary:
        raise InputProblem("looks like a binary file, not text (contains NUL bytes)")
    raise InputProblem("cannot decode the bytes: not UTF-8 and no encoding could be detected")


def gunzip(data: bytes, *, limit: int) -> bytes:
    """Decompress gzip *data*, refusing more than *limit* bytes of output."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputProblem(f"broken gzip data ({exc})") from None
    if len(out) > limit:
        raise InputProblem(f"gzip content is larger than {limit:,} bytes")
    return out


# --------------------------------------------------------------------------- fetching
@dataclass
class Fetched:
    """The body and headers of a fetched URL."""

    url: str
    data: bytes
    content_type: str
    charset: str | None


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):  # noqa: D102
        target = headers.get("Location") or headers.get("URI") or ""
        newurl = urljoin(req.full_url, target)
        if urlsplit(newurl).scheme.lower() not in ALLOWED_SCHEMES:
            raise InputProblem(f"redirected to {newurl!r}: only http and https URLs are fetched")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def check_url(url: str) -> None:
    """Raise :class:`InputProblem` unless *url* is an http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise InputProblem(
            f"unsupported URL scheme {parts.scheme!r}: only http and https URLs are fetched"
        )
    if not parts.hostname:
        raise InputProblem("URL has no host name")


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _LimitedRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _read_capped(resp, *, max_bytes: int, deadline: float) -> bytes:
    """Read the body in pieces: at most *max_bytes*, and done before *deadline* (slow drips)."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = resp.read1(65536)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > max_bytes:
            raise InputProblem(f"response is larger than max_bytes={max_bytes:,}")
        if time.monotonic() > deadline:
            raise InputProblem("download too slow: not finished within 3 × timeout")
        parts.append(chunk)


def fetch_url(url: str, *, timeout: float = 10.0, max_bytes: int = 5_000_000) -> Fetched:
    """GET an http(s) *url* with a timeout, a size cap and at most 5 redirects.

    *timeout* applies to connecting and to each read; the whole body must arrive
    within ``3 * timeout`` seconds.

    Raises
    ------
    InputProblem
        For another scheme, an HTTP error status, a timeout, a refused connection,
        too many redirects or a body larger than *max_bytes*.
    """
    check_url(url)
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _opener().open(req, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputProblem(
                    f"response is {int(length):,} bytes, more than max_bytes={max_bytes:,}"
                )
            data = _read_capped(resp, max_bytes=max_bytes, deadline=time.monotonic() + 3 * timeout)
            coding = (resp.headers.get("Content-Encoding") or "").strip().lower()
            if coding in ("gzip", "x-gzip"):  # never more than max_bytes once unpacked
                data = gunzip(data, limit=max_bytes)
            elif coding not in ("", "identity"):
                raise InputProblem(
                    f"unsupported Content-Encoding {coding!r}: only gzip or none is read"
                )
            ctype = resp.headers.get_content_type() or ""
            charset = resp.headers.get_content_charset()
            final = resp.geturl()
    except InputProblem:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise InputProblem(f"too many redirects (more than {MAX_REDIRECTS})") from None
        raise InputProblem(f"HTTP error {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise InputProblem(f"timed out after {timeout} s") from None
        raise InputProblem(f"cannot connect: {reason}") from None
    except TimeoutError:
        raise InputProblem(f"timed out after {timeout} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise InputProblem(f"cannot fetch: {exc}") from None
    return Fetched(url=final, data=data, content_type=ctype, charset=charset)
