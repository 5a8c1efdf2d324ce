"""Hostile and broken input: nothing crashes, nothing is lost, nothing is read or run.

Property-based (hypothesis, derandomised so CI is deterministic) for the loaders, the
measures and the escaping of reports and highlighted articles; plus targeted tests for
unsafe XML, unsafe fetching (servers on 127.0.0.1 only) and determinism.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import html
import io
import json
import re
import tempfile
import threading
import time
import warnings
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit._feeds import vet_xml
from toolkit._fetch import InputProblem, fetch_url
from toolkit._html import published_time
from toolkit._render import Bullets, Heading, Paragraph, Quote, Table, html_escape, latex_escape
from toolkit.corpus import load_corpus
from toolkit.errors import CorpusError, ToolkitWarning
from toolkit.highlight import highlight

FIX = Path(__file__).resolve().parent / "fixtures" / "corpus"

# Deterministic, modest: the whole file must run in well under a minute.
FAST = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(FAST, max_examples=25)

# --------------------------------------------------------------------------- strategies
#: Characters that break naive code: invisible, bidi controls, BOM, line/para separators,
#: combining marks, quotes, markup and LaTeX specials, other scripts, astral emoji.
NASTY = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2069"
    "\r\n\t\x0b\x0c\x1c\x85\u2028\u2029\u00a0\u0301\u0308"
    "\"'“”„«»‘’<>&;#%$\\{}_^~[]|`"
    "Արցախ Карабах Qarabağ עברית العربية 中文 🙂👩‍👩‍👧"
)
hostile_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(NASTY),
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from("abc XYZ. ,!?"),
    ),
    max_size=300,
)
#: Text a person could have written (words, punctuation, invisible and bidi marks, other
#: scripts): whatever its encoding, it must load. Random code-point soup need not: it may
#: be reported as undecodable (a problem record), which test_any_bytes_... covers.
WORDS = [
    "the",
    "Council",
    "café",
    "naïve",
    "Zürich",
    "façade",
    "Ærø",
    "œuvre",
    "“quoted”",
    "'single'",
    "50%",
    "$5",
    "a_b",
    "{x}",
    "#1",
    "&",
    "<b>",
    "\\input",
    "Карабах",
    "Արցախ",
    "Qarabağ",
    "שלום",
    "سلام",
    "🙂",
    "x\u200by",
    "\u202eevil",
    "\u200f",
    "\ufeff",
]
typed_text = st.lists(
    st.tuples(
        st.sampled_from(WORDS), st.sampled_from([" ", "  ", "\n", "\r\n", "\u00a0", "\t", ". "])
    ),
    max_size=40,
).map(lambda pairs: "".join(w + s for w, s in pairs))
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "koi8-r")


@st.composite
def encoded(draw, text=hostile_text) -> bytes:
    """Text in one encoding, or pieces of it in several (mixed encodings)."""
    parts = draw(st.lists(st.tuples(text, st.sampled_from(ENCODINGS)), min_size=1, max_size=3))
    return b"".join(t.encode(enc, errors="replace") for t, enc in parts)


raw_bytes = st.one_of(st.binary(max_size=400), encoded())
EXTS = (".txt", ".html", ".csv", ".tsv", ".json", ".jsonl", ".xml", ".rss", ".parquet")


def quiet(source, **kw) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ToolkitWarning)
        return load_corpus(source, **kw)


def load_bytes(data: bytes, name: str, **kw) -> pd.DataFrame:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return quiet(path, **kw)


def accounted(df: pd.DataFrame) -> None:
    """Every problem is a complete record naming a file and a reason."""
    for p in df.attrs["problems"]:
        assert set(p) == {"path", "record", "reason"}
        assert p["path"] and isinstance(p["reason"], str) and p["reason"].strip()


# --------------------------------------------------------------------------- loaders
@FAST
@given(data=raw_bytes, ext=st.sampled_from(EXTS), gz=st.booleans())
def test_any_bytes_in_any_format_give_rows_or_problems(data, ext, gz):
    name = "x" + ext + (".gz" if gz else "")
    payload = gzip.compress(data, mtime=0) if gz else data
    df = load_bytes(payload, name, errors="skip")
    accounted(df)
    # the file is in the result or named by a problem: never silently nothing
    assert len(df) or df.attrs["problems"]
    if ext in (".txt", ".html"):  # one file, one record
        assert len(df) + len(df.attrs["problems"]) == 1
    assert str(df["published"].dtype) == "datetime64[ns, UTC]"
    assert df["doc_id"].is_unique and (df["text"].str.len() > 0).all()


@FAST
@given(data=raw_bytes, ext=st.sampled_from(EXTS))
def test_errors_raise_gives_corpus_error_only(data, ext):
    """``errors="raise"``: a frame or a CorpusError, never AttributeError/KeyError/..."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{ext}"
        path.write_bytes(data)
        try:
            df = load_corpus(path, errors="raise")
        except CorpusError as exc:
            assert str(path) in str(exc)
        else:
            assert len(df) >= 1 and df.attrs["problems"] == []


@FAST
@given(text=typed_text, enc=st.sampled_from(ENCODINGS), crlf=st.booleans())
def test_txt_keeps_the_words_whatever_the_encoding(text, enc, crlf):
    body = f"Title line\n\nby Outlet\n\nStart {text} end\n"
    if crlf:
        body = body.replace("\n", "\r\n")
    df = load_bytes(body.encode(enc, errors="replace"), "a.txt", errors="skip")
    assert df.attrs["problems"] == [] and len(df) == 1
    out = df["text"].iloc[0]
    assert out.startswith("Start") and out.endswith("end")
    assert not re.search("[\u200b\ufeff\u200e\u200f\r]", out)  # invisible marks removed


ragged_cell = st.text(alphabet=st.sampled_from("ab ,\"'\n\r;\t\u202eé"), min_size=0, max_size=12)


@FAST
@given(
    rows=st.lists(st.lists(ragged_cell, min_size=0, max_size=5), min_size=1, max_size=12),
    crlf=st.booleans(),
    bom=st.booleans(),
)
def test_ragged_csv_every_row_is_a_row_or_a_problem(rows, crlf, bom):
    if not crlf:  # RFC 4180: a bare CR must be quoted, and the writer quotes only "\n" then
        rows = [[c.replace("\r", "") for c in r] for r in rows]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n" if crlf else "\n").writerows(
        [["text", "source", "title"], *rows]
    )
    data = buf.getvalue().encode("utf-8-sig" if bom else "utf-8")
    df = load_bytes(data, "t.csv", errors="skip")
    accounted(df)
    problems = df.attrs["problems"]
    assert not any("no text column" in p["reason"] for p in problems)  # header read past the BOM
    n_records = sum(1 for r in rows if r)  # a blank line is not a record
    if n_records:
        assert len(df) + len(problems) == n_records, problems
        for p in problems:  # each names its record: row number in the file
            assert isinstance(p["record"], int) and 1 <= p["record"] <= n_records
    else:
        assert len(df) == 0 and [p["reason"] for p in problems] == ["table has no rows"]


@FAST
@given(
    items=st.lists(
        st.one_of(
            st.fixed_dictionaries({"text": hostile_text}),
            st.fixed_dictionaries({"body": hostile_text, "id": st.integers()}),
            st.just([]),
            st.integers(),
            st.none(),
            st.text(max_size=5),
        ),
        max_size=8,
    ),
    jsonl=st.booleans(),
)
def test_json_records_of_any_shape_are_accounted(items, jsonl):
    if jsonl:
        data = "\n".join(json.dumps(i) for i in items).encode()
        name = "r.jsonl"
    else:
        data = json.dumps(items).encode()
        name = "r.json"
    df = load_bytes(data, name, errors="skip")
    accounted(df)
    if items:
        assert len(df) + len(df.attrs["problems"]) == len(items)
    else:
        assert len(df) == 0 and len(df.attrs["problems"]) == 1


@FAST
@given(cut=st.integers(min_value=0, max_value=2000))
def test_truncated_html_page(cut):
    page = (FIX / "page.html").read_bytes()
    df = load_bytes(page[: cut * len(page) // 2000], "p.html", errors="skip")
    accounted(df)
    assert len(df) + len(df.attrs["problems"]) == 1


@FEW
@given(cut=st.integers(min_value=1, max_value=400))
def test_truncated_or_malformed_feed(cut):
    feed = (FIX / "latin1.rss").read_bytes()
    for data in (feed[: cut * len(feed) // 400], feed.replace(b"</item>", b"</itm>", 1)):
        df = load_bytes(data, "f.rss", errors="skip")
        accounted(df)
        assert len(df) or df.attrs["problems"]


def test_empty_zero_byte_and_whitespace_files(tmp_path):
    names = ["a.txt", "b.html", "c.csv", "d.json", "e.jsonl", "f.rss", "g.parquet", "h.txt.gz"]
    for name in names[:-1]:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "h.txt.gz").write_bytes(gzip.compress(b" \r\n\t "))
    (tmp_path / "i.csv").write_text("text,source\n", encoding="utf-8")  # header, no rows
    (tmp_path / "j.txt").write_bytes(codecs.BOM_UTF8 + "\u200b\u200e \n".encode())
    df = quiet(tmp_path)
    assert len(df) == 0
    reasons = {Path(p["path"]).name: p["reason"] for p in df.attrs["problems"]}
    assert sorted(reasons) == sorted([*names, "i.csv", "j.txt"])
    assert reasons["a.txt"] == "empty file" and reasons["h.txt.gz"] == "empty file"
    assert reasons["i.csv"] == "table has no rows"
    assert reasons["j.txt"] == "no text found"


def test_five_megabyte_articles_load_whole(tmp_path):
    words = " ".join(f"w{i % 997}" for i in range(800_000))  # ~5 MB, one paragraph
    (tmp_path / "big.txt").write_text(f"Big\n\nby Outlet\n\n{words}\n", encoding="utf-8")
    (tmp_path / "big.csv").write_text(f'text,source\n"{words}",Outlet\n', encoding="utf-8")
    (tmp_path / "big.jsonl").write_text(json.dumps({"text": words}) + "\n", encoding="utf-8")
    page = f"<html><head><title>Big</title></head><body><article><p>{words}</p></article></body></html>"
    (tmp_path / "big.html").write_text(page, encoding="utf-8")
    start = time.perf_counter()
    df = quiet(tmp_path)
    assert df.attrs["problems"] == []
    assert len(df) == 4 and (df["text"] == words).all()
    assert df["duplicate_of"].notna().sum() == 3  # the copies are flagged, not dropped
    assert time.perf_counter() - start < 40


def test_ragged_csv_with_huge_field_falls_back_without_losing_rows(tmp_path):
    big = "x" * 200_000  # beyond the csv module's default field size limit
    (tmp_path / "r.csv").write_text(
        f'text,source\n"{big}",A\nextra,B,C,D\nshort\n', encoding="utf-8"
    )
    df = quiet(tmp_path / "r.csv")
    accounted(df)
    assert df["text"].tolist() == [big, "short"]
    (problem,) = df.attrs["problems"]
    assert problem["record"] == 2 and "4 fields, the header has 2" in problem["reason"]


def test_two_loads_give_identical_frames(tmp_path):
    for name in ("article.txt", "page.html", "latin1.rss", "table.csv", "bridge.txt.gz"):
        (tmp_path / name).write_bytes((FIX / name).read_bytes())
    (tmp_path / "dup.txt").write_bytes((FIX / "article.txt").read_bytes())
    (tmp_path / "bad.json").write_bytes(b"{not json")
    a, b = quiet(tmp_path), quiet(tmp_path)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["problems"] == b.attrs["problems"] and len(a.attrs["problems"]) == 2
    assert a["duplicate_of"].notna().any()


# --------------------------------------------------------------------------- dates
PUBLISHED = "2024-03-14T08:30:00+01:00"
BODY = "<p>" + "The council met on Thursday to discuss the harbour plan and its costs. " * 5


@pytest.mark.parametrize(
    "head",
    [
        f'<meta property="article:published_time" content="{PUBLISHED}">',
        f'<meta property="og:published_time" content="{PUBLISHED}">',
        f'<meta itemprop="datePublished" content="{PUBLISHED}">',
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
        f'{{"@type": "NewsArticle", "datePublished": "{PUBLISHED}"}}]}}</script>',
    ],
)
def test_html_keeps_the_time_of_day_of_the_published_meta(tmp_path, head):
    page = f"<html><head><title>Harbour</title>{head}</head><body><article>{BODY}</article>"
    # a date in the URL made the date search settle for midnight
    page += '<link rel="canonical" href="https://x.example/2024/03/14/harbour"></body></html>'
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    df = load_corpus(tmp_path / "p.html")
    assert df["published"].iloc[0] == pd.Timestamp("2024-03-14 07:30", tz="UTC")


def test_published_time_rules():
    assert published_time("<p>no meta</p>", "2020-01-01") == "2020-01-01"
    date_only = '<meta property="article:published_time" content="2024-03-14">'
    assert published_time(date_only, "2024-03-14T09:00:00+0000") == "2024-03-14T09:00:00+0000"
    assert published_time(date_only, "") == "2024-03-14T00:00:00+00:00"
    junk = '<meta property="article:published_time" content="yesterday-ish 99:99">'
    assert published_time(junk, "") == ""
    unclosed = '<script type="application/ld+json">' * 50_000
    start = time.perf_counter()
    assert published_time(unclosed + '{"datePublished": "x"', "") == ""
    assert time.perf_counter() - start < 1


# --------------------------------------------------------------------------- XML
def test_xxe_reads_no_file_and_says_why(tmp_path):
    (tmp_path / "private").mkdir()
    secret = tmp_path / "private" / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER root:x:0:0", encoding="utf-8")
    item = "<item><title>a &x;</title><description>b &x; long enough body</description></item>"
    variants = {
        "file.xml": f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>',
        "param.xml": f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>',
        "passwd.xml": '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        "lower.xml": f'<!doctype rss [ <!entity x system "file://{secret}"> ]>',
    }
    for name, dtd in variants.items():
        xml = f"<?xml version='1.0'?>\n{dtd}\n<rss version='2.0'><channel><title>T</title>{item}</channel></rss>"
        (tmp_path / name).write_text(xml, encoding="utf-8")
    # UTF-16 hides "<!ENTITY" from a byte scan: the parser-level refusal still holds
    xml16 = (
        (tmp_path / "file.xml")
        .read_text(encoding="utf-8")
        .replace("'1.0'", "'1.0' encoding='UTF-16'")
    )
    (tmp_path / "utf16.xml").write_bytes(xml16.encode("utf-16"))
    (tmp_path / "utf16le.xml").write_bytes(xml16.encode("utf-16-le"))
    df = quiet(sorted(tmp_path.glob("*.xml")))
    assert len(df) == 0
    problems = df.attrs["problems"]
    assert len(problems) == 6
    for p in problems:
        assert "refused" in p["reason"]
        assert re.search(r"DTD|ENTITY|entit", p["reason"]), p
    everything = repr(df.attrs) + df.to_csv()
    assert "TOP-SECRET-MARKER" not in everything and "root:" not in everything


def test_billion_laughs_refused_naming_the_attack():
    start = time.perf_counter()
    df = quiet(FIX / "billion_laughs.rss")
    (problem,) = df.attrs["problems"]
    assert "billion laughs" in problem["reason"] and "<!ENTITY" in problem["reason"]
    assert len(df) == 0 and time.perf_counter() - start < 5
    lol = "lol" * 10
    quad = b'<!DOCTYPE r [<!ENTITY a "' + lol.encode() * 10_000 + b'">]><rss>&a;&a;&a;</rss>'
    with pytest.raises(InputProblem, match="refused"):
        vet_xml(quad)  # quadratic blowup: one big entity used many times


# --------------------------------------------------------------------------- fetching
GZIP_BOMB = gzip.compress(b"\0" * 20_000_000, compresslevel=9, mtime=0)
PAGE = (FIX / "page.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def send(self, code: int, body: bytes, ctype: str = "text/html", **headers) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if "length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            if key != "length":
                self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        p = self.path
        if p == "/loop":
            self.send(302, b"", Location="/loop")
        elif p == "/pingpong-a":
            self.send(301, b"", Location="/pingpong-b")
        elif p == "/pingpong-b":
            self.send(307, b"", Location="/pingpong-a")
        elif p == "/to-ftp":
            self.send(302, b"", Location="ftp://127.0.0.1/etc/passwd")
        elif p == "/to-file-relative":
            self.send(303, b"", Location="file:/etc/passwd")
        elif p == "/to-data":
            self.send(302, b"", Location="data:text/html,<p>hi</p>")
        elif p == "/error":
            self.send(500, b"<p>Internal error</p>")
        elif p == "/gone":
            self.send(404, b"<p>Not found</p>")
        elif p == "/stream":  # no Content-Length: the cap must hold while reading
            self.send(200, PAGE + b"<!--" + b"y" * 300_000 + b"-->", length=None)
        elif p == "/liar":  # says 100 bytes, sends far more
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"<p>" + b"z" * 300_000)
        elif p == "/bomb":
            self.send(200, GZIP_BOMB, Content_Encoding="gzip")
        elif p == "/brotli":
            self.send(200, b"\x1b\x03\x00\xf8\xa5", Content_Encoding="br")
        elif p == "/pdf":
            self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
        elif p == "/hang":
            time.sleep(3)
            self.send(200, PAGE)
        else:
            self.send(200, PAGE)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def only_problem(url: str, **kw) -> str:
    df = quiet(url, **kw)
    assert len(df) == 0
    (problem,) = df.attrs["problems"]
    assert problem["path"] == url
    return problem["reason"]


def test_fetch_refusals_are_problems(server):
    assert "too many redirects" in only_problem(f"{server}/loop")
    assert "too many redirects" in only_problem(f"{server}/pingpong-a")
    for route in ("/to-ftp", "/to-file-relative", "/to-data"):
        assert "only http and https" in only_problem(server + route), route
    assert "HTTP error 500" in only_problem(f"{server}/error")
    assert "HTTP error 404" in only_problem(f"{server}/gone")
    assert "unsupported content type 'application/pdf'" in only_problem(f"{server}/pdf")
    assert "Content-Encoding 'br'" in only_problem(f"{server}/brotli")
    with pytest.raises(CorpusError, match="HTTP error 500"):
        load_corpus(f"{server}/error", errors="raise")


def test_fetch_caps_size_even_without_or_with_a_lying_length(server):
    assert "max_bytes=100,000" in only_problem(f"{server}/stream", max_bytes=100_000)
    assert len(fetch_url(f"{server}/liar", max_bytes=100_000).data) == 100  # never 300 kB
    start = time.perf_counter()
    assert "gzip content is larger" in only_problem(f"{server}/bomb", max_bytes=1_000_000)
    assert time.perf_counter() - start < 5
    assert len(quiet(f"{server}/stream")) == 1  # the default cap (5 MB) lets it through


def test_fetch_timeout_is_bounded(server):
    start = time.perf_counter()
    assert "timed out" in only_problem(f"{server}/hang", timeout=0.5)
    assert time.perf_counter() - start < 2.5


# --------------------------------------------------------------------------- measures
@pytest.fixture(scope="module")
def sample_actors():
    from toolkit.actors import load_actors

    return load_actors("sample")


doc_texts = st.lists(hostile_text, min_size=1, max_size=4)


@FEW
@given(texts=doc_texts)
def test_measures_survive_hostile_text(sample_actors, texts):
    from toolkit.actors import find_mentions
    from toolkit.attribution import find_quotes
    from toolkit.framing import loaded_language
    from toolkit.sentiment import target_sentiment
    from toolkit.text import split_sentences

    names = sample_actors.actors
    seeded = [
        t + " " + names[i % len(names)]["id"].title() + " said: “no”." for i, t in enumerate(texts)
    ]
    docs = pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(len(seeded))], "source": "S", "text": seeded},
        index=[10 + 3 * i for i in range(len(seeded))],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ToolkitWarning)
        sents = split_sentences(docs)
    by_doc = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for row in sents.itertuples():
        assert 0 <= row.start <= row.end <= len(by_doc[row.doc_id])
        assert by_doc[row.doc_id][row.start : row.end] == row.text
    mentions = find_mentions(sents, sample_actors)
    sent_text = {(r.doc_id, r.sent_id): r.text for r in sents.itertuples()}
    for m in mentions.itertuples():
        s = sent_text[(m.doc_id, m.sent_id)]
        assert 0 <= m.start < m.end <= len(s) and s[m.start : m.end] == m.label
    loaded = loaded_language(sents)
    assert loaded.index.equals(sents.index)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ToolkitWarning)
        quotes = find_quotes(sents, sample_actors)
    assert set(quotes["doc_id"]) <= set(docs["doc_id"])
    if len(mentions):
        data = mentions.assign(
            sentence=[
                sent_text[(d, s)] for d, s in zip(mentions.doc_id, mentions.sent_id, strict=True)
            ]
        )
        data.index = data.index * 7 + 1
        ts = target_sentiment(data)
        assert ts.index.equals(data.index)
        assert ts["polarity"].isin([-1, 0, 1]).all()
        assert ((ts[["p_negative", "p_neutral", "p_positive"]].sum(axis=1) - 1).abs() < 1e-6).all()


# --------------------------------------------------------------------------- highlight HTML
class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data) -> None:
        self.data.append(data)


SAFE_TAGS = {"div", "p", "br", "mark", "span", "strong", "small"}


def assert_safe_html(snippet: str) -> None:
    parser = TagCollector()
    parser.feed(snippet)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in SAFE_TAGS, tag
        for name, value in attrs:
            assert name in {"class", "style", "title"}, (tag, name)
            if name in ("style", "class"):  # title is an inert tooltip: any text may show
                low = (value or "").lower().replace(" ", "")
                assert "javascript:" not in low and "url(" not in low and "expression(" not in low


class EvilActors:
    """An actor matcher whose ids and labels try to break out of attributes and tags."""

    evil = '"><script>alert(1)</script><a href="javascript:alert(2)" x="'

    def match(self, text: str):
        return [(self.evil, text[:3], 0, 3, "member", self.evil)] if len(text) >= 3 else []

    def label_of(self, actor_id: str) -> str:
        return "' onmouseover='alert(3)' \" onclick=\"alert(4)"


def test_highlight_escapes_scripts_attributes_and_urls():
    doc = {
        "text": 'Abc <script>alert(1)</script> "quoted" <img src=x onerror=alert(1)> end.',
        "title": "<script>alert('t')</script>",
        "source": '"><iframe src=javascript:alert(1)>',
        "url": "javascript:alert(document.cookie)",
        "doc_id": "<b>id</b>",
    }
    h = highlight(
        doc,
        actors=EvilActors(),
        spans=[(4, 12, '"><script>x</script>', "' onfocus='y", '<a href="javascript:z">')],
    )
    assert_safe_html(h.html)
    assert "<script" not in h.html and "<iframe" not in h.html and "<img" not in h.html
    assert "<a " not in h.html and 'href="' not in h.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in h.html
    assert h.text == doc["text"]


@FAST
@given(
    text=hostile_text.filter(lambda t: len(t) >= 2),
    label=hostile_text,
    cuts=st.lists(st.integers(min_value=0, max_value=1000), min_size=2, max_size=6),
)
def test_highlight_any_text_and_labels_stay_inert(text, label, cuts):
    n = len(text)
    points = sorted({c % n for c in cuts})
    spans = [(a, b, "loaded", label, label) for a, b in zip(points, points[1:], strict=False)]
    h = highlight(text, loaded=spans, quotes=True, spans=[(0, n, label, label, label)], title=label)
    assert_safe_html(h.html)
    assert (
        h.spans["text"] == [text[s:e] for s, e in zip(h.spans.start, h.spans.end, strict=True)]
    ).all()


# --------------------------------------------------------------------------- report LaTeX/HTML
ESCAPES = re.compile(
    r"\\text(?:backslash|asciitilde|asciicircum|less|greater|bar|quotedbl)\{\}"
    r"|\\[{}$&#_%]|\{\[\}|\{\]\}"
)
SPECIALS = re.compile(r"[\\{}$&#^_%~]")


def assert_inert_latex(escaped: str) -> None:
    left = ESCAPES.sub("", escaped)
    assert not SPECIALS.search(left), (escaped, left)
    assert "\n" not in escaped  # a blank line would end a paragraph/argument


@FAST
@given(text=hostile_text)
def test_latex_escape_leaves_no_special_character(text):
    assert_inert_latex(latex_escape(text))
    attack = "\\input{/etc/passwd}\\write18{touch x}^^5cinput" + text
    out = latex_escape(attack)
    assert_inert_latex(out)
    assert "\\input" not in out and "\\write18" not in out


@FAST
@given(text=hostile_text, cite=hostile_text)
def test_render_objects_put_text_only_through_the_escape(text, cite):
    """Each object's LaTeX is its fixed template with the *escaped* text in the slots."""
    m1, m2 = "QQSLOTONEQQ", "QQSLOTTWOQQ"

    def fill(tpl: str) -> str:
        return tpl.replace(m1, latex_escape(text)).replace(m2, latex_escape(cite))

    for make in (
        lambda a, b: Heading(a, level=2),
        lambda a, b: Paragraph(a, style="caption"),
        lambda a, b: Paragraph(a),
        lambda a, b: Bullets([a, b]),
        lambda a, b: Quote(a, b),
    ):
        assert make(text, cite)._repr_latex_() == fill(make(m1, m2)._repr_latex_())
        out = make(text, cite)._repr_html_()
        assert_safe_html(
            out.replace("<h3>", "<p>")
            .replace("</h3>", "</p>")
            .replace("<ul><li>", "<p>")
            .replace("</li><li>", "</p><p>")
            .replace("</li></ul>", "</p>")
            .replace("<blockquote>", "<p>")
            .replace("</blockquote>", "</p>")
            .replace("<i>", "")
            .replace("</i>", "")
        )
    df = pd.DataFrame({"a": [text, "x"], "c" + cite: [cite, 1.5]})
    tpl = pd.DataFrame({"a": [m1, "x"], "c" + m2: [m2, 1.5]})
    got = Table(df, caption="cap" + text, wide=["a"])._repr_latex_()
    assert got == fill(Table(tpl, caption="cap" + m1, wide=["a"])._repr_latex_())
    assert (
        html_escape(text).count("<") == 0
        and "<" not in Table(df)._repr_html_().split(">", 1)[0][1:]
    )


def test_report_title_is_escaped_by_the_latex_template():
    """The title reaches LaTeX through nbconvert's template, not through our escape."""
    nbformat = pytest.importorskip("nbformat")
    nbconvert = pytest.importorskip("nbconvert")
    from traitlets.config import Config

    from toolkit.report import template_path

    nb = nbformat.read(template_path(), as_version=4)
    nb.cells = []
    title = r"\input{/etc/passwd} \write18{touch x} 50% $ & # _ ~ ^ {"
    nb.metadata["title"] = title
    tdir = str(template_path().parent / "templates")
    exporter = nbconvert.LatexExporter(
        config=Config(), extra_template_basedirs=[tdir], template_name="mediareport"
    )
    tex, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "report"}})
    line = next(ln for ln in tex.splitlines() if ln.strip().startswith("\\title{"))
    inner = line.strip()[len("\\title{") : -1]
    assert "\\input" not in inner and "\\write18" not in inner
    assert not re.search(r"(?<!\\)[%$&#_]", inner.replace("\\textbackslash{}", "")), inner


def test_report_parameters_travel_as_json_data(tmp_path, monkeypatch):
    """build_report writes parameters to a JSON file; the notebook's code never contains them."""
    import nbclient

    import toolkit.report as report

    seen = {}

    class FakeClient:
        def __init__(self, nb, **kw) -> None:
            seen["nb"] = nb

        def execute(self) -> None:
            import os

            seen["params"] = json.loads(Path(os.environ[report.PARAMS_ENV]).read_text("utf-8"))

    monkeypatch.setattr(nbclient, "NotebookClient", FakeClient)
    monkeypatch.setattr(report, "_convert", lambda nb, fmt, title: "<html></html>")
    title = "'); import os; os.system('touch PWNED'); ('"
    report.build_report(tmp_path, out=tmp_path / "r.html", title=title, actors='x"y')
    assert seen["params"]["title"] == title and seen["params"]["actors"] == 'x"y'
    code = "\n".join(c.source for c in seen["nb"].cells if c.cell_type == "code")
    assert title not in code and "PWNED" not in code
    assert not (tmp_path / "PWNED").exists()
    assert html.escape(title) != title  # the title needs escaping wherever it is shown
