"""The build's shortcuts give the book Sphinx builds without them, byte for byte: the sidebar
from reduced tables of contents, each distinct citation formatted once, fewer garbage
collections."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from coproduction_edu.sphinx.shortcuts import BUILD_GC_THRESHOLD, CONFIG, FewerCollections

from .conftest import build_book


def _built(source: Path, output: Path) -> Path:
    result = build_book(source, output)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return output / "_build" / "html"


@pytest.mark.book
def test_every_page_is_the_same_without_the_shortcuts(book_copy: Path, tmp_path: Path) -> None:
    fast = _built(book_copy, tmp_path / "fast")
    config = book_copy / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  config:\n" in text
    config.write_text(text.replace("\n  config:\n", "\n  config:\n"
                                   f"    {CONFIG}: false\n", 1),
                      encoding="utf-8")
    sphinx_own = _built(book_copy, tmp_path / "sphinx")

    pages = sorted(path.relative_to(fast) for path in fast.rglob("*.html"))
    assert len(pages) > 40
    assert pages == sorted(path.relative_to(sphinx_own) for path in sphinx_own.rglob("*.html"))
    differ = [str(page) for page in pages
              if (fast / page).read_bytes() != (sphinx_own / page).read_bytes()]
    assert differ == []
    # The comparison covers the citations: the same work cited on many pages, each linking
    # to its own page's reference list.
    cited = [page for page in pages if (fast / page).read_text(encoding="utf-8").count(
        'class="bibtex-citation"') > 0]
    assert len(cited) > 20
    # The comparison covers the sidebar: every unit is in it, on every page.
    unit_page = (fast / "book" / "units" / "01-what-coproduction-is" / "index.html").read_text(
        encoding="utf-8")
    nav = unit_page.split('<nav class="bd-links bd-docs-nav"', 1)[1].split("</nav>", 1)[0]
    units = sorted(path.name for path in (book_copy / "book" / "units").glob("[0-9][0-9]-*"))
    assert units[0] == "01-what-coproduction-is"
    assert 'class="current reference internal" href="#"' in nav
    for unit in units[1:]:
        assert f'href="../{unit}/index.html"' in nav


def test_garbage_collection_comes_back_as_it_was_when_the_build_ends() -> None:
    before = gc.get_threshold()
    collections = FewerCollections()
    try:
        collections.start(None, {CONFIG: True})  # type: ignore[arg-type]
        assert gc.get_threshold() == BUILD_GC_THRESHOLD
        assert gc.get_freeze_count() > 0
    finally:
        collections.finish(None, None)  # type: ignore[arg-type]
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_without_the_shortcuts_garbage_collection_is_left_alone() -> None:
    before = gc.get_threshold()
    collections = FewerCollections()
    collections.start(None, {CONFIG: False})  # type: ignore[arg-type]
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    collections.finish(None, None)  # type: ignore[arg-type]
    assert gc.get_threshold() == before
