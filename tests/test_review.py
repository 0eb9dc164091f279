"""Review without GitHub, as a reviewer and a maintainer meet it: a review pack opened from
``file://`` with nothing reachable, commented on, reloaded, opened in a second tab and saved;
then ``coproduction-edu review-import`` of that very file, of tampered and malformed copies and
of a name given without consent; and the pages that offer the packs and credit people."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from coproduction_edu.check import unit_folders
from coproduction_edu.cli import main
from coproduction_edu.frontmatter import split_front_matter
from coproduction_edu.review.record import canonical, checksum, questions

from .conftest import ROOT, build_book

pytestmark = pytest.mark.book
UNITS = [folder.name for folder in unit_folders(ROOT)]
UNIT = "03-three-keys"
HOSTILE = ('A <script>alert("x")</script> & [link](javascript:alert(1)) **bold** # head\n'
           '- item ✓ 😀 “quotes” \\ \u2028')
NAME = 'Sam <img src=x onerror=alert(1)> "Carer" & co'


def _contributors(root: Path, unit: str) -> list[dict]:
    source = (root / "book" / "units" / unit / "index.md").read_text(encoding="utf-8")
    return yaml.safe_load(split_front_matter(source).text)["unit"]["coproduction"]["contributors"]


def _snapshot(root: Path) -> dict[str, str]:
    """Every file an import may touch, by path, with a hash of its bytes."""
    paths = [*root.glob("book/units/*/index.md"), *root.glob("reviews/**/*")]
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in paths if p.is_file()}


@pytest.fixture(scope="module")
def saved_review(browser, built_html: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A reviewer's session: open the pack from a memory stick, comment, reload, save."""
    folder = tmp_path_factory.mktemp("stick")
    pack = folder / f"review-pack-{UNIT}.html"
    shutil.copy2(built_html / "review-packs" / f"{UNIT}.html", pack)
    context = browser.new_context(viewport={"width": 360, "height": 800}, accept_downloads=True)
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(pack.as_uri())
    buttons = page.get_by_role("button", name=re.compile(r"^Comment on:"))
    assert buttons.count() > 50
    excerpts = []
    for index in (0, 5, 12):
        button = buttons.nth(index)
        button.scroll_into_view_if_needed()
        button.click()  # a tap on the visible button opens its box and puts the cursor in it
        assert button.get_attribute("aria-expanded") == "true"
        area = page.locator(f"#{button.get_attribute('aria-controls')} textarea")
        assert area.evaluate("a => a === document.activeElement")
        page.keyboard.type(f"Comment {index}: {HOSTILE}")
        excerpts.append(button.inner_text())
    for key in questions():
        page.locator(f"#cpe-q-{key}").fill(f"{key}: {HOSTILE}")
    page.get_by_label("A name I choose").check()
    page.get_by_label("The name you choose").fill(NAME)
    page.get_by_label("I am reviewing as a").select_option("carer")
    page.get_by_label("I agree to be named on the unit").check()
    page.get_by_label("I agree that my comments may be shared").check()
    page.reload()  # nothing is lost on a reload
    assert page.get_by_label("The name you choose").input_value() == NAME
    for key in questions():
        assert page.locator(f"#cpe-q-{key}").input_value() == f"{key}: {HOSTILE}"
    written = page.locator("textarea[data-cpe-comment]")
    kept = [written.nth(i).input_value() for i in range(written.count())]
    assert [text for text in kept if text] == [f"Comment {i}: {HOSTILE}" for i in (0, 5, 12)]
    # A second tab of the same file shows the same review, and what it adds reaches the first.
    other = context.new_page()
    other.goto(pack.as_uri())
    assert other.get_by_label("The name you choose").input_value() == NAME
    other.locator("#cpe-q-missing").fill("missing: from the second tab")
    page.wait_for_function(
        "document.querySelector('#cpe-q-missing').value === 'missing: from the second tab'")
    other.close()
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my review as a file").click()
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    assert re.fullmatch(rf"review-{UNIT}-\d{{4}}-\d{{2}}-\d{{2}}\.json", saved.name)
    status = page.locator("#cpe-review-status").inner_text()
    # The script's own SHA-256, used where the browser has none, agrees with Python's.
    data = json.loads(saved.read_text(encoding="utf-8"))
    fallback = page.evaluate("text => window.cpeReviewSha256(text)",
                             canonical(data["review"]).decode())
    context.close()
    assert errors == []
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
    return {"file": saved, "data": data, "status": status, "fallback": fallback,
            "excerpts": excerpts}


def test_the_saved_file_holds_exactly_what_was_typed(saved_review: dict) -> None:
    review = saved_review["data"]["review"]
    assert saved_review["data"]["sha256"] == checksum(review) == saved_review["fallback"]
    assert [c["text"] for c in review["comments"]] == [
        f"Comment {i}: {HOSTILE}" for i in (0, 5, 12)]
    assert len({c["paragraph"] for c in review["comments"]}) == 3
    assert review["answers"]["missing"] == "missing: from the second tab"
    assert review["answers"]["respect"] == f"respect: {HOSTILE}"
    assert review["credit"] == {"as": "chosen-name", "name": NAME, "role": "carer",
                                "consent_named": True, "consent_publish": True}
    assert saved_review["status"].startswith("Saved as review-")


def test_import_credits_the_reviewer_exactly_as_chosen(saved_review: dict, book_copy: Path,
                                                       capsys) -> None:
    before = _contributors(book_copy, UNIT)
    assert main(["review-import", str(saved_review["file"]), "--root", str(book_copy)]) == 0
    review = saved_review["data"]["review"]
    after = _contributors(book_copy, UNIT)
    assert after[:-1] == before
    assert after[-1] == {"name": NAME, "roles": ["carer-reviewer"], "review": review["id"],
                         "note": f"Reviewed the draft with a review pack saved on "
                                 f"{review['saved'][:10]}."}
    assert main(["check", "--root", str(book_copy)]) == 0
    summary = (book_copy / "reviews" / UNIT / f"{review['id']}.md").read_text(encoding="utf-8")
    # Grouped by paragraph, in the unit's order, and no reviewer text is live Markdown or HTML.
    headings = re.findall(r"^### `(p-[0-9a-f]{8}(?:-\d+)?)`", summary, flags=re.M)
    assert headings == [c["paragraph"] for c in review["comments"]]
    assert "<script>" not in summary and "<img" not in summary
    assert "](javascript" not in summary and "\n- item" not in summary
    assert "may be shared publicly" in summary
    record = json.loads((book_copy / "reviews" / UNIT / f"{review['id']}.json").read_text())
    assert record == saved_review["data"]
    # The same file again: nothing changes, and the maintainer is told so.
    snapshot = _snapshot(book_copy)
    capsys.readouterr()
    assert main(["review-import", str(saved_review["file"]), "--root", str(book_copy)]) == 0
    assert "Already imported" in capsys.readouterr().out
    assert _snapshot(book_copy) == snapshot
    # The unit's status is not moved by a review.
    source = (book_copy / "book" / "units" / UNIT / "index.md").read_text(encoding="utf-8")
    assert "status: draft" in source
    # The name reaches the unit's page and the contributors page as text, never as markup.
    output = book_copy.parent / "built"
    result = build_book(book_copy, output)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    html = output / "_build" / "html"
    for page in (f"book/units/{UNIT}/index.html", "book/contributing/contributors.html"):
        soup = BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("img", src="x") is None
        assert NAME in soup.get_text()


def _signed(review: dict) -> dict:
    return {"review": review, "sha256": checksum(review)}


def _write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _refused(file: Path, root: Path, capsys) -> str:
    before = _snapshot(root)
    capsys.readouterr()
    assert main(["review-import", str(file), "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert _snapshot(root) == before, "a refused import changed a file"
    assert not (root / "reviews").exists()
    assert "Traceback" not in err
    return err


def test_a_tampered_file_changes_nothing_and_says_why(saved_review: dict, book_copy: Path,
                                                      tmp_path: Path, capsys) -> None:
    data = copy.deepcopy(saved_review["data"])
    data["review"]["comments"][0]["text"] = "Something the reviewer never wrote"
    err = _refused(_write(tmp_path, "tampered.json", data), book_copy, capsys)
    assert "changed after it was saved" in err and "tampered.json" in err


def test_a_name_given_without_consent_changes_nothing_and_says_why(
        saved_review: dict, book_copy: Path, tmp_path: Path, capsys) -> None:
    review = copy.deepcopy(saved_review["data"]["review"])
    review["credit"]["consent_named"] = False
    err = _refused(_write(tmp_path, "unconsented.json", _signed(review)), book_copy, capsys)
    assert "did not agree to be named" in err and "nothing was changed" in err


@pytest.mark.parametrize("case", ["not json", "cut short", "wrong role", "unknown unit",
                                  "extra field", "not utf-8", "too big", "deep"])
def test_a_malformed_file_names_the_problem_and_changes_nothing(
        case: str, saved_review: dict, book_copy: Path, tmp_path: Path, capsys) -> None:
    review = copy.deepcopy(saved_review["data"]["review"])
    text = json.dumps(_signed(review))
    expected = {"not json": "is not valid JSON", "cut short": "is not valid JSON",
                "wrong role": "review.credit.role", "unknown unit": "which this book does not",
                "extra field": "review.secret", "not utf-8": "is not UTF-8",
                "too big": "bytes", "deep": "review"}[case]
    path = tmp_path / f"{case}.json"
    if case == "not json":
        path.write_text("Dear maintainers, here is my review.", encoding="utf-8")
    elif case == "cut short":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif case == "not utf-8":
        path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    elif case == "too big":
        path.write_text(" " * 2_100_000 + text, encoding="utf-8")
    elif case == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    else:
        if case == "wrong role":
            review["credit"]["role"] = "nurse"
        elif case == "unknown unit":
            review["unit"] = "42-no-such-unit"
        else:
            review["secret"] = "x"
        path.write_text(json.dumps(_signed(review)), encoding="utf-8")
    err = _refused(path, book_copy, capsys)
    assert expected in err and path.name in err, err
    if case == "wrong role":
        assert "carer" in err and "service-user" in err  # what would be valid


def test_an_anonymous_review_credits_no_name(saved_review: dict, book_copy: Path,
                                             tmp_path: Path) -> None:
    review = copy.deepcopy(saved_review["data"]["review"])
    review["credit"] = {"as": "anonymous", "name": "Real Person", "role": "service-user",
                        "consent_named": False, "consent_publish": False}
    review["id"] = "00000000-0000-4000-8000-000000000000"
    path = _write(tmp_path, "anonymous.json", _signed(review))
    assert main(["review-import", str(path), "--root", str(book_copy)]) == 0
    entry = _contributors(book_copy, UNIT)[-1]
    assert entry["name"] == "Anonymous reviewer" and entry["roles"] == ["service-user-reviewer"]
    summary = (book_copy / "reviews" / UNIT / f"{review['id']}.md").read_text()
    assert "Real Person" not in summary and "Not for publication" in summary
    assert main(["check", "--root", str(book_copy)]) == 0


def test_the_pack_reads_without_javascript(browser, built_html: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto((built_html / "review-packs" / f"{UNIT}.html").as_uri())
    assert "The three keys" in page.locator("h1").inner_text()
    assert page.locator("main p").count() > 20
    assert page.get_by_text("JavaScript is turned off").is_visible()
    assert not page.locator("#cpe-review").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_every_pack_is_self_contained(built_html: Path) -> None:
    for unit in UNITS:
        soup = BeautifulSoup((built_html / "review-packs" / f"{unit}.html").read_text(
            encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"),
                          ("iframe", "src"), ("source", "src")):
            for element in soup.find_all(tag):
                assert not element.get(attr) or element[attr].startswith("data:"), (unit, tag)
        ids = [e["data-cpe-para"] for e in soup.select("[data-cpe-para]")]
        assert len(ids) == len(set(ids)) > 30, unit


def test_the_review_page_links_every_units_pack(built_html: Path) -> None:
    page = built_html / "book" / "contributing" / "review.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = soup.select("ul.cpe-review-packs a[download]")
    assert [Path(a["href"]).stem for a in links] == UNITS
    for link in links:
        target = (page.parent / link["href"]).resolve()
        assert target.is_file()
        size = link.find_next_sibling("span").get_text()
        assert re.fullmatch(r"\(HTML file, [\d,]+ KB\)", size)
        assert int(re.sub(r"\D", "", size)) == round(target.stat().st_size / 1024)
    # Every draft banner sends a reader to this page.
    for unit in UNITS:
        banner = BeautifulSoup((built_html / "book" / "units" / unit / "index.html").read_text(
            encoding="utf-8"), "html.parser").select_one(".cpe-status")
        assert banner.find("a", href="../../contributing/review.html"), unit


def test_the_contributors_page_lists_exactly_the_front_matter(built_html: Path) -> None:
    expected: dict[str, set[int]] = {}
    for unit in UNITS:
        number = int(unit[:2])
        for person in _contributors(ROOT, unit):
            expected.setdefault(person["name"], set()).add(number)
    soup = BeautifulSoup((built_html / "book" / "contributing" / "contributors.html").read_text(
        encoding="utf-8"), "html.parser")
    rows = soup.select("table.cpe-contributor-list tbody tr")
    found = {}
    for row in rows:
        name_cell, work_cell = row.find_all("td")
        numbers = {int(p.get_text().split(".")[0]) for p in work_cell.find_all("p")}
        found[name_cell.get_text(" ", strip=True)] = numbers
    assert found == expected


def test_review_pack_command(built_html: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "packs"
    assert main(["review-pack", UNIT, "--html", str(built_html), "--out", str(out),
                 "--root", str(ROOT)]) == 0
    written = out / f"{UNIT}.html"
    assert f"wrote {written} (" in capsys.readouterr().out
    # The same text gives the same paragraph ids as the pack the build wrote.
    ids = [BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(
        "[data-cpe-para]") for path in (written, built_html / "review-packs" / f"{UNIT}.html")]
    assert [e["data-cpe-para"] for e in ids[0]] == [e["data-cpe-para"] for e in ids[1]]
    assert main(["review-pack", "42-nothing", "--root", str(ROOT)]) == 2
    assert "no unit 42-nothing" in capsys.readouterr().err
    assert main(["review-pack", UNIT, "--html", str(tmp_path / "unbuilt"),
                 "--root", str(ROOT)]) == 2
    assert "build the book first" in capsys.readouterr().err


def test_a_comment_by_keyboard_alone(browser, built_html: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack.html"
    shutil.copy2(built_html / "review-packs" / f"{UNIT}.html", pack)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(pack.as_uri())
    for _ in range(40):  # Tab from the top of the page to the first Comment button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-controls') || ''"):
            break
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("Comment on:")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.evaluate("""() => { window.changes = 0; new MutationObserver(m => {
        window.changes += m.length; }).observe(document.getElementById('cpe-review-status'),
        {childList: true, subtree: true, characterData: true}); }""")
    page.keyboard.type("Typed without a mouse")
    # The status ("Kept in this browser at 10:41.") is read out when it changes, not at each key.
    assert page.evaluate("window.changes") <= 2
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # closes the box again; the comment stays
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    page.reload()
    assert "Typed without a mouse" in page.evaluate(
        "[...document.querySelectorAll('textarea[data-cpe-comment]')].map(t => t.value).join()")
    # The form's controls all have names a screen reader reads out.
    unnamed = page.evaluate("""[...document.querySelectorAll(
        '#cpe-review input, #cpe-review select, #cpe-review textarea')]
        .filter(e => !e.labels || !e.labels.length).length""")
    assert unnamed == 0
    context.close()


def test_a_printed_pack_shows_what_was_written_not_dead_controls(
        browser, built_html: Path, tmp_path: Path) -> None:
    from .pdf import print_pdf, read_pdf

    pack = tmp_path / "pack.html"
    shutil.copy2(built_html / "review-packs" / f"{UNIT}.html", pack)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def write(page) -> None:
        page.get_by_role("button", name=re.compile(r"^Comment on:")).nth(2).click()
        page.keyboard.type("This paragraph reads well to me")
        page.locator("#cpe-q-respect").fill("Mostly, yes")

    printed = read_pdf(print_pdf(page, pack.as_uri(), write))
    context.close()
    assert "The three keys" in printed.text
    assert "Comment: This paragraph reads well to me" in printed.text
    assert "Mostly, yes" in printed.text
    assert questions()["missing"]["label"] in printed.text  # room to answer by hand
    for control in ("Comment on:", "Save my review as a file", "Delete my review"):
        assert control not in printed.text


def test_the_pack_names_the_review_address_set_for_the_book(built_html: Path) -> None:
    from coproduction_edu.review.pack import ReviewPackError, review_pack

    page = review_pack(built_html, UNIT, "reviews@example.ac.uk")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("#cpe-review a[href='mailto:reviews@example.ac.uk']")
    unset = BeautifulSoup(review_pack(built_html, UNIT), "html.parser")
    assert "no review address of its own" in unset.select_one("#cpe-review").get_text()
    for hostile in ('x"><script>alert(1)</script>@example.org', "not an address"):
        with pytest.raises(ReviewPackError, match="is not an email address"):
            review_pack(built_html, UNIT, hostile)


def test_saving_says_what_is_missing_and_where(browser, built_html: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack.html"
    shutil.copy2(built_html / "review-packs" / f"{UNIT}.html", pack)
    context = browser.new_context(viewport={"width": 360, "height": 800}, accept_downloads=True)
    page = context.new_page()
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(pack.as_uri())
    save = page.get_by_role("button", name="Save my review as a file")
    status = page.locator("#cpe-review-status")
    steps = [
        (lambda: None, "nothing to save yet", None),
        (lambda: page.locator("#cpe-q-missing").fill("More on carers"),
         "Choose how you would like to be credited", "cpe-credit-name"),
        (lambda: page.get_by_label("My own name").check(), "Write the name to show",
         "cpe-name"),
        (lambda: page.get_by_label("Your name").fill("Robin"), "Choose the role", "cpe-role"),
        (lambda: page.get_by_label("I am reviewing as a").select_option("service-user"),
         "tick that you agree to be named", "cpe-consent-named"),
    ]
    for act, message, focused in steps:
        act()
        save.click()
        assert message in status.inner_text()
        if focused:
            assert page.evaluate("document.activeElement.id") == focused
    assert downloads == []  # nothing was saved while something was missing
    page.get_by_label("I agree to be named on the unit").check()
    with page.expect_download():
        save.click()
    assert status.inner_text().startswith("Saved as review-")
    # Choosing to be anonymous hides the name and its consent, and the file holds no name.
    page.get_by_label("Anonymously").check()
    assert not page.get_by_label("Your name").is_visible()
    assert not page.get_by_label("I agree to be named on the unit").is_visible()
    with page.expect_download() as download:
        save.click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["review"]["credit"]["name"] == ""
    assert saved["review"]["credit"]["consent_named"] is False
    context.close()
