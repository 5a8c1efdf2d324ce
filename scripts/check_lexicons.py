"""Validate (and optionally normalise) the framing lexicons under toolkit/resources/.

Usage::

    python scripts/check_lexicons.py            # check everything, print a summary
    python scripts/check_lexicons.py --write    # also rewrite loaded_language.csv sorted/normalised
    python scripts/check_lexicons.py --forms slam --forms "war crime"   # show searched forms

Checks:

* ``loaded_language.csv``: columns, known category, weight 0.5–3, part of speech,
  a note on every entry, no term that is also a form of another entry, and lists
  generated spellings that two entries share (the first entry keeps them).
* ``naming/*.yaml``: every file loads (ids, variants, gap syntax, duplicate forms).
* ``frames.yaml``: loads, 15 frames with codes 1–15; when the Media Frames Corpus
  codebook is present at ``../shared/data/mfc_codebook/codes.json`` the labels
  are compared with it.

Exit status 1 when any error is found. ``--write`` rewrites the CSV deterministically
(category order of ``toolkit.framing.CATEGORIES``, then term), so the file
stays reviewable in diffs; it never changes the content of an entry.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from toolkit import _lexicon_common, framing
from toolkit.errors import CorpusError

ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = ROOT.parent / "shared" / "data" / "mfc_codebook" / "codes.json"


def _tidy_forms(rec: dict) -> str:
    """Extra forms, lower-cased, sorted, without those the term or inflection already gives."""
    generated = set(framing.inflect(framing._canonical_form(rec["term"]), rec["pos"]))
    kept: dict[str, str] = {}
    for f in rec["forms"].split("|"):
        f = " ".join(f.strip().lower().split())
        k = framing._canonical_form(f)
        if f and k not in generated and k not in kept:
            kept[k] = f
    return "|".join(sorted(kept.values()))


def check_loaded(path: Path, write: bool) -> list[str]:
    errors: list[str] = []
    rows = framing.read_lexicon_rows(path)
    good, problems = framing._validate_lexicon_rows(rows, str(path))
    errors += [f"{p['path']} line {p['record']}: {p['reason']}" for p in problems]
    for r in good:
        if r["category"] not in framing.CATEGORIES:
            errors.append(
                f"{path} line {r['line']}: category {r['category']!r} is not one of "
                f"{list(framing.CATEGORIES)} (add it to CATEGORIES first)"
            )
        if not r["note"]:
            errors.append(f"{path} line {r['line']}: term {r['term']!r} has no note")
    lookup, _, clashes, shared_forms = framing._assign_forms(good)
    errors += [f"{path} line {good[i]['line']}: {reason}" for i, reason in clashes]
    shared = [
        f"  {form!r}: {good[a]['term']!r} keeps it, not {good[b]['term']!r}"
        for form, a, b in shared_forms
    ]
    n_forms = len(lookup)
    print(f"{path.name}: {len(good)} entries, {n_forms} searched forms")
    for cat in framing.CATEGORIES:
        print(f"  {cat:<14}{sum(r['category'] == cat for r in good):>5}")
    if shared:
        print(f"  {len(shared)} generated spellings shared by two entries:")
        print("\n".join(shared))
    if write and not errors:
        order = {c: i for i, c in enumerate(framing.CATEGORIES)}
        good.sort(key=lambda r: (order.get(r["category"], 99), r["term"]))
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(framing.LEXICON_COLUMNS)
            for r in good:
                forms = _tidy_forms(r)
                weight = f"{r['weight']:g}"
                w.writerow([r["term"], r["category"], weight, r["pos"], forms, r["note"]])
        print(f"  rewrote {path}")
    return errors


def check_naming(directory: Path) -> list[str]:
    errors = []
    for p in sorted(directory.glob("*.yaml")):
        try:
            fams = framing.load_naming(p)
        except CorpusError as exc:
            errors.append(str(exc))
            continue
        n_forms = sum(len(v) for f in fams for v in f.variants.values())
        print(f"naming/{p.name}: {len(fams)} families, {n_forms} surface forms")
    return errors


def check_frames(path: Path) -> list[str]:
    try:
        lex = framing.load_frames(path)
    except CorpusError as exc:
        return [str(exc)]
    errors = []
    codes = [f["code"] for f in lex.frames]
    if codes != [str(i) for i in range(1, 16)]:
        errors.append(f"{path}: frame codes should be 1..15 in order, found {codes}")
    print(
        f"{path.name}: {len(lex.frames)} frames, {sum(len(f['terms']) for f in lex.frames)} terms"
    )
    if CODEBOOK.exists():
        book = json.loads(CODEBOOK.read_text(encoding="utf-8"))
        for f in lex.frames:
            want = book.get(f"{f['code']}.0")
            if want and want.lower() != f["label"].lower():
                errors.append(
                    f"{path}: frame {f['id']!r} label {f['label']!r} != codebook {want!r}"
                )
        print("  labels agree with the MFC codebook" if not errors else "  label mismatch")
    else:
        print("  (codebook not present: labels not compared)")
    return errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite loaded_language.csv normalised")
    ap.add_argument("--forms", action="append", default=[], help="print the forms of a term")
    args = ap.parse_args(argv)
    errors = check_loaded(framing.LEXICON_PATH, args.write)
    errors += check_naming(_lexicon_common.NAMING_DIR)
    errors += check_frames(_lexicon_common.FRAMES_PATH)
    lex = framing.load_lexicon(errors="skip") if args.forms else None
    for term in args.forms:
        try:
            print(f"{term}: {', '.join(lex.forms_of(term))}")
        except ValueError as exc:
            errors.append(str(exc))
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print(f"  {e}", file=sys.stderr)
        return 1
    print("all lexicons OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
