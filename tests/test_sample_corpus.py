"""Checks on the bundled fictional sample corpus (data/sample) and its resources.

Plain Python on purpose: the corpus is the known answer that other tests measure against, so
it is read here with small independent parsers, not with the toolkit. The only toolkit import
is ``toolkit.corpus.load_corpus``, and only when it exists.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import importlib
import itertools
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
RAW = SAMPLE / "raw"
ACTORS = ROOT / "toolkit" / "resources" / "actors" / "sample.yaml"
NAMING = ROOT / "toolkit" / "resources" / "naming" / "sample.yaml"
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
BOILERPLATE = (
    "Share this article",
    "You may also like",
    "Leave a Comment",
    "Subscribe to our newsletter",
    "We use cookies",
)
EVENTS = ("border_clash", "ceasefire_talks", "humanitarian_incident", "arms_deal")
# Words that any article about the event contains (at least one of them, in any case).
EVENT_WORDS = {
    "border_clash": ("Velišće", "Orévin"),
    "ceasefire_talks": ("Sølvik", "delegation"),
    "humanitarian_incident": ("convoy", "Jäverno", "reception centre"),
    "arms_deal": ("Volkhar-9",),
}
# A small, independent list of loaded terms (not the toolkit's lexicon).
LOADED = (
    "war crime", "war crimes", "atrocity", "regime", "invader", "invaders", "invasion",
    "aggression", "aggressor", "aggressive", "martyr", "martyrs", "heroic", "heroically",
    "heroes", "terrorists", "terror", "massacre", "barbaric", "puppet", "dictator", "cowards",
    "provocation", "provocations", "reckless", "hysterical", "hysteria", "murdered", "lie",
    "lies", "absurd",
)  # fmt: skip
DOUBT = ("claimed", "alleged")
EMPHASIS = ("stressed", "emphasised", "underlined")
WORD = re.compile(r"\w+(?:[’'-]\w+)*")


# --------------------------------------------------------------------------- readers
def _txt(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[1] == "" and lines[4] == "", f"{path}: header layout"
    assert lines[2].startswith("by "), f"{path}: line 3 is not a byline"
    assert lines[3].startswith("Published: "), f"{path}: line 4 is not a date"
    body, tail = [], []
    for i, line in enumerate(lines[5:]):
        if line.startswith(BOILERPLATE):
            tail = lines[5 + i :]
            break
        body.append(line)
    return {
        "doc": path.relative_to(RAW).with_suffix("").as_posix(),
        "format": "txt",
        "source": lines[2][3:],
        "date": lines[3][len("Published: ") :],
        "title": lines[0],
        "text": "\n".join(body).strip(),
        "boilerplate": [t for t in tail if t.strip()],
    }


def _paragraphs(markup: str) -> str:
    return "\n\n".join(html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", markup, re.S))


def _html(path: Path) -> dict:
    page = path.read_text(encoding="utf-8")

    def meta(attr: str, name: str) -> str:
        match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', page)
        assert match, f"{path}: no <meta {attr}={name!r}>"
        return html.unescape(match.group(1))

    article = re.search(r"<article>(.*?)</article>", page, re.S)
    assert article, f"{path}: no <article>"
    assert "<title>" in page and "<nav" in page and "<footer" in page
    return {
        "doc": path.relative_to(RAW).with_suffix("").as_posix(),
        "format": "html",
        "source": meta("property", "og:site_name"),
        "date": meta("property", "article:published_time")[:10],
        "author": meta("name", "author"),
        "title": meta("property", "og:title"),
        "text": _paragraphs(article.group(1)),
    }


def _rss(path: Path) -> list[dict]:
    channel = ET.parse(path).getroot().find("channel")
    docs = []
    for item in channel.findall("item"):
        published = dt.datetime.strptime(item.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z")
        docs.append(
            {
                "doc": item.findtext("link"),
                "format": "rss",
                "source": channel.findtext("title"),
                "date": published.date().isoformat(),
                "title": item.findtext("title"),
                "text": _paragraphs(item.findtext(CONTENT_NS) or ""),
            }
        )
    return docs


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["id", "outlet", "date", "headline", "body", "url"]
        return [
            {
                "doc": row["id"],
                "format": "csv",
                "source": row["outlet"],
                "date": row["date"],
                "title": row["headline"],
                "text": row["body"],
            }
            for row in reader
        ]


@cache
def documents() -> tuple[dict, ...]:
    docs: list[dict] = []
    for path in sorted(RAW.rglob("*")):
        if path.suffix == ".txt":
            docs.append(_txt(path))
        elif path.suffix == ".html":
            docs.append(_html(path))
        elif path.suffix == ".xml":
            docs.extend(_rss(path))
        elif path.suffix == ".csv":
            docs.extend(_csv(path))
        elif path.is_file():
            raise AssertionError(f"unexpected file in the corpus: {path}")
    return tuple(docs)


@cache
def truth() -> dict:
    return yaml.safe_load((SAMPLE / "truth.yaml").read_text(encoding="utf-8"))


@cache
def manifest() -> tuple[dict, ...]:
    with (SAMPLE / "_manifest.csv").open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


def by_source() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for d in documents():
        out.setdefault(d["source"], []).append(d)
    return out


def n_words(text: str) -> int:
    return len(WORD.findall(text))


def count(form: str, text: str, *, ignore_case: bool = False) -> int:
    pattern = r"(?<![\w.-])" + re.escape(form) + r"(?![\w-])"
    return len(re.findall(pattern, text, re.I if ignore_case else 0))


def corpus_text() -> str:
    return "\n".join(d["title"] + "\n" + d["text"] for d in documents())


def naming_counts(text: str, variants: dict[str, list[str]]) -> Counter:
    """Count variants, longest form first, never counting an overlapping shorter form."""
    forms = sorted(((f, v) for v, fs in variants.items() for f in fs), key=lambda x: -len(x[0]))
    taken: list[tuple[int, int]] = []
    counts: Counter = Counter()
    for form, variant in forms:
        for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append((m.start(), m.end()))
                counts[variant] += 1
    return counts


# --------------------------------------------------------------------------- files and formats
def test_formats_present():
    formats = Counter(d["format"] for d in documents())
    assert formats["txt"] > len(documents()) / 2, "most articles should be scraped .txt"
    assert formats["html"] >= 5 and formats["rss"] >= 4 and formats["csv"] >= 4
    html_sources = {d["source"] for d in documents() if d["format"] == "html"}
    assert len(html_sources) == 1, "the .html pages belong to one outlet"
    assert len(list(RAW.rglob("*.xml"))) == 1 and len(list(RAW.rglob("*.csv"))) == 1


def test_rss_items_have_required_fields():
    channel = ET.parse(next(RAW.rglob("*.xml"))).getroot().find("channel")
    items = channel.findall("item")
    assert len(items) >= 4
    for item in items:
        for field in ("title", "link", "pubDate", CONTENT_NS):
            assert (item.findtext(field) or "").strip(), f"RSS item without {field}"


def test_html_pages_have_metadata_and_boilerplate():
    for path in RAW.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        for needle in ('property="og:site_name"', 'property="article:published_time"',
                       'name="author"', "<nav", "<footer", "We use cookies"):  # fmt: skip
            assert needle in page, f"{path.name}: missing {needle}"


def test_txt_pages_end_in_site_boilerplate():
    for d in documents():
        if d["format"] == "txt":
            assert d["boilerplate"], f"{d['doc']}: no boilerplate after the body"
            assert not any(b in d["text"] for b in BOILERPLATE), d["doc"]


def test_files_are_utf8_nfc_and_use_non_ascii_names():
    for path in RAW.rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), f"{path} is not NFC"
    text = corpus_text()
    for name in ("Velišće", "Tarvé", "Østvik", "Voß", "Drăgan", "Jäverno", "Sølvik"):
        assert name in text


def test_abbreviations_and_quotes_present():
    text = corpus_text()
    for abbreviation in ("Mr.", "Gen.", "Dr.", "Sept.", "C.N.S.", "a.m."):
        assert abbreviation in text
    assert "“" in text and "”" in text and '"' in text and "’" in text


# --------------------------------------------------------------------------- counts and coverage
def test_document_counts_match_truth():
    t = truth()["documents"]
    assert len(documents()) == t["n"]
    assert {s: len(ds) for s, ds in by_source().items()} == t["per_outlet"]


def test_word_counts():
    for d in documents():
        assert 150 <= n_words(d["text"]) <= 600, (d["doc"], n_words(d["text"]))
    assert 7000 <= sum(n_words(d["text"]) for d in documents()) <= 11000


def test_sources_match_truth_outlets():
    assert set(by_source()) == set(truth()["outlets"])
    assert len(truth()["outlets"]) == 5


def test_dates_fall_in_march_2024():
    for d in documents():
        assert d["date"].startswith("2024-03-"), d["doc"]


def test_manifest_matches_documents():
    rows = manifest()
    assert len(rows) == len(documents())
    keys = {(r["item"] or Path(r["path"]).with_suffix("").as_posix()) for r in rows}
    assert keys == {d["doc"] for d in documents()}
    for r in rows:
        assert r["event"] in EVENTS and (RAW / r["path"]).is_file()


def test_every_outlet_covers_every_event():
    docs = {d["doc"]: d for d in documents()}
    covered = set()
    for r in manifest():
        d = docs[r["item"] or Path(r["path"]).with_suffix("").as_posix()]
        assert d["source"] == r["outlet"] and d["date"] == r["published"]
        assert any(w.lower() in d["text"].lower() for w in EVENT_WORDS[r["event"]]), d["doc"]
        covered.add((r["outlet"], r["event"]))
    assert covered == set(itertools.product(truth()["outlets"], EVENTS))


# --------------------------------------------------------------------------- resources
def _actor_ids() -> set[str]:
    return {a["id"] for a in yaml.safe_load(ACTORS.read_text(encoding="utf-8"))["actors"]}


def test_actor_dictionary_schema():
    actors = yaml.safe_load(ACTORS.read_text(encoding="utf-8"))["actors"]
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids))
    assert {"valdoria", "kestria", "sarn_administration", "halvenia", "cns", "corvania"} <= set(ids)
    for a in actors:
        assert isinstance(a["label"], str) and isinstance(a["kind"], str)
        assert a["aliases"] and all(isinstance(x, str) for x in a["aliases"])
        for m in a.get("members", []):
            assert isinstance(m["name"], str) and isinstance(m["role"], str)
            assert all(isinstance(x, str) for x in m.get("aliases", []))
            assert isinstance(m["from"], dt.date)


def test_every_actor_alias_occurs_in_the_corpus():
    text = corpus_text()
    missing = []
    for a in yaml.safe_load(ACTORS.read_text(encoding="utf-8"))["actors"]:
        forms = list(a["aliases"])
        for m in a.get("members", []):
            forms += [m["name"], *m.get("aliases", [])]
        missing += [f for f in forms if not count(f, text)]
    assert not missing


def test_naming_schema_and_every_variant_occurs():
    families = yaml.safe_load(NAMING.read_text(encoding="utf-8"))["families"]
    assert {f["id"] for f in families} >= {"region_name", "territory_status", "armed_groups"}
    text = corpus_text()
    for fam in families:
        assert isinstance(fam["label"], str) and len(fam["variants"]) >= 2
        for variant, forms in fam["variants"].items():
            assert forms and all(isinstance(f, str) for f in forms)
            assert any(count(f, text) for f in forms), (fam["id"], variant)


def test_truth_schema_and_references():
    t = truth()
    assert set(t) == {
        "outlets", "events", "documents", "duplicates", "actor_sentiment", "naming",
        "agency", "reporting_verbs", "voice", "loaded_language",
    }  # fmt: skip
    outlets, ids = set(t["outlets"]), _actor_ids()
    assert [e["id"] for e in t["events"]] == list(EVENTS)
    assert all(isinstance(e["date"], dt.date) and e["description"] for e in t["events"])
    for section in ("actor_sentiment", "naming", "agency", "reporting_verbs", "voice"):
        assert set(t[section]) <= outlets, section
    for spec in t["actor_sentiment"].values():
        assert set(spec) == {"negative", "positive", "order"}
        assert set(spec["negative"] + spec["positive"] + spec["order"]) <= ids
        assert not set(spec["negative"]) & set(spec["positive"])
    for spec in t["agency"].values():
        assert {spec["violent_agent"], spec["violent_patient"]} <= ids
    for spec in t["reporting_verbs"].values():
        assert set(spec) <= ids
        assert set(spec.values()) <= {"neutral", "doubt", "endorse", "emphasis"}
    assert set(t["voice"].values()) <= ids
    assert sorted(t["loaded_language"]["order"]) == sorted(outlets)
    families = {
        f["id"]: f["variants"]
        for f in yaml.safe_load(NAMING.read_text(encoding="utf-8"))["families"]
    }
    for spec in t["naming"].values():
        for family, variant in spec.items():
            assert variant in families[family]


# --------------------------------------------------------------------------- designed contrasts
def test_duplicate_is_a_near_copy_and_unique():
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = [w.lower() for w in WORD.findall(text)]
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    def jaccard(a: set, b: set) -> float:
        return len(a & b) / len(a | b)

    docs = {d["doc"]: shingles(d["text"]) for d in documents()}
    pairs = {(x["doc"], x["copy_of"]) for x in truth()["duplicates"]}
    assert pairs
    for doc, original in pairs:
        assert jaccard(docs[doc], docs[original]) > 0.8
    for a, b in itertools.combinations(docs, 2):
        if (a, b) not in pairs and (b, a) not in pairs:
            assert jaccard(docs[a], docs[b]) < 0.3, (a, b)


def test_loaded_language_order():
    rates = {}
    for source, docs in by_source().items():
        text = "\n".join(d["text"] for d in docs)
        hits = sum(count(term, text, ignore_case=True) for term in LOADED)
        rates[source] = 1000 * hits / n_words(text)
    order = truth()["loaded_language"]["order"]
    assert sorted(rates, key=rates.get, reverse=True) == order
    for higher, lower in itertools.pairwise(order):
        assert rates[higher] >= 1.5 * rates[lower], (higher, lower, rates)


def test_dominant_naming_variants():
    families = {
        f["id"]: f["variants"]
        for f in yaml.safe_load(NAMING.read_text(encoding="utf-8"))["families"]
    }
    for source, spec in truth()["naming"].items():
        text = "\n".join(d["text"] for d in by_source()[source])
        for family, variant in spec.items():
            counts = naming_counts(text, families[family])
            (top, n_top), *rest = counts.most_common() or [(None, 0)]
            assert top == variant, (source, family, counts)
            assert not rest or n_top >= 2 * rest[0][1], (source, family, counts)


def test_reporting_verb_classes_by_outlet():
    def outside_quotes(text: str) -> str:
        return re.sub(r"“[^”]*”|\"[^\"]*\"", " ", text)

    for source, spec in truth()["reporting_verbs"].items():
        text = outside_quotes("\n".join(d["text"] for d in by_source()[source]))
        doubt = sum(count(v, text) for v in DOUBT)
        emphasis = sum(count(v, text) for v in EMPHASIS)
        said = count("said", text)
        if set(spec.values()) == {"neutral"}:
            assert doubt == emphasis == 0 and said >= 20, source
        else:
            assert doubt >= 5 and emphasis >= 8, (source, doubt, emphasis)


# --------------------------------------------------------------------------- the toolkit loader
def test_load_corpus_reads_the_sample_if_available():
    try:
        corpus = importlib.import_module("toolkit.corpus")
    except ImportError:
        pytest.skip("toolkit.corpus is not available")
    if not hasattr(corpus, "load_corpus"):
        pytest.skip("toolkit.corpus has no load_corpus yet")
    df = corpus.load_corpus(RAW)
    assert len(df) == truth()["documents"]["n"]
    assert df["source"].value_counts().to_dict() == truth()["documents"]["per_outlet"]
    for text in df["text"]:
        assert not any(b in text for b in BOILERPLATE)
    if "duplicate_of" in df.columns:
        flagged = df.dropna(subset=["duplicate_of"])
        assert dict(zip(flagged["doc_id"], flagged["duplicate_of"], strict=True)) == {
            x["doc"]: x["copy_of"] for x in truth()["duplicates"]
        }
