"""The ``{question-bank}`` directive: every unit's quiz and classify activities with their
answers and reasons, drawn from the exercise data, for formative use; and the same questions
as a Moodle GIFT file, ``question-bank.gift``, written beside the built book.

Text reaches the page as docutils text nodes, which Sphinx escapes: one path, no markup from
content. The page is rebuilt when any unit's exercise file changes.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..check import content_folder, unit_folders
from ..engine.base import Exercise
from ..engine.markdown import plain
from ..export.gift import EXPORTED, gift_bank
from ..units import check_unit_source
from .edition import is_student_edition
from .outputs import package_files, up_to_date

GIFT_FILE = "question-bank.gift"


def _units(root: Path) -> list[tuple[str, str, list[Exercise]]]:
    """(unit id, "Unit N: title", its exported exercises) for each unit of the book."""
    from ..engine.content import exercises

    found = []
    for folder in unit_folders(root):
        page = folder / "index.md"
        checked = check_unit_source(page.read_text(encoding="utf-8", errors="replace"),
                                    str(page), folder.name)  # its problems are the build's
        unit = checked.unit or {}
        label = f"Unit {unit.get('number', '?')}: {unit.get('title', folder.name)}"
        try:
            exported = [e for e in exercises(folder.name) if e.type in EXPORTED]
        except (LookupError, ValueError):  # broken content: its activities say so, by line
            exported = []
        found.append((folder.name, label, exported))
    return found


def _text(text: str) -> nodes.Text:
    return nodes.Text(plain(text))


def _question(exercise: Exercise) -> nodes.list_item:
    item = nodes.list_item()
    item += nodes.paragraph("", "", nodes.strong("", exercise.title))
    if exercise.prompt:
        item += nodes.paragraph("", "", _text(exercise.prompt))
    answers = nodes.bullet_list()
    if exercise.type == "quiz":
        for option in exercise.data["options"]:
            mark = "Right" if option.get("correct") else "Not right"
            answers += nodes.list_item("", nodes.paragraph(
                "", "", nodes.strong("", f"{mark}: "), _text(option["text"]),
                nodes.Text(" "), nodes.emphasis("", plain(option.get("feedback", "")))))
    else:
        labels = {c["id"]: c["label"] for c in exercise.data["categories"]}
        for statement in exercise.data["statements"]:
            answers += nodes.list_item("", nodes.paragraph(
                "", "", _text(statement["text"]), nodes.Text(" "),
                nodes.strong("", f"{plain(labels[statement['category']])}. "),
                nodes.emphasis("", plain(statement["reason"]))))
    item += answers
    return item


class QuestionBank(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        root = Path(self.env.srcdir)
        folder = content_folder(root)
        for path in sorted(folder.glob("*.yaml")):
            self.env.note_dependency(str(path))
        result: list[nodes.Node] = []
        link = posixpath.relpath(GIFT_FILE, posixpath.dirname(self.env.docname) or ".")
        result.append(nodes.paragraph("", "", nodes.Text("The same questions as a Moodle "
                                                         "question bank: "),
                                      nodes.reference("", GIFT_FILE, refuri=link),
                                      nodes.Text(" (GIFT format, one category per unit).")))
        for _, label, exported in _units(root):
            if not exported:
                continue
            result.append(nodes.rubric("", label))
            questions = nodes.enumerated_list(classes=["cpe-question-bank"])
            for exercise in exported:
                questions += _question(exercise)
            result.append(questions)
        return result


def write_gift(app: Sphinx, exception: Exception | None) -> None:
    """Beside the built book, the bank the page links to (not in the student edition)."""
    if exception is not None or app.builder.format != "html" or is_student_edition(app):
        return
    root, target = Path(app.srcdir), Path(app.outdir) / GIFT_FILE
    sources = [*content_folder(root).glob("*.yaml"),
               *(folder / "index.md" for folder in unit_folders(root)),
               *package_files("export/gift.py", "sphinx/question_bank.py")]
    if up_to_date(target, sources):
        return
    units = [(unit, exported) for unit, _, exported in _units(root)]
    target.write_text(gift_bank(units), encoding="utf-8")


def setup_question_bank(app: Sphinx) -> None:
    app.add_directive("question-bank", QuestionBank)
    app.connect("build-finished", write_gift)
