"""Tests for loading http(s) URLs, against a local http.server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from toolkit._fetch import InputProblem, fetch_url
from toolkit.corpus import load_corpus
from toolkit.errors import CorpusError, ToolkitWarning

FIX = Path(__file__).resolve().parent / "fixtures" / "corpus"
PAGE = (FIX / "page.html").read_bytes()
LATIN_FEED = (FIX / "latin1.rss").read_bytes()
LATIN_PAGE = (
    "<html><head><title>Fête</title></head><body><article>"
    + "<p>La fête du village a réuni des centaines de personnes sur la place, malgré la pluie "
    "et le vent qui soufflait depuis la mer depuis le matin.</p>" * 3 + "</article></body></html>"
).encode("latin-1")


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def send(self, code: int, body: bytes, ctype: str, **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        if path == "/page":
            self.send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/latin-page":  # no charset header: the meta tag and detection decide
            self.send(200, LATIN_PAGE, "text/html")
        elif path == "/feed":
            self.send(200, LATIN_FEED, "application/rss+xml")
        elif path == "/feed-as-text":
            self.send(200, LATIN_FEED, "text/plain")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            if n == 0:
                self.send(200, PAGE, "text/html; charset=utf-8")
            else:
                self.send(302, b"", "text/plain", Location=f"/hop/{n - 1}")
        elif path == "/to-file":
            self.send(302, b"", "text/plain", Location="file:///etc/passwd")
        elif path == "/big":
            self.send(200, b"<p>" + b"x" * 20_000 + b"</p>", "text/html")
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, PAGE, "text/html")
        elif path == "/drip":  # each byte within the read timeout, the whole far too slow
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "image/png")
        else:
            self.send(404, b"not here", "text/plain")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # client gone (timeout test)
        pass


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def problems_of(url: str, **kw) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ToolkitWarning)
        df = load_corpus(url, **kw)
    assert len(df) == 0
    return df.attrs["problems"]


def test_page_url(server):
    df = load_corpus(f"{server}/page")
    row = df.iloc[0]
    assert row.doc_id == f"{server.split('//')[1]}/page"
    assert row.title == "Wind Farm Plan Divides Fishing Villages"
    assert row.source == "Northern Courier"
    assert row.published == pd.Timestamp("2021-03-09 07:30", tz="UTC")
    assert row.text.startswith("A plan to build forty turbines")


def test_page_charset_from_meta_or_detection(server):
    df = load_corpus(f"{server}/latin-page")
    assert "La fête du village a réuni" in df["text"].iloc[0]


@pytest.mark.parametrize("route", ["/feed", "/feed-as-text"])
def test_feed_url_recognised_by_type_or_content(server, route):
    df = load_corpus(server + route)
    host = server.split("//")[1]
    assert df["doc_id"].tolist() == [f"{host}{route}#1", f"{host}{route}#2"]
    assert df["title"].iloc[0] == "Câmara aprova orçamento"
    assert set(df["source"]) == {"Diário da Ribeira"}


def test_redirects_limited_to_five(server):
    assert load_corpus(f"{server}/hop/5")["title"].iloc[0].startswith("Wind Farm")
    (problem,) = problems_of(f"{server}/hop/6")
    assert "too many redirects" in problem["reason"]


def test_only_http_and_https(server, tmp_path):
    secret = tmp_path / "s.txt"
    secret.write_text("Secret\n\nby X\n\nsecret body", encoding="utf-8")
    for url in (secret.as_uri(), "ftp://127.0.0.1/x.txt", "data:text/plain,hello"):
        with pytest.raises(CorpusError, match="only http and https"):
            load_corpus(url, errors="raise")
    (problem,) = problems_of(f"{server}/to-file")
    assert "only http and https" in problem["reason"]


def test_size_cap_timeout_status_and_type(server):
    (problem,) = problems_of(f"{server}/big", max_bytes=10_000)
    assert "max_bytes=10,000" in problem["reason"]
    start = time.perf_counter()
    (problem,) = problems_of(f"{server}/slow", timeout=0.3)
    assert "timed out" in problem["reason"] and time.perf_counter() - start < 1.4
    start = time.perf_counter()
    (problem,) = problems_of(f"{server}/drip", timeout=0.3)
    assert "too slow" in problem["reason"] and time.perf_counter() - start < 2.5
    (problem,) = problems_of(f"{server}/missing")
    assert "HTTP error 404" in problem["reason"] and problem["path"].endswith("/missing")
    (problem,) = problems_of(f"{server}/image")
    assert "unsupported content type 'image/png'" in problem["reason"]


def test_refused_connection_is_a_problem(server):
    import socket

    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputProblem, match="cannot connect"):
        fetch_url(f"http://127.0.0.1:{port}/", timeout=2)
