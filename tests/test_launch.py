"""Launch buttons that tell the truth: every notebook page opens its notebook in Binder and
Colab from the book's repository, and a notebook run where the package is missing installs it
first instead of failing with one ModuleNotFoundError and ten NameErrors."""

from __future__ import annotations

import builtins
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from coproduction_edu.book_config import repository_url
from coproduction_edu.check import check_repository
from coproduction_edu.notebooks import setup_cell

from .conftest import ROOT, build_book, serve

NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPOSITORY = CONFIG["repository"]["url"]
BRANCH = CONFIG["repository"]["branch"]
PHONE = {"viewport": {"width": 360, "height": 800}, "has_touch": True, "is_mobile": True}


def expected_launch_links(notebook: str) -> dict[str, str]:
    owner_repo = REPOSITORY.removeprefix("https://github.com/")
    path = f"exercises/{notebook}.ipynb"
    return {
        "Binder": f"https://mybinder.org/v2/gh/{owner_repo}/{BRANCH}?urlpath=lab/tree/{path}",
        "Colab": f"https://colab.research.google.com/github/{owner_repo}/blob/{BRANCH}/{path}",
    }


@pytest.mark.book
@pytest.mark.parametrize("notebook", [p.stem for p in NOTEBOOKS])
def test_a_phone_reader_taps_launch_and_reaches_the_notebook(
        notebook: str, built_html: Path, browser: Any) -> None:
    """Tap the visible launch button at 360 px: Binder and Colab open this notebook."""
    expected = expected_launch_links(notebook)
    with serve(built_html) as base:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(f"{base}/exercises/{notebook}.html")
        button = page.locator(".dropdown-launch-buttons > button")
        assert button.is_visible()
        button.tap()
        for name, href in expected.items():
            link = page.get_by_role("link", name=re.compile(name, re.I)).first
            link.wait_for(state="visible")
            assert link.get_attribute("href") == href, name
        context.close()


@pytest.mark.book
def test_pages_that_are_not_notebooks_have_no_launch_buttons(built_html: Path) -> None:
    page = (built_html / "book/units/05-consent-after-montgomery/index.html").read_text()
    assert "mybinder.org" not in page and "colab.research.google.com" not in page


@pytest.mark.book
def test_a_jupyterhub_address_adds_its_button(book_copy: Path) -> None:
    config = book_copy / "_config.yml"
    config.write_text(config.read_text().replace('jupyterhub_url: ""',
                                                 "jupyterhub_url: https://hub.example.ac.uk"))
    result = build_book(book_copy, book_copy)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    page = (book_copy / "_build/html/exercises/03-three-keys.html").read_text()
    name = REPOSITORY.rsplit("/", 1)[1]
    hub = (f"https://hub.example.ac.uk/hub/user-redirect/git-pull?repo="
           f"{quote(REPOSITORY, safe='/')}&urlpath=lab/tree/{name}/exercises/03-three-keys.ipynb"
           f"&branch={BRANCH}")
    assert f'href="{hub}"' in page, "no JupyterHub link to this notebook"


class _Shell:
    """What a notebook's ``%pip`` line calls, recorded instead of installing."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def run_line_magic(self, name: str, line: str) -> None:
        self.calls.append((name, line))


def _run_setup_cell(platform: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Run the committed set-up cell where ``import coproduction_edu`` fails the first time."""
    from IPython.core.inputtransformer2 import TransformerManager

    cell = "".join(json.loads(NOTEBOOKS[0].read_text())["cells"][1]["source"])
    code = TransformerManager().transform_cell(cell)
    shell, attempts = _Shell(), []
    real_import = builtins.__import__

    def import_(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "coproduction_edu":
            attempts.append(name)
            if len(attempts) == 1:
                raise ModuleNotFoundError("No module named 'coproduction_edu'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", import_)
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"get_ipython": lambda: shell}
    exec(compile(code, "<setup cell>", "exec"), namespace)
    assert len(attempts) == 2 and "coproduction_edu" in namespace
    return shell.calls


def test_without_the_package_the_first_cell_installs_it_from_the_repository(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _run_setup_cell("linux", monkeypatch)
    assert calls == [("pip", f'install "coproduction-edu @ git+{REPOSITORY}"')]


def test_in_jupyterlite_the_first_cell_installs_the_sites_own_copy(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run_setup_cell("emscripten", monkeypatch) == [("pip", "install coproduction-edu")]


def test_a_fork_changes_one_setting_and_make_notebooks_follows_it(book_copy: Path) -> None:
    """check names the stale set-up cells; re-running a notebook rewrites its first cell."""
    fork = "https://github.com/example-university/coproduction-edu"
    config = book_copy / "_config.yml"
    config.write_text(config.read_text().replace(REPOSITORY, fork))
    assert repository_url(book_copy) == (fork, [])
    stale = [p for p in check_repository(book_copy) if "set-up cell" in p.message]
    assert len(stale) == len(NOTEBOOKS), stale
    notebook = book_copy / "exercises" / NOTEBOOKS[0].name
    # As `make notebooks` runs it, from the book's folder (and in its own process: the kernel
    # client leaves an asyncio loop behind that would break later browser tests).
    ran = subprocess.run([sys.executable, "-m", "coproduction_edu.execute", str(notebook)],
                         cwd=book_copy, capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, ran.stderr[-2000:]
    first = next(c for c in json.loads(notebook.read_text())["cells"]
                 if c["cell_type"] == "code")
    assert "".join(first["source"]) == setup_cell(fork)
    assert not [p for p in check_repository(book_copy)
                if "set-up cell" in p.message and p.file.endswith(notebook.name)]


def test_binder_installs_the_package_from_the_checkout() -> None:
    post_build = ROOT / "binder" / "postBuild"
    assert post_build.stat().st_mode & 0o111, "postBuild must be executable"
    commands = [line for line in post_build.read_text().splitlines()
                if line and not line.startswith("#")]
    assert "python -m pip install --no-cache-dir ." in commands
