"""Tests for toolkit.corpus.load_corpus and corpus_info on fixtures and the shared data."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit._clean import clean_text, find_duplicates, parse_date
from toolkit._feeds import html_to_text, vet_xml
from toolkit._fetch import InputProblem, decode_bytes
from toolkit.corpus import corpus_info, load_corpus, parse_txt
from toolkit.errors import CorpusError, ToolkitWarning

FIX = Path(__file__).resolve().parent / "fixtures" / "corpus"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
COLUMNS = ["doc_id", "source", "title", "published", "author", "url", "text", "duplicate_of"]


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip("../shared/data not present")
    return path


def quiet_load(source, **kw) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ToolkitWarning)
        return load_corpus(source, **kw)


# --------------------------------------------------------------------------- plain text
def test_txt_with_headers_and_boilerplate():
    df = load_corpus(FIX / "article.txt")
    assert list(df.columns) == COLUMNS
    row = df.iloc[0]
    assert row.doc_id == "article"
    assert row.title == "Harbour Town Council Approves New Ferry Link"
    assert row.source == "The Coastal Ledger"
    assert row.author == "Mira Castellan"
    assert row.published == pd.Timestamp("2023-05-14", tz="UTC")
    assert row.text.startswith("The harbour town council on Tuesday")
    assert row.text.endswith("to review the contract.")
    for furniture in ("You may also like", "Leave a Comment", "cookie", "Share this", "bakery"):
        assert furniture not in row.text
    # quotes kept exactly, zero-width space removed, paragraphs separated by a blank line
    assert "“This is a good day" in row.text and '"rushed"' in row.text
    assert "\u200b" not in row.text
    assert row.text.count("\n\n") == 3
    assert str(df["published"].dtype) == "datetime64[ns, UTC]"
    assert df.attrs["problems"] == []


def test_parse_txt_keeps_midbody_subheadings_and_related_at_start():
    raw = (
        "Title here\n\nby Outlet\n\nFirst paragraph of the story is long enough to count.\n\n"
        "Related\n\nA second part of the article continues with a much longer paragraph that "
        "carries the actual reporting and should not be cut away by the boilerplate rule at all, "
        "because it is real text of more than two hundred characters written by the reporter.\n\n"
        "Share prices fall\n\nBrowsers will block third-party cookies, which advertisers use.\n\n"
        "Closing line.\n\nRead more\n\nOther headline\n"
    )
    out = parse_txt(raw)
    assert out["source"] == "Outlet"
    assert "actual reporting" in out["text"]
    assert "Share prices fall\n\nBrowsers will block third-party cookies" in out["text"]
    assert out["text"].endswith("Closing line.")


def test_txt_without_title_structure_is_all_body():
    out = parse_txt("x " * 200 + "\n\nsecond paragraph")
    assert "title" not in out
    assert out["text"].endswith("second paragraph")


def test_seed_article():
    path = need(DATA / "seed")
    df = load_corpus(path)
    assert len(df) == 1
    row = df.iloc[0]
    assert row.title == "Turkey Says Armenia’s Targeting Civilians ‘War Crime’"
    assert row.source == "Anadolu Agency"
    assert row.text.startswith("The Turkish foreign minister")
    assert row.text.endswith("to find alternative solutions.")
    assert "You may also like" not in row.text and "Leave a Comment" not in row.text


# --------------------------------------------------------------------------- html, gz
def test_html_metadata_and_main_text():
    df = load_corpus(FIX / "page.html")
    row = df.iloc[0]
    assert row.doc_id == "page"
    assert row.title == "Wind Farm Plan Divides Fishing Villages"
    assert row.source == "Northern Courier"
    assert row.author == "Ines Falk"
    assert row.published == pd.Timestamp("2021-03-09 07:30", tz="UTC")
    assert row.url == "https://courier.example/news/wind-farm"
    assert row.text.startswith("A plan to build forty turbines")
    assert row.text.endswith("all year round.")
    assert "Most read" not in row.text and "cookies" not in row.text
    assert row.text.count("\n\n") == 3


def test_gz_file_and_doc_id_suffixes(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(FIX / "bridge.txt.gz", tmp_path / "sub" / "bridge.txt.gz")
    (tmp_path / "abc.html.gz").write_bytes(gzip.compress((FIX / "page.html").read_bytes()))
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nnot loaded", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden\n\nnot loaded", encoding="utf-8")
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["abc", "sub/bridge"]
    bridge = df.set_index("doc_id").loc["sub/bridge"]
    assert bridge.url == "https://valley.example/bridge"
    assert bridge.source == "Valley Post"
    assert bridge.text.endswith("take a week.")
    assert load_corpus(FIX / "bridge.txt.gz")["doc_id"].tolist() == ["bridge"]


# --------------------------------------------------------------------------- tables
def test_csv_guessed_columns_and_textless_row():
    with pytest.warns(ToolkitWarning, match=r"table\.csv \[record 2\]: record has no text"):
        df = load_corpus(FIX / "table.csv")
    assert df["doc_id"].tolist() == ["table#1", "table#3"]
    assert df["source"].tolist() == ["Harbour Gazette", "Rail Times"]
    assert df["title"].tolist() == ["Port strike ends", "Rail line reopens"]
    assert df["url"].iloc[0] == "https://gazette.example/strike"
    assert df["published"].tolist() == [
        pd.Timestamp("2020-10-05", tz="UTC"),
        pd.Timestamp("2020-10-09 08:00", tz="UTC"),
    ]
    assert df.attrs["problems"] == [
        {"path": str(FIX / "table.csv"), "record": 2, "reason": "record has no text"}
    ]


def test_overrides_extras_and_id_column(tmp_path):
    path = tmp_path / "export.tsv"
    path.write_text(
        "key\tstory\tpaper\twhen\tsection\tnotes\n"
        "k1\tFirst story text here.\tDaily A\t2021-01-02\tworld\tx\n"
        "k1\tSecond story text here.\tDaily B\t2021-01-03\tlocal\ty\n",
        encoding="utf-8",
    )
    df = load_corpus(
        path,
        text_col="STORY",
        source_col="paper",
        date_col="when",
        id_col="key",
        topic_col="section",
    )
    assert df["doc_id"].tolist() == ["k1", "k1-2"]  # clash → suffix
    assert df["source"].tolist() == ["Daily A", "Daily B"]
    assert df["topic"].tolist() == ["world", "local"]
    assert df["notes"].tolist() == ["x", "y"]
    with pytest.raises(CorpusError, match=r"export\.tsv: no column 'nope'.*columns are"):
        load_corpus(path, text_col="nope", errors="raise")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        load_corpus(path, colour="red")


def test_table_without_text_column_names_columns(tmp_path):
    path = tmp_path / "meta.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(
        CorpusError, match=r"meta\.csv: no text column; columns are \['a', 'b'\]; pass text_col="
    ):
        load_corpus(path, errors="raise")


def test_json_shapes_jsonl_bad_line_and_parquet(tmp_path):
    recs = [
        {"ID": "a1", "Content": "Alpha text body.", "Publisher": "P", "publish_date": "2022-02-02"},
        {"ID": "a2", "Content": "Beta text body.", "Publisher": "Q", "publish_date": None},
    ]
    (tmp_path / "wrapped.json").write_text(
        json.dumps({"status": "ok", "articles": recs}), encoding="utf-8"
    )
    (tmp_path / "list.json").write_text(json.dumps(recs[:1]), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps(recs[1] | {"ID": "b2"})
        + "\n{broken\n\n"
        + json.dumps({"text": "Gamma body."})
        + "\n",
        encoding="utf-8",
    )
    pd.DataFrame({"body": ["Delta body."], "site": ["S"]}).to_parquet(tmp_path / "t.parquet")
    df = quiet_load(tmp_path)
    # files in sorted order; "a1" given twice gets a suffix; line 2 of lines.jsonl is broken;
    # lines.jsonl mixes "Content" and "text" keys: each row takes the one it has
    assert df["doc_id"].tolist() == ["b2", "lines#4", "a1", "t#1", "a1-2", "a2"]
    assert df["text"].tolist()[:2] == ["Beta text body.", "Gamma body."]
    assert df.set_index("doc_id").loc["a1", "source"] == "P"
    assert df.set_index("doc_id").loc["t#1", "source"] == "S"
    assert df.set_index("doc_id").loc["a2", "published"] is pd.NaT
    probs = df.attrs["problems"]
    assert len(probs) == 1 and probs[0]["record"] == 2 and "invalid JSON" in probs[0]["reason"]


def test_dataframe_input_not_mutated():
    src = pd.DataFrame({"Article": ["One text.", "", "Three text."], "Outlet": ["A", "B", "C"]})
    before = src.copy()
    df = quiet_load(src)
    pd.testing.assert_frame_equal(src, before)
    assert df["doc_id"].tolist() == ["0", "2"]
    assert df.attrs["problems"][0]["record"] == "1"


@pytest.mark.parametrize(
    "name", ["media_test_articles.jsonl", "topic_turkey_russia_caucasus.jsonl"]
)
def test_allsides_loads_with_outlet_and_date(name):
    path = need(DATA / "allsides" / name)
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    n_lines = len(records)
    n_dated = sum(1 for r in records if r.get("date"))
    start = time.perf_counter()
    df = load_corpus(path)
    elapsed = time.perf_counter() - start
    assert len(df) + len(df.attrs["problems"]) == n_lines
    assert len(df) == n_lines
    assert df["source"].ne("").all()
    assert df["published"].notna().sum() == n_dated > 0.5 * n_lines
    assert df["author"].ne("").mean() > 0.5 and df["title"].ne("").all()
    assert {"topic", "bias", "bias_text", "source_url"} <= set(df.columns)
    assert df["doc_id"].is_unique
    assert elapsed < 30  # a few seconds on an idle machine; generous for a shared CI box


# --------------------------------------------------------------------------- feeds
def test_latin1_rss():
    df = load_corpus(FIX / "latin1.rss")
    assert df["doc_id"].tolist() == ["latin1#1", "latin1#2"]
    assert set(df["source"]) == {"Diário da Ribeira"}
    assert df["title"].tolist() == ["Câmara aprova orçamento", "Feira de São João começa amanhã"]
    assert (
        df["text"].iloc[0]
        == "A câmara municipal aprovou o orçamento para o próximo ano.\n\nA oposição votou contra."
    )
    assert df["published"].tolist() == [
        pd.Timestamp("2020-03-03 10:15", tz="UTC"),
        pd.Timestamp("2020-03-04 08:00", tz="UTC"),
    ]


def test_broken_feed_is_a_problem():
    with pytest.raises(CorpusError, match=r"broken\.rss: broken feed"):
        load_corpus(FIX / "broken.rss", errors="raise")
    df = quiet_load(FIX / "broken.rss")
    assert len(df) == 0 and list(df.columns) == COLUMNS
    assert len(df.attrs["problems"]) == 1


def test_xxe_feed_is_refused_without_reading_files(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    feed = tmp_path / "evil.xml"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<rss version='2.0'><channel><title>T</title><item><title>a &x;</title>"
        "<description>b &x;</description></item></channel></rss>",
        encoding="utf-8",
    )
    opened: list[str] = []
    real_open = open

    def spy(file, *args, **kw):
        opened.append(str(file))
        return real_open(file, *args, **kw)

    monkeypatch.setattr("builtins.open", spy)
    df = quiet_load([feed, FIX / "xxe.rss"])
    monkeypatch.undo()
    assert len(df) == 0
    assert not any(str(secret) in o or "passwd" in o for o in opened)
    reasons = [p["reason"] for p in df.attrs["problems"]]
    assert len(reasons) == 2 and all("refused" in r for r in reasons)
    assert "TOP-SECRET-MARKER" not in repr(df.attrs) and "root:" not in repr(df.attrs)


def test_billion_laughs_is_refused_quickly():
    start = time.perf_counter()
    with pytest.raises(CorpusError, match="billion_laughs.rss: refused"):
        load_corpus(FIX / "billion_laughs.rss", errors="raise")
    assert time.perf_counter() - start < 5
    with pytest.raises(InputProblem):
        vet_xml((FIX / "billion_laughs.rss").read_bytes())


def test_vet_xml_allows_plain_and_public_doctype():
    vet_xml(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    vet_xml(
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"></rss>'
    )
    with pytest.raises(InputProblem, match="local resource"):
        vet_xml(b'<!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss/>')


def test_shared_feeds_item_counts():
    folder = need(DATA / "feeds" / "input")
    expected_dir = DATA / "feeds" / "expected_output"
    df = load_corpus(folder)
    assert df.attrs["problems"] == []
    for path in sorted(folder.iterdir()):
        expected = json.loads(
            (expected_dir / f"{path.stem}.json").read_bytes().decode("utf-8", "replace")
        )
        items = expected["feed"]["items"]
        got = df[df["doc_id"].str.startswith(f"{path.stem}#")]
        assert len(got) == len(items), path.name
        if path.stem in ("guardian", "heise", "feedburner", "reddit"):
            assert got["source"].iloc[0] == expected["feed"]["title"]
            assert got["title"].tolist() == [" ".join(i["title"].split()) for i in items]
        dated = [
            (d, pd.Timestamp(i["isoDate"]))
            for d, i in zip(got["published"], items, strict=True)
            if i.get("isoDate")
        ]
        assert all(d == e for d, e in dated), path.name
    uol = df[df["doc_id"].str.startswith("uolNoticias#")]
    assert uol["source"].iloc[0] == "UOL Noticias" and uol["title"].str.contains("ç|ã|é").any()


# --------------------------------------------------------------------------- errors
def test_error_modes_and_accounting(tmp_path):
    (tmp_path / "good.txt").write_text(
        "Good title\n\nby Outlet\n\nGood body text.", encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 50)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "rows.csv").write_text(
        "text,source\nRow one.,A\n,B\nRow three.,C\n", encoding="utf-8"
    )
    shutil.copy(FIX / "broken.rss", tmp_path / "broken.rss")
    records_in = 1 + 1 + 1 + 1 + 3 + 1  # files count as one record each, csv rows count each
    with pytest.warns(ToolkitWarning) as caught:
        df = load_corpus(tmp_path)
    probs = df.attrs["problems"]
    assert len(df) + len(probs) == records_in
    assert sorted(df["doc_id"]) == ["good", "rows#1", "rows#3"]
    reasons = {Path(p["path"]).name: p["reason"] for p in probs}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "unsupported file type .docx" in reasons["notes.docx"]
    assert "broken feed" in reasons["broken.rss"]
    assert len(caught) == len(probs)
    assert any("notes.docx" in str(w.message) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        skipped = load_corpus(tmp_path, errors="skip")
    assert skipped.attrs["problems"] == probs
    with pytest.raises(CorpusError, match=r"binary\.txt: looks like a binary file"):
        load_corpus(tmp_path, errors="raise")
    with pytest.raises(ValueError, match=r"choose one of \['raise', 'warn', 'skip'\]"):
        load_corpus(tmp_path, errors="ignore")


def test_missing_path_and_bad_source_type(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "nope.txt", errors="raise")
    with pytest.raises(TypeError, match="source must be"):
        load_corpus(42)


def test_undecodable_bytes_problem():
    with pytest.raises(InputProblem, match="binary"):
        decode_bytes(b"abc\x00\x9f\x92\x96" * 20)
    assert decode_bytes("ok ü".encode("utf-16")) == "ok ü"
    assert decode_bytes(b"\xef\xbb\xbfBOM text") == "BOM text"
    assert decode_bytes('<meta charset="iso-8859-1"><p>caf\xe9</p>'.encode("latin-1")).endswith(
        "café</p>"
    )


# --------------------------------------------------------------------------- cleaning, dedup
def test_clean_text_rules():
    raw = 'Cafe\u0301 \u201cquoted\u201d and "straight"\u200b\u00a0 text\r\n\r\n\r\nnext  line\nwrapped'
    assert clean_text(raw) == 'Café “quoted” and "straight" text\n\nnext line wrapped'
    assert clean_text("one\ntwo") == "one\n\ntwo"
    assert clean_text(None) == "" and clean_text(float("nan")) == ""
    with pytest.raises(ValueError, match="choose one of"):
        clean_text("x", lines="nope")


def test_html_to_text_keeps_paragraphs():
    assert html_to_text("<p>One &amp; <b>two</b></p><script>x()</script><p>Three</p>").split() == [
        "One",
        "&",
        "two",
        "Three",
    ]
    assert "\n\n" in clean_text(html_to_text("<p>A</p><p>B</p>"))


def test_parse_date_forms():
    assert parse_date("2020-10-05") == pd.Timestamp("2020-10-05", tz="UTC")
    assert parse_date("Mon, 05 Oct 2020 12:00:00 EST") == pd.Timestamp("2020-10-05 17:00", tz="UTC")
    assert parse_date(1601856000) == pd.Timestamp("2020-10-05", tz="UTC")
    assert parse_date("not a date") is pd.NaT and parse_date(None) is pd.NaT


def _words(rng: np.random.Generator, n: int) -> str:
    return " ".join(f"w{int(x)}" for x in rng.integers(0, 5000, size=n))


def test_duplicates_flag_wire_copies_never_drop():
    rng = np.random.default_rng(1)
    base = _words(rng, 300)
    words = base.split()
    near = " ".join(words[:-5] + ["edited", "ending", "by", "another", "desk"])  # J ≈ 0.94
    far = " ".join(words[:150] + _words(rng, 150).split())  # J ≈ 0.33
    df = load_corpus(
        pd.DataFrame(
            {
                "id": ["orig", "other", "copy", "near", "far", "copy2"],
                "text": [base, _words(rng, 300), base.upper(), near, far, near],
            }
        )
    )
    assert len(df) == 6
    dup = dict(zip(df["doc_id"], df["duplicate_of"], strict=True))
    assert dup["copy"] == "orig" and dup["near"] == "orig" and dup["copy2"] == "orig"
    assert pd.isna(dup["other"]) and pd.isna(dup["far"]) and pd.isna(dup["orig"])
    assert (
        load_corpus(pd.DataFrame({"text": [base, base]}), dedup=False)["duplicate_of"].isna().all()
    )


def test_dedup_speed_on_1300_articles():
    rng = np.random.default_rng(7)
    texts = [_words(rng, 600) for _ in range(1300)]
    for i in range(0, 1300, 100):  # plant 13 wire copies with a changed sentence
        texts[i + 50] = texts[i] + " plus a short extra line"
    start = time.process_time()
    dups = find_duplicates(texts, [str(i) for i in range(1300)])
    cpu = time.process_time() - start
    assert [i for i, d in enumerate(dups) if d] == list(range(50, 1300, 100))
    assert all(dups[i + 50] == str(i) for i in range(0, 1300, 100))
    assert cpu < 2.0


# --------------------------------------------------------------------------- info, extraction
def test_corpus_info_summary():
    df = quiet_load([FIX / "article.txt", FIX / "table.csv", FIX / "latin1.rss"])
    info = corpus_info(df)
    assert info["n_documents"] == 5 and info["n_sources"] == 4
    assert info["first"] == pd.Timestamp("2020-03-03 10:15", tz="UTC")
    assert info["last"] == pd.Timestamp("2023-05-14", tz="UTC")
    assert info["n_problems"] == 1 and info["n_duplicates"] == 0
    per = info["sources"].set_index("source")
    assert per.loc["Diário da Ribeira", "n_documents"] == 2


def token_f1(truth: str, predicted: str) -> float:
    t = Counter(re.findall(r"\w+", truth.lower()))
    p = Counter(re.findall(r"\w+", predicted.lower()))
    common = sum((t & p).values())
    return 2 * common / (sum(t.values()) + sum(p.values())) if t or p else 1.0


def test_extraction_pages_f1():
    # Every shared page loads (no problem records) and the mean token F1 meets the bar.
    folder = need(DATA / "extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((folder / "html").glob("*.html.gz"))
    df = load_corpus(folder / "html", errors="raise")
    assert sorted(df["doc_id"]) == sorted(p.name[: -len(".html.gz")] for p in pages)
    f1 = [
        token_f1(truth[d]["articleBody"], t) for d, t in zip(df["doc_id"], df["text"], strict=True)
    ]
    assert np.mean(f1) >= 0.95


def test_dates_out_of_timestamp_range_become_nat_not_a_crash(tmp_path):
    # A page or export with a placeholder date ("0001-01-01", "9999-12-31") must still load.
    csv = tmp_path / "odd.csv"
    csv.write_text(
        "id,text,date\n1,First text here.,0001-01-01\n2,Second text here.,9999-12-31T00:00:00Z\n"
        "3,Third text here.,2024-03-14T08:30:00+01:00\n",
        encoding="utf-8",
    )
    df = load_corpus(csv, errors="raise")
    assert df["published"].isna().tolist() == [True, True, False]
    assert str(df["published"].iloc[2]) == "2024-03-14 07:30:00+00:00"
