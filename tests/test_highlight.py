"""Tests for toolkit.highlight: offsets, escaping, nesting, legend, input forms."""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from toolkit.highlight import Highlighted, highlight

VOID = {"br"}


class FakeActors:
    """Minimal ActorDictionary stand-in: whole-word regex per actor."""

    def __init__(self, table: dict[str, list[str]], labels: dict[str, str] | None = None):
        self.table = table
        self.labels = labels or {}

    def label_of(self, actor_id: str) -> str:
        return self.labels.get(actor_id, actor_id)

    def match(self, text: str):
        out = []
        for actor_id, aliases in self.table.items():
            for alias in aliases:
                for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
                    out.append((actor_id, m.group(0), m.start(), m.end(), "alias", ""))
        return sorted(out, key=lambda t: t[2])


class Tree(HTMLParser):
    """Checks well-formed nesting and collects marks with the text inside them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.marks: list[dict] = []  # {"class", "title", "text"}
        self.open_marks: list[dict] = []
        self.body: list[str] = []
        self.in_body = 0
        self.in_badge = 0
        self.in_p = 0
        self.attrs_seen: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.attrs_seen.append(a)
        if tag in VOID:
            if self.in_body:
                self.body.append("\n")
            return
        cls = a.get("class", "") or ""
        self.stack.append((tag, a))
        if "mt-body" in cls:
            self.in_body += 1
        if "mt-badge" in cls:
            self.in_badge += 1
        if tag == "p":
            self.in_p += 1
        if "mt-mark" in cls:
            rec = {
                "class": cls,
                "title": a.get("title"),
                "text": "",
                "tag": tag,
                "in_body": bool(self.in_body),
            }
            self.marks.append(rec)
            self.open_marks.append(rec)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}>; open: {[t for t, _ in self.stack]}")
            return
        _, a = self.stack.pop()
        cls = a.get("class", "") or ""
        if "mt-body" in cls:
            self.in_body -= 1
        if "mt-badge" in cls:
            self.in_badge -= 1
        if "mt-mark" in cls:
            self.open_marks.pop()
        if tag == "p":
            self.in_p -= 1
            if self.in_body:
                self.body.append("¶")

    def handle_data(self, data):
        if self.in_badge:
            return
        for rec in self.open_marks:
            rec["text"] += data
        if self.in_body and self.in_p:
            self.body.append(data)


def parse(snippet: str) -> Tree:
    tree = Tree()
    tree.feed(snippet)
    tree.close()
    assert tree.errors == []
    assert tree.stack == []
    return tree


def marks_of(tree: Tree, kind: str) -> list[dict]:
    """Marks of one kind inside the article body (legend samples excluded)."""
    return [m for m in tree.marks if m["in_body"] and f"mt-{kind}" in m["class"].split()]


ACTORS = FakeActors({"ARM": ["Armenia"], "AZE": ["Azerbaijan"]}, {"ARM": "Republic of Armenia"})
TEXT = "Armenia and Azerbaijan met. Azerbaijan said Armenia lied."


def test_actor_spans_at_the_right_offsets():
    h = highlight(TEXT, actors=ACTORS, loaded=False, quotes=False)
    got = h.spans[["start", "end", "kind", "label"]].values.tolist()
    assert got == [
        [0, 7, "actor", "ARM"],
        [12, 22, "actor", "AZE"],
        [28, 38, "actor", "AZE"],
        [44, 51, "actor", "ARM"],
    ]
    assert list(h.spans.columns[:5]) == ["start", "end", "kind", "label", "detail"]
    assert all(TEXT[s:e] == t for s, e, t in h.spans[["start", "end", "text"]].values)
    tree = parse(h.html)
    actor_marks = marks_of(tree, "actor")
    body = [m for m in actor_marks if "matched" in (m["title"] or "")]
    assert [m["text"] for m in body] == ["Armenia", "Azerbaijan", "Azerbaijan", "Armenia"]
    assert body[0]["title"].startswith("actor: ARM (Republic of Armenia)")
    assert body[0]["tag"] == "mark"
    # the body text is kept exactly
    assert "".join(tree.body).rstrip("¶") == TEXT


def test_script_tags_quotes_and_ampersands_are_escaped():
    text = 'Tom & Jerry wrote <script>alert(1)</script> and "x<y" in Armenia.'
    evil = FakeActors({'x" onmouseover="alert(2)': ["Armenia"]})
    h = highlight(text, actors=evil, loaded=False, title="<b>Bold</b> & co")
    assert "<script" not in h.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in h.html
    assert "Tom &amp; Jerry" in h.html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in h.html
    tree = parse(h.html)
    assert all("onmouseover" not in attrs for attrs in tree.attrs_seen)
    actor = [m for m in marks_of(tree, "actor") if "matched" in m["title"]][0]
    assert actor["title"].startswith('actor: x" onmouseover="alert(2)')
    assert "".join(tree.body).rstrip("¶") == text
    quote = marks_of(tree, "quote")[0]
    assert quote["text"] == '"x<y"'


def test_row_fields_are_escaped_in_header():
    row = pd.Series(
        {"text": "Body.", "title": "<i>T</i>", "source": "A&B <x>", "doc_id": "d1", "url": None}
    )
    h = highlight(row, loaded=False)
    assert "&lt;i&gt;T&lt;/i&gt;" in h.html and "A&amp;B &lt;x&gt;" in h.html
    assert h.title == "<i>T</i>"


def test_unicode_offsets():
    text = "Արցախ / Карабах / Qarabağ — «Qarabağ Azərbaycandır»"
    actors = FakeActors({"NK": ["Արցախ", "Карабах", "Qarabağ"]})
    h = highlight(text, actors=actors, loaded=False)
    rows = h.spans[h.spans.kind == "actor"][["start", "end", "text"]].values.tolist()
    assert rows == [[0, 5, "Արցախ"], [8, 15, "Карабах"], [18, 25, "Qarabağ"], [29, 36, "Qarabağ"]]
    quote = h.spans[h.spans.kind == "quote"]
    assert quote.text.tolist() == ["«Qarabağ Azərbaycandır»"]
    assert quote.detail.tolist() == ["2 words"]
    tree = parse(h.html)
    assert "".join(tree.body).rstrip("¶") == text
    assert "Արցախ" in h.html  # not entity-encoded


def test_nested_marks_quote_contains_actor_and_loaded():
    text = 'He said "Armenia shelled us" today.'
    h = highlight(text, actors=ACTORS, loaded=[(17, 24, "violence", "entry: shell")])
    tree = parse(h.html)
    # actor and loaded marks sit inside the quote span
    assert re.search(
        r'<span class="mt-mark mt-quote"[^>]*>&quot;<mark class="mt-mark mt-actor"[^>]*>Armenia'
        r'</mark> <mark class="mt-mark mt-loaded"[^>]*>shelled</mark> us&quot;</span>',
        h.html,
    )
    loaded = marks_of(tree, "loaded")
    assert [m["text"] for m in loaded if "category" in m["title"]] == ["shelled"]
    assert "category: violence · entry: shell" in loaded[-1]["title"]


def test_same_extent_marks_nest_in_fixed_order():
    text = "Artsakh forces"
    h = highlight(
        text,
        actors=FakeActors({"NK": ["Artsakh"]}),
        naming=[(0, 7, "region", "Artsakh")],
        loaded=False,
    )
    # naming outside actor for the same characters
    assert re.search(
        r'<span class="mt-mark mt-naming"[^>]*><mark class="mt-mark mt-actor"[^>]*>Artsakh</mark></span>',
        h.html,
    )
    assert h.spans.kind.tolist() == ["naming", "actor"]


def test_crossing_marks_are_split_and_kept():
    text = "0123456789ABCDEFGHIJ"
    h = highlight(
        text,
        loaded=False,
        quotes=False,
        spans=[(0, 10, "loaded", "violence"), (5, 15, "naming", "fam", "var")],
    )
    tree = parse(h.html)
    naming = [m for m in marks_of(tree, "naming") if "family" in m["title"] or "fam" in m["title"]]
    loaded = [m for m in marks_of(tree, "loaded") if "violence" in m["title"]]
    assert "".join(m["text"] for m in loaded) == text[0:10]
    assert "".join(m["text"] for m in naming) == text[5:15]
    assert len(naming) + len(loaded) == 3  # one of the two is split in two pieces
    assert h.spans[["start", "end"]].values.tolist() == [[0, 10], [5, 15]]


def test_paragraphs_and_line_breaks_kept():
    text = "First para.\n\nSecond line one\nline two.\n \n\nThird."
    h = highlight(text, loaded=False, spans=[(6, 19, "loaded", "x")])
    body = h.html.split('<div class="mt-body">')[1]
    assert body.count("<p>") == 3
    assert "line one<br>\nline two" in body
    tree = parse(h.html)
    pieces = [m["text"] for m in marks_of(tree, "loaded") if m["title"].startswith("loaded term")]
    assert pieces == ["para.", "Second"]  # closed before the break and reopened after


def test_legend_lists_only_kinds_present():
    h = highlight('A "quoted remark" here.', loaded=False)
    assert "mt-legend-quote" in h.html
    for kind in ("actor", "loaded", "naming", "agency"):
        assert f"mt-legend-{kind}" not in h.html
    h = highlight("Armenia only.", actors=ACTORS, loaded=False)
    assert "mt-legend-actor" in h.html and "mt-legend-quote" not in h.html
    assert "Republic of Armenia" in h.html.split('class="mt-body"')[0]  # actor name in legend
    h = highlight("Nothing here.", loaded=False)
    assert "mt-legend" not in h.html
    assert h.spans.empty and list(h.spans.columns[:5]) == [
        "start",
        "end",
        "kind",
        "label",
        "detail",
    ]


def test_agency_badges():
    text = "Armenia shelled Azerbaijan."
    h = highlight(
        text,
        actors=ACTORS,
        loaded=False,
        spans=[(0, 7, "agent", "", "shelled"), (16, 26, "patient")],
    )
    assert h.spans[h.spans.kind == "agency"].label.tolist() == ["agent", "patient"]
    body = h.html.split('<div class="mt-body">')[1]
    assert re.search(
        r'Armenia</mark></span><span class="mt-badge mt-badge-agent"[^>]*>agent</span>', body
    )
    assert re.search(r"Azerbaijan</mark></span><span class=\"mt-badge mt-badge-patient\"", body)
    tree = parse(h.html)
    assert "".join(tree.body).rstrip("¶") == text  # badges are not article text
    assert "mt-legend-agency" in h.html
    hidden = highlight(text, actors=ACTORS, loaded=False, agency=False, spans=[(0, 7, "agent")])
    assert "mt-badge" not in hidden.html and "agency" not in set(hidden.spans.kind)
    direct = highlight(
        text, loaded=False, agency=pd.DataFrame({"start": [0], "end": [7], "role": ["agent"]})
    )
    assert direct.spans.values.tolist()[0][:4] == [0, 7, "agency", "agent"]


def test_quotes_detection():
    text = 'A said “one two”. B: „drei vier“ and «cinq six». C "x" D "unclosed\n\nnew para" end.'
    h = highlight(text, loaded=False)
    quotes = h.spans[h.spans.kind == "quote"].text.tolist()
    # the unbalanced quote crossing a paragraph break is not taken
    assert quotes == ["“one two”", "„drei vier“", "«cinq six»", '"x"']
    spaced = highlight('a " b " c', loaded=False)  # marks followed/preceded by space
    assert spaced.spans.empty
    assert highlight(text, loaded=False, quotes=False).spans.empty
    given = highlight("ab cd", loaded=False, quotes=[(0, 5, "Someone")])
    assert given.spans.label.tolist() == ["Someone"]


def test_input_forms_agree():
    text = 'Armenia said "no".'
    as_text = highlight(text, actors=ACTORS, loaded=False)
    row = pd.Series({"doc_id": "d1", "source": "S", "title": "T", "text": text})
    as_row = highlight(row, actors=ACTORS, loaded=False)
    as_frame = highlight(row.to_frame().T, actors=ACTORS, loaded=False)
    pd.testing.assert_frame_equal(as_text.spans, as_row.spans)
    assert as_row.html == as_frame.html
    assert as_row.title == "T" and highlight(row, loaded=False, title="X").title == "X"
    with pytest.raises(ValueError, match="2 rows"):
        highlight(pd.DataFrame({"text": ["a", "b"]}))
    with pytest.raises(ValueError, match="no 'text' field"):
        highlight(pd.Series({"body": "x"}))
    with pytest.raises(TypeError):
        highlight(42)


def test_out_of_range_span_is_an_error():
    with pytest.raises(ValueError, match="outside the text"):
        highlight("short", loaded=False, spans=[(3, 50, "loaded", "x")])


def test_repr_html_str_and_determinism():
    h = highlight(TEXT, actors=ACTORS, loaded=False)
    assert isinstance(h, Highlighted)
    assert h._repr_html_() == h.html
    assert h.html.startswith('<div class="mt-highlight"') and h.html.endswith("</div>")
    assert "     0-7      actor   ARM: 'Armenia'" in str(h)
    assert "4 actor" in repr(h)
    again = highlight(TEXT, actors=ACTORS, loaded=False)
    assert again.html == h.html
    pd.testing.assert_frame_equal(again.spans, h.spans)


def test_loaded_callable_and_missing_framing_fallback(monkeypatch):
    def matcher(text):
        return [(m.start(), m.end(), "violence") for m in re.finditer("shell", text)]

    h = highlight("They shell and shell.", loaded=matcher)
    assert h.spans.values.tolist() == [
        [5, 10, "loaded", "violence", "", "shell"],
        [15, 20, "loaded", "violence", "", "shell"],
    ]
    monkeypatch.setitem(sys.modules, "toolkit.framing", None)  # import now fails
    h = highlight("They shell.", loaded=True)
    assert h.spans.empty
    assert any("loaded terms not marked" in n for n in h.notes)
    assert "loaded terms not marked" in html.unescape(h.html)


def test_bundled_lexicon_and_naming_when_available():
    framing = pytest.importorskip("toolkit.framing")
    lexicon = pd.DataFrame({"term": ["bonkers"], "category": ["emotive"], "weight": [2]})
    h = highlight("A bonkers plan.", loaded=lexicon, quotes=False)
    assert h.spans.values.tolist() == [[2, 9, "loaded", "emotive", "entry: bonkers", "bonkers"]]
    families = framing.load_naming(
        {
            "families": [
                {
                    "id": "region",
                    "label": "Region name",
                    "variants": {"Artsakh": ["Artsakh"], "Karabakh": ["Karabakh"]},
                }
            ]
        }
    )
    h = highlight("Artsakh or Karabakh?", loaded=False, naming=families)
    assert h.spans[["start", "end", "label", "detail"]].values.tolist() == [
        [0, 7, "region", "Artsakh"],
        [11, 19, "region", "Karabakh"],
    ]
    assert "family: region (Region name) · variant: Artsakh" in html.unescape(h.html)


def test_real_actor_dictionary_when_available():
    actors_mod = pytest.importorskip("toolkit.actors")
    d = actors_mod.load_actors(
        {"actors": [{"id": "tr", "label": "Turkey", "aliases": ["Turkey", "Ankara"]}]}
    )
    h = highlight("Ankara & Turkey's view", actors=d, loaded=False)
    assert h.spans[["start", "end", "label"]].values.tolist() == [[0, 6, "tr"], [9, 15, "tr"]]
    assert "actor: tr (Turkey)" in html.unescape(h.html)


def test_input_row_not_mutated():
    row = pd.Series({"text": "Armenia.", "title": "T"})
    before = row.copy()
    highlight(row, actors=ACTORS, loaded=False)
    pd.testing.assert_series_equal(row, before)


SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ALLSIDES = SHARED / "data" / "allsides" / "topic_turkey_russia_caucasus.jsonl"


def test_real_articles_round_trip():
    """On real articles: well-formed HTML, the body text is exactly the article text."""
    if not ALLSIDES.exists():
        pytest.skip("../shared/data not present")
    actors_mod = pytest.importorskip("toolkit.actors")
    framing = pytest.importorskip("toolkit.framing")
    actors = actors_mod.load_actors("karabakh")
    naming = framing.load_naming("karabakh")
    raw = pd.read_json(ALLSIDES, lines=True, dtype=False).head(15)
    n_marks = 0
    for rec in raw.itertuples(index=False):
        text = rec.content_original
        h = highlight(
            pd.Series({"text": text, "title": rec.title, "source": rec.source}),
            actors=actors,
            naming=naming,
        )
        tree = parse(h.html)
        expected = re.sub(r"\r?\n[ \t]*(?:\r?\n[ \t]*)+", "¶", text).replace("\r\n", "\n")
        assert "".join(tree.body).rstrip("¶") == expected
        assert all(text[s:e] == t for s, e, t in h.spans[["start", "end", "text"]].values)
        n_marks += len(h.spans)
    assert n_marks > 0
