"""Errors and the problem records every loader and measure collects.

A *problem* is a plain dict ``{"path": str, "record": str | int | None, "reason": str}``
kept in ``df.attrs["problems"]``: every input record ends up either as a row of the
result or as a problem, never silently lost.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Literal

ErrorMode = Literal["raise", "warn", "skip"]
ERROR_MODES = ("raise", "warn", "skip")


class CorpusError(ValueError):
    """Raised for bad input when ``errors="raise"``; the message names the file and the problem."""


class ToolkitWarning(UserWarning):
    """Warning issued for each bad input record when ``errors="warn"``."""


def check_errors_mode(errors: str) -> None:
    """Raise ``ValueError`` listing the valid names when *errors* is not one of them."""
    if errors not in ERROR_MODES:
        raise ValueError(f"errors={errors!r} is not valid; choose one of {list(ERROR_MODES)}")


def make_problem(path: object, record: object, reason: str) -> dict:
    """Return a problem record with the three standard keys."""
    return {"path": "" if path is None else str(path), "record": record, "reason": str(reason)}


def format_problem(problem: dict) -> str:
    """One line naming the file, the record (if any) and the reason."""
    where = problem.get("path") or "<input>"
    rec = problem.get("record")
    if rec is not None and rec != "":
        where = f"{where} [record {rec}]"
    return f"{where}: {problem.get('reason', '')}"


def report_problem(problem: dict, errors: ErrorMode, problems: list[dict]) -> None:
    """Handle one problem according to *errors*: raise, warn and keep, or keep silently."""
    if errors == "raise":
        raise CorpusError(format_problem(problem))
    problems.append(problem)
    if errors == "warn":
        warnings.warn(format_problem(problem), ToolkitWarning, stacklevel=3)


def merge_problems(*lists: Iterable[dict]) -> list[dict]:
    """Concatenate problem lists, keeping order."""
    out: list[dict] = []
    for lst in lists:
        out.extend(lst or [])
    return out
