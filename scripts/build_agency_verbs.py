# ruff: noqa: E741, E402, B905
"""Rebuild toolkit/resources/agency_verbs.csv from the hand-curated word lists below (run from anywhere)."""

import csv
from pathlib import Path

IRREG = {
    "shoot": ["shoot", "shoots", "shot", "shot", "shooting"],
    "strike": ["strike", "strikes", "struck", "struck", "striking"],
    "fight": ["fight", "fights", "fought", "fought", "fighting"],
    "hit": ["hit", "hits", "hit", "hit", "hitting"],
    "shoot down": [],
    "seize": ["seize", "seizes", "seized", "seized", "seizing"],
    "sell": ["sell", "sells", "sold", "sold", "selling"],
    "buy": ["buy", "buys", "bought", "bought", "buying"],
    "meet": ["meet", "meets", "met", "met", "meeting"],
    "send": ["send", "sends", "sent", "sent", "sending"],
    "withdraw": ["withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"],
    "overrun": ["overrun", "overruns", "overran", "overrun", "overrunning"],
    "bomb": ["bomb", "bombs", "bombed", "bombed", "bombing"],
    "shell": ["shell", "shells", "shelled", "shelled", "shelling"],
    "target": ["target", "targets", "targeted", "targeted", "targeting"],
    "kidnap": ["kidnap", "kidnaps", "kidnapped", "kidnapped", "kidnapping"],
    "arm": [],
    "ban": ["ban", "bans", "banned", "banned", "banning"],
    "back": ["back", "backs", "backed", "backed", "backing"],
    "occupy": ["occupy", "occupies", "occupied", "occupied", "occupying"],
    "supply": ["supply", "supplies", "supplied", "supplied", "supplying"],
    "ally": [],
    "burn": ["burn", "burns", "burned", "burnt", "burning"],
    "blockade": ["blockade", "blockades", "blockaded", "blockaded", "blockading"],
    "deter": ["deter", "deters", "deterred", "deterred", "deterring"],
    "ship": ["ship", "ships", "shipped", "shipped", "shipping"],
    "criticise": ["criticise", "criticises", "criticised", "criticised", "criticising"],
    "criticize": ["criticize", "criticizes", "criticized", "criticized", "criticizing"],
    "rebuff": ["rebuff", "rebuffs", "rebuffed", "rebuffed", "rebuffing"],
    "abduct": ["abduct", "abducts", "abducted", "abducted", "abducting"],
    "train": ["train", "trains", "trained", "trained", "training"],
    "agree": ["agree", "agrees", "agreed", "agreed", "agreeing"],
    "free": ["free", "frees", "freed", "freed", "freeing"],
    "repel": ["repel", "repels", "repelled", "repelled", "repelling"],
    "expel": ["expel", "expels", "expelled", "expelled", "expelling"],
    "retake": ["retake", "retakes", "retook", "retaken", "retaking"],
    "pressure": ["pressure", "pressures", "pressured", "pressured", "pressuring"],
}


def forms(l):
    if l in IRREG:
        return IRREG[l]
    if l.endswith("e"):
        return [l, l + "s", l + "d", l + "d", l[:-1] + "ing"]
    if l.endswith("y") and l[-2] not in "aeiou":
        return [l, l[:-1] + "ies", l[:-1] + "ied", l[:-1] + "ied", l + "ing"]
    if l.endswith(("ss", "sh", "ch", "x")):
        return [l, l + "es", l + "ed", l + "ed", l + "ing"]
    return [l, l + "s", l + "ed", l + "ed", l + "ing"]


# lemma, violent, requires_next, violent_if_next, exclude_prev, particles
VIOLENT = [
    "shell",
    "attack",
    "kill",
    "bomb",
    "strike",
    "target",
    "shoot",
    "invade",
    "occupy",
    "capture",
    "recapture",
    "destroy",
    "wound",
    "injure",
    "massacre",
    "besiege",
    "hit",
    "raid",
    "seize",
    "torture",
    "execute",
    "displace",
    "assault",
    "storm",
    "bombard",
    "ambush",
    "murder",
    "slaughter",
    "behead",
    "loot",
    "demolish",
    "annex",
    "expel",
    "deport",
    "blockade",
    "overrun",
    "repel",
    "retaliate",
    "fight",
    "clash",
    "kidnap",
    "abduct",
    "liberate",
    "retake",
    "burn",
    "ransack",
    "terrorise",
    "terrorize",
    "down",
    "damage",
    "shoot down",
    "pound",
]
NONVIOLENT = [
    "broker",
    "sign",
    "meet",
    "urge",
    "condemn",
    "negotiate",
    "support",
    "sell",
    "buy",
    "agree",
    "mediate",
    "deliver",
    "supply",
    "withdraw",
    "accuse",
    "criticise",
    "criticize",
    "reject",
    "welcome",
    "host",
    "back",
    "send",
    "deploy",
    "sanction",
    "help",
    "aid",
    "protect",
    "defend",
    "threaten",
    "violate",
    "blame",
    "oppose",
    "pressure",
    "fund",
    "train",
    "provide",
    "offer",
    "pledge",
    "approve",
    "ban",
    "block",
    "recognise",
    "recognize",
    "cooperate",
    "visit",
    "invite",
    "respond",
    "ship",
    "deter",
    "warn",
    "purchase",
    "acquire",
    "release",
    "free",
    "halt",
    "cease",
    "arrest",
    "detain",
    "evacuate",
    "rebuff",
    "demand",
    "monitor",
]
SPECIAL = {
    # lemma: (violent, requires_next, violent_if_next, exclude_prev, particles)
    "fire": (
        1,
        "on at upon into missile missiles rocket rockets shell shells artillery",
        "",
        "cease",
        "",
    ),
    "launch": (
        0,
        "",
        "attack attacks strike strikes offensive counteroffensive counter-offensive missile missiles rocket rockets assault raid raids drone drones shelling artillery bombardment airstrike airstrikes",
        "",
        "",
    ),
    "call": (0, "on for", "", "so", "on for"),
    "shoot": (1, "", "", "", "down"),
}
NOUNS = [  # noun form, lemma, violent
    ("invasion", "invade", 1),
    ("invasions", "invade", 1),
    ("occupation", "occupy", 1),
    ("aggression", "aggression", 1),
    ("offensive", "offensive", 1),
    ("offensives", "offensive", 1),
    ("counteroffensive", "offensive", 1),
    ("bombardment", "bombard", 1),
    ("bombardments", "bombard", 1),
    ("airstrike", "strike", 1),
    ("airstrikes", "strike", 1),
    ("incursion", "invade", 1),
    ("incursions", "invade", 1),
    ("siege", "besiege", 1),
    ("killings", "kill", 1),
    ("shellings", "shell", 1),
    ("bombings", "bomb", 1),
    ("annexation", "annex", 1),
    ("mediation", "mediate", 0),
    ("withdrawal", "withdraw", 0),
    ("negotiations", "negotiate", 0),
    ("sanctions", "sanction", 0),
    ("condemnation", "condemn", 0),
    ("deliveries", "deliver", 0),
    ("delivery", "deliver", 0),
    ("sale", "sell", 0),
    ("sales", "sell", 0),
    ("purchase", "purchase", 0),
]
rows = []
TENSES = ["base", "s", "past", "pp", "ing"]


def add(lemma, violent, req="", vin="", excl="", parts=""):
    fs = forms(lemma)
    seen = {}
    for t, f in zip(TENSES, fs):
        if f in seen:
            seen[f].append(t)
        else:
            seen[f] = [t]
    for f, ts in seen.items():
        tense = "past_pp" if ts == ["past", "pp"] else "+".join(ts)
        if set(ts) >= {"base", "past", "pp"}:
            tense = "base_past_pp"
        rows.append((f, lemma, tense, "verb", violent, req, vin, excl, parts))


for l in VIOLENT:
    if l in ("down", "shoot down"):
        continue
    sp = SPECIAL.get(l)
    add(l, 1, *(sp[1:] if sp else ()))
for l in NONVIOLENT:
    add(l, 0)
for l in ("fire", "launch", "call"):
    sp = SPECIAL[l]
    add(l, sp[0], *sp[1:])
for f, t in (("open", "base"), ("opens", "s"), ("opened", "past_pp"), ("opening", "ing")):
    rows.append((f, "open fire", t, "verb", 1, "fire", "", "", ""))
rows.append(("downed", "shoot down", "past_pp", "verb", 1, "", "", "", ""))
for f, l, v in NOUNS:
    rows.append((f, l, "noun", "noun", v, "", "", "", ""))
DROPF = {
    ("free", "base"),
    ("back", "base"),
    ("ship", "base"),
    ("ships", "s"),
    ("purchase", "noun"),
    ("sanctions", "noun"),
    ("train", "base"),
    ("trains", "s"),
}
rows = [r for r in rows if (r[0], r[2]) not in DROPF]
with open(
    Path(__file__).resolve().parents[1] / "toolkit" / "resources/agency_verbs.csv", "w", newline=""
) as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(
        [
            "form",
            "lemma",
            "tense",
            "pos",
            "violent",
            "requires_next",
            "violent_if_next",
            "exclude_prev",
            "particles",
        ]
    )
    w.writerows(rows)
import collections

c = collections.Counter(r[0] for r in rows)
print(len(rows), [k for k, v in c.items() if v > 1])
