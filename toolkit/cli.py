"""Command-line interface: ``media-toolkit info|load|analyze|report``."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from toolkit.errors import CorpusError, ToolkitWarning, format_problem

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "raw"


def _default_source() -> str:
    return str(SAMPLE)


def _cmd_info(args: argparse.Namespace) -> int:
    from toolkit.corpus import corpus_info, load_corpus

    docs = load_corpus(args.source, errors=args.errors)
    print(format_info(corpus_info(docs)))
    return 0


def _day(ts: object) -> str:
    return "-" if ts is None or pd.isna(ts) else f"{ts:%Y-%m-%d}"


def format_info(info: dict) -> str:
    """A corpus summary (from :func:`toolkit.corpus.corpus_info`) as readable text."""
    lines = [
        f"{info['n_documents']} documents from {info['n_sources']} sources, "
        f"{info['n_words']:,} words",
        f"dates: {_day(info['first'])} to {_day(info['last'])} ({info['n_undated']} undated)",
        f"near-duplicates flagged: {info['n_duplicates']}",
        "",
    ]
    per = info["sources"]
    if len(per):
        width = max(len(str(s)) for s in per["source"])
        lines.append(f"{'source':<{width}}  docs  dups  first       last        words/doc")
        for r in per.itertuples():
            lines.append(
                f"{r.source:<{width}}  {r.n_documents:>4}  {r.n_duplicates:>4}  "
                f"{_day(r.first):<10}  {_day(r.last):<10}  {r.mean_words:>9.0f}"
            )
    lines.append("")
    lines.append(f"problems: {info['n_problems']}")
    for p in info["problems"]:
        lines.append(f"  {format_problem(p)}")
    return "\n".join(lines)


def _cmd_load(args: argparse.Namespace) -> int:
    from toolkit.analysis import _flatten_for_output
    from toolkit.corpus import load_corpus

    docs = load_corpus(args.source, errors=args.errors)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    flat = _flatten_for_output(docs)
    if out.suffix == ".parquet":
        flat.to_parquet(out, index=False)
    elif out.suffix == ".csv":
        flat.to_csv(out, index=False)
    else:
        raise CorpusError(f"{out}: unknown output format {out.suffix!r}; use .csv or .parquet")
    n_probs = len(docs.attrs.get("problems", []))
    print(f"{len(docs)} documents written to {out} ({n_probs} problems)")
    return 0


def _cmd_analyze(args: argparse.Namespace) -> int:
    from toolkit.analysis import analyze

    options = dict(
        actors=args.actors,
        naming=args.naming,
        errors=args.errors,
        n_boot=args.n_boot,
        seed=args.seed,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
        chunk_size=args.chunk_size,
        sentence_scores=args.sentence_scores,
        progress=args.progress,
    )
    if args.format == "parquet":
        # Partitioned Parquet in --out, reused when the corpus and options are unchanged.
        a = analyze(args.source, out=args.out, keep=args.keep, **options)
        print(repr(a))
        print(f"frames written to {args.out} (Parquet; re-runs on the same input reuse them)")
        return 0
    a = analyze(args.source, **options)
    paths = a.save(args.out, format="csv")
    print(repr(a))
    print(f"{len(paths)} files written to {args.out}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from toolkit.report import build_report

    path = build_report(
        args.source,
        out=args.out,
        actors=args.actors,
        naming=args.naming,
        title=args.title,
        sources=args.sources,
        max_sources=args.max_sources,
        format=args.format,
    )
    print(f"report written to {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``media-toolkit``."""
    p = argparse.ArgumentParser(
        prog="media-toolkit",
        description="Measure how news sources frame actors: attention, sentiment, loaded words, "
        "names, agency and voice, per source with uncertainty.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, source_default: bool = True) -> None:
        sp.add_argument(
            "source",
            nargs="?" if source_default else None,
            default=_default_source() if source_default else None,
            help="file, folder, URL or list of them (default: the bundled sample corpus)",
        )
        sp.add_argument(
            "--errors",
            choices=["warn", "skip", "raise"],
            default="warn",
            help="what to do with bad input records (default: warn)",
        )

    sp = sub.add_parser("info", help="documents per source, date range, duplicates, problems")
    common(sp)
    sp.set_defaults(func=_cmd_info)

    sp = sub.add_parser("load", help="load a corpus and write the documents table")
    common(sp)
    sp.add_argument("--out", required=True, help="output file (.csv or .parquet)")
    sp.set_defaults(func=_cmd_load)

    sp = sub.add_parser("analyze", help="run every measure and write each frame")
    common(sp)
    sp.add_argument(
        "--actors", default="sample", help="actor dictionary: YAML path or bundled name"
    )
    sp.add_argument("--naming", default=None, help="naming families: YAML path or bundled name")
    sp.add_argument("--out", required=True, help="output folder")
    sp.add_argument(
        "--format",
        choices=["csv", "parquet"],
        default="parquet",
        help="parquet (default): partitioned, cached by content hash; csv: one flat file a frame",
    )
    sp.add_argument("--n-boot", type=int, default=1000, help="bootstrap replicates")
    sp.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    sp.add_argument("--engine", choices=["local", "dask"], default="local")
    sp.add_argument("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786)")
    sp.add_argument("--workers", type=int, default=None, help="local worker processes")
    sp.add_argument("--chunk-size", type=int, default=None, help="documents per chunk")
    sp.add_argument(
        "--sentence-scores",
        choices=["mentions", "all", "none"],
        default="none",
        help="which sentences get VADER compound/valence columns (default: none; no table "
        "uses them)",
    )
    sp.add_argument(
        "--no-keep",
        dest="keep",
        action="store_false",
        help="with parquet: keep only per-source tables in memory (bounded memory)",
    )
    sp.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on in a terminal, off in CI)",
    )
    sp.set_defaults(func=_cmd_analyze)

    sp = sub.add_parser("report", help="build a PDF (or HTML) report of a corpus")
    common(sp)
    sp.add_argument("--actors", default="sample")
    sp.add_argument("--naming", default="sample")
    sp.add_argument("--title", default="How the sources frame the actors")
    sp.add_argument(
        "--sources", nargs="+", default=None, help="only these outlets (default: the largest)"
    )
    sp.add_argument(
        "--max-sources", type=int, default=8, help="at most this many outlets (default 8)"
    )
    sp.add_argument(
        "--format",
        choices=["pdf", "html"],
        default=None,
        help="output format (default: from --out's suffix)",
    )
    sp.add_argument("--out", required=True, help="output file (.pdf or .html)")
    sp.set_defaults(func=_cmd_report)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code. Bad input prints one clear line, not a traceback."""
    args = build_parser().parse_args(argv)
    old_format = warnings.formatwarning
    warnings.formatwarning = lambda msg, cat, *a, **k: f"warning: {msg}\n"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default", ToolkitWarning)
            return int(args.func(args) or 0)
    except (CorpusError, ValueError, FileNotFoundError) as exc:
        print(f"media-toolkit: error: {exc}", file=sys.stderr)
        return 2
    finally:
        warnings.formatwarning = old_format
