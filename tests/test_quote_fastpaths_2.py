"""The second round of speed tricks of find_quotes gives what the plain computation gives.

Each fast path below replaces a plain one (kept in the code or written here): documents rebuilt
with numpy or pyarrow, speaker actors matched in one pass, and pre-tests in front of regular
expressions. Every test runs both on tricky or random inputs and asks for the same answer.
"""

import random

import pandas as pd
import pytest

from toolkit._quote_actors import _actor_of, _fill_actor_cache
from toolkit._quote_docs import _build_docs_numpy, _build_docs_plain, _chunk_docs, _texts
from toolkit._quote_speakers import _ADJ_TAIL, _strip_adjunct_tail
from toolkit._quotes import _B_GAP, _DET_BEFORE, _b_gap, _det_before
from toolkit.actors import load_actors


def _frame(seed: int) -> pd.DataFrame:
    """Sentences of a few documents with the offsets a splitter gives, and odd gaps."""
    rng = random.Random(seed)
    words = ["said", "the", "“We", "win,”", "he", "‘a’", "x", "é", "Turkey", "\n", ",", "”"]
    rows = []
    for d in range(rng.randint(1, 5)):
        pos = rng.choice([0, 0, 4])
        for k in range(rng.randint(1, 6)):
            t = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
            rows.append(
                {"doc_id": f"d{d}", "sent_id": k, "start": pos, "end": pos + len(t), "text": t}
            )
            pos += len(t) + rng.choice([0, 1, 1, 1, 2, 3, 9, 30] + ([-3] if seed % 4 == 1 else []))
    df = pd.DataFrame(rows)
    if seed % 3 == 0:
        df = df.sample(frac=1, random_state=seed).reset_index(drop=True)  # rows out of order
    if seed % 5 == 2:
        df.loc[0, "text"] = None
    if seed % 7 == 3:
        df["doc_id"] = df["doc_id"].str.slice(1).astype(int)
    return df


@pytest.mark.parametrize("seed", range(40))
def test_documents_equal_the_plain_rebuild(seed):
    df = _frame(seed)
    plain = list(_build_docs_plain(df, _texts(df, "text", [], "skip")))
    assert _build_docs_numpy(df, _texts(df, "text", [], "skip")) == plain
    docs, joined = _chunk_docs(df, "text", [], "skip")
    assert docs == plain
    if joined is not None:
        assert joined == "\x00" + "\x00".join(d[2] for d in docs) + "\x00"


def test_pyarrow_path_is_taken_for_a_plain_frame():
    texts = ["“We will win,” he said.", "Officials said so.", "x", "The end."]
    df = pd.DataFrame(
        {"doc_id": ["a", "a", "b", "b"], "sent_id": [0, 1, 0, 1], "start": [0, 25, 3, 6]}
    )
    df["end"] = df["start"] + [len(t) for t in texts]
    df["text"] = texts
    docs, joined = _chunk_docs(df, "text", [], "skip")
    assert joined is not None
    assert [d[2] for d in docs] == [texts[0] + "\n " + texts[1], "   x\n " + texts[3]]
    assert docs == list(_build_docs_plain(df, texts))


def _random_texts(pieces, n, seed):
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(n)]


def test_adjunct_tail_equals_the_pattern():
    pieces = ["has", "also", "on", "Monday", "last", "week", "family", "quickly", "ly", " ", "  ",
              "\n", ",", "x", "said", "was", "the", "early", "this", "\u2003", "é", "Has"]  # fmt: skip
    for t in _random_texts(pieces, 20000, 1):
        assert _strip_adjunct_tail(t) == _ADJ_TAIL.sub("", t), t


def test_gap_and_determiner_tests_equal_the_patterns():
    pieces = ["that", "That", "THAT", "thats", " ", "\n", "\t", ",", ":", "the", "a", "an", "The",
              "A", "’s", "'s", "s", "e", "x", "\u2003", "é", "_"]  # fmt: skip
    for t in _random_texts(pieces, 20000, 2):
        assert _b_gap(t) == (_B_GAP.fullmatch(t) is not None), t
        for vs in range(len(t) + 1):
            assert _det_before(t, vs) == (_DET_BEFORE.search(t, max(vs - 5, 0), vs) is not None)


def test_actors_of_joined_phrases_equal_one_by_one():
    actors = load_actors("karabakh")
    phrases = ["Turkish Foreign Minister Mevlut Cavusoglu", "the Armenian defence ministry", "he",
               "Azerbaijani President Ilham Aliyev", "officials", "NATO", "Kremlin spokesman",
               "pro-Armenian media", "Turkey’s", "", "x\x00y", "the Washington Post"]  # fmt: skip
    batch: dict[str, str] = {}
    _fill_actor_cache(phrases, actors, batch)
    one: dict[str, str] = {}
    assert {p: batch[p] for p in phrases if p} == {
        p: _actor_of(p, actors, one) for p in phrases if p
    }
