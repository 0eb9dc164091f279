"""Build figures: clean build, cached rebuild, nbval, page count, and a stock Jupyter Book 1
book of the same size built in the same run for comparison.

Run with ``.venv/bin/python benchmarks/build.py [--repeat N]``. Prints one figure a line.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coproduction_edu.toc import load_toc, toc_entries  # noqa: E402

BIN = Path(sys.executable).parent
SOURCES = ("_config.yml", "_toc.yml", "book", "exercises")


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def build(source: Path, strict: bool = True) -> float:
    flags = ["-W", "-n", "--keep-going"] if strict else []
    return timed([str(BIN / "jupyter-book"), "build", str(source), *flags], source)


def copy_book(target: Path) -> Path:
    target.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("_build"))
        else:
            shutil.copy2(source, target / name)
    return target


def stock_book(target: Path, pages: int) -> Path:
    """A plain Jupyter Book 1 book: default configuration, ``pages`` Markdown pages."""
    target.mkdir()
    (target / "_config.yml").write_text("title: Stock book\nauthor: Benchmark\n")
    chapters = "".join(f"- file: page{n}\n" for n in range(1, pages))
    (target / "_toc.yml").write_text(f"format: jb-book\nroot: page0\nchapters:\n{chapters}")
    paragraph = ("A paragraph of plain text that stands in for teaching prose. " * 8).strip()
    for n in range(pages):
        sections = "".join(f"## Section {s}\n\n{paragraph}\n\n" for s in range(1, 6))
        (target / f"page{n}.md").write_text(f"# Page {n}\n\n{paragraph}\n\n{sections}")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build (median)")
    args = parser.parse_args()
    pages = len(list(toc_entries(load_toc(ROOT))))
    clean, cached, stock = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            ours = copy_book(Path(tmp) / f"ours{run}")
            clean.append(build(ours))
            cached.append(build(ours))
            stock.append(build(stock_book(Path(tmp) / f"stock{run}", pages), strict=False))
        nbval = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                       "--nbval", "exercises"], ROOT)
    ours_clean, stock_clean = statistics.median(clean), statistics.median(stock)
    print(f"pages in the book (toc entries):  {pages}")
    print(f"clean build (median of {args.repeat}):       {ours_clean:.2f} s")
    print(f"cached rebuild (median of {args.repeat}):    {statistics.median(cached):.2f} s")
    print(f"nbval on exercises/:              {nbval:.2f} s")
    print(f"stock JB1 book, {pages} pages, clean: {stock_clean:.2f} s")
    print(f"ratio ours / stock (clean build): {ours_clean / stock_clean:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
