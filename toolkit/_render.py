"""Safe rich output for notebooks and reports: every string is escaped for LaTeX and HTML.

Report cells display these objects; nbconvert takes ``text/latex`` for the PDF and
``text/html`` for the HTML version. Article text and user parameters only ever reach LaTeX
through :func:`latex_escape`, so ``\\input``, ``\\write18`` or a stray ``$`` print as text.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence

import pandas as pd

__all__ = ["latex_escape", "Heading", "Paragraph", "Bullets", "Table", "Quote", "RawPage"]

_LATEX_MAP = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "[": "{[}",
    "]": "{]}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_MAP))
# C0/C1 control characters (except tab/newline) and other code points LaTeX cannot typeset.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)


def latex_escape(value: object) -> str:
    """Escape any value so LaTeX prints it verbatim as text.

    Examples
    --------
    >>> latex_escape(r"50% of $x \\input{/etc/passwd}")
    '50\\\\% of \\\\$x \\\\textbackslash{}input\\\\{/etc/passwd\\\\}'
    """
    s = _CONTROL_RE.sub("", _to_str(value))
    s = _LATEX_RE.sub(lambda m: _LATEX_MAP[m.group(0)], s)
    # Straight double quotes would become TeX ligatures; keep them as typed.
    return s.replace('"', r"\textquotedbl{}").replace("\n", " ")


def html_escape(value: object) -> str:
    """Escape any value for HTML text and attributes."""
    return html.escape(_CONTROL_RE.sub("", _to_str(value)), quote=True)


def _to_str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.2f}"
    return str(value)


class _Rich:
    """Base for objects with a LaTeX, HTML and plain representation."""

    def _repr_latex_(self) -> str:
        raise NotImplementedError

    def _repr_html_(self) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return re.sub(r"<[^>]+>", "", html.unescape(self._repr_html_()))


class Heading(_Rich):
    """A section heading (level 1–3)."""

    def __init__(self, text: str, level: int = 1) -> None:
        self.text = text
        self.level = level

    def _repr_latex_(self) -> str:
        cmd = {1: "section", 2: "subsection"}.get(self.level, "subsubsection")
        return f"\\{cmd}{{{latex_escape(self.text)}}}"

    def _repr_html_(self) -> str:
        n = self.level + 1
        return f"<h{n}>{html_escape(self.text)}</h{n}>"


class Paragraph(_Rich):
    """A paragraph of plain text; ``style`` is "" , "caption" or "small"."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def _repr_latex_(self) -> str:
        body = latex_escape(self.text)
        if self.style == "caption":
            return f"\\begin{{center}}\\begin{{minipage}}{{0.9\\linewidth}}\\small\\itshape {body}\\end{{minipage}}\\end{{center}}"
        if self.style == "small":
            return f"{{\\small {body}\\par}}"
        return f"{body}\\par"

    def _repr_html_(self) -> str:
        if self.style == "caption":
            return f'<p style="font-style:italic;font-size:90%">{html_escape(self.text)}</p>'
        return f"<p>{html_escape(self.text)}</p>"


class Bullets(_Rich):
    """A bulleted list of plain-text items."""

    def __init__(self, items: Sequence[str]) -> None:
        self.items = list(items)

    def _repr_latex_(self) -> str:
        if not self.items:
            return ""
        inner = "\n".join(f"\\item {latex_escape(i)}" for i in self.items)
        return f"\\begin{{itemize}}\n{inner}\n\\end{{itemize}}"

    def _repr_html_(self) -> str:
        return "<ul>" + "".join(f"<li>{html_escape(i)}</li>" for i in self.items) + "</ul>"


class Quote(_Rich):
    """A quoted sentence with its source line (evidence)."""

    def __init__(self, text: str, cite: str) -> None:
        self.text = text
        self.cite = cite

    def _repr_latex_(self) -> str:
        return (
            f"\\begin{{quote}}\\small {latex_escape(self.text)}\\\\"
            f"{{\\footnotesize\\itshape --- {latex_escape(self.cite)}}}\\end{{quote}}"
        )

    def _repr_html_(self) -> str:
        return (
            f"<blockquote>{html_escape(self.text)}<br>"
            f"<small><i>— {html_escape(self.cite)}</i></small></blockquote>"
        )


class Table(_Rich):
    """A table that fits the page: escaped cells, numbers formatted, long text wrapped.

    Parameters
    ----------
    df : DataFrame
        The rows to show (keep it short: a report table is read, not searched).
    caption : str
        Shown under the table.
    wide : sequence of str
        Columns that hold long text and get a wrapping paragraph column.
    digits : int
        Decimals for floats.
    """

    def __init__(
        self, df: pd.DataFrame, caption: str = "", wide: Sequence[str] = (), digits: int = 2
    ) -> None:
        self.df = df
        self.caption = caption
        self.wide = list(wide)
        self.digits = digits

    def _cell(self, v: object) -> str:
        if isinstance(v, float):
            if math.isnan(v):
                return ""
            return f"{0.0 if abs(v) < 0.5 * 10**-self.digits else v:.{self.digits}f}"
        return _to_str(v)

    def _repr_latex_(self) -> str:
        df = self.df
        if df.empty:
            return f"\\emph{{{latex_escape('(no rows)')}}}\\par"
        n_wide = sum(c in self.wide for c in df.columns)
        narrow = len(df.columns) - n_wide
        wide_w = max(0.18, (0.92 - 0.09 * narrow) / n_wide) if n_wide else 0
        spec = "".join(
            f"p{{{wide_w:.2f}\\linewidth}}"
            if c in self.wide
            else ("r" if pd.api.types.is_numeric_dtype(df[c]) else "l")
            for c in df.columns
        )
        head = " & ".join(f"\\textbf{{{latex_escape(c)}}}" for c in df.columns)
        rows = [
            " & ".join(latex_escape(self._cell(v)) for v in row) + r" \\"
            for row in df.itertuples(index=False)
        ]
        cap = f"{{\\small\\itshape {latex_escape(self.caption)}\\par}}" if self.caption else ""
        return (
            "{\\footnotesize\\setlength{\\tabcolsep}{4pt}\n"
            f"\\begin{{longtable}}{{{spec}}}\n\\toprule\n{head} \\\\\n\\midrule\n\\endhead\n"
            + "\n".join(rows)
            + "\n\\bottomrule\n"
            + "\\end{longtable}}\n"
            + cap
        )

    def _repr_html_(self) -> str:
        shown = self.df.copy()
        for c in shown.columns:
            shown[c] = shown[c].map(self._cell)
        table = shown.to_html(index=False, escape=True, border=0)
        cap = (
            f'<p style="font-style:italic">{html_escape(self.caption)}</p>' if self.caption else ""
        )
        return table + cap


class RawPage(_Rich):
    """A page break in the PDF (nothing in HTML)."""

    def _repr_latex_(self) -> str:
        return "\\clearpage"

    def _repr_html_(self) -> str:
        return "<hr>"
