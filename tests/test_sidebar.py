"""The sidebar built from reduced tables of contents is the sidebar Sphinx builds itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import build_book

pytestmark = pytest.mark.book


def _built(source: Path, output: Path) -> Path:
    result = build_book(source, output)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return output / "_build" / "html"


def test_every_page_is_the_same_with_sphinx_building_the_sidebar(
        book_copy: Path, tmp_path: Path) -> None:
    fast = _built(book_copy, tmp_path / "fast")
    config = book_copy / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  config:\n" in text
    config.write_text(text.replace("\n  config:\n", "\n  config:\n"
                                   "    coproduction_titles_only_sidebar: false\n", 1),
                      encoding="utf-8")
    sphinx_own = _built(book_copy, tmp_path / "sphinx")

    pages = sorted(path.relative_to(fast) for path in fast.rglob("*.html"))
    assert len(pages) > 40
    assert pages == sorted(path.relative_to(sphinx_own) for path in sphinx_own.rglob("*.html"))
    differ = [str(page) for page in pages
              if (fast / page).read_bytes() != (sphinx_own / page).read_bytes()]
    assert differ == []
    # The comparison covers the sidebar: every unit is in it, on every page.
    unit_page = (fast / "book" / "units" / "01-what-coproduction-is" / "index.html").read_text(
        encoding="utf-8")
    nav = unit_page.split('<nav class="bd-links bd-docs-nav"', 1)[1].split("</nav>", 1)[0]
    units = sorted(path.name for path in (book_copy / "book" / "units").glob("[0-9][0-9]-*"))
    assert units[0] == "01-what-coproduction-is"
    assert 'class="current reference internal" href="#"' in nav
    for unit in units[1:]:
        assert f'href="../{unit}/index.html"' in nav
