"""The notebooks stay thin, clean and teachable.

Notebooks are narrative plus short calls into ``toolkit`` (DESIGN.md): anything longer belongs
in the library. They are committed without outputs, and the lesson and its solutions keep the
same exercises. Running them is done by ``pytest --nbmake notebooks/`` (CI), not here.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSON = NOTEBOOKS / "03-lesson-framing.ipynb"
SOLUTIONS = NOTEBOOKS / "03-lesson-framing-solutions.ipynb"
EXPECTED = [
    "01-quickstart.ipynb",
    "02-compare-sources.ipynb",
    "03-lesson-framing.ipynb",
    "03-lesson-framing-solutions.ipynb",
]
MAX_LINES = 5
#: Cells allowed to exceed MAX_LINES: {(notebook name, cell id): reason}. Keep it empty.
LONG_CELLS: dict[tuple[str, str], str] = {}
ALLOWED_IMPORTS = {"toolkit", "pandas", "matplotlib"}
EXERCISE_HEADING = re.compile(r"^###\s+Exercise\b.*$", re.MULTILINE)


def _paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _code_lines(cell: dict) -> list[str]:
    return [ln for ln in _source(cell).splitlines() if ln.strip()]


def _tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _sections(nb: dict) -> dict[str, list[dict]]:
    """Cells of each exercise: from its heading up to the next markdown cell with a heading."""
    sections: dict[str, list[dict]] = {}
    current: list[dict] | None = None
    for cell in nb["cells"]:
        src = _source(cell)
        if cell["cell_type"] == "markdown":
            heading = EXERCISE_HEADING.search(src)
            if heading:
                current = sections.setdefault(heading.group(0).strip(), [])
                continue
            if re.match(r"^#{1,3}\s", src.lstrip()):
                current = None
                continue
        if current is not None:
            current.append(cell)
    return sections


notebook_ids = [p.name for p in _paths()]


def test_expected_notebooks_exist():
    assert sorted(p.name for p in _paths()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", notebook_ids)
def test_committed_without_outputs(name):
    nb = _load(NOTEBOOKS / name)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{name}: cell {cell.get('id')} has outputs"
            assert cell.get("execution_count") is None, f"{name}: cell {cell.get('id')} ran"


@pytest.mark.parametrize("name", notebook_ids)
def test_kernel_is_python3(name):
    assert _load(NOTEBOOKS / name)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", notebook_ids)
def test_starts_with_markdown_title(name):
    first = _load(NOTEBOOKS / name)["cells"][0]
    assert first["cell_type"] == "markdown"
    assert _source(first).lstrip().startswith("# "), f"{name}: first cell is not a title"


@pytest.mark.parametrize("name", notebook_ids)
def test_code_cells_are_short(name):
    nb = _load(NOTEBOOKS / name)
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or (name, cell.get("id")) in LONG_CELLS:
            continue
        n = len(_code_lines(cell))
        assert n <= MAX_LINES, (
            f"{name}: cell {cell.get('id')} has {n} lines (max {MAX_LINES}); "
            "move the logic into toolkit and call it"
        )


@pytest.mark.parametrize("name", notebook_ids)
def test_imports_only_toolkit_pandas_matplotlib(name):
    nb = _load(NOTEBOOKS / name)
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or not _source(cell).strip():
            continue
        tree = ast.parse(_source(cell))  # also proves every cell is valid Python
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert roots <= ALLOWED_IMPORTS, f"{name}: imports {roots - ALLOWED_IMPORTS}"


@pytest.mark.parametrize("name", notebook_ids)
def test_parameters_cell_paths_exist(name):
    """One cell is tagged `parameters` (for papermill) and its relative paths resolve."""
    nb = _load(NOTEBOOKS / name)
    params = [c for c in nb["cells"] if "parameters" in _tags(c)]
    assert len(params) == 1, f"{name}: expected one cell tagged 'parameters'"
    for cell in params:
        for node in ast.walk(ast.parse(_source(cell))):
            value = getattr(node, "value", None)
            if isinstance(node, ast.Constant) and str(value).startswith(("./", "../")):
                assert (NOTEBOOKS / node.value).exists(), f"{name}: {node.value} not found"


def test_lesson_and_solutions_have_the_same_exercises():
    lesson, solutions = _sections(_load(LESSON)), _sections(_load(SOLUTIONS))
    assert len(lesson) >= 5, f"the lesson has {len(lesson)} exercises; it needs at least 5"
    assert list(lesson) == list(solutions), (
        "the exercise headings differ between lesson and solutions"
    )


def test_lesson_exercise_cells_are_empty():
    nb = _load(LESSON)
    for heading, cells in _sections(nb).items():
        exercise = [c for c in cells if "exercise" in _tags(c)]
        assert len(exercise) == 1, f"{heading}: needs exactly one cell tagged 'exercise'"
        assert not _source(exercise[0]).strip(), f"{heading}: the exercise cell is not empty"
    empty = [c for c in nb["cells"] if c["cell_type"] == "code" and not _source(c).strip()]
    assert all("exercise" in _tags(c) for c in empty), "an empty code cell is not an exercise"


def test_solutions_fill_every_exercise():
    nb = _load(SOLUTIONS)
    for heading, cells in _sections(nb).items():
        filled = [c for c in cells if "solution" in _tags(c) and _source(c).strip()]
        assert filled, f"{heading}: no filled cell tagged 'solution'"
        notes = [c for c in cells if c["cell_type"] == "markdown"]
        assert notes, f"{heading}: the solution has no explanation"
    assert not [c for c in nb["cells"] if c["cell_type"] == "code" and not _source(c).strip()]


def test_lesson_has_teacher_sections():
    text = "\n".join(_source(c) for c in _load(LESSON)["cells"] if c["cell_type"] == "markdown")
    for needed in ("Learning goals", "Timing plan", "Discussion", "note for teachers"):
        assert needed.lower() in text.lower(), f"the lesson has no '{needed}' section"
    assert "fictional" in text.lower()


def test_readme_lists_every_notebook():
    readme = (NOTEBOOKS / "README.md").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert name in readme, f"notebooks/README.md does not mention {name}"
