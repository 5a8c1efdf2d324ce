# ruff: noqa: E741, E402, B905
"""Rebuild toolkit/resources/reporting_verbs.csv from the hand-curated word lists below (run from anywhere)."""

import csv
from pathlib import Path

# lemma, class, complement, forms (explicit where irregular)
rows = []


def forms(lemma):
    irregular = {
        "say": ["say", "says", "said", "saying"],
        "tell": ["tell", "tells", "told", "telling"],
        "write": ["write", "writes", "wrote", "written", "writing"],
        "show": ["show", "shows", "showed", "shown", "showing"],
        "reply": ["reply", "replies", "replied", "replying"],
        "deny": ["deny", "denies", "denied", "denying"],
        "point out": ["point out", "points out", "pointed out", "pointing out"],
        "find": [],
        "read": ["reads", "read", "reading"],
        "quip": ["quip", "quips", "quipped", "quipping"],
        "testify": ["testify", "testifies", "testified", "testifying"],
        "prove": ["prove", "proves", "proved", "proven", "proving"],
        "underline": ["underline", "underlines", "underlined", "underlining"],
    }
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y"):
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("ss", "sh", "ch", "x")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


L = {
    "neutral": [
        ("say", "clause"),
        ("tell", "object"),
        ("state", "clause"),
        ("add", "cue"),
        ("explain", "cue"),
        ("report", "cue"),
        ("announce", "cue"),
        ("write", "cue"),
        ("ask", "cue"),
        ("reply", "cue"),
        ("respond", "cue"),
        ("comment", "cue"),
        ("mention", "cue"),
        ("tweet", "cue"),
        ("argue", "clause"),
        ("suggest", "cue"),
        ("deny", "cue"),
        ("inform", "object"),
        ("predict", "cue"),
        ("estimate", "cue"),
        ("remark", "cue"),
        ("answer", "cue"),
        ("continue", "cue"),
        ("recall", "cue"),
        ("read", "cue"),
        ("joke", "cue"),
        ("quip", "cue"),
        ("conclude", "cue"),
        ("testify", "cue"),
        ("recount", "cue"),
        ("complain", "cue"),
        ("repeat", "cue"),
        ("shout", "cue"),
        ("interject", "cue"),
        ("exclaim", "cue"),
    ],
    "doubt": [
        ("claim", "cue"),
        ("allege", "cue"),
        ("purport", "cue"),
        ("maintain", "cue"),
        ("contend", "clause"),
        ("profess", "cue"),
    ],
    "endorse": [
        ("note", "cue"),
        ("acknowledge", "cue"),
        ("confirm", "cue"),
        ("reveal", "cue"),
        ("point out", "clause"),
        ("admit", "cue"),
        ("observe", "cue"),
        ("show", "cue"),
        ("concede", "cue"),
        ("recognise", "cue"),
        ("recognize", "cue"),
        ("prove", "cue"),
        ("demonstrate", "cue"),
    ],
    "emphasis": [
        ("stress", "cue"),
        ("insist", "clause"),
        ("underline", "cue"),
        ("underscore", "cue"),
        ("emphasise", "cue"),
        ("emphasize", "cue"),
        ("warn", "cue"),
        ("urge", "cue"),
        ("demand", "cue"),
        ("declare", "cue"),
        ("vow", "cue"),
        ("reiterate", "cue"),
        ("assert", "clause"),
        ("affirm", "cue"),
        ("highlight", "cue"),
    ],
}
fix = {
    "admit": ["admit", "admits", "admitted", "admitting"],
    "commit": [],
    "vow": ["vow", "vows", "vowed", "vowing"],
}
out = []
for cls, items in L.items():
    for lemma, comp in items:
        fs = fix.get(lemma) or forms(lemma)
        for f in fs:
            out.append((f, lemma, cls, comp))
DROP = {
    "state",
    "states",
    "report",
    "reports",
    "note",
    "notes",
    "comment",
    "comments",
    "answer",
    "answers",
    "estimate",
    "estimates",
    "remark",
    "remarks",
    "demand",
    "demands",
    "tweet",
    "tweets",
    "show",
    "shows",
    "highlight",
    "highlights",
    "warning",
    "claim",
    "purport",
    "profess",
    "mention",
    "mentions",
    "reply",
    "replies",
    "stress",
}
out = [r for r in out if r[0] not in DROP]
out.append(("according to", "according to", "neutral", "according"))
with open(
    Path(__file__).resolve().parents[1] / "toolkit" / "resources/reporting_verbs.csv",
    "w",
    newline="",
) as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["form", "lemma", "verb_class", "complement"])
    w.writerows(out)
print(len(out))
