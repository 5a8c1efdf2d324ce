"""The one-command report: builds, contains the sections, survives hostile article text."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.report import build_report

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
needs_tex = pytest.mark.skipif(
    not (shutil.which("xelatex") and shutil.which("pdftotext")),
    reason="xelatex/pdftotext not installed (run `make test`, which installs them)",
)


def _pdftext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    # only used by tests marked needs_tex, which skip without xelatex/pdftotext.
    # Built as a user would run it (not in CI), where progress bars are on by default.
    out = tmp_path_factory.mktemp("report") / "sample-report.pdf"
    ci = os.environ.pop("CI", None)
    try:
        return build_report(out=out, title="Sample & friends: 100% $afe")
    finally:
        if ci is not None:
            os.environ["CI"] = ci


@needs_tex
def test_sample_report_has_every_section(sample_pdf):
    text = _pdftext(sample_pdf)
    for heading in (
        "Sample & friends: 100% $afe",
        "Summary",
        "Sentiment towards actors",
        "Names chosen",
        "Who does harm",
        "Whose voice is heard",
        "Loaded language",
        "Distinctive words",
        "Evidence",
        "Methods and limits",
    ):
        assert heading in text, heading
    assert "import toolkit" not in text and "R.chart" not in text  # no code in the PDF
    assert "analyze:" not in text and "doc/s" not in text  # no progress bar in the PDF
    pages = int(
        subprocess.run(["pdfinfo", str(sample_pdf)], capture_output=True, text=True)
        .stdout.split("Pages:")[1]
        .split()[0]
    )
    assert 5 <= pages <= 40


@needs_tex
def test_hostile_article_text_cannot_break_or_take_over_the_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    hostile = (
        "Hostile \\input{/etc/passwd} and \\write18{touch PWNED} $ % & # _ { } ~ ^ \\\n\n"
        "by Evil Outlet\n\n"
        "Valdoria said \\input{/etc/passwd} costs 100% & more $5 #1 a_b {x} ~y ^z. "
        "Kestria attacked Valdoria near Արցախ, Карабах and Qarabağ. "
        "“The \\write18{touch PWNED} attack was a war crime,” said Valdoria.\n\n"
        "<script>alert(1)</script> Kestria denied it.\n"
    )
    (corpus / "hostile.txt").write_text(hostile, encoding="utf-8")
    out = build_report(corpus, out=tmp_path / "h.pdf", title="\\input{/etc/passwd} 50% $")
    text = _pdftext(out)
    assert "root:x:0:0" not in text
    assert "\\input{/etc/passwd} 50% $" in text
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()
    assert "Qarabağ" in text or "Kestria" in text


def test_html_report_escapes_script(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Title <script>alert(1)</script>\n\nby Outlet <b>\n\nValdoria attacked Kestria. "
        "Kestria condemned Valdoria.\n",
        encoding="utf-8",
    )
    out = build_report(corpus, out=tmp_path / "r.html", title="<script>x</script>")
    html = out.read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


@needs_tex
def test_karabakh_report_on_real_coverage(tmp_path):
    src = SHARED / "data" / "allsides" / "topic_turkey_russia_caucasus.jsonl"
    if not src.exists():
        pytest.skip("../shared/data not present")
    out = build_report(
        src,
        out=tmp_path / "karabakh.pdf",
        actors="karabakh",
        naming="karabakh",
        title="Turkey, Russia and the Caucasus in US media",
    )
    text = _pdftext(out)
    for word in ("Turkey", "Russia", "Armenia", "NATO", "Evidence", "Methods and limits"):
        assert word in text
    # keep a copy for people to look at
    (ROOT / "reports").mkdir(exist_ok=True)
    shutil.copy(out, ROOT / "reports" / "karabakh-report.pdf")


def test_evidence_quotes_an_excerpt_of_very_long_sentences():
    from toolkit.report import _excerpt

    long = "Afghanistan Albania Algeria " * 40 + "Turkey blocked the deal. " + "Zambia " * 80
    e = _excerpt(long, "Turkey")
    assert "Turkey blocked the deal." in e and e.startswith("…") and e.endswith("…")
    assert len(e) <= 402
    assert _excerpt("Turkey blocked it.", "Turkey") == "Turkey blocked it."
