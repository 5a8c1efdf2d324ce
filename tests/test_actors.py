"""Tests for toolkit.actors: dictionaries, mentions, suggestions, the Karabakh dictionary."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.actors import (
    MENTION_COLUMNS,
    ActorDictionary,
    ActorDictionaryError,
    bundled_actor_dictionaries,
    find_mentions,
    load_actors,
    suggest_actors,
)
from toolkit.errors import CorpusError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actors"
MINI = FIXTURES / "mini.yaml"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_DIR = SHARED / "data" / "seed"


@pytest.fixture(scope="module")
def mini() -> ActorDictionary:
    return load_actors(MINI)


@pytest.fixture(scope="module")
def karabakh() -> ActorDictionary:
    return load_actors("karabakh")


def hits(d: ActorDictionary, text: str) -> list[tuple[str, str]]:
    """(actor, surface) pairs found in *text*."""
    return [(m[0], m[1]) for m in d.match(text)]


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------


def test_load_fixture_attributes(mini):
    assert mini.ids == ["arm", "aze", "kar", "tur", "nato", "osce", "blr", "usa"]
    assert mini.label_of("tur") == "Turkey"
    assert mini.kind_of("nato") == "organisation"
    assert mini.kind_of("osce") is None
    assert mini.path == str(MINI)
    assert "arm" in mini and "xyz" not in mini and len(mini) == 8
    with pytest.raises(KeyError, match="known ids are"):
        mini.label_of("xyz")


def test_unknown_keys_kept_and_dates_parsed(mini):
    arm = mini.actors[0]
    assert arm["notes"] == "an unknown key, kept as is"
    pm = arm["members"][1]
    assert pm["name"] == "Nikol Pashinyan" and pm["role"] == "prime minister"
    assert str(pm["from"]) == "2018-05-08" and pm["to"] is None
    # quoted ISO strings become dates too
    assert str(mini.actors[3]["members"][0]["to"]) == "2023-06-04"


def test_load_from_dict_list_and_dictionary(mini):
    d = load_actors({"actors": [{"id": "x", "label": "Xland"}]})
    assert d.path == "<dict>"
    assert hits(d, "In Xland today") == [("x", "Xland")]  # no aliases: the label is the alias
    assert load_actors([{"id": "x", "aliases": ["Ex"]}]).ids == ["x"]
    assert load_actors(mini) is mini


def test_bundled_names():
    assert {"karabakh", "sample"} <= set(bundled_actor_dictionaries())
    d = load_actors("karabakh")
    assert d.path.endswith("resources/actors/karabakh.yaml")
    assert isinstance(load_actors("sample"), ActorDictionary)
    with pytest.raises(ValueError, match=r"no bundled actor dictionary 'nope'.*karabakh"):
        load_actors("nope")
    with pytest.raises(FileNotFoundError, match="missing.yaml"):
        load_actors("missing.yaml")
    with pytest.raises(TypeError, match="bundled name"):
        load_actors(42)


# --------------------------------------------------------------------------------------
# Errors name the file, the entry and the problem
# --------------------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "yaml_text, pattern",
    [
        ("actors:\n  - label: A\n", r"bad\.yaml: actors\[0\] \(no id\): missing 'id'"),
        (
            "actors:\n  - {id: a}\n  - {id: a}\n",
            r"bad\.yaml: actors\[1\] \(id 'a'\): duplicate id 'a', already used by actors\[0\]",
        ),
        (
            "actors:\n  - {id: a, aliases: [A, 12]}\n",
            r"bad\.yaml: actors\[0\] \(id 'a'\): aliases\[1\] is not a string: 12",
        ),
        (
            "actors:\n  - {id: a, aliases: Turkey}\n",
            r"actors\[0\] \(id 'a'\): aliases must be a list of strings, not str",
        ),
        (
            "actors:\n  - {id: a, aliases: [Ankara]}\n  - {id: b, aliases: [Ankara]}\n",
            r"actors\[1\] \(id 'b'\): alias 'Ankara' is already claimed by actors\[0\] \(id 'a'\)",
        ),
        (
            "actors:\n  - {id: a, aliases: [A], members: [{name: Bob, from: 2020-13-45}]}\n",
            r"actors\[0\] \(id 'a'\) member 'Bob': bad date from: '2020-13-45'",
        ),
        (
            "actors:\n  - {id: a, members: [{name: Bob, from: 2021-01-01, to: 2020-01-01}]}\n",
            r"member 'Bob': 'from' 2021-01-01 is after 'to' 2020-01-01",
        ),
        (
            "actors:\n  - {id: a, members: {name: Bob}}\n",
            r"actors\[0\] \(id 'a'\): members must be a list",
        ),
        ("actors:\n  - {id: a, members: [{role: x}]}\n", r"members\[0\]: missing 'name'"),
        ("actors: {id: a}\n", r"bad\.yaml: 'actors' must be a list of entries, not dict"),
        ("people: []\n", r"bad\.yaml: no top-level 'actors:' list; keys are \['people'\]"),
        ("actors:\n  - just a string\n", r"actors\[0\]: an entry must be a mapping"),
        ("actors:\n  - {id: 7}\n", r"actors\[0\] \(id 7\): id must be a string"),
        ("actors: [\n", r"bad\.yaml: not valid YAML"),
        (
            "actors:\n  - {id: a, aliases: [NATO]}\n  - {id: b, ignore_case: true, aliases: [nato]}\n",
            r"actors\[1\] \(id 'b'\): alias 'nato' is already claimed by actors\[0\] \(id 'a'\) "
            r"\(ignoring case\)",
        ),
    ],
)
def test_dictionary_errors_name_file_entry_and_problem(tmp_path, yaml_text, pattern):
    with pytest.raises(ActorDictionaryError, match=pattern) as info:
        load_actors(write(tmp_path, yaml_text))
    assert isinstance(info.value, CorpusError) and isinstance(info.value, ValueError)


def test_all_problems_reported_at_once(tmp_path):
    text = "actors:\n  - {id: a, aliases: [1]}\n  - {label: no id}\n  - {id: a}\n"
    with pytest.raises(ActorDictionaryError, match="3 problems") as info:
        load_actors(write(tmp_path, text))
    assert len(info.value.problems) == 3
    assert all("bad.yaml" in p for p in info.value.problems)


def test_member_alias_claimed_by_other_actor_is_an_error():
    raw = {
        "actors": [{"id": "a", "aliases": ["Putin"]}, {"id": "b", "members": [{"name": "Putin"}]}]
    }
    with pytest.raises(
        ActorDictionaryError, match=r"<dict>: actors\[1\] \(id 'b'\) member 'Putin'"
    ):
        load_actors(raw)


def test_phrase_shared_inside_one_actor_is_an_error():
    two_members = {
        "id": "a",
        "members": [{"name": "Tayyip"}, {"name": "Erdogan", "aliases": ["Tayyip"]}],
    }
    with pytest.raises(
        ActorDictionaryError,
        match=r"member 'Erdogan': alias 'Tayyip' is already claimed by actors\[0\] \(id 'a'\) member 'Tayyip'",
    ):
        load_actors([two_members])
    excluded = {"id": "a", "aliases": ["Paris"], "exclude": ["Paris"]}
    with pytest.raises(ActorDictionaryError, match="already claimed by actors"):
        load_actors([excluded])
    # distinct case-sensitive spellings of different actors are allowed
    assert load_actors([{"id": "a", "aliases": ["US"]}, {"id": "b", "aliases": ["Us"]}]).ids == [
        "a",
        "b",
    ]


def test_same_alias_twice_in_one_actor_is_fine():
    d = load_actors({"actors": [{"id": "a", "aliases": ["Kremlin", "Kremlin"]}]})
    assert hits(d, "the Kremlin said") == [("a", "Kremlin")]


def test_ignore_case_argument_checked():
    with pytest.raises(ValueError, match="ignore_case"):
        load_actors(MINI, ignore_case="yes")


# --------------------------------------------------------------------------------------
# Matching rules
# --------------------------------------------------------------------------------------


def test_longest_match_wins(mini):
    found = mini.match("The Armenian defence ministry said Armenian forces fired.")
    assert found == [
        ("arm", "Armenian defence ministry", 4, 29, "member", "Armenian defence ministry"),
        ("arm", "Armenian", 35, 43, "alias", ""),
    ]


def test_overlapping_aliases_of_different_actors(mini):
    text = "The OSCE Minsk Group met in Minsk; the Minsk Group and the OSCE."
    assert hits(mini, text) == [
        ("osce", "OSCE Minsk Group"),
        ("blr", "Minsk"),
        ("osce", "Minsk Group"),
        ("osce", "OSCE"),
    ]
    # a longer alias of another actor beats the shorter one inside it
    assert hits(mini, "ethnic Armenian forces advanced") == [("kar", "ethnic Armenian forces")]


def test_possessives_cover_alias_only(mini):
    text = "Turkey's view, Turkey’s view, NATO’s view, Cavusoglu's view"
    found = mini.match(text)
    assert [(m[0], m[1]) for m in found] == [
        ("tur", "Turkey"),
        ("tur", "Turkey"),
        ("nato", "NATO"),
        ("tur", "Cavusoglu"),
    ]
    for m in found:
        assert text[m[2] : m[3]] == m[1]
        assert text[m[3]] in "'’"


def test_hyphenated_compounds_match_each_part(mini):
    assert hits(mini, "at the Azerbaijan-Armenia front line") == [
        ("aze", "Azerbaijan"),
        ("arm", "Armenia"),
    ]
    assert hits(mini, "Turkish-made drones and pro-Armenian media") == [
        ("tur", "Turkish"),
        ("arm", "Armenian"),
    ]


def test_whole_words_and_unicode_letters(mini):
    text = "Türkiye, Türkiyeli, Արցախ, Արցախի, Карабах, Карабахский, Qarabağ, Qarabağlı, Հայաստան"
    assert hits(mini, text) == [
        ("tur", "Türkiye"),
        ("kar", "Արցախ"),
        ("kar", "Карабах"),
        ("kar", "Qarabağ"),
        ("arm", "Հայաստան"),
    ]
    assert hits(mini, "Turkeys, Bakuvian, USA, AUS, 2US") == []


def test_case_sensitivity(mini):
    assert hits(mini, "a turkey for us") == []  # case-sensitive entries
    assert hits(mini, "nato and Nato and the north atlantic Alliance") == [
        ("nato", "nato"),
        ("nato", "Nato"),
        ("nato", "north atlantic Alliance"),
    ]
    everything = load_actors(MINI, ignore_case=True)
    assert hits(everything, "a turkey for us") == [("tur", "turkey"), ("usa", "us")]


def test_case_sensitive_and_ignore_case_aliases_merge_longest_first():
    d = load_actors(
        {
            "actors": [
                {"id": "a", "aliases": ["Armenian", "Armenian army units"]},
                {"id": "b", "ignore_case": True, "aliases": ["armenian defence ministry", "army"]},
            ]
        }
    )
    # the ignore-case alias is longer at the same start: it wins over "Armenian"
    assert hits(d, "The ARMENIAN Defence Ministry and the Armenian army units") == [
        ("b", "ARMENIAN Defence Ministry"),
        ("a", "Armenian army units"),  # the longer case-sensitive alias beats "army"
    ]
    assert hits(d, "Armenian army") == [("a", "Armenian"), ("b", "army")]


def test_flexible_whitespace_and_exclusions(mini):
    assert hits(mini, "the Minsk\nGroup and OSCE  Minsk Group") == [
        ("osce", "Minsk\nGroup"),
        ("osce", "OSCE  Minsk Group"),
    ]
    assert hits(mini, "The Washington Post says Washington and the U.S. agree") == [
        ("usa", "Washington"),
        ("usa", "U.S."),
    ]


def test_members_and_match_on_missing_text(mini):
    assert mini.match("Nikol Pashinyan and Pashinyan")[1] == (
        "arm",
        "Pashinyan",
        20,
        29,
        "member",
        "Nikol Pashinyan",
    )
    assert mini.match(float("nan")) == [] and mini.match("") == [] and mini.match(None) == []


def test_to_frame_lists_every_phrase(mini):
    f = mini.to_frame()
    assert list(f.columns) == ["actor", "alias", "via", "member", "from", "to", "ignore_case"]
    row = f[f.alias == "Çavuşoğlu"].iloc[0]
    assert (row.actor, row.via, row.member) == ("tur", "member", "Mevlut Cavusoglu")
    assert f[f.alias == "Washington Post"].via.item() == "exclude"
    assert f[f.actor == "nato"].ignore_case.all()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Armenian",
                "defence",
                "ministry",
                "Minsk",
                "Group",
                "OSCE",
                "Turkey's",
                "nato",
                "-",
                "pro-",
                "Türkiye",
                "x",
                "Washington",
                "Post",
                "U.S.",
                " ",
                "\n",
                "’s",
                ".",
                "Карабах",
            ]
        ),
        max_size=30,
    ).map(lambda parts: " ".join(parts))
)
def test_matches_are_ordered_disjoint_and_exact(text):
    d = load_actors(MINI)
    found = d.match(text)
    last = 0
    for actor, label, start, end, via, _member in found:
        assert start >= last and end > start
        assert text[start:end] == label
        assert not (start and (text[start - 1].isalnum() or text[start - 1] == "_"))
        assert not (end < len(text) and (text[end].isalnum() or text[end] == "_"))
        assert actor in d.ids and via in ("alias", "member")
        last = end


# --------------------------------------------------------------------------------------
# find_mentions
# --------------------------------------------------------------------------------------


@pytest.fixture()
def sentences() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2", "d2", "d3"],
            "sent_id": [0, 1, 0, 1, 0],
            "start": [0, 40, 0, 20, 0],
            "end": [39, 80, 19, 60, 10],
            "text": [
                "Turkey's Cavusoglu met NATO officials.",
                "Armenian forces and Azerbaijani troops.",
                float("nan"),
                "",
                "Cavusoglu spoke in Baku.",
            ],
            "source": ["Alpha", "Alpha", "Beta", "Beta", "Gamma"],
            "published": pd.to_datetime(
                ["2020-10-05", "2020-10-05", "2020-10-06", "2020-10-06", "2010-01-01"], utc=True
            ),
        },
        index=[10, 11, 12, 13, 14],
    )


def test_find_mentions_frame(mini, sentences):
    before = sentences.copy()
    m = find_mentions(sentences, mini)
    pd.testing.assert_frame_equal(sentences, before)  # input not mutated
    assert list(m.columns) == [*MENTION_COLUMNS, "source"]
    assert m.mention_id.tolist() == [
        "d1:0:0",
        "d1:0:9",
        "d1:0:23",
        "d1:1:0",
        "d1:1:20",
        "d3:0:0",
        "d3:0:19",
    ]
    assert m.actor.tolist() == ["tur", "tur", "nato", "arm", "aze", "tur", "aze"]
    assert m.label.tolist() == [
        "Turkey",
        "Cavusoglu",
        "NATO",
        "Armenian",
        "Azerbaijani",
        "Cavusoglu",
        "Baku",
    ]
    assert m.via.tolist() == ["alias", "member", "alias", "alias", "alias", "member", "alias"]
    assert m.member.tolist()[1] == "Mevlut Cavusoglu" and m.member.tolist()[0] == ""
    assert m.source.tolist() == ["Alpha"] * 5 + ["Gamma"] * 2
    keys = zip(sentences.doc_id, sentences.sent_id, strict=True)
    text_of = dict(zip(keys, sentences.text, strict=True))
    for r in m.itertuples():
        assert text_of[(r.doc_id, r.sent_id)][r.start : r.end] == r.label
    assert m.start.dtype == "int64" and m.sent_id.dtype == "int64"


def test_find_mentions_without_source_or_ids(mini):
    m = find_mentions(pd.DataFrame({"text": ["NATO and Turkey", "Baku"]}, index=[5, 6]), mini)
    assert list(m.columns) == MENTION_COLUMNS
    assert m.mention_id.tolist() == ["5:0:0", "5:0:9", "6:0:0"]


def test_find_mentions_empty_and_bad_input(mini):
    empty = find_mentions(pd.DataFrame({"doc_id": [], "sent_id": [], "text": []}), mini)
    assert list(empty.columns) == MENTION_COLUMNS and len(empty) == 0
    with pytest.raises(ValueError, match=r"no text column 'body'; columns are \['text'\]"):
        find_mentions(pd.DataFrame({"text": ["x"]}), mini, text="body")
    with pytest.raises(TypeError):
        find_mentions(["Turkey"], mini)


def test_find_mentions_other_text_column(mini):
    m = find_mentions(
        pd.DataFrame({"doc_id": ["a"], "body": ["Yerevan replied."]}), mini, text="body"
    )
    assert m.actor.tolist() == ["arm"]


def test_member_date_filter(mini, sentences):
    # Cavusoglu is dated 2015-11-24 .. 2023-06-04 in the fixture
    all_members = find_mentions(sentences, mini)
    assert (all_members.member == "Mevlut Cavusoglu").sum() == 2
    dated = find_mentions(sentences, mini, date="published")
    assert dated[dated.member != ""].doc_id.tolist() == ["d1"]  # the 2010 one is dropped
    assert len(dated) == len(all_members) - 1
    assert (find_mentions(sentences, mini, date="2024-01-01").member == "").all()
    unknown = sentences.assign(published=pd.NaT)
    assert len(find_mentions(unknown, mini, date="published")) == len(all_members)
    with pytest.raises(ValueError, match="neither a column"):
        find_mentions(sentences, mini, date="when")


def test_find_mentions_speed(karabakh):
    sentence = (
        "Armenian forces and Azerbaijani troops clashed as Cavusoglu met Stoltenberg in "
        "Ankara while the Kremlin and the OSCE Minsk Group urged calm over the region ."
    )
    words = sentence.split(" ")
    n = 100_000
    text = " ".join(words[i % len(words)] for i in range(n))
    sents = pd.DataFrame(
        {
            "doc_id": "x",
            "sent_id": range(n // 25),
            "text": re.findall(r"(?:\S+ ?){1,25}", text)[: n // 25],
        }
    )
    karabakh.match("warm up")  # compile the patterns outside the timing
    t0 = time.perf_counter()
    m = find_mentions(sents, karabakh)
    dt = time.perf_counter() - t0
    print(f"find_mentions: {n / dt:,.0f} words/s on synthetic text ({len(m)} mentions)")
    assert len(m) > 20_000
    assert dt < 3.0, f"100k words took {dt:.2f}s"


# --------------------------------------------------------------------------------------
# The Karabakh dictionary
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Cavusoglu", "turkey"),
        ("Çavuşoğlu", "turkey"),
        ("Erdogan", "turkey"),
        ("Erdoğan", "turkey"),
        ("Türkiye", "turkey"),
        ("Akar", "turkey"),
        ("Stoltenberg", "nato"),
        ("Aliyev", "azerbaijan"),
        ("Bayramov", "azerbaijan"),
        ("Hajiyev", "azerbaijan"),
        ("Azeri", "azerbaijan"),
        ("Pashinyan", "armenia"),
        ("Mnatsakanyan", "armenia"),
        ("Sarkissian", "armenia"),
        ("Putin", "russia"),
        ("Lavrov", "russia"),
        ("Peskov", "russia"),
        ("the Kremlin", "russia"),
        ("Macron", "france"),
        ("Le Drian", "france"),
        ("Paris", "france"),
        ("Trump", "united_states"),
        ("Pompeo", "united_states"),
        ("U.S.", "united_states"),
        ("American", "united_states"),
        ("Washington", "united_states"),
        ("Borrell", "eu"),
        ("Charles Michel", "eu"),
        ("Guterres", "united_nations"),
        ("António Guterres", "united_nations"),
        ("Iranian", "iran"),
        ("Minsk Group", "osce_minsk_group"),
        ("Artsakh", "karabakh"),
        ("Harutyunyan", "karabakh"),
        ("Stepanakert", "karabakh"),
        ("Khankendi", "karabakh"),
        ("Karabakh authorities", "karabakh"),
        ("Nagorno-Karabakh authorities", "karabakh"),
        ("the separatist government", "karabakh"),
        ("ethnic Armenian forces", "karabakh"),
        ("Armenian forces", "armenia"),
    ],
)
def test_karabakh_aliases(karabakh, text, actor):
    found = karabakh.match(f"Yesterday {text} said so.")
    assert [m[0] for m in found] == [actor]


def test_karabakh_bodies_and_exclusions(karabakh):
    found = karabakh.match("The Armenian Defence Ministry and the Azerbaijani defense ministry")
    assert [(m[0], m[4], m[5]) for m in found] == [
        ("armenia", "member", "Armenian defence ministry"),
        ("azerbaijan", "member", "Azerbaijani defense ministry"),
    ]
    assert karabakh.match("Kremlin spokesman Dmitry Peskov")[0][5] == "Kremlin spokesman"
    assert karabakh.match("Heydar Aliyev airport")[0][5] == "Heydar Aliyev"
    assert karabakh.match("Ilham Aliyev")[0][5] == "Ilham Aliyev"
    assert (
        karabakh.match("The Washington Post and Latin America and Armenian-American groups") == []
    )
    roles = {m["name"]: m.get("role") for a in karabakh.actors for m in a["members"]}
    assert roles["Jens Stoltenberg"] == "secretary general"
    assert roles["Kremlin spokesman"] == "office"
    assert set(karabakh.ids) == {
        "armenia",
        "azerbaijan",
        "karabakh",
        "turkey",
        "russia",
        "nato",
        "france",
        "united_states",
        "eu",
        "iran",
        "osce_minsk_group",
        "united_nations",
    }


def _split(documents: pd.DataFrame) -> pd.DataFrame:
    try:
        from toolkit.text import split_sentences
    except ImportError:  # pragma: no cover - fallback while toolkit.text is not there
        rows = []
        for doc_id, text in zip(documents.doc_id, documents.text, strict=True):
            for i, m in enumerate(re.finditer(r"[^.!?\n]+[.!?]*", text)):
                if m.group().strip():
                    rows.append(
                        {
                            "doc_id": doc_id,
                            "sent_id": i,
                            "start": m.start(),
                            "end": m.end(),
                            "text": m.group(),
                        }
                    )
        return pd.DataFrame(rows)
    return split_sentences(documents)


def test_seed_article_mentions(karabakh):
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("../shared/data not present")
    docs = pd.DataFrame(
        {
            "doc_id": [f.stem for f in files],
            "source": "seed",
            "text": [f.read_text(encoding="utf-8") for f in files],
        }
    )
    m = find_mentions(_split(docs), karabakh)
    actors = set(m.actor)
    assert {
        "turkey",
        "armenia",
        "nato",
        "azerbaijan",
        "russia",
        "france",
        "united_states",
        "osce_minsk_group",
    } <= actors
    by_label = m.groupby("label").actor.agg(set).to_dict()
    assert by_label["Cavusoglu"] == {"turkey"}
    assert by_label["Stoltenberg"] == {"nato"}
    assert by_label["Turkish President Recep Tayyip Erdogan"] == {"turkey"}
    assert by_label["Turkish"] == {"turkey"}
    assert by_label["US"] == {"united_states"}
    # "Azerbaijan-Armenia front line" yields both countries in one sentence
    line = m[m.label.isin(["Azerbaijan", "Armenia"])].groupby(["doc_id", "sent_id"]).actor.nunique()
    assert (line == 2).any()
    assert "karabakh" not in actors  # the article never names the Karabakh authorities


# --------------------------------------------------------------------------------------
# suggest_actors
# --------------------------------------------------------------------------------------


@pytest.fixture()
def suggest_docs() -> pd.DataFrame:
    texts = [
        "Officials in Baku said Vardan Petrosyan visited the Caspian Energy Board. "
        "Meanwhile Nikol Pashinyan spoke to Turkish reporters.",
        "The Caspian Energy Board denied it. According to Vardan Petrosyan, talks failed. "
        "Pashinyan disagreed.",
        "Vardan Petrosyan's office and the Caspian Energy Board met in Gori. "
        "However, Gori stayed calm as Turkish media noted. Gori mayor Lela Beridze spoke.",
        float("nan"),
    ]
    return pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": texts})


def test_suggest_actors_finds_missing_names(mini, suggest_docs):
    s = suggest_actors(suggest_docs, mini)
    assert list(s.columns) == ["name", "count", "n_docs", "example"]
    assert s.name.tolist() == ["Caspian Energy Board", "Vardan Petrosyan", "Gori"]
    row = s.set_index("name").loc["Vardan Petrosyan"]
    assert (row["count"], row["n_docs"]) == (3, 3)
    assert "Vardan Petrosyan" in row["example"] and len(row["example"]) < 200
    # covered by the dictionary ("Pashinyan", "Turkish", "Baku") or common words: not suggested
    for name in (
        "Nikol Pashinyan",
        "Pashinyan",
        "Turkish",
        "Baku",
        "Meanwhile",
        "According",
        "However",
        "The",
    ):
        assert name not in set(s.name)


def test_suggest_actors_name_rules():
    text = (
        "US Secretary of State Jon Marlow met Islamic State defectors.\n"
        "Russian-made Drones Hit The Old Town Again\n"  # a headline: skipped
        "They used Russian-made drones, said Defence Minister Ana Kelly in Gori. Bank of Gori fell."
    )
    s = suggest_actors(pd.DataFrame({"text": [text] * 3}))
    assert set(s.name) == {"Jon Marlow", "Islamic State", "Ana Kelly", "Gori", "Bank of Gori"}


def test_suggest_actors_without_dictionary_and_options(suggest_docs):
    s = suggest_actors(suggest_docs, min_count=2)
    assert s.name.tolist() == ["Caspian Energy Board", "Vardan Petrosyan", "Gori", "Turkish"]
    assert s.set_index("name").loc["Gori", "n_docs"] == 1
    assert len(suggest_actors(suggest_docs, top=1)) == 1
    assert suggest_actors(suggest_docs, min_count=4).empty
    with pytest.raises(ValueError, match="min_count"):
        suggest_actors(suggest_docs, min_count=0)
    with pytest.raises(ValueError, match="no text column"):
        suggest_actors(suggest_docs, text="body")


def test_title_and_name_of_one_person_is_one_mention():
    sents = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            "sent_id": [0, 1, 2],
            "text": [
                "NATO Secretary General Jens Stoltenberg said NATO is concerned.",
                "Russian President Vladimir Putin met Turkey's Erdogan.",
                "Kremlin spokesman Dmitry Peskov spoke.",
            ],
        }
    )
    m = find_mentions(sents, load_actors("karabakh"))
    assert m[m.sent_id == 0]["label"].tolist() == [
        "NATO Secretary General Jens Stoltenberg",
        "NATO",
    ]
    assert m[m.sent_id == 1]["label"].tolist() == [
        "Russian President Vladimir Putin",
        "Turkey",
        "Erdogan",
    ]
    assert m[m.sent_id == 2]["label"].tolist() == ["Kremlin spokesman Dmitry Peskov"]
    assert m[m.sent_id == 1]["member"].iloc[0] == "Vladimir Putin"


def test_ignore_case_matches_what_python_case_folding_matches():
    # The case-insensitive scan starts with a plain class of first characters (for speed);
    # it must let through every character IGNORECASE accepts, e.g. the Kelvin sign for "k".
    d = load_actors(
        {"actors": [{"id": "ru", "aliases": ["Kremlin spokesman"], "ignore_case": True}]}
    )
    text = "The \u212aremlin spokesman and the KREMLIN SPOKESMAN, not xkremlin spokesman."
    assert [m[2] for m in d.match(text)] == [4, 30]
