"""Figures for each teaching unit, as the unit standard counts them: words of teaching text,
its Flesch-Kincaid grade, activities by type (in the page and in the notebook only), references
cited and figures.

Run with ``.venv/bin/python benchmarks/units.py [NN-slug ...]``. The teaching text is the page's
prose without its front matter, directive blocks (activities, figures), comments, the
Discussion, Key points and References sections. Targets (``../shared/UNIT-STANDARD.md``):
2,500 to 4,000 words, grade about 8 to 10, at least 4 activities in the page of at least 3
types, at least 8 references and at least one figure.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coproduction_edu.check import content_folder, unit_folders  # noqa: E402
from coproduction_edu.frontmatter import split_front_matter  # noqa: E402
from coproduction_edu.sourcemap import load_checked  # noqa: E402

NOT_TEACHING = ("discussion", "key points", "references")
ACTIVITY = re.compile(r"^:::\{activity\}\s+([a-z0-9-]+)/([a-z0-9-]+)", re.M)
CALL = re.compile(r'exercise\(\\?"([a-z0-9-]+)/([a-z0-9-]+)\\?"\)')
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
FIGURE = re.compile(r"^:::\{figure\}", re.M)


def teaching_text(body: str) -> str:
    """The prose a student reads as teaching, as plain text."""
    kept: list[str] = []
    skipping_section = False
    depth = 0
    for line in body.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*)", line)
        if heading and depth == 0:
            skipping_section = heading.group(2).strip().lower() in NOT_TEACHING
            continue
        fence = re.match(r"^(:::+)(\{[^}]+\})?", line.strip())
        if fence:
            opening = fence.group(2)
            if opening and not opening.startswith("{admonition") and opening != "{note}":
                depth += 1
            elif not opening and depth:
                depth -= 1
            continue
        if skipping_section or depth or line.startswith(("%", ":")):
            continue
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"\{cite(?::[a-z]+)?\}`[^`]+`", "", text)
    text = re.sub(r"\{[a-z:]+\}`([^`<]+?)\s*(?:<[^>]+>)?`", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"[*_`>|#]", " ", text)
    return text


def syllables(word: str) -> int:
    """A simple English syllable count: vowel groups, less a silent final e."""
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def readability(text: str) -> tuple[int, float]:
    """Word count and Flesch-Kincaid grade of ``text``."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    sentences = sum(max(len(re.findall(r"[.!?:;](?:\s|$)", p)), 1) for p in paragraphs)
    if not words:
        return 0, 0.0
    grade = (0.39 * len(words) / sentences
             + 11.8 * sum(syllables(w) for w in words) / len(words) - 15.59)
    return len(words), grade


def unit_figures(folder: Path) -> dict[str, object]:
    """The figures for one unit folder."""
    unit = folder.name
    page = (folder / "index.md").read_text(encoding="utf-8")
    split = split_front_matter(page)
    body = "\n".join(page.splitlines()[split.end_line:]) if split else page
    words, grade = readability(teaching_text(body))
    content = content_folder(ROOT) / f"{unit}.yaml"
    types: dict[str, str] = {}
    if content.is_file():
        data = load_checked(content.read_text(encoding="utf-8")) or {}
        types = {e.get("id"): e.get("type") for e in data.get("exercises", [])}
    in_page = [i for u, i in ACTIVITY.findall(body) if u == unit]
    notebook = ROOT / "exercises" / f"{unit}.ipynb"
    in_notebook = []
    if notebook.is_file():
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        sources = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        in_notebook = [i for u, i in CALL.findall(json.dumps(sources)) if u == unit]
    keys = {k.strip() for group in CITE.findall(body) for k in group.split(",")}
    return {
        "unit": unit, "words": words, "grade": round(grade, 1),
        "page": Counter(types.get(i, "?") for i in in_page),
        "notebook_only": Counter(types.get(i, "?") for i in in_notebook if i not in in_page),
        "references": len(keys), "figures": len(FIGURE.findall(body)),
    }


def main(argv: list[str]) -> None:
    folders = [f for f in unit_folders(ROOT) if not argv or f.name in argv]
    print("| unit | words | FK grade | activities in page | notebook only | references | figures |")
    print("|---|---|---|---|---|---|---|")
    for folder in folders:
        f = unit_figures(folder)
        page = ", ".join(f"{n} {t}" for t, n in sorted(f["page"].items()))
        extra = ", ".join(f"{n} {t}" for t, n in sorted(f["notebook_only"].items())) or "none"
        print(f"| {f['unit']} | {f['words']:,} | {f['grade']} | {sum(f['page'].values())}: "
              f"{page} | {extra} | {f['references']} | {f['figures']} |")


if __name__ == "__main__":
    main(sys.argv[1:])
