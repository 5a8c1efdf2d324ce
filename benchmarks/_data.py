"""What the benchmarks share: where the data lies, the raw AllSides reader, peak memory.

The data under ``../shared/data`` is read in place, never copied into the project.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
#: The 1,300 AllSides test articles most benchmarks run on.
ALLSIDES = SHARED_DATA / "allsides" / "media_test_articles.jsonl"


def missing(path: Path | str) -> bool:
    """True (after saying so on stderr) when *path*, a piece of the shared data, is absent."""
    if Path(path).exists():
        return False
    print(f"{path}: not present (../shared/data is needed); nothing to measure", file=sys.stderr)
    return True


def read_allsides(path: Path | str = ALLSIDES) -> pd.DataFrame:
    """``doc_id``, ``source`` and the untouched ``content_original`` as ``text``.

    Unlike :func:`toolkit.load_corpus`, which normalises the text and flags duplicates, this
    keeps the article text exactly as stored, so splitters and matchers are timed on it.
    """
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return pd.DataFrame(
        {
            "doc_id": [str(r.get("ID") or i) for i, r in enumerate(rows)],
            "source": [r.get("source") for r in rows],
            "text": [r.get("content_original") or "" for r in rows],
        }
    )


def _own_peak_kb() -> int:
    """This process's peak resident memory in kB: ``VmHWM`` where Linux gives it (it starts
    afresh in a new program, whereas ``ru_maxrss`` keeps the peak of the process that
    started it), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_mb() -> float:
    """Peak resident memory in MB of this process or its largest child process."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(_own_peak_kb(), kids) / 1024
