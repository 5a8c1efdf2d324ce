"""Tests for toolkit.agency: roles of mentioned actors (agent / patient / other).

The hand-labelled fixture below (``FIXTURE``) was written for this project: each sentence marks
its actor mentions as ``[surface|expected role]``. Run ``python tests/test_agency.py`` to print
the accuracy on it.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # allow `python tests/test_agency.py`
    sys.path.insert(0, str(ROOT))

from toolkit.actors import find_mentions  # noqa: E402
from toolkit.agency import ROLES, action_lexicon, agency, agency_table  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# surface form -> actor id, for the fake dictionary used by the fixture
ACTORS = {
    "Armenia": "armenia",
    "Armenian": "armenia",
    "Armenians": "armenia",
    "Yerevan": "armenia",
    "Azerbaijan": "azerbaijan",
    "Azerbaijani": "azerbaijan",
    "Azerbaijanis": "azerbaijan",
    "Baku": "azerbaijan",
    "Turkey": "turkey",
    "Turkish": "turkey",
    "Ankara": "turkey",
    "Russia": "russia",
    "Russian": "russia",
    "Moscow": "russia",
    "Kremlin": "russia",
    "Putin": "russia",
    "NATO": "nato",
    "France": "france",
    "Iran": "iran",
    "Erdogan": "turkey",
    "Aliyev": "azerbaijan",
    "Pashinyan": "armenia",
    "Stepanakert": "karabakh",
}

# fmt: off
FIXTURE = [
    # active subject, violent
    "[Armenia|agent] directly targets civilians in the region.",
    "[Azerbaijani|agent] troops shelled the town overnight.",
    "[Armenian|agent] forces targeted civilian [Azerbaijani|patient] settlements.",
    "[Azerbaijan|agent]'s army captured several villages on Friday.",
    "The [Russian|agent] air force bombed rebel positions near the border.",
    "[Armenian|agent] artillery hit a school in [Azerbaijan|patient].",
    "[Azerbaijani|agent] drones destroyed two [Armenian|patient] tanks.",
    "[Armenia|agent] has repeatedly attacked [Azerbaijani|patient] positions.",
    "[Azerbaijani|agent] forces killed 20 [Armenian|patient] soldiers, officials said.",
    "[Turkey|agent] invaded the north of the island in 1974.",
    "[Armenian|agent] troops fired on [Azerbaijani|patient] villages.",
    "[Azerbaijani|agent] units launched an offensive at dawn.",
    "[Armenian|agent] separatists seized the airport.",
    # active subject, non-violent
    "[Russia|agent] brokered a ceasefire between [Armenia|patient] and [Azerbaijan|patient].",
    "[Turkey|agent] supports [Azerbaijan|patient] in the conflict.",
    "[NATO|agent] urged both sides to show restraint.",
    "[France|agent] condemned the attack on [Armenian|patient] civilians.",
    "[Russia|agent] sold weapons to both countries.",
    "[Turkey|agent] bought the missile system from [Russia|patient].",
    "[Erdogan|agent] met [Putin|patient] in Sochi.",
    "[Iran|agent] called for an immediate halt to the fighting.",
    "[Armenia|agent] accused [Turkey|patient] of sending fighters to the region.",
    "[Moscow|agent] will mediate the talks next week.",
    # passive
    "Two [Armenian|patient] soldiers were killed in the clashes.",
    "Civilians were shelled by [Armenian|agent] forces.",
    "[Azerbaijani|patient] villages were hit by rockets overnight.",
    "The [Turkish|patient] embassy was attacked last night.",
    "An [Armenian|patient] helicopter was shot down by [Azerbaijani|agent] forces.",
    "[Azerbaijan|patient] has been targeted by missiles fired from [Armenia|other].",
    "The ceasefire was brokered by [Russia|agent].",
    "[Azerbaijani|patient] positions came under heavy fire.",
    "[Armenia|patient]'s forces came under attack near the border.",
    "A [Russian|patient] helicopter was downed over [Armenia|other].",
    "The city was captured by [Azerbaijani|agent] troops on Sunday.",
    # nominal actions and compounds
    "Three civilians died in [Armenian|agent] shelling.",
    "The attack on [Azerbaijan|patient] drew wide criticism.",
    "Protesters denounced the invasion of [Armenia|patient].",
    "The [Russian|agent]-brokered truce collapsed within hours.",
    "[Turkish|agent]-backed fighters arrived in the region.",
    "Missile strikes against [Armenian|patient] targets continued.",
    "[Azerbaijan|agent]'s offensive began at dawn.",
    "Villages were damaged by [Armenian|agent] rocket fire.",
    # no action: other
    "[Armenia|other] and [Azerbaijan|other] are neighbours in the South Caucasus.",
    "The [Turkish|other] foreign minister said the situation was serious.",
    "[NATO|other] is deeply concerned about the conflict.",
    "Talks in [Moscow|other] ended without a statement.",
    "[Azerbaijan|other] denied the report on Monday.",
    "The war has been a disaster for [Armenia|other].",
    "[Russia|other] said it was monitoring the situation.",
    "Journalists travelled from [Baku|other] to the front line.",
    # coordination, relative clauses
    "[Armenia|agent] and [Azerbaijan|agent] signed a peace deal in [Moscow|other].",
    "[Turkey|agent], which backs [Azerbaijan|patient], sent drones.",
    "[Russia|agent] deployed peacekeepers after [Armenia|agent] agreed to withdraw.",
    "[Turkey|agent] condemned [Armenia|patient] and [France|agent] criticised [Azerbaijan|patient].",
    "Soldiers who attacked [Azerbaijani|patient] posts were captured.",
    "[Armenian|agent] troops withdrew from the district.",
]
# fmt: on

# A second set, written after the rules were frozen and not used to tune them: its accuracy is
# the honest estimate (reported in docs/attribution-and-agency.md).
# fmt: off
HELDOUT = [
    "[Azerbaijani|agent] special forces stormed the hilltop village before dawn.",
    "Overnight, [Armenian|agent] rockets struck a residential area of Ganja.",
    "The [Armenian|patient] defence ministry's headquarters was bombed on Tuesday.",
    "[Baku|agent] accused [Yerevan|patient] of violating the truce within minutes.",
    "Peacekeepers sent by [Moscow|agent] arrived in the region on Wednesday.",
    "Several [Azerbaijani|patient] cities were targeted with ballistic missiles.",
    "[Ankara|agent] has supplied armed drones to [Baku|patient] since the summer.",
    "[Pashinyan|agent] signed the agreement with [Aliyev|patient] and [Putin|patient].",
    "The offensive by [Azerbaijani|agent] forces pushed deep into the mountains.",
    "Four [Armenian|patient] servicemen were wounded in the latest exchange.",
    "[Russia|agent] has delivered weapons to [Armenia|patient] for decades.",
    "[Iran|other] shares a border with both countries.",
    "[Azerbaijan|agent] retook the town after weeks of fighting.",
    "Shells fired by [Azerbaijani|agent] artillery landed in [Stepanakert|other].",
    "[Turkish|agent] officials condemned the strike on the mosque.",
    "The UN criticised attacks against [Armenian|patient] churches.",
    "Refugees fled after [Azerbaijani|agent] troops occupied the valley.",
    "[Armenia|patient] was pressured to withdraw from the districts.",
    "[Erdogan|agent] vowed to support [Azerbaijan|patient] with all means.",
    "[Russian|agent] mediators negotiated a humanitarian pause.",
    "The ministry in [Baku|other] published a list of damaged buildings.",
    "[Armenian|other] officials have not commented.",
    "[France|agent], [Russia|agent] and the United States mediate the talks.",
    "A hospital in [Stepanakert|patient] was hit by a drone.",
    "[Azerbaijan|agent] and [Turkey|agent] held joint exercises in July.",
    "[Armenian|agent] fighters ambushed an [Azerbaijani|patient] convoy.",
    "The [Kremlin|agent] welcomed the decision.",
    "[Azerbaijani|patient] civilians were displaced by the shelling.",
    "[NATO|other] has no role in the conflict, a spokesman said.",
    "[Armenians|patient] living in the enclave were expelled in 1994.",
]
# fmt: on

# A third set, written and run once after the fixes prompted by HELDOUT (first-run figures in
# docs/attribution-and-agency.md); lexicon gaps it showed were then filled.
# fmt: off
FRESH = [
    "[Azerbaijani|agent] jets bombed a bridge linking [Armenia|other] to the enclave.",
    "[Armenian|patient] positions were overrun in the south.",
    "[Turkey|agent] denies sending mercenaries and [Russia|agent] blames [Turkey|patient].",
    "A convoy carrying aid from [Armenia|other] was struck near Lachin.",
    "[Russia|agent] will supply fuel to [Armenia|patient] next month.",
    "[Aliyev|agent] promised to liberate all occupied lands.",
    "[Armenian|agent] gunmen opened fire on [Azerbaijani|patient] border guards.",
    "Dozens of [Azerbaijani|patient] homes have been destroyed since Sunday.",
    "The UN condemned the massacre of [Armenian|patient] prisoners.",
    "[Pashinyan|agent] rejected the proposal from [Baku|other].",
    "[Iran|agent] warned both sides against violating its airspace.",
    "A [Turkish|other] journalist reported from the front.",
    "[Azerbaijan|agent]'s troops have besieged the town for a week.",
    "Civilians fled as [Armenian|agent] artillery pounded the city.",
    "The monastery was looted by [Azerbaijani|agent] soldiers, witnesses said.",
    "[NATO|agent] called on [Turkey|patient] to use its influence.",
    "[France|other]'s president spoke with [Pashinyan|other] by phone.",
    "[Armenian|agent] troops captured two [Azerbaijani|patient] soldiers.",
    "[Russia|agent] and [Turkey|agent] will jointly monitor the truce.",
    "Eleven [Azerbaijani|patient] civilians died when a missile hit their building.",
]
# fmt: on

_MARK = re.compile(r"\[([^\]|]+)\|(agent|patient|other)\]")


def parse_fixture(lines: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Strip the marks; return (sentences, mentions, expected roles)."""
    sents, ments, expected = [], [], []
    for k, line in enumerate(lines):
        text = ""
        pos = 0
        for m in _MARK.finditer(line):
            text += line[pos : m.start()]
            start = len(text)
            text += m.group(1)
            ments.append(
                {
                    "mention_id": f"f:{k}:{start}",
                    "doc_id": "f",
                    "sent_id": k,
                    "actor": ACTORS[m.group(1)],
                    "label": m.group(1),
                    "start": start,
                    "end": len(text),
                }
            )
            expected.append(m.group(2))
            pos = m.end()
        text += line[pos:]
        sents.append({"doc_id": "f", "sent_id": k, "start": 0, "end": len(text), "text": text})
    return pd.DataFrame(sents), pd.DataFrame(ments), expected


def fixture_accuracy(lines: list[str] | None = None) -> tuple[float, int, pd.DataFrame]:
    s, m, expected = parse_fixture(FIXTURE if lines is None else lines)
    out = agency(m, s)
    out["expected"] = expected
    out["sentence"] = out["sent_id"].map(s.set_index("sent_id")["text"])
    acc = float((out["role"] == out["expected"]).mean())
    return acc, len(out), out


def _one(text: str, label: str, nth: int = 0):
    starts = [m.start() for m in re.finditer(re.escape(label), text)]
    a = starts[nth]
    s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "text": [text]})
    m = pd.DataFrame(
        {"doc_id": ["d"], "sent_id": [0], "actor": ["x"], "start": [a], "end": [a + len(label)]}
    )
    r = agency(m, s).iloc[0]
    return r["role"], r["action"], bool(r["violent"])


def test_fixture_is_big_enough_and_labelled():
    s, m, expected = parse_fixture(FIXTURE)
    assert len(s) >= 40
    assert set(expected) == set(ROLES)
    assert len(m) == len(expected)


def test_fixture_accuracy_at_least_085():
    acc, n, out = fixture_accuracy()
    wrong = out[out["role"] != out["expected"]][["sentence", "label", "role", "expected"]]
    assert acc >= 0.85, f"accuracy {acc:.3f} on {n} mentions; wrong:\n{wrong.to_string()}"


def test_later_sets_accuracy():
    acc, n, _ = fixture_accuracy(HELDOUT + FRESH)
    assert n == 70
    assert acc >= 0.85, f"accuracy {acc:.3f} on the later sets"


def test_seed_like_sentences():
    assert _one("Armenia directly targets civilians.", "Armenia") == ("agent", "target", True)
    text = "Fighting began when the Armenian forces targeted civilian Azerbaijani settlements."
    assert _one(text, "Armenian")[:1] == ("agent",)
    assert _one(text, "Azerbaijani") == ("patient", "target", True)


def test_passive_and_by_phrase():
    assert _one("Civilians were shelled by Armenian forces.", "Armenian") == (
        "agent",
        "shell",
        True,
    )
    assert _one("The Armenian soldier was killed.", "Armenian") == ("patient", "kill", True)
    assert _one("Ganja was hit overnight.", "Ganja") == ("patient", "hit", True)
    assert _one("Ganja is being bombarded.", "Ganja") == ("patient", "bombard", True)


def test_possessives_and_nominals():
    assert _one("Azerbaijan's army captured the town.", "Azerbaijan")[0] == "agent"
    assert _one("Armenia's forces came under fire.", "Armenia") == ("patient", "fire", True)
    assert _one("An attack on Armenia was reported.", "Armenia") == ("patient", "attack", True)
    assert _one("Two people were killed in Armenian shelling.", "Armenian") == (
        "agent",
        "shell",
        True,
    )


def test_non_violent_and_other():
    assert _one("Russia brokered the deal.", "Russia") == ("agent", "broker", False)
    assert _one("Turkey called on Armenia to withdraw.", "Armenia") == ("patient", "call on", False)
    assert _one("Armenia is a small country.", "Armenia") == ("other", "", False)
    # a reporting verb is not an action, and it stops the search for one
    assert _one("Azerbaijan said Armenia shelled Tartar.", "Azerbaijan") == ("other", "", False)
    assert _one("Azerbaijan said Armenia shelled Tartar.", "Armenia") == ("agent", "shell", True)


def test_conditional_forms():
    assert _one("A cease-fire with Armenia was agreed.", "Armenia")[1] != "fire"
    assert _one("Armenia launched an attack.", "Armenia") == ("agent", "launch", True)
    assert _one("Armenia launched a peace plan.", "Armenia") == ("agent", "launch", False)
    assert _one("Armenia fired on villages.", "Armenia") == ("agent", "fire", True)
    assert _one("The so-called Armenia plan.", "Armenia") == ("other", "", False)


def test_keeps_index_and_columns_without_mutating():
    s, m, _ = parse_fixture(FIXTURE[:3])
    m.index = [10, 20, 30, 40][: len(m)]
    before = m.copy()
    out = agency(m, s)
    pd.testing.assert_frame_equal(m, before)
    assert list(out.index) == list(m.index)
    assert list(out.columns) == list(m.columns) + ["role", "action", "violent"]
    assert out["violent"].dtype == bool


def test_missing_sentence_is_a_problem_not_a_crash():
    s, m, _ = parse_fixture(FIXTURE[:1])
    m.loc[len(m)] = ["f:x", "f", 99, "armenia", "Armenia", 0, 7]
    out = agency(m, s, errors="skip")
    assert out["role"].iloc[-1] == "other"
    assert len(out.attrs["problems"]) == 1
    with pytest.raises(Exception, match="no sentence text"):
        agency(m, s, errors="raise")


def test_bad_input_messages():
    s, m, _ = parse_fixture(FIXTURE[:1])
    with pytest.raises(ValueError, match="columns are"):
        agency(m.drop(columns=["start"]), s)
    with pytest.raises(ValueError, match="errors="):
        agency(m, s, errors="loud")


def test_agency_table_counts():
    acc, n, out = fixture_accuracy()
    out["source"] = ["a" if i % 2 else "b" for i in range(len(out))]
    t = agency_table(out)
    assert list(t.columns) == [
        "source",
        "actor",
        "agent_violent",
        "patient_violent",
        "agent_other",
        "patient_other",
        "n_mentions",
    ]
    assert t["n_mentions"].sum() == len(out)
    arm = out[(out["actor"] == "armenia") & (out["role"] == "agent") & out["violent"]]
    assert t.loc[t["actor"] == "armenia", "agent_violent"].sum() == len(arm)
    with pytest.raises(ValueError, match="source"):
        agency_table(out.drop(columns=["source"]))


def test_lexicon_is_plain_text_and_consistent():
    lex = action_lexicon()
    assert not lex["form"].duplicated().any()
    assert set(lex["violent"]) <= {"0", "1"}
    for form in ("shot", "struck", "fought", "seized", "hit", "shelling", "besieged"):
        assert form in set(lex["form"]), form


def test_speed_on_many_sentences():
    s, m, _ = parse_fixture(FIXTURE)
    reps = 400  # ~22k sentences, ~35k mentions
    S = pd.concat([s.assign(doc_id=f"d{i}") for i in range(reps)], ignore_index=True)
    M = pd.concat([m.assign(doc_id=f"d{i}") for i in range(reps)], ignore_index=True)
    t = time.perf_counter()
    out = agency(M, S)
    took = time.perf_counter() - t
    assert len(out) == len(M)
    assert took < 10, f"agency took {took:.1f}s on {len(S)} sentences"


def test_real_seed_article():
    seed = SHARED / "data" / "seed"
    files = sorted(seed.glob("*.txt")) if seed.exists() else []
    if not files:
        pytest.skip("../shared/data not present")
    pytest.importorskip("toolkit.actors")
    pytest.importorskip("toolkit.text")
    from toolkit.actors import find_mentions, load_actors
    from toolkit.text import split_sentences

    raw = files[0].read_text(encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["seed"], "source": ["aa"], "text": [raw]})
    s = split_sentences(docs)
    ment = find_mentions(s, load_actors("karabakh"))
    out = agency(ment, s)
    sent_text = s.set_index("sent_id")["text"]
    out["sentence"] = out["sent_id"].map(sent_text)
    hit = out[
        out["sentence"].str.contains("directly targets civilians") & (out["actor"] == "armenia")
    ]
    assert len(hit) and hit.iloc[0][["role", "action", "violent"]].tolist() == [
        "agent",
        "target",
        True,
    ]
    fight = out[out["sentence"].str.contains("forces targeted civilian")]
    roles = dict(zip(fight["label"], fight["role"], strict=False))
    assert roles.get("Armenian") == "agent"
    assert roles.get("Azerbaijani") == "patient"


if __name__ == "__main__":
    for name, lines in (("fixture", FIXTURE), ("held-out", HELDOUT), ("fresh", FRESH)):
        acc, n, out = fixture_accuracy(lines)
        print(f"agency role accuracy, {name} ({len(lines)} sentences, {n} mentions): {acc:.3f}")
        wrong = out[out["role"] != out["expected"]]
        if len(wrong):
            print(wrong[["sentence", "label", "role", "action", "expected"]].to_string())


def test_letters_that_lower_case_to_two_do_not_shift_tokens():
    # "İ" lower-cases to "i" plus a combining dot: the rules must still see the right tokens
    # (this crashed with IndexError, and Turkish and Azerbaijani names are common here)
    s = pd.DataFrame(
        {
            "doc_id": ["d", "d"],
            "sent_id": [0, 1],
            "text": [
                "İlham Aliyev said Armenia attacked Ganja.",
                "Ganja was shelled by Armenia, İlham Əliyev said.",
            ],
        }
    )
    m = find_mentions(s, "karabakh")
    roles = agency(m, s).set_index(["sent_id", "label"])["role"].to_dict()
    assert roles[(0, "Armenia")] == "agent"
    assert roles[(1, "Armenia")] == "agent"
    assert roles[(0, "İlham Aliyev")] == "other"
