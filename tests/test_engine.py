"""Engines of ``analyze``: chunked and parallel runs, Dask, Parquet output and the cache,
streaming with bounded memory, progress, and no quadratic step on a very long article."""

from __future__ import annotations

import json
import time
from pathlib import Path

import fsspec
import pandas as pd
import pytest

import toolkit as tk
from toolkit import engine as eng
from toolkit.compare import WordCounts, _keyness_bags, _keyness_table, pack_bags

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "raw"
KW = {"actors": "sample", "naming": "sample", "n_boot": 100}


def assert_same(a: tk.Analysis, b: tk.Analysis, skip: tuple[str, ...] = ()) -> None:
    for name, df in a.frames().items():
        if name in skip:
            continue
        pd.testing.assert_frame_equal(df, getattr(b, name), obj=name)


@pytest.fixture(scope="module")
def serial() -> tk.Analysis:
    return tk.analyze(SAMPLE, **KW, workers=1, chunk_size=1000)


def test_chunks_and_processes_give_the_serial_frames(serial):
    par = tk.analyze(SAMPLE, **KW, workers=2, chunk_size=3)
    assert len(serial.documents) == 28 and len(serial.mentions) > 100
    assert_same(serial, par)


def test_word_counts_added_up_on_the_way_give_the_same_keyness(serial, monkeypatch):
    # the chunks' word counts are added up every few chunks to bound memory
    monkeypatch.setattr(WordCounts, "PENDING", 2)
    a = tk.analyze(SAMPLE, **KW, workers=1, chunk_size=2)
    assert len(a.keyness) > 0
    pd.testing.assert_frame_equal(a.keyness, serial.keyness)


def test_default_chunks_of_equal_text_give_the_serial_frames(serial, monkeypatch):
    # the sample corpus is small: cut it into chunks of ~3,000 characters for two workers
    monkeypatch.setattr(eng, "DEFAULT_CHUNK_CHARS", 3000)
    docs = serial.documents
    chunks = list(eng.balanced_chunks(docs, 2, chars=3000))
    assert len(chunks) > 4 and sum(map(len, chunks)) == len(docs)
    assert pd.concat(chunks).doc_id.tolist() == docs.doc_id.tolist()
    sizes = [c.text.str.len().sum() for c in chunks]
    assert max(sizes) < 2.5 * min(sizes)  # about equal text, not equal document counts
    seen = []
    run_chunks = eng.run_chunks

    def spy(chunks, *args, **kwargs):
        chunks = list(chunks)
        seen.append(len(chunks))
        return run_chunks(chunks, *args, **kwargs)

    monkeypatch.setattr(eng, "run_chunks", spy)
    assert_same(serial, tk.analyze(SAMPLE, **KW, workers=2))
    assert seen == [len(chunks)]  # the default split, on two workers


def test_one_worker_or_little_text_is_one_chunk(serial):
    docs = serial.documents
    assert len(list(eng.balanced_chunks(docs, 1, chars=10))) == 1
    assert len(list(eng.balanced_chunks(docs, 2))) == 1  # under 250,000 characters
    text = docs.text.str.len().sum()
    assert [len(c) for c in eng.balanced_chunks(docs, 2, chars=text)] != [len(docs)]  # 2 chunks


def test_word_counts_packed_and_folded_equal_the_plain_table(serial):
    bags = [_keyness_bags(c, by="source") for c in eng.split_documents(serial.documents, 3)]
    plain = _keyness_table(bags, top=None, min_count=1)
    wc = WordCounts()
    wc.PENDING = 2  # fold often, while new words keep arriving
    for b in bags:
        wc.add(pack_bags(b))
    packed = wc.table(top=None, min_count=1)
    assert len(plain) > 500
    pd.testing.assert_frame_equal(packed, plain)
    one = WordCounts()
    one.add({"A": {"war": 2}})
    assert one.table().empty  # one group: nothing to compare with


def test_sentence_scores_none_by_default_mentions_or_all_on_request(serial):
    assert serial.sentences["compound"].isna().all()  # default: no table needs them
    assert serial.sentences["valence"].isna().all()
    part = tk.analyze(SAMPLE, **KW, workers=1, sentence_scores="mentions")
    s = part.sentences
    keys = set(zip(part.mentions.doc_id, part.mentions.sent_id, strict=True))
    has = [(d, i) in keys for d, i in zip(s.doc_id, s.sent_id, strict=True)]
    assert 0 < sum(has) < len(has)
    assert s.loc[has, "compound"].notna().all()
    assert s.loc[[not h for h in has], "compound"].isna().all()
    full = tk.analyze(SAMPLE, **KW, workers=1, sentence_scores="all")
    assert full.sentences["compound"].notna().all()
    pd.testing.assert_series_equal(
        full.sentences.loc[has, "compound"], s.loc[has, "compound"], check_names=False
    )
    pd.testing.assert_series_equal(
        full.sentences["compound"],
        tk.sentence_sentiment(serial.sentences)["compound"],
        check_names=False,
    )
    # the tables do not depend on it
    assert_same(serial, full, skip=("sentences",))
    assert_same(serial, part, skip=("sentences",))


def test_loaded_rates_reuse_the_sentence_counts(serial):
    again = tk.loaded_rates(serial.sentences[["source", "text"]], by="source")
    pd.testing.assert_frame_equal(serial.loaded_rates, again)
    mix = tk.frames_mix(serial.sentences, by="source")
    pd.testing.assert_frame_equal(serial.frames_mix, mix)


def test_bad_options_name_the_valid_ones():
    with pytest.raises(ValueError, match="local"):
        tk.analyze(SAMPLE, engine="spark")
    with pytest.raises(ValueError, match="mentions"):
        tk.analyze(SAMPLE, sentence_scores="some")
    with pytest.raises(ValueError, match="out="):
        tk.analyze(SAMPLE, keep=False)


def test_dask_local_cluster_gives_the_local_frames(serial):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            protocol="tcp",  # inproc:// does not take a host; tcp on loopback only
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        a = tk.analyze(SAMPLE, **KW, engine="dask", scheduler=client, chunk_size=5)
        b = tk.analyze(
            SAMPLE, **KW, engine="dask", scheduler=cluster.scheduler_address, chunk_size=9
        )
    assert_same(serial, a)
    assert_same(serial, b)


def test_dask_without_scheduler(serial):
    a = tk.analyze(SAMPLE, **KW, engine="dask", chunk_size=10)
    assert_same(serial, a)


def test_out_writes_partitions_and_cache_is_reused(tmp_path, serial, monkeypatch):
    monkeypatch.setattr(eng, "_DOCS_PER_PART", 10)  # a partition per 10 documents
    out = tmp_path / "res"
    a = tk.analyze(SAMPLE, **KW, out=out, chunk_size=10)
    assert sorted(p.name for p in (out / "mentions").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    assert (out / "actor_sentiment.parquet").exists()
    b = tk.analyze(SAMPLE, **KW, out=out, chunk_size=10)
    assert_same(a, b)
    assert_same(serial, b)
    # other options: not the cached result
    c = tk.analyze(SAMPLE, **{**KW, "n_boot": 50}, out=out, chunk_size=10)
    assert c.params["n_boot"] == 50


def test_cache_is_ten_times_faster(tmp_path):
    docs = tk.load_corpus(SAMPLE)
    big = pd.concat(
        [docs.assign(doc_id=docs.doc_id + f"-r{k}") for k in range(60)], ignore_index=True
    )
    t0 = time.perf_counter()
    a = tk.analyze(big, **KW, out=tmp_path / "big")
    first = time.perf_counter() - t0
    # Best of three cached reads: a shared machine's noise should not decide the ratio.
    second = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        b = tk.analyze(big, **KW, out=tmp_path / "big")
        second = min(second, time.perf_counter() - t0)
    assert second * 10 <= first, (first, second)
    assert_same(a, b)
    changed = big.assign(text=big.text.where(big.index != 0, big.text[0] + " More."))
    c = tk.analyze(changed, **KW, out=tmp_path / "big")
    assert len(c.sentences) == len(a.sentences) + 1


def _sample_jsonl(url: str) -> pd.DataFrame:
    docs = tk.load_corpus(SAMPLE)
    docs = docs.drop(columns=["duplicate_of"])
    with fsspec.open(url, "w") as f:
        for rec in docs.to_dict("records"):
            rec["published"] = None if pd.isna(rec["published"]) else str(rec["published"])
            f.write(json.dumps(rec, default=str) + "\n")
    return docs


def test_streaming_to_memory_filesystem_keeps_only_tables(monkeypatch):
    monkeypatch.setattr(eng, "_DOCS_PER_PART", 8)  # two chunks of 4 per partition
    src = "memory://engine-test/corpus.jsonl"
    _sample_jsonl(src)
    full = tk.analyze(src, **KW, chunk_size=4)
    streamed = tk.analyze(src, **KW, chunk_size=4, keep=False, out="memory://engine-test/out")
    assert streamed.mentions.empty and streamed.sentences.empty
    assert_same(full, streamed, skip=eng.RECORD_FRAMES)
    fs = fsspec.filesystem("memory")
    assert len(fs.glob("/engine-test/out/mentions/part-*.parquet")) == 4  # 8 + 8 + 8 + 4
    back = eng.load_analysis("memory://engine-test/out")
    assert len(back.mentions) == len(full.mentions)
    pd.testing.assert_frame_equal(back.actor_sentiment, full.actor_sentiment)


def test_progress_is_quiet_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert eng.show_progress(None) is False
    assert eng.show_progress(True) is True
    monkeypatch.delenv("CI")
    import io

    monkeypatch.setattr("sys.stderr", io.StringIO())  # not a terminal
    assert eng.show_progress(None) is False


def test_five_megabyte_article_is_linear():
    unit = (
        "Officials in Sarnova said the talks would resume on Monday. "
        "“We will not accept this,” the minister told reporters. "
        "The brutal attack killed three civilians near the border.\n\n"
    )
    text = unit * (5_000_000 // len(unit) + 1)
    assert len(text) >= 5_000_000
    doc = pd.DataFrame({"doc_id": ["big"], "source": ["X"], "text": [text]})
    t0 = time.perf_counter()
    a = tk.analyze(doc, actors="sample", naming="sample", n_boot=20, workers=1)
    took = time.perf_counter() - t0
    assert len(a.sentences) == 3 * (5_000_000 // len(unit) + 1)
    assert took < 45, f"{took:.1f} s for a 5 MB article"


def test_loading_beside_the_warm_up_keeps_warnings_and_errors(tmp_path):
    # with several workers a corpus path is loaded in a forked process while this one builds
    # the lexicons: its warnings must still reach the caller, and its errors be raised here
    (tmp_path / "good.txt").write_text(
        "Talks\n\nNATO said the talks went well.\n", encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    with pytest.warns(UserWarning, match="empty.txt"):
        a = tk.analyze(tmp_path, **KW, workers=2)
    assert len(a.documents) == 1
    assert any("empty.txt" in str(p) for p in a.problems)
    with pytest.raises(tk.CorpusError, match="empty.txt"):
        tk.analyze(tmp_path, **KW, workers=2, errors="raise")


def test_a_corpus_without_documents_is_a_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    with (
        pytest.warns(UserWarning, match="empty.txt"),
        pytest.raises(tk.CorpusError, match="no documents to analyse"),
    ):
        tk.analyze(tmp_path, **KW, workers=1)
