"""The command line: info, load, analyze; clear errors instead of tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from toolkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def test_info_lists_sources_dates_duplicates(capsys):
    assert main(["info", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "28 documents from 5 sources" in out
    assert "2024-03-03 to 2024-03-28" in out
    assert "near-duplicates flagged: 1" in out
    assert "Radio Sølvik International" in out and "problems: 0" in out


def test_load_writes_csv_and_parquet(tmp_path, capsys):
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"docs.{suffix}"
        assert main(["load", str(SAMPLE / "raw"), "--out", str(out)]) == 0
        df = pd.read_csv(out) if suffix == "csv" else pd.read_parquet(out)
        assert len(df) == 28 and {"doc_id", "source", "text", "duplicate_of"} <= set(df.columns)


def test_analyze_writes_every_frame(tmp_path, capsys):
    out = tmp_path / "out"
    rc = main(
        [
            "analyze",
            str(SAMPLE / "raw"),
            "--actors",
            "sample",
            "--naming",
            "sample",
            "--out",
            str(out),
            "--n-boot",
            "100",
            "--format",
            "csv",
        ]
    )
    assert rc == 0
    names = {p.stem for p in out.glob("*.csv")}
    assert {
        "documents",
        "sentences",
        "mentions",
        "quotes",
        "actor_sentiment",
        "naming_shares",
        "agency_table",
        "voice",
        "loaded_rates",
        "keyness",
    } <= names
    s = pd.read_csv(out / "actor_sentiment.csv")
    assert {
        "source",
        "actor",
        "n_docs",
        "n_mentions",
        "share",
        "sentiment",
        "ci_low",
        "ci_high",
    } <= set(s.columns)


def test_bad_input_is_one_clear_line(tmp_path, capsys):
    rc = main(["info", str(tmp_path / "missing"), "--errors", "raise"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "missing" in err and "Traceback" not in err
    rc = main(["load", str(SAMPLE / "raw"), "--out", str(tmp_path / "x.xlsx")])
    assert rc == 2 and "use .csv or .parquet" in capsys.readouterr().err


def test_python_dash_m_works():
    r = subprocess.run(
        [sys.executable, "-m", "toolkit", "info", str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "28 documents" in r.stdout


def test_analyze_parquet_is_cached(tmp_path, capsys):
    import time

    out = tmp_path / "pq"
    args = [
        "analyze",
        str(SAMPLE / "raw"),
        "--naming",
        "sample",
        "--out",
        str(out),
        "--n-boot",
        "100",
    ]
    t0 = time.perf_counter()
    assert main(args) == 0
    first = time.perf_counter() - t0
    assert (out / "actor_sentiment.parquet").exists() and (out / "mentions").is_dir()
    t0 = time.perf_counter()
    assert main(args) == 0
    second = time.perf_counter() - t0
    assert second < first
    back = pd.read_parquet(out / "actor_sentiment.parquet")
    assert set(back.source) == {
        "Daily Sentinel",
        "The People's Courier",
        "Northwire",
        "Radio Sølvik International",
        "Meridian Observer",
    }
