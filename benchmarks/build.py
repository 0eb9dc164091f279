"""Build figures: clean build, cached rebuild and strict nbval, beside stock Jupyter Book 1
books of the same page count built in the same run, at the book's size and at 2 and 4 times it
(the extra pages are generated copies of the real units, their facilitator pages and notebooks),
and beside stock books holding the same words as plain paragraphs. It also prints how much of
each clean build was Python's garbage collector, for ours and for the stock book, and how many
docutils nodes each book's doctrees hold (nearly every step of a build walks them all), beside a
third stock book of common Markdown (paragraphs with inline markup, lists, tables) made to hold
about as many nodes as ours.

Run with ``.venv/bin/python benchmarks/build.py [--repeat N] [--sizes 1 2 4]``. Targets: clean
build at most 1.0 times the stock book of the same page count, a cached rebuild under 3 s, and
strict nbval of every notebook under 30 s.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coproduction_edu.check import unit_folders  # noqa: E402
from coproduction_edu.toc import load_toc, source_of, toc_entries  # noqa: E402

BIN = Path(sys.executable).parent
SOURCES = ("_config.yml", "_toc.yml", "book", "exercises")


# `jupyter-book build`, as its own command runs it, noting the time Python's garbage collector
# takes; the last line of standard error says how long.
JUPYTER_BOOK_WITH_GC_TIME = """\
import gc, sys, time
spent, started = [0.0], [0.0]
def note(phase, info):
    if phase == "start":
        started[0] = time.perf_counter()
    else:
        spent[0] += time.perf_counter() - started[0]
gc.callbacks.append(note)
sys.argv[0] = "jupyter-book"
from jupyter_book.cli.main import main
try:
    main()
finally:
    print(f"gc-seconds {spent[0]:.3f}", file=sys.stderr)
"""
GC_SECONDS = re.compile(r"^gc-seconds (\d+\.\d+)$", re.M)


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    """Seconds the command took, and its standard error; a failure ends the benchmark."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed, result.stderr


def build(source: Path, strict: bool = True) -> tuple[float, float]:
    """Seconds a `jupyter-book build` took, and the seconds its garbage collections took."""
    flags = ["-W", "-n", "--keep-going"] if strict else []
    elapsed, stderr = timed([sys.executable, "-c", JUPYTER_BOOK_WITH_GC_TIME, "build",
                             str(source), *flags], source)
    found = GC_SECONDS.findall(stderr)
    if not found:
        sys.exit(f"no garbage collection time from the build of {source}")
    return elapsed, float(found[-1])


def copy_book(target: Path, times: int = 1) -> Path:
    """The book's sources, with each unit copied ``times - 1`` more times under new numbers."""
    target.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("_build"))
        else:
            shutil.copy2(source, target / name)
    toc = (target / "_toc.yml").read_text()
    for copy in range(1, times):
        for folder in unit_folders(ROOT):
            toc = _copy_unit(target, folder.name, copy, toc)
    (target / "_toc.yml").write_text(toc)
    return target


def _copy_unit(target: Path, unit: str, copy: int, toc: str) -> str:
    """Copy one unit (page, facilitator page, figures, notebook) as unit ``copy``0+N."""
    number = int(unit[:2]) + 10 * copy
    new = f"{number:02d}{unit[2:]}"
    units = target / "book" / "units"
    shutil.copytree(ROOT / "book" / "units" / unit, units / new)
    for name in ("index.md", "facilitator.md"):  # figure labels are unique across the book
        path = units / new / name
        path.write_text(re.sub(r"\bfig-([a-z0-9-]+)", rf"fig-\1-copy{copy}", path.read_text()))
    page = units / new / "index.md"
    text = page.read_text().replace(f"id: {unit}", f"id: {new}", 1)
    page.write_text(re.sub(r"^  number: \d+$", f"  number: {number}", text, count=1, flags=re.M))
    notebook = ROOT / "exercises" / f"{unit}.ipynb"
    if notebook.is_file():
        shutil.copy2(notebook, target / "exercises" / f"{new}.ipynb")
    for kind in ("index", "facilitator"):
        line = f"  - file: book/units/{unit}/{kind}\n"
        toc = toc.replace(line, line + line.replace(unit, new), 1)
    line = f"  - file: exercises/{unit}\n"
    return toc.replace(line, line + line.replace(unit, new), 1)


PARAGRAPH = ("A paragraph of plain text that stands in for teaching prose. " * 8).strip()
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A section of common Markdown: six paragraphs with inline markup, a list and a table. It makes
# 293 docutils nodes; a page adds about four of its own.
SENTENCE = ("Some *emphasis* and **strong** words with a [link](https://example.org) and `code` "
            "in plain text here. ")
MARKED_UP = (f"{SENTENCE * 2}\n\n" * 6
             + "".join(f"- item *{i}* with **bold** text\n" for i in range(8))
             + "\n| a | b |\n|---|---|\n" + "".join(f"| x{i} | *y* |\n" for i in range(6)))
NODES_PER_SECTION = 293


def stock_book(target: Path, bodies: list[str]) -> Path:
    """A plain Jupyter Book 1 book, default configuration: page ``n`` is ``bodies[n]``."""
    target.mkdir()
    (target / "_config.yml").write_text("title: Stock book\nauthor: Benchmark\n")
    chapters = "".join(f"- file: page{n}\n" for n in range(1, len(bodies)))
    (target / "_toc.yml").write_text(f"format: jb-book\nroot: page0\nchapters:\n{chapters}")
    for n, body in enumerate(bodies):
        (target / f"page{n}.md").write_text(f"# Page {n}\n\n{body}")
    return target


def plain_pages(pages: int) -> list[str]:
    """Six paragraphs of one repeated sentence on each page: the target's stock book."""
    sections = "".join(f"## Section {s}\n\n{PARAGRAPH}\n\n" for s in range(1, 6))
    return [f"{PARAGRAPH}\n\n{sections}"] * pages


def text_pages(texts: list[list[str]]) -> list[str]:
    """Page ``n`` holds the words of ``texts[n]`` as plain paragraphs of 80 words, with a
    heading every six paragraphs: the same text as the book's page, with none of its markup."""
    bodies = []
    for words in texts:
        words = words or ["Empty"]
        paragraphs = [" ".join(words[i:i + 80]) for i in range(0, len(words), 80)]
        bodies.append("".join(("" if i % 6 else f"## Section {i // 6 + 1}\n\n") + f"{text}\n\n"
                              for i, text in enumerate(paragraphs)))
    return bodies


def marked_up_pages(pages: int, nodes: int) -> list[str]:
    """Sections of common Markdown, shared out over the pages, to make about ``nodes`` nodes:
    as much for docutils and Sphinx to walk as the book, with no extension."""
    sections = max(round(nodes / NODES_PER_SECTION), pages)
    return ["".join(f"## Section {s}\n\n{MARKED_UP}\n" for s in
                    range(sections // pages + (n < sections % pages))) for n in range(pages)]


def page_words(book: Path) -> list[list[str]]:
    """The words of each page of the book, in the order of its table of contents: Markdown
    pages whole, notebooks' cells (not their outputs)."""
    texts = []
    for entry in toc_entries(load_toc(book)):
        path = source_of(book, entry.docname)
        text = path.read_text(encoding="utf-8") if path else ""
        if path and path.suffix == ".ipynb":
            text = "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"])
        texts.append(WORD.findall(text))
    return texts


def pages_of(book: Path) -> int:
    return len(list(toc_entries(load_toc(book))))


def doctree_nodes(book: Path) -> int:
    """Docutils nodes in the built book's doctrees: what most of a build's steps walk."""
    total = 0
    for path in (book / "_build" / ".doctrees").rglob("*.doctree"):
        with path.open("rb") as file:
            total += sum(1 for _ in pickle.load(file).findall())  # the build's own pickles
    return total


class Row(NamedTuple):
    """One size's medians."""

    size: int
    pages: int
    words: int
    nodes: tuple[int, int, int, int]  # ours, stock, the same text, about the same nodes
    clean: float
    cached: float
    stock: float
    same: float
    dense: float
    clean_gc: float
    stock_gc: float


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4],
                        help="sizes of the book to build, as multiples of its units")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            clean, cached, stock, same, dense, clean_gc, stock_gc = [], [], [], [], [], [], []
            for run in range(args.repeat):
                ours = copy_book(Path(tmp) / f"ours{size}-{run}", size)
                pages = pages_of(ours)
                seconds, collecting = build(ours)
                clean.append(seconds)
                clean_gc.append(collecting)
                cached.append(build(ours)[0])
                plain = stock_book(Path(tmp) / f"stock{size}-{run}", plain_pages(pages))
                seconds, collecting = build(plain, strict=False)
                stock.append(seconds)
                stock_gc.append(collecting)
                texts = page_words(ours)
                text = stock_book(Path(tmp) / f"text{size}-{run}", text_pages(texts))
                same.append(build(text, strict=False)[0])
                nodes = doctree_nodes(ours)
                marked = stock_book(Path(tmp) / f"marked{size}-{run}",
                                    marked_up_pages(pages, nodes))
                dense.append(build(marked, strict=False)[0])
            rows.append(Row(size, pages, sum(len(words) for words in texts),
                            (nodes, *map(doctree_nodes, (plain, text, marked))),
                            *map(statistics.median, (clean, cached, stock, same, dense,
                                                     clean_gc, stock_gc))))
        nbval = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                       "--nbval", "exercises"], ROOT)[0]
    print(f"clean and cached builds, median of {args.repeat} (targets: ratio <= 1.00 at "
          "every size, cached < 3 s)")
    print("The stock book has the same page count (the target's measure); a second stock book")
    print("has the same pages' words as plain paragraphs, to show what the project itself adds.")
    print("| size | pages | words | clean (s) | cached (s) | stock clean (s) | ours / stock "
          "| stock, same text (s) | ours / same text |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row.size}x | {row.pages} | {row.words:,} | {row.clean:.2f} | "
              f"{row.cached:.2f} | {row.stock:.2f} | {row.clean / row.stock:.2f} | "
              f"{row.same:.2f} | {row.clean / row.same:.2f} |")
    print("\nof which Python's garbage collector (clean builds, median):")
    print("| size | ours (s) | share of ours | stock (s) | share of stock |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row.size}x | {row.clean_gc:.2f} | {row.clean_gc / row.clean:.0%} | "
              f"{row.stock_gc:.2f} | {row.stock_gc / row.stock:.0%} |")
    print("\ndocutils nodes in the doctrees (most build steps walk every one), and a third stock")
    print("book of common Markdown with about as many nodes as ours:")
    print("| size | ours | stock | stock, same text | stock, marked up | marked-up clean (s) "
          "| ours / marked up |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row.size}x | {row.nodes[0]:,} | {row.nodes[1]:,} | {row.nodes[2]:,} | "
              f"{row.nodes[3]:,} | {row.dense:.2f} | {row.clean / row.dense:.2f} |")
    notebooks = len(list((ROOT / "exercises").glob("*.ipynb")))
    print(f"strict nbval of all {notebooks} notebooks (pytest --nbval exercises): {nbval:.2f} s "
          "(target < 30 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
