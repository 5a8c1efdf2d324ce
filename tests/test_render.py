"""Report display objects escape everything they show."""

import pandas as pd

from toolkit._render import Bullets, Heading, Paragraph, Quote, Table, latex_escape

HOSTILE = r"\input{/etc/passwd} \write18{rm -rf /} $x^2$ 100% & #1 _a_ ~ {}"


def test_latex_escape_neutralises_every_special_character():
    out = latex_escape(HOSTILE)
    assert "\\input" not in out and "\\write18" not in out
    for ch in "$%&#_":
        assert f"\\{ch}" in out
    # every backslash left is one we introduced as an escape command
    assert out.count("\\textbackslash{}") == 2
    assert latex_escape('say "no"') == r"say \textquotedbl{}no\textquotedbl{}"
    assert latex_escape(float("nan")) == ""


def test_latex_escape_keeps_other_scripts():
    s = "Արցախ / Карабах / Qarabağ"
    assert latex_escape(s) == s


def test_objects_escape_in_latex_and_html():
    for obj in (Heading(HOSTILE), Paragraph(HOSTILE), Bullets([HOSTILE]), Quote(HOSTILE, HOSTILE)):
        assert "\\input{" not in obj._repr_latex_()
        assert "<script>" not in Paragraph("<script>alert(1)</script>")._repr_html_()
        assert "&lt;script&gt;" in Paragraph("<script>alert(1)</script>")._repr_html_()


def test_table_fits_and_escapes():
    df = pd.DataFrame(
        {"source": ["A&B", "C_D"], "sentiment": [0.123, float("nan")], "sentence": ["$", "x"]}
    )
    tex = Table(df, caption="50% cap", wide=["sentence"])._repr_latex_()
    assert "longtable" in tex and r"A\&B" in tex and r"C\_D" in tex and "0.12" in tex
    assert r"50\% cap" in tex and "p{" in tex
    html = Table(df)._repr_html_()
    assert "A&amp;B" in html
    assert "(no rows)" in Table(df.iloc[:0])._repr_latex_()
